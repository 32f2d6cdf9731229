"""Before the app starts on Linux: are the system libraries Qt's platform plugin needs there?

Without them Qt stops with "no Qt platform plugin could be initialized" and no hint of what is
missing. `make run` calls `python -m csplanner.qt_libs`, which asks `ldd` about the X11 (xcb)
plugin (and first the Wayland one in a Wayland session) and prints one line naming the Debian
packages to install. Qt itself is never imported here: it is
what may fail to load.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

# Debian names each library package after its soname; these are the ones that do not follow the rule.
EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libGLdispatch.so.0": "libglvnd0",
    "libz.so.1": "zlib1g",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libgcc_s.so.1": "libgcc-s1",
}
NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def debian_package(soname: str) -> str:
    """libxcb-icccm.so.4 → libxcb-icccm4, libxkbcommon-x11.so.0 → libxkbcommon-x11-0."""
    if soname in EXCEPTIONS:
        return EXCEPTIONS[soname]
    name, _, version = soname.partition(".so.")
    name = name.lower()
    version = version.split(".")[0]
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def platform_plugins(environ: Mapping[str, str] = os.environ) -> list[Path]:
    """The plugins Qt would try, in order: wayland first in a Wayland session, then xcb (X11 or XWayland)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(spec.submodule_search_locations[0]) / "Qt" / "plugins" / "platforms"
    names = (["libqwayland.so"] if environ.get("WAYLAND_DISPLAY") else []) + ["libqxcb.so"]
    return [folder / name for name in names if (folder / name).is_file()]


def missing_libraries(plugin: Path) -> list[str]:
    """The sonames ldd cannot find for the plugin (and, through it, for Qt's GUI libraries)."""
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False).stdout
    return sorted(set(NOT_FOUND.findall(out)))


def missing_packages(sonames: list[str]) -> list[str]:
    return sorted({debian_package(s) for s in sonames})


def needs_check(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> bool:
    """Only on Linux with a real display: offscreen and minimal need no X11 libraries."""
    return platform.startswith("linux") and environ.get("QT_QPA_PLATFORM", "") not in ("offscreen", "minimal")


def main() -> int:
    if not needs_check() or shutil.which("ldd") is None:
        return 0
    missing: list[str] = []
    for plugin in platform_plugins():  # none found: not a PySide6 layout we know, let Qt speak for itself
        missing = missing_libraries(plugin)
        if not missing:
            return 0  # Qt falls back from wayland to xcb, so one plugin that loads is enough
    if not missing:
        return 0
    print(f"csplanner: Qt needs system libraries that are missing; install them with: "
          f"sudo apt-get install {' '.join(missing_packages(missing))}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())

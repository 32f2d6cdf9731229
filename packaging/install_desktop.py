"""Register csplanner's launcher, icon and AppStream metainfo for the current user (Linux).

    python packaging/install_desktop.py --exec /path/to/csplanner      # `make install-desktop`
    python packaging/install_desktop.py --uninstall

Files go under $XDG_DATA_HOME (default ~/.local/share): applications/, icons/hicolor/, metainfo/.
The launcher's Exec line points at the binary given, so it works for a venv or a bundle.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
APP_ID = "io.github.csplanner.csplanner"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def targets(base: Path) -> dict[str, Path]:
    """Every file installed, by a short name."""
    files = {
        "desktop": base / "applications" / f"{APP_ID}.desktop",
        "metainfo": base / "metainfo" / f"{APP_ID}.metainfo.xml",
        "svg": base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for size in SIZES:
        files[f"png{size}"] = base / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    return files


RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(path: str) -> str:
    """Quote a path for an Exec line as the Desktop Entry spec says (double quotes, then string escapes)."""
    path = path.replace("%", "%%")
    if RESERVED & set(path):
        path = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in path) + '"'
    return path.replace("\\", "\\\\")  # the value is also a desktop-file string: its backslashes double


def desktop_entry(exec_path: str) -> str:
    """The launcher with Exec (and TryExec) pointing at this binary."""
    lines = []
    quoted = exec_quote(exec_path)
    for line in (RESOURCES / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines += ["TryExec=" + exec_path.replace("\\", "\\\\"), f"Exec={quoted}"]
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def refresh(base: Path) -> None:
    """Let the desktop notice now rather than at the next login (both tools are optional)."""
    for cmd in (["update-desktop-database", "-q", str(base / "applications")],
                ["gtk-update-icon-cache", "-q", "-t", "-f", str(base / "icons" / "hicolor")]):
        if shutil.which(cmd[0]):
            subprocess.run(cmd, check=False, capture_output=True)


def install(exec_path: str, base: Path) -> list[Path]:
    files = targets(base)
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    files["desktop"].write_text(desktop_entry(exec_path), encoding="utf-8")
    shutil.copyfile(RESOURCES / f"{APP_ID}.metainfo.xml", files["metainfo"])
    shutil.copyfile(RESOURCES / "icons" / "csplanner.svg", files["svg"])
    for size in SIZES:
        shutil.copyfile(RESOURCES / "icons" / f"csplanner-{size}.png", files[f"png{size}"])
    refresh(base)
    return list(files.values())


def uninstall(base: Path) -> list[Path]:
    removed = [p for p in targets(base).values() if p.is_file()]
    for path in removed:
        path.unlink()
    refresh(base)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Add csplanner to the desktop's applications for this user.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--exec", dest="exec_path", metavar="PATH", help="the csplanner binary the launcher starts")
    group.add_argument("--uninstall", action="store_true", help="remove what an earlier install added")
    args = parser.parse_args(argv)
    base = data_home()
    if args.uninstall:
        removed = uninstall(base)
        print(f"Removed {len(removed)} files from {base}")
        return 0
    exe = Path(args.exec_path).expanduser().absolute()
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        print(f"install-desktop: {exe} is not an executable file", file=sys.stderr)
        return 2
    installed = install(str(exe), base)
    print(f"Installed the csplanner launcher ({installed[0]}) and its icon under {base}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

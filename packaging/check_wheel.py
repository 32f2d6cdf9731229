"""Install the built wheel into a throwaway venv and run it there: `make dist-check`.

    python packaging/check_wheel.py [dist]

The venv gets the wheel alone (--no-deps); its dependencies come from the venv running this
script through a .pth line, so nothing is downloaded. It runs from a temporary folder, away from
the source tree, so only what the wheel carries (migrations, templates, fonts, icons) is used.
"""

import subprocess
import sys
import sysconfig
import tempfile
import venv
from pathlib import Path

from check_bundle import ROOT, run_checks


def main(argv: list[str]) -> int:
    dist = Path(argv[1]) if len(argv) > 1 else ROOT / "dist"
    wheels = sorted(dist.glob("csplanner-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        print(f"no csplanner wheel in {dist}: run `make dist` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="csplanner-wheel-") as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        py = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
        (Path(site) / "csplanner-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", str(wheels[-1])], check=True)
        where = subprocess.run([str(py), "-c", "import csplanner.core.resources as r; print(r.root())"],
                               capture_output=True, text=True, check=True, cwd=tmp).stdout.strip()
        print(f"resources read from {where}")
        if str(ROOT) in where:
            print("the installed wheel read the source tree's resources", file=sys.stderr)
            return 1
        exe = env_dir / ("Scripts/csplanner.exe" if sys.platform == "win32" else "bin/csplanner")
        return run_checks(exe, f"wheel {wheels[-1].name}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

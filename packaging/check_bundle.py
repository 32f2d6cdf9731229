"""Run the bundled binary the way a user and a script would: `make package-check`.

    python packaging/check_bundle.py [dist/csplanner]

Everything happens in a temporary folder (CSPLANNER_HOME points there): the user's own data is
never touched. Prints one line per step and exits non-zero if any step failed.
"""

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def binary(folder: Path) -> Path:
    for name in ("csplanner-cli.exe", "csplanner.exe", "csplanner"):  # Windows: the console one prints
        if (folder / name).is_file():
            return folder / name
    raise SystemExit(f"no csplanner binary in {folder}: run `make package` first")


class Checks:
    def __init__(self, exe: Path, work: Path) -> None:
        self.exe = exe
        self.work = work
        self.failed: list[str] = []
        self.passed = 0
        self.env = {k: v for k, v in os.environ.items() if k not in ("CSPLANNER_DB", "PYTHONPATH", "PYTHONHOME")}
        self.env.update(CSPLANNER_HOME=str(work / "home"), QT_QPA_PLATFORM="offscreen")

    def run(self, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.exe), *args], capture_output=True, text=True, env=self.env,
                              timeout=timeout, check=False, cwd=self.work)

    def step(self, name: str, args: list[str], expect: Callable[[subprocess.CompletedProcess[str]], str | None]) -> None:
        start = time.monotonic()
        try:
            result = self.run(*args)
            problem = (f"exit {result.returncode}: {(result.stderr or result.stdout).strip()[-400:]}"
                       if result.returncode != 0 else expect(result))
            if problem is None and "Traceback" in result.stderr:
                problem = result.stderr.strip()[-400:]
        except subprocess.TimeoutExpired:
            problem = "timed out"
        took = time.monotonic() - start
        if problem is None:
            self.passed += 1
            print(f"ok    {name} ({took:.1f} s)")
        else:
            self.failed.append(name)
            print(f"FAIL  {name} ({took:.1f} s): {problem}")


def is_pdf(path: Path) -> str | None:
    if not path.is_file() or path.stat().st_size < 1000:
        return f"{path.name} was not written"
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        return f"{path.name} is not a PDF"
    return None


def run_checks(exe: Path, what: str) -> int:
    """Every step on a fresh demo database in a temporary folder; 0 if all passed."""
    with tempfile.TemporaryDirectory(prefix="csplanner-bundle-") as tmp:
        work = Path(tmp)
        db = work / "demo.sqlite3"
        c = Checks(exe, work)
        c.step("--help", ["--help"], lambda r: None if "export-pdf" in r.stdout else "no command list")
        c.step("--version", ["--version"], lambda r: None if r.stdout.startswith("csplanner ") else r.stdout)
        c.step("demo", ["demo", "--db", str(db), "--accounts", "12"],
               lambda r: None if db.is_file() else "no database written")

        def schema(r: subprocess.CompletedProcess[str]) -> str | None:
            m = re.search(r"schema: (\S+) \(latest (\S+)\)", r.stdout)
            if not m or m.group(2) in ("None", "none") or m.group(1) != m.group(2):
                return f"schema version not reported: {r.stdout.strip()}"
            return None

        c.step("check", ["check", "--db", str(db)], schema)
        account = ""
        if db.is_file():
            with sqlite3.connect(db) as conn:
                account = conn.execute("SELECT name FROM account ORDER BY name LIMIT 1").fetchone()[0]
        for who in ("customer", "internal"):
            out = work / f"plan-{who}.pdf"
            c.step(f"export-pdf --audience {who}",
                   ["export-pdf", "--db", str(db), "--account", account, "--audience", who, "--out", str(out)],
                   lambda r, out=out: is_pdf(out))
        week = work / "week.pdf"
        c.step("export-week", ["export-week", "--db", str(db), "--out", str(week)], lambda r: is_pdf(week))
        c.step("app starts (offscreen) and quits", ["--db", str(db), "--quit-after-start"], lambda r: None)
    print(f"{what} check ({exe}): {c.passed} passed, {len(c.failed)} failed")
    return 1 if c.failed else 0


def main(argv: list[str]) -> int:
    folder = (Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "csplanner").resolve()
    return run_checks(binary(folder), "bundle")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

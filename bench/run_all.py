"""Run every bench/bench_*.py script in turn; each prints its figures against their floors and
appends them to results.jsonl. At the end, every figure of this run in one table."""

import json
import subprocess
import sys
from pathlib import Path

here = Path(__file__).parent
results = here / "results.jsonl"
seen = results.stat().st_size if results.exists() else 0
failed = 0
for script in sorted(here.glob("bench_*.py")):
    print(f"\n=== {script.name}", flush=True)
    failed += subprocess.run([sys.executable, str(script)], cwd=here).returncode != 0

with results.open("rb") as fh:
    fh.seek(seen)
    lines = [json.loads(line) for line in fh.read().decode("utf-8").splitlines() if line.strip()]
print(f"\n=== every figure of this run ({lines[0]['commit'] if lines else '?'}, "
      f"{lines[0]['machine'] if lines else '?'})")
print(f"  {'figure':<40} {'value':>12} {'floor':>12} {'ratio':>7}")
for r in lines:
    ratio = f"{r['value'] / r['floor']:6.2f}x" if r["floor"] else ""
    floor = f"{r['floor']:>9.2f} {r['unit']:<2}" if r["floor"] is not None else ""
    print(f"  {r['figure']:<40} {r['value']:>9.2f} {r['unit']:<2} {floor:>12} {ratio:>7}")
sys.exit(1 if failed else 0)

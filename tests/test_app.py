"""The composition root: one running instance per database file."""

import subprocess
import sys
import textwrap

from csplanner.app import lock_database


def test_second_instance_on_the_same_file_is_refused(qapp, tmp_path):
    path = tmp_path / "x.sqlite3"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from csplanner.app import lock_database
            lock = lock_database(__import__('pathlib').Path({str(path)!r}))
            print('locked' if lock else 'refused', flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert lock_database(path) is None
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    lock = lock_database(path)  # the holder is gone, so the file is free again
    assert lock is not None
    lock.unlock()

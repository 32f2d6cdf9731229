"""The composition root: one running instance per database file."""

import os
import subprocess
import sys
import textwrap

import pytest

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


def test_version_names_the_release(capsys):
    from csplanner import __version__
    from csplanner.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"csplanner {__version__}"


def test_app_opens_its_window_and_quits_after_start(tmp_path):
    """The smoke test `make package-check` runs on the bundle, here on the source."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CSPLANNER_HOME": str(tmp_path / "home")}
    db = tmp_path / "app.sqlite3"
    proc = subprocess.run([sys.executable, "-m", "csplanner", "--db", str(db), "--quit-after-start"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert db.is_file()  # it really opened (and created) the database
    assert not (tmp_path / "app.sqlite3.lock").exists()  # and let go of it


def test_while_the_window_is_up_workers_hand_the_gil_back_sooner_and_all_is_as_before_after(tmp_path):
    """app.run: workers hand the GIL back to the GUI thread every millisecond while the window is up;
    the switch interval and the collector's thresholds are the interpreter's again once it closes.
    (In a process of its own: a whole app run leaves a quit behind for the tests after it.)"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CSPLANNER_HOME": str(tmp_path / "home")}
    code = textwrap.dedent(f"""
        import gc, sys
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from csplanner import app
        qapp = QApplication([])
        before, thresholds = sys.getswitchinterval(), gc.get_threshold()
        seen = []
        QTimer.singleShot(0, lambda: seen.append(sys.getswitchinterval()))
        assert app.run(Path({str(tmp_path / "book.sqlite3")!r}), quit_after_start=True) == 0
        print(seen[0] == app.GIL_SWITCH_S < before, sys.getswitchinterval() == before,
              gc.get_threshold() == thresholds)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "True", "True"]

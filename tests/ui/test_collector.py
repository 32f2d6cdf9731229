"""The app's cycle collector: full collections wait until no background work runs, and garbage
never waits long (the window does not stall on a collection, memory does not pile up)."""

import gc
import threading
import weakref

import pytest

from csplanner.ui import collector as collector_module
from csplanner.ui.background import Jobs
from csplanner.ui.collector import FULL_AFTER, Collector


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cycle collector frees it


@pytest.fixture
def running(qapp):
    thresholds = gc.get_threshold()
    jobs = Jobs()
    collector = Collector(jobs)
    collector.start()
    yield jobs, collector
    collector.stop()
    jobs.stop()
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    gc.enable()


def old_garbage() -> weakref.ref:
    """A cycle that lived long enough to reach the oldest generation, then was dropped; and as many
    young collections since the last full one as make a full one due."""
    node = Node()
    for _ in range(FULL_AFTER):
        gc.collect(1)  # survivors move up; each counts as a young collection of generation 1
    ref = weakref.ref(node)
    del node
    return ref


def test_garbage_waits_while_a_worker_runs_and_goes_when_its_result_arrives(running, qtbot):
    jobs, collector = running
    release = threading.Event()
    delivered = []
    jobs.run(lambda: release.wait(10), delivered.append)
    assert jobs.busy()
    ref = old_garbage()
    assert collector.due()
    collector.tick()  # the timer's look: work is running, so no full collection yet
    assert ref() is not None and collector.full_runs == 0
    release.set()
    qtbot.waitUntil(lambda: delivered == [True])
    assert ref() is None  # collected as the result came in, between the work and its `then`
    assert collector.full_runs == 1 and not jobs.busy()


def test_an_idle_app_collects_on_its_timer(running, qtbot):
    _jobs, collector = running
    ref = old_garbage()
    qtbot.waitUntil(lambda: ref() is None, timeout=5000)
    assert collector.full_runs >= 1


def test_work_that_runs_on_and_on_still_gets_a_collection_now_and_then(running, qtbot, monkeypatch):
    jobs, collector = running
    release = threading.Event()
    jobs.run(lambda: release.wait(10))
    try:
        ref = old_garbage()
        collector.tick()
        assert ref() is not None
        monkeypatch.setattr(collector, "last", collector.last - collector_module.MAX_WAIT_MS / 1000)
        collector.tick()
        assert ref() is None
    finally:
        release.set()


def test_the_interpreter_keeps_young_collections_and_gets_its_own_policy_back(running):
    jobs, collector = running
    assert gc.isenabled()
    assert gc.get_threshold()[:2] == collector.thresholds[:2]
    assert gc.get_threshold()[2] > collector.thresholds[2]  # the interpreter's own full collections are only a safety net now
    collector.stop()
    assert gc.get_threshold() == collector.thresholds and jobs.between is None


def test_what_survives_is_frozen_and_a_cycle_that_dies_frozen_goes_when_the_app_is_left(running, qapp):
    from PySide6.QtCore import Qt

    jobs, collector = running
    node = Node()
    ref = weakref.ref(node)
    collector.collect()
    assert not any(o is node for o in gc.get_objects(2))  # frozen: later collections skip it
    assert collector.frozen_since > 0
    del node
    collector.collect()
    assert ref() is not None  # a frozen cycle: only a walk of everything frees it
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # the user went elsewhere
    assert ref() is None
    assert collector.deep_runs == 1 and collector.frozen_since == 0


def test_someone_who_never_leaves_the_app_still_gets_frozen_garbage_freed(running, monkeypatch):
    jobs, collector = running
    monkeypatch.setattr(collector_module, "DEEP_AFTER", 1)
    node = Node()
    ref = weakref.ref(node)
    collector.collect()
    del node
    collector.tick()
    assert ref() is None and collector.deep_runs == 1

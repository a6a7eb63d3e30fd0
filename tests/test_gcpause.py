"""Holding the cyclic garbage collector off during discovery, and giving it back as it was."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from migrator import gcpause as gc_pause
from migrator.gcpause import collect_young, gc_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_comes_back_on_after_the_last_of_overlapping_pauses() -> None:
    inner_done = threading.Event()
    outer_may_end = threading.Event()

    def other_discovery() -> None:
        with gc_paused():
            outer_may_end.set()
            inner_done.wait(5)

    with gc_paused():
        worker = threading.Thread(target=other_discovery)
        worker.start()
        assert outer_may_end.wait(5)
    assert not gc.isenabled(), "another discovery is still running"
    inner_done.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_collector_someone_turned_off_stays_off() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_it_comes_back_on_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("discovery failed")
    assert gc.isenabled()


def test_young_objects_are_collected_only_while_paused_and_once_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation))
    monkeypatch.setattr(gc_pause, "YOUNG_LIMIT", 10)
    keep: list[list[int]] = [[] for _ in range(50)]
    collect_young()
    assert collected == [], "the collector is on: it collects by itself"
    with gc_paused():
        keep += [[] for _ in range(50)]
        collect_young()
    assert collected == [0]
    assert len(keep) == 100

"""Bulk loads pause the cyclic garbage collector and always give it back."""

from __future__ import annotations

import gc
import threading

import pytest

from neighborhood_pb.structure.bulk import collector_paused


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()


def test_an_error_inside_still_turns_the_collector_back_on() -> None:
    with pytest.raises(ValueError, match="boom"), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_as_a_decorator_it_pauses_only_during_the_call() -> None:
    @collector_paused()
    def load() -> bool:
        return gc.isenabled()

    assert load() is False
    assert load() is False  # usable again: each call enters afresh
    assert gc.isenabled()


def test_pauses_overlapping_in_threads_end_after_the_last() -> None:
    worker_in, main_out = threading.Event(), threading.Event()

    def load() -> None:
        with collector_paused():
            worker_in.set()
            assert main_out.wait(timeout=10)

    worker = threading.Thread(target=load)
    with collector_paused():
        worker.start()
        assert worker_in.wait(timeout=10)
    still_off = not gc.isenabled()  # the main thread's pause ended first; the worker's holds
    main_out.set()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert still_off
    assert gc.isenabled()

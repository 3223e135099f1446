"""Bulk loads pause the cyclic garbage collector and always give it back."""

from __future__ import annotations

import gc

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

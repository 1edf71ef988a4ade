"""Blocks worked on two at a time: results in the blocks' order, never more blocks held than
workers, an error raised where its block's result is taken, the rest cancelled when the
caller stops early."""

from __future__ import annotations

import threading
import time

import pytest

from checker.columnar.in_order import in_order


def test_results_come_in_the_order_of_the_items_whichever_finishes_first():
    def slow_then_fast(number):
        time.sleep(0.02 if number % 2 == 0 else 0.0)       # the even ones finish last
        return number * 10
    assert list(in_order(slow_then_fast, range(9))) == [number * 10 for number in range(9)]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_never_more_items_taken_from_the_source_than_workers_ahead_of_the_caller(workers):
    taken, running, most = [], [0], [0]
    lock = threading.Lock()

    def source():
        for number in range(12):
            taken.append(number)
            yield number

    def work(number):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.005)
        with lock:
            running[0] -= 1
        return number

    for result in in_order(work, source(), workers):
        # The caller holds result `result`; the source has given at most `workers` more.
        assert len(taken) <= result + 1 + workers
    assert most[0] <= workers


def test_an_error_is_raised_where_its_item_is_taken_and_later_items_are_not_started():
    started = []

    def work(number):
        started.append(number)
        if number == 2:
            raise ValueError("block 2 refused")
        return number

    results = []
    with pytest.raises(ValueError, match="block 2 refused"):
        for result in in_order(work, range(50)):
            results.append(result)
    assert results == [0, 1]
    assert max(started) <= 3


def test_a_caller_that_stops_early_leaves_the_rest_undone():
    started = []

    def work(number):
        started.append(number)
        return number

    for result in in_order(work, range(100)):
        if result == 3:
            break
    time.sleep(0.05)
    assert max(started) <= 5


def test_a_caller_stopping_does_not_wait_for_the_items_being_worked_on():
    """Ctrl-C (a KeyboardInterrupt in the caller) or an early stop ends at once: the blocks or
    buckets still being worked on finish on their own, their results dropped."""
    def work(number):
        if number == 1:
            time.sleep(1.0)                 # a long block, started beside the first
        return number

    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        for result in in_order(work, range(5)):
            assert result == 0
            raise KeyboardInterrupt
    assert time.perf_counter() - started < 0.5

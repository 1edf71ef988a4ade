"""Blocks of a log worked on two at a time, their results taken in the blocks' order.

Checking a block is mostly native work (polars parses and checks it with the interpreter's
lock released) with some Python between the steps; a second block checked meanwhile keeps
both cores busy. At most `workers` blocks are being worked on, and held, at once, so memory
stays that of a few blocks however long the log. The results come out in the blocks' order,
so rows keep their sequence numbers, lines and rejections exactly as one block after the
other would give them.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

WORKERS = 2

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(work: Callable[[Item], Result], items: Iterable[Item],
             workers: int | None = None) -> Iterator[Result]:
    """work(item) of each item, in the items' order, `workers` (default WORKERS) at a time.
    An exception in one is raised when its result is taken; a caller that stops taking
    results early (or is interrupted) has the rest cancelled, and those already started
    finish on their own, their results dropped."""
    workers = WORKERS if workers is None else workers
    if workers < 2:
        yield from map(work, items)
        return
    pool = ThreadPoolExecutor(workers, thread_name_prefix="hotline-check-block")
    pending: deque = deque()
    try:
        for item in items:
            pending.append(pool.submit(work, item))
            del item                  # held by the worker alone
            if len(pending) >= workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # Not waited for: a Ctrl-C (or a scheduler's SIGTERM) ends the command at once, not
        # after the blocks or buckets being worked on; their results are not taken.
        pool.shutdown(wait=False, cancel_futures=True)

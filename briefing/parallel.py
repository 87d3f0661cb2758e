"""Spread independent work (parsing releases, rendering pages) over the CPU cores.

Workers are forked, so they start at once and share what the parent already
holds (the site, the templates) without copying it; only each item and its
result cross between processes. Without fork (Windows) or for small jobs the
work runs in this process, with the same results.
"""

from __future__ import annotations

import os
import signal
from typing import Callable, Iterator, TypeVar

from . import collector

Item = TypeVar("Item")
Result = TypeVar("Result")

SMALL = 64  # fewer items than this are not worth a process start
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
_shared = None  # what the parent hands its forked workers; see fork_map
_parent = 0  # in a worker: the build's process


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fork_map(work: Callable[[object, Item], Result], items: list[Item], shared: object = None,
             jobs: int | None = None, cost: int | None = None) -> Iterator[Result]:
    """`work(shared, item)` for every item, results in the items' order. `cost`: the
    whole work in units of one ordinary item (default: the number of items); under
    SMALL units, or with fewer than two items, this process does it alone."""
    jobs = jobs or cores()
    if jobs < 2 or len(items) < 2 or (cost or len(items)) < SMALL or not _can_fork():
        return (work(shared, item) for item in items)
    return _forked(work, items, shared, jobs)


def _can_fork() -> bool:
    import multiprocessing  # only when there is work to share out

    return "fork" in multiprocessing.get_all_start_methods()


def _forked(work, items, shared, jobs) -> Iterator:
    global _shared
    _shared = shared  # inherited by the children at fork; never pickled
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    import multiprocessing

    with collector.shared_with_workers():
        # workers are born with Ctrl-C held until they ignore it: one that came in the
        # middle of a fork printed a worker's traceback (the parent still takes it)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker,
                                                            initargs=(os.getpid(),))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        try:
            yield from pool.imap(_call, [(work, item) for item in items], chunksize=chunk)
        finally:
            pool.terminate()
            pool.join()
            _shared = None


def _start_worker(parent: int) -> None:
    collector.off_in_worker()
    # Ctrl-C reaches every process of the terminal's group: the parent stops the
    # pool (and says so); a worker's own interrupt would only print its traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when its build ends, even by SIGKILL: a killed build's workers
    would otherwise write on into the folder the next build takes (its lock went
    with it). Linux's PR_SET_PDEATHSIG; elsewhere a worker ends at its next item."""
    try:
        import ctypes  # (in a worker only)

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl here
        pass
    global _parent
    _parent = parent
    if os.getppid() != parent:  # the build died before we could ask
        os._exit(1)


def _call(job):
    if os.getppid() != _parent:  # the build is gone: nothing more of its work is wanted
        os._exit(1)
    work, item = job
    return work(_shared, item)

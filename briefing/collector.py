"""The one module that steers Python's garbage collector, and why.

A build makes hundreds of thousands of objects that live as long as it does
(parse results, the site, its pages) and leaves no cycles to collect. The
collector's passes over them cost more than the work at 10,000 releases, and
in forked workers they would write to every shared page of memory. So: no
passes while loading what a build kept, long-lived objects frozen out of the
collector's sight, and workers without it.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """While a large value is unpickled: the collector paused (it would walk the
    objects made so far again and again), then what was made frozen (it lives as
    long as the build, and the build's next passes would walk it all once more)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def keep_long() -> None:
    """What exists now lives long (a preview's memory of its last build): out of
    the collector's sight. (A build leaves no cycles: gc.collect() found none.)"""
    gc.freeze()


@contextlib.contextmanager
def shared_with_workers() -> Iterator[None]:
    """While forked workers run: the parent's objects frozen, so that no collector
    pass writes to them and the workers share the parent's memory instead of each
    copying it. What was frozen before stays so."""
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def off_in_worker() -> None:
    """A worker lives for one stage and leaves almost no cyclic garbage (two objects
    per release parsed, measured): it runs without the collector, whose passes over
    the objects Markdown and Jinja make took 15 % of a parse."""
    gc.disable()


def give_back() -> None:
    """Ask the C library to hand the heap it holds free back to the system
    (glibc's malloc_trim); elsewhere, nothing. After a large parse, the texts and
    pickles the workers sent are freed but stay resident, counted in the build's
    peak beside the workers forked later (~20 MB at 10,000 releases)."""
    import ctypes  # (once a build)

    try:
        ctypes.CDLL(None).malloc_trim(0)  # (the C library the process runs on)
    except (OSError, AttributeError, TypeError):  # not glibc (Windows: no CDLL(None))
        pass

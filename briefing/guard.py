"""What a build may touch, and when: only folders this tool made, one build at a time.

- **The marker.** Every site the tool makes holds a small file, `.briefing-site`.
  A build writes into an output folder only if it is absent, empty, or holds
  that marker (or is, by the cache's record, the site this tool built last).
  Anything else is refused before anything is touched: a full build replaces
  the whole folder, and would take an editor's files with it.
- **Places.** Never into, inside or above `content/`, `templates/`, `assets/`
  or the cache, nor onto or above the settings, the project folder, the home
  folder or `/`; never a plain file or a symbolic link where the folder goes.
- **Locks.** One build at a time writes an output folder, and one at a time uses
  a cache (the live preview's builds too): each is held by a POSIX lock on a
  file beside it (`.site.lock`, `.cache/lock`), which the kernel releases when
  its process ends, however it ends. (A POSIX lock, not flock: a forked worker
  does not inherit it, so a worker that outlives a killed build holds nothing.)
  A second build waits, saying so, and gives up after `wait` seconds.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from pathlib import Path
from typing import Callable, Iterator

MARKER = ".briefing-site"
MARKER_TEXT = (b"This folder is a site made by build.py, the briefing-site generator.\n"
               b"Each build replaces all of it: keep nothing else here.\n")
WAIT = 300.0  # seconds a build waits for another one to finish


class Refused(Exception):
    """The build cannot or may not go on; its one-line reason. Nothing was touched."""


def check_output(out: Path, inputs: dict[str, Path], above: dict[str, Path],
                 built_before: Callable[[], int | None] = lambda: None) -> None:
    """Refuse an output folder a build must not replace (see the module's doc). It may
    not be, hold or be inside any of `inputs` (content, templates, assets), nor be or
    hold any of `above` (the cache, the settings, the project and home folders, /);
    `built_before()` is the inode of the site the cache's record says this tool built."""
    shown = folder_name(out)
    if os.path.islink(out):
        raise Refused(f"refusing to build into {shown}: it is a symbolic link (to "
                      f"{os.path.realpath(out)}); give --out the folder itself")
    if os.path.lexists(out) and not os.path.isdir(out):
        raise Refused(f"refusing to build into {shown}: it is a file, not a folder; "
                      "move it away or choose another --out")
    real = os.path.realpath(out)
    places = [(what, place, os.path.realpath(place)) for what, place in [*inputs.items(),
                                                                         *above.items()]]
    for relation, applies in (("is", lambda what, other: real == other),
                              ("holds", lambda what, other: _inside(other, real)),
                              ("is inside", lambda what, other: what in inputs and _inside(real, other))):
        for what, place, other in places:
            if applies(what, other):
                raise Refused(f"refusing to build into {shown}: it {relation} {what} ({place}); "
                              "nothing was touched: choose an output folder of its own, such as site/")
    if not os.path.isdir(out) or is_ours(out) or not os.listdir(out):
        return
    if os.stat(out).st_ino == built_before():
        return  # a site an earlier version of the tool built, before it wrote the marker
    raise Refused(f"refusing to build into {shown}: it holds files this tool did not make "
                  f"(it has no {MARKER}); nothing was touched. Move them away, or choose "
                  "an empty or new folder with --out")


def folder_name(path: Path) -> str:
    """A folder as messages name it: 'site/', '/'."""
    return str(path).rstrip(os.sep) + os.sep


def is_ours(folder: Path | str) -> bool:
    """Whether `folder` is a real folder (not a link) holding the marker."""
    try:
        return not os.path.islink(folder) and os.path.isfile(os.path.join(folder, MARKER))
    except OSError:
        return False


def mark(folder: Path | str) -> None:
    """Put the marker into a folder this tool made."""
    with open(os.path.join(folder, MARKER), "wb") as file:
        file.write(MARKER_TEXT)


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


@contextlib.contextmanager
def locked(lock: Path, what: str, wait: float = WAIT,
           waiting: Callable[[str], None] = lambda line: None) -> Iterator[None]:
    """Hold the lock file `lock` (for `what`, as messages name it) for the block;
    if another process holds it, say so through `waiting` and wait up to `wait` s."""
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except (FileExistsError, NotADirectoryError):
        raise Refused(f"cannot use {lock.parent}/ for {what}: it is a file, not a folder; "
                      "move it away") from None
    try:
        if not _try_lock(descriptor):
            holder = _holder(descriptor)
            waiting(f"waiting for another build of {what}{holder} to finish ...")
            deadline = time.monotonic() + wait
            while not _try_lock(descriptor):
                if time.monotonic() > deadline:
                    raise Refused(f"another build of {what}{holder} has not finished after "
                                  f"{wait:g} s; nothing was touched: try again once it is done")
                time.sleep(0.05)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # (releases the lock)


def cache_locked(cache: Path | None, wait: float = WAIT,
                 waiting: Callable[[str], None] = lambda line: None) -> contextlib.AbstractContextManager:
    """The lock of the build cache in the folder `cache` (none without a cache)."""
    if cache is None:
        return contextlib.nullcontext()
    return locked(cache / "lock", f"the cache {cache}/", wait, waiting)


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EAGAIN):
            return False
        raise


def _holder(descriptor: int) -> str:
    pid = os.pread(descriptor, 32, 0).decode(errors="replace").strip()
    return f" (process {pid})" if pid.isdigit() else ""

"""What a build may touch, and when: only folders this tool made, one build at a time.

- **The marker.** Every site the tool makes holds a small file, `.briefing-site`.
  A build writes into an output folder only if it is absent, empty, or holds
  that marker. Anything else is refused before anything is touched: a full
  build replaces the whole folder, and would take an editor's files with it.
  (A site an earlier version built, before the marker, is refused too: it
  cannot be told from a folder of someone's files. Deleting it once is safe:
  the next build makes it anew.)
- **Places.** Never into, inside or above `content/`, `templates/`, `assets/`,
  nor onto or above the cache, the settings, the project folder, the home
  folder or `/`; never a plain file or a symbolic link where the folder goes.
- **Locks.** One build at a time uses a cache, and one at a time writes an
  output folder (the live preview's builds too): each holds a POSIX lock on a
  file, `.cache/lock` and `.site.lock` beside the site, which the kernel
  releases when the process ends, however it ends. (A POSIX lock, not flock: a
  forked worker does not inherit it.) A second build waits, saying so, and
  gives up after `wait` seconds. A lock file is only ever a regular file of the
  tool's: a link there is refused, never written through.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from pathlib import Path
from typing import Callable, Iterator

MARKER = ".briefing-site"
MARKER_TEXT = (b"This folder is a site made by build.py, the briefing-site generator.\n"
               b"Each build replaces all of it: keep nothing else here.\n")
WAIT = 300.0  # seconds a build waits for another one to finish
Say = Callable[[str], None]


class Refused(Exception):
    """The build cannot or may not go on; its one-line reason."""


class Busy(Refused):
    """Another build holds the lock, and held it longer than the build would wait."""

    def __init__(self, what: str, holder: str, wait: float):
        super().__init__(f"another build of {what}{holder} has not finished after {wait:g} s; "
                         "nothing was done: try again once it is done")
        self.what, self.holder = what, holder


def check_output(out: Path, inputs: dict[str, Path], above: dict[str, Path]) -> None:
    """Refuse an output folder a build must not replace (see the module's doc). It may
    not be, hold or be inside any of `inputs` (content, templates, assets), nor be or
    hold any of `above` (the cache, the settings, the project and home folders, /)."""
    shown = folder_name(out)
    if os.path.islink(out):
        raise Refused(f"refusing to build into {shown}: it is a symbolic link (to "
                      f"{os.path.realpath(out)}); give --out the folder itself")
    if os.path.lexists(out) and not os.path.isdir(out):
        raise Refused(f"refusing to build into {out}: it is a file, not a folder; "
                      "move it away or choose another --out")
    real = os.path.realpath(out)
    places = [(what, place, os.path.realpath(place)) for what, place in [*inputs.items(),
                                                                         *above.items()]]
    for what, place, other in places:  # what it is says most: first
        if real == other:
            _refuse_place(shown, "is", what, place)
    for what, place, other in places:
        if _inside(other, real):
            _refuse_place(shown, "holds", what, place)
        if _inside(real, other) and what in inputs:
            _refuse_place(shown, "is inside", what, place)
    if os.path.isdir(out) and not is_ours(out) and _holds_anything(out):
        raise Refused(f"refusing to build into {shown}: it holds files this tool did not make "
                      f"(it has no {MARKER}); nothing was touched. Move them away, or choose "
                      "an empty or new folder with --out")


def _refuse_place(shown: str, relation: str, what: str, place: Path) -> None:
    raise Refused(f"refusing to build into {shown}: it {relation} {what} ({place}); "
                  "nothing was touched: choose an output folder of its own, such as site/")


def _holds_anything(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(True for _ in entries)
    except OSError as err:
        raise Refused(f"cannot read {folder_name(folder)}: {err.strerror}") from None


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


def output_lock(out: Path) -> Path:
    """The lock file of the output folder `out`: beside it (the folder itself is
    swapped whole, and a lock on it would go with it)."""
    return out.parent / f".{out.name}.lock"


@contextlib.contextmanager
def locked(lock: Path, what: str, wait: float = WAIT, say: Say = lambda line: None
           ) -> Iterator[None]:
    """Hold the lock file `lock` (for `what`, as messages name it) for the block;
    if another process holds it, say so and wait up to `wait` seconds."""
    descriptor = _open_lock(lock, what)
    try:
        if not _try_lock(descriptor, what, say):
            holder = _holder(descriptor)
            say(f"waiting for another build of {what}{holder} to finish ...")
            deadline = time.monotonic() + wait
            while not _try_lock(descriptor, what, say):
                if time.monotonic() > deadline:
                    raise Busy(what, holder, wait)
                time.sleep(0.05)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # (releases the lock)


def cache_locked(cache: Path | None, wait: float = WAIT, say: Say = lambda line: None
                 ) -> contextlib.AbstractContextManager:
    """The lock of the build cache in the folder `cache` (none without a cache)."""
    if cache is None:
        return contextlib.nullcontext()
    return locked(cache / "lock", f"the cache {folder_name(cache)}", wait, say)


def _open_lock(lock: Path, what: str) -> int:
    """The lock file, opened (made, the first time): never through a link, never a
    file that is not the tool's own (a second name of another file, a FIFO)."""
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise Refused(f"cannot use {folder_name(lock.parent)} for {what}: it is a file, not "
                      "a folder; move it away") from None
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(lock, flags, 0o644)
    except OSError as err:
        if err.errno != errno.ELOOP:
            raise
        raise Refused(f"refusing to use {lock} as the lock of {what}: it is a symbolic link; "
                      "remove it") from None
    found = os.fstat(descriptor)
    if not stat.S_ISREG(found.st_mode) or found.st_nlink != 1:
        os.close(descriptor)
        raise Refused(f"refusing to use {lock} as the lock of {what}: it is not a plain file of "
                      "its own; remove it")
    return descriptor


def _try_lock(descriptor: int, what: str, say: Say) -> bool:
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EAGAIN):
            return False
        if err.errno in (errno.ENOLCK, errno.EOPNOTSUPP):  # a file system without locks
            say(f"{what} cannot be locked on this file system: make sure no other build "
                "uses it at the same time")
            return True
        raise


def _holder(descriptor: int) -> str:
    pid = os.pread(descriptor, 32, 0).decode(errors="replace").strip()
    return f" (process {pid})" if pid.isdigit() else ""

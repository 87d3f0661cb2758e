"""Stage 4, write: put the rendered pages on disk, all at once or not at all.

Pages are written into a staging folder beside the output folder, then the
two are swapped in one step. A reader of `site/` never sees half a site, a
failed or killed build leaves the old one as it was, and pages of removed
releases disappear with the old folder.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

STAGING = ".build-"  # prefix of staging folders: .<out name>.build-XXXX


class UnsafePath(ValueError):
    """A page path that would land outside the output folder."""


def publish(files: Iterable[tuple[str, bytes]], assets: Path | None, out: Path) -> int:
    """Write `files` (site path, bytes) and a copy of `assets/` as the new `out`.

    Returns the number of pages written. Rendering may still be under way in
    `files`: any exception leaves `out` untouched.
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    _sweep(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING}", dir=out.parent))
    try:
        count = 0
        for path, data in files:
            target = inside(staging, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
        if assets is not None and assets.is_dir():
            shutil.copytree(assets, staging / "assets")
        staging.chmod(0o755)  # mkdtemp makes it private; a site is for reading
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the old site, or a failed new one
    return count


def inside(root: Path, path: str) -> Path:
    """`root/path`, refusing anything that would resolve outside `root`."""
    target = (root / path).resolve()
    if not target.is_relative_to(root.resolve()) or target == root.resolve():
        raise UnsafePath(f"refusing to write {path!r} outside the output folder")
    return target


def _sweep(out: Path) -> None:
    """Remove staging folders a killed build left behind."""
    for stale in out.parent.glob(f".{out.name}{STAGING}*"):
        shutil.rmtree(stale, ignore_errors=True)


def _swap(new: Path, out: Path) -> None:
    """Make `new` the folder at `out`; afterwards `new` holds the old site, if any."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        return
    # No atomic exchange here (not Linux, or a filesystem without it): two
    # renames, with the old site set aside in between and removed after.
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING}", dir=out.parent))
    os.rename(out, aside / "old")
    os.rename(new, out)
    os.rename(aside, new)


try:
    _renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
except (OSError, TypeError):  # no C library to ask (Windows)
    _renameat2 = None
AT_FDCWD, RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two folders with Linux renameat2; False if unsupported."""
    if _renameat2 is None:
        return False
    done = _renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))

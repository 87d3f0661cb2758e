"""Publish: put the rendered pages on disk, all at once or not at all.

The new site is prepared in a folder beside the output folder, then the two
are exchanged in one step (Linux `renameat2(RENAME_EXCHANGE)`; two renames
elsewhere). A reader of `site/` never sees half a site, a failed or killed
build leaves the old one as it was, and pages of removed releases disappear.

A full `publish` writes every page into the *spare* folder beside the site
(`.site.spare`), which holds an earlier version of it: into its own files,
keeping their inodes (making thousands of files anew costs more than writing
them: on ext4 without a journal, far more soon after as many were deleted);
what the new site does not have is removed. After the exchange the spare
holds the old site, for the next full build. An `update` writes only what
changed: it first makes the spare a twin of the site, whose files are hard
links to the live ones, brings it up to date, and exchanges it with the live
folder. So a one-page change costs one file, and files whose bytes did not
change keep their inode and modification time (a live-reloading browser and an
rsync to the host see only real changes).

Only folders this tool made are ever written, moved or removed: the site, the
spare and staging folders all hold the marker (see guard.py). A folder or file
named like the spare that the tool did not make is left alone; a staging
folder then takes the spare's part, and goes when the build ends.

An output folder that is a mount point (a container's volume) cannot be
swapped: the new site is made complete beside it, as always, then copied into
it file by file (each file replaced at once, the whole not).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..problems import Problem
from .guard import MARKER, Refused, folder_name, is_ours, mark

STAGING = ".build-"  # prefix of staging folders: .<out name>.build-XXXX
SPARE = ".spare"  # the spare twin: .<out name>.spare


class UnsafePath(ValueError):
    """A page path that would land outside the output folder."""


@dataclass(frozen=True)
class Folders:
    """The live site and its spare twin, as the last publish left them."""

    live: int  # inode of the output folder
    spare: int | None  # inode of the spare, if there is one
    stale: frozenset[str]  # site paths where the spare differs from the live site


class Draft:
    """The next version of the site, prepared beside it and then swapped in whole.

    Where it is prepared (its `root`):

    | build                    | the spare beside the site  | root                      |
    |--------------------------|----------------------------|---------------------------|
    | full, `Draft(out)`       | the tool's (an older site) | the spare, written over   |
    | full                     | none, or not the tool's    | a new staging folder      |
    | update, `Draft(out, f)`  | the tool's, or none        | the spare: a twin of the  |
    |                          |                            | live site (hard links)    |
    | update                   | not the tool's             | a staging folder, a twin  |

    (A spare that is not the tool's is left alone.)

    `commit` swaps the root in; the folder it swapped out, holding the old site,
    is the next spare (a staging folder's goes where the spare's place is taken).
    An output folder that is a mount point cannot be swapped: the root is copied
    into it instead, file by file. `write` may be called from forked workers."""

    def __init__(self, out: Path, folders: Folders | None = None):
        self.shown = out  # as messages name it
        self.out = out.absolute()
        self.full = folders is None
        self.pruned = False
        self.out.parent.mkdir(parents=True, exist_ok=True)
        _sweep(self.out)
        self.spare = _spare_of(self.out)
        self.own_spare = is_ours(self.spare)
        self.spare_free = self.own_spare or not os.path.lexists(self.spare)
        self.in_place = os.path.ismount(self.out)  # no swap: copied in (see commit)
        self.root = self._prepare(folders)

    def _prepare(self, folders: Folders | None) -> Path:
        if self.full:  # every file is written: where the spare has one, into it
            root = self.spare if self.own_spare else _staging(self.out)
            _unlink_links(root)  # a write must not follow one out of the folder
        elif not self.spare_free:  # a spare the tool did not make: left alone
            root = _staging(self.out)
            _twin(self.out, root)
        elif folders.spare is None or not self.own_spare or \
                self.spare.stat().st_ino != folders.spare:
            root = self.spare
            _twin(self.out, root)
        else:
            root = self.spare
            for path in folders.stale:  # what the last update changed in the live site only
                _relink(self.out, root, path)
        return root

    def write(self, path: str, data: bytes) -> None:
        try:
            if self.full:
                _write_own(self.root, path, data)
            else:
                _write_new(self.root, path, data)
        except OSError as err:  # (a failed write names no file: name the page)
            raise OSError(err.errno, err.strerror, str(self.shown / path)) from None

    def remove(self, path: str) -> None:
        _remove(self.root, path)

    def prune(self, keep: set[str]) -> None:
        """Remove what a full build's folder still holds of an older site: all but `keep`."""
        if self.full:
            _prune(self.root, keep | {MARKER})
            self.pruned = True

    def commit(self, changed: Iterable[str]) -> Folders:
        """Swap the draft in; `changed` names every path written or removed (in a full
        build: every file of the new site). The site carries the marker (guard.py)."""
        changed = set(changed)
        if not is_ours(self.root):
            mark(self.root)
        if self.full and not self.pruned:
            _prune(self.root, changed | {MARKER})  # what the spare held of an older site
        if self.in_place or not _swap(self.root, self.out):
            return self._copy_in(changed)
        live = self.out.stat().st_ino
        with contextlib.suppress(OSError):  # (the new site is in; the rest is tidying)
            self._keep_old_site()
        if self.full or self.root != self.spare:
            return Folders(live, None, frozenset())  # the spare: an older site, or none
        return Folders(live, self.root.stat().st_ino, frozenset(changed))

    def _keep_old_site(self) -> None:
        """The folder swapped out holds the old site: the next spare, where the spare's
        place is the tool's (a staging folder left over is swept by the next build)."""
        if not self.root.exists():  # there was no old site
            return
        if not is_ours(self.root):
            mark(self.root)  # the empty folder the first build went into
        if self.root == self.spare:
            return
        if self.spare_free:
            os.rename(self.root, self.spare)
        else:
            shutil.rmtree(self.root)

    def _copy_in(self, changed: set[str]) -> Folders:
        """Bring the live folder level with the draft, file by file: for an output folder
        that cannot be swapped. The draft is then a copy of the site: the next spare."""
        try:
            _copy_into(self.root, self.out, changed | {MARKER}, every=self.full)
        except OSError as err:
            where = self.shown / os.path.relpath(err.filename, self.out) if err.filename else \
                self.shown
            raise Refused(f"the build stopped while copying the new site into "
                          f"{folder_name(self.shown)} (a mount point, written in place): "
                          f"{where}: {err.strerror}; it may hold parts of both sites: "
                          "build again once this is fixed") from None
        if self.root != self.spare:
            if not self.spare_free:
                shutil.rmtree(self.root, ignore_errors=True)
                return Folders(self.out.stat().st_ino, None, frozenset())
            os.rename(self.root, self.spare)
        return Folders(self.out.stat().st_ino, self.spare.stat().st_ino, frozenset())

    def abort(self, error: BaseException | None = None) -> None:
        """Leave the live site as it was. (A half-written spare is not trusted again:
        the build's state is forgotten before a draft starts, and a full build rewrites
        all of it. After a failure of the disk, such as a full one, it goes, to give
        back the room it took.)"""
        if self.root != self.spare or isinstance(error, OSError):
            shutil.rmtree(self.root, ignore_errors=True)


def foreign(out: Path) -> list[Problem]:
    """What stands beside `out` under a name the tool keeps for itself (the spare),
    though the tool did not make it: left alone, and said so."""
    spare = _spare_of(out)
    if not os.path.lexists(spare) or is_ours(spare):
        return []
    return [Problem(str(spare), 0, "output", "not made by this tool (it has no marker): left "
                    "alone, and builds go without a spare (slower); move it away", warning=True)]


def current(out: Path, folders: Folders | None) -> Folders | None:
    """`folders` if the live site on disk is still the one they describe (the same
    folder, marked as the tool's: a folder made anew may have the old one's number)."""
    try:
        live = out.absolute().stat().st_ino
    except OSError:
        return None
    return folders if folders is not None and folders.live == live and is_ours(out) else None


def inside(root: Path, path: str) -> Path:
    """`root/path`, refusing any path that would lead outside `root`."""
    clean = os.path.normpath(path)
    if os.path.isabs(clean) or clean == "." or clean.split(os.sep)[0] == ".." or "\0" in clean:
        raise UnsafePath(f"refusing to write {path!r} outside the output folder")
    return root / clean


def _write_own(root: Path, path: str, data: bytes) -> None:
    """Write the file at `path` in place if it is the draft's own (no other folder
    links it), else as a new file."""
    target = inside(root, path)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NOFOLLOW)
    except FileNotFoundError:  # a new file (every one, in a new folder)
        _write_new(root, path, data)
        return
    except OSError:  # not a plain file, or under one: an older site's shape
        _make_way(root, target)
        _write_new(root, path, data)
        return
    with open(descriptor, "wb") as file:
        if os.fstat(descriptor).st_nlink == 1:
            # over the old bytes, then cut what is left of them: truncating first
            # would free the file's blocks only to allocate them again
            file.write(data)
            file.truncate()
            return
    _write_new(root, path, data)  # a hard link to the live site: never write through it


def _make_way(root: Path, target: Path, folder: bool = False) -> None:
    """Remove what stands where `target` (a file, or a `folder`) and the folders
    above it must go: an older site may have had a file where this one has a
    folder, or the other way round."""
    place = root
    for part in target.relative_to(root).parts[:-1]:
        place = place / part
        if os.path.lexists(place) and not _is_folder(place):
            place.unlink(missing_ok=True)
    if _is_folder(target) and not folder:
        shutil.rmtree(target, ignore_errors=True)
    elif os.path.lexists(target) and not _is_folder(target) and folder:
        target.unlink(missing_ok=True)


def _is_folder(path: Path | str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)  # (a link to a folder is not one)
    except OSError:
        return False


def _unlink_links(folder: Path | str) -> None:
    """Remove the symbolic links under `folder` (someone may have put one into the site)."""
    for entry in os.scandir(folder):
        if entry.is_symlink():
            os.unlink(entry.path)
        elif entry.is_dir(follow_symlinks=False):
            _unlink_links(entry.path)


def _prune(root: Path, keep: set[str]) -> None:
    """Remove every file in `root` but those in `keep`, and the folders left empty."""
    top = str(root)
    for folder, dirs, files in os.walk(top, topdown=False):
        prefix = folder[len(top) + 1:].replace(os.sep, "/") + "/" if folder != top else ""
        for name in files:
            if prefix + name not in keep:
                os.unlink(os.path.join(folder, name))
        for name in dirs:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                os.unlink(path)
                continue
            try:
                os.rmdir(path)  # only if empty: most are not
            except OSError:
                pass


def _write_new(root: Path, path: str, data: bytes) -> None:
    """Write a new file (a new inode: never into a file the live site shares)."""
    target = inside(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".new")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _relink(live: Path, spare: Path, path: str) -> None:
    """Make the spare's file at `path` the live one again (or absent, like it)."""
    source, target = inside(live, path), inside(spare, path)
    if not source.exists():
        _remove(spare, path)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".new")
    temporary.unlink(missing_ok=True)
    _link_or_copy(source, temporary)
    os.replace(temporary, target)


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    """A hard link to `source` at `target`; a copy where the two are on different
    file systems (an output folder that is a mount point)."""
    try:
        os.link(source, target)
    except OSError as err:
        if err.errno != errno.EXDEV:
            raise
        shutil.copy2(source, target)


def _copy_into(new: Path, out: Path, paths: set[str], every: bool) -> None:
    """Make the files at `paths` in `out` what they are in `new` (or absent, like
    there), each replaced at once; with `every`, remove whatever else `out` holds."""
    for path in sorted(paths):
        source, target = inside(new, path), inside(out, path)
        if not os.path.isfile(source):
            _remove(out, path)
            continue
        _make_way(out, target)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".new")
        temporary.unlink(missing_ok=True)
        _link_or_copy(source, temporary)
        os.replace(temporary, target)
    if every:
        _prune(out, paths)


def _remove(root: Path, path: str) -> None:
    """Remove a page, and the folders it leaves empty."""
    target = inside(root, path)
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _twin(out: Path, spare: Path) -> None:
    """Make `spare` a twin of the live site: the same folders, its files hard links
    to the live ones. Folders the spare has already are kept (see the module's doc)."""
    spare.mkdir(exist_ok=True)
    if not is_ours(spare):
        mark(spare)  # first: a twin cut short is still known as the tool's own
    live, twin = str(out), str(spare)
    live_files = set()
    for folder, dirs, files in os.walk(live):
        relative = folder[len(live) + 1:]
        for name in dirs:
            place = os.path.join(twin, relative, name)
            if not _is_folder(place):
                _make_way(spare, Path(place), folder=True)
                os.mkdir(place)
        for name in files:
            source, target = os.path.join(folder, name), os.path.join(twin, relative, name)
            live_files.add(os.path.join(relative, name).replace(os.sep, "/"))
            if name == MARKER and not relative:  # replaced at once: never missing
                _relink(out, spare, MARKER)
            elif not _same_file(source, target):
                _make_way(spare, Path(target))
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(target)
                _link_or_copy(source, target)
    _prune(spare, live_files)


def _same_file(a: str, b: str) -> bool:
    """Whether `a` and `b` are one file (a symbolic link is a file of its own)."""
    try:
        first, second = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def _staging(out: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING}", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a site is for reading
    mark(staging)
    return staging


def _spare_of(out: Path) -> Path:
    return out.parent / f".{out.name}{SPARE}"


def _sweep(out: Path) -> None:
    """Remove staging folders a killed build left behind (its own: marked, or empty)."""
    for stale in out.parent.glob(f".{out.name}{STAGING}*"):
        if is_ours(stale):
            shutil.rmtree(stale, ignore_errors=True)
        elif stale.is_dir() and not stale.is_symlink() and not any(stale.iterdir()):
            stale.rmdir()


def _swap(new: Path, out: Path) -> bool:
    """Make `new` the folder at `out`; afterwards `new` holds the old site, if any.
    False if `out` cannot be moved (a mount point: EBUSY), nothing done."""
    if not out.exists():
        os.rename(new, out)
        return True
    try:
        if _exchange(new, out):
            return True
        # No atomic exchange here (not Linux, or a filesystem without it): two
        # renames, with the old site set aside in between.
        aside = _staging(out)
    except OSError as err:
        if err.errno == errno.EBUSY:
            return False
        raise
    try:
        os.rename(out, aside / "old")
    except OSError as err:
        shutil.rmtree(aside, ignore_errors=True)  # (it holds only the marker)
        if err.errno == errno.EBUSY:
            return False
        raise
    os.rename(new, out)
    os.rename(aside / "old", new)
    shutil.rmtree(aside)  # (it holds only the marker)
    return True


AT_FDCWD, RENAME_EXCHANGE = -100, 2


@functools.cache
def _renameat2():
    """Linux's renameat2 from the C library, or None where there is none."""
    import ctypes  # (only when a site is swapped in: not on a build that finds nothing changed)

    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except (OSError, TypeError):  # no C library to ask (Windows)
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two folders with Linux renameat2; False if unsupported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    import ctypes  # (see _renameat2)

    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))

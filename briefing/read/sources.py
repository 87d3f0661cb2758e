"""What a build reads first: the release files, with their signatures, and the
files of the templates and assets.

Kept free of heavy imports: when the fingerprint (reuse/inputs.py) shows that
nothing changed, a build ends after the scan, without loading YAML, Markdown or
Jinja.

Nothing under `content/` is dropped silently. A release (`*.md` or
`*.markdown`, in any case) is read only if it is a regular file, or a symbolic
link that stays inside `content/`; a link leading out of it, a link to nothing
or in a loop, a FIFO, a device, a folder that cannot be read, a file name that
is not UTF-8 or holds a control character: each is a problem with its path,
and never read. Hidden files and folders (`.git`, an editor's `.#x.md`) are
not content.
"""

from __future__ import annotations

import errno
import operator
import os
import re
import stat as st
from pathlib import Path
from typing import Iterator, NamedTuple

from ..model import urls
from ..problems import UNPRINTABLE, ContentError, Problem
from ..project import Project


RELEASE_SUFFIXES = (".md", ".markdown")  # compared without case: X.MD is a release too
KINDS = {st.S_IFIFO: "a FIFO (named pipe)", st.S_IFCHR: "a character device",
         st.S_IFBLK: "a block device", st.S_IFSOCK: "a socket"}


class Source(NamedTuple):
    """One release file. (A named tuple: a build makes 10,000 of them before it
    knows whether anything changed, and makes them twice as fast as dataclasses.)"""

    path: str  # kept a string: a build that finds nothing changed makes no Path at all
    mtime: int  # nanoseconds
    size: int

    @property
    def signature(self) -> tuple[int, int]:
        return self.mtime, self.size


class Scan(NamedTuple):
    """The releases found under `content/`, and what was found but cannot be read."""

    sources: list[Source]
    problems: list[Problem]


def is_release(name: str) -> bool:
    return name.lower().endswith(RELEASE_SUFFIXES)


def scan(content: Path) -> Scan:
    """Every release under `content` with its signature, in a stable order, and a
    problem for each thing that looks like content but cannot be read."""
    if not content.is_dir():
        raise ContentError([Problem(str(content), 0, "folder", "no such folder",
                                    "a folder of release .md files")])
    walk = _Walk(content)
    walk.folder(str(content))
    while walk.links:  # links to folders, once every real folder is known
        path, target = walk.links.pop(0)
        walk.linked_folder(path, target)
    return Scan(sorted(walk.found), sorted(walk.problems, key=lambda p: p.place))


class _Walk:
    """One walk of the content folder. Real folders are read first, in sorted order;
    a link to a folder inside `content/` is followed after them, unless that folder
    was read already (as itself, or through another link): so a loop ends, and no
    release is read twice through a link to its own folder."""

    def __init__(self, content: Path):
        self.root = os.path.realpath(content)
        self.found: list[Source] = []
        self.problems: list[Problem] = []
        self.links: list[tuple[str, str]] = []
        self.seen: set[tuple[int, int]] = set()  # (device, inode) of the folders read

    def folder(self, path: str) -> None:
        """Read the folder at `path` and the folders in it, depth first, in sorted order:
        a stack of listings, not recursion (folders may nest deeper than Python's stack)."""
        listings = [self.listing(path)]
        while listings:
            entry = next(listings[-1], None)
            if entry is None:
                listings.pop()
            elif (inner := self.entry(entry)) is not None:
                listings.append(self.listing(inner))

    def listing(self, path: str) -> Iterator[os.DirEntry]:
        """The entries of the folder at `path` that may be content, sorted by name; none
        (and a problem) if it cannot be read."""
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=BY_NAME)
            self.seen.add(_identity(os.stat(path)))
        except OSError as err:
            self.problem(path, f"cannot be read: {err.strerror}",
                         "a folder the build may read (its permissions)")
            return iter(())
        return (entry for entry in entries if not entry.name.startswith("."))

    def entry(self, entry: os.DirEntry) -> str | None:
        """Take in one entry of a folder: a release, a link, or a folder, whose path is
        returned to be read next."""
        try:
            if entry.is_symlink():
                self.link(entry)
            elif entry.is_dir(follow_symlinks=False):
                return entry.path if self.well_named(entry.path, "folder") else None
            elif is_release(entry.name):
                found = entry.stat(follow_symlinks=False)
                # (the common case inline: the scan meets every release of the site)
                if st.S_ISREG(found.st_mode) and not SUSPECT.search(entry.name):
                    self.found.append(Source(entry.path, found.st_mtime_ns, found.st_size))
                else:
                    self.release(entry.path, found)
        except FileNotFoundError:  # removed while we looked: it is gone, not lost
            pass
        except OSError as err:
            self.problem(entry.path, f"cannot be read: {err.strerror}", "a readable file")
        return None

    def link(self, entry: os.DirEntry) -> None:
        target = os.path.realpath(entry.path)
        try:
            found = os.stat(entry.path)
        except OSError as err:  # a link to nothing, or in a loop
            what = "in a loop" if err.errno == errno.ELOOP else f"to {target}, which does not exist"
            self.problem(entry.path, f"a symbolic link {what}; not read",
                         "a link to a file or folder inside the content folder",
                         warning=not is_release(entry.name))
            return
        if not _inside(target, self.root):
            if is_release(entry.name) or st.S_ISDIR(found.st_mode):  # (it may hold releases)
                self.problem(entry.path, f"a symbolic link to {target}, outside the content "
                             "folder; not read",
                             "a link to a file or folder inside the content folder")
        elif st.S_ISDIR(found.st_mode):
            if self.well_named(entry.path, "folder"):
                self.links.append((entry.path, target))
        elif is_release(entry.name):
            self.release(entry.path, found)

    def linked_folder(self, path: str, target: str) -> None:
        try:
            if _identity(os.stat(target)) in self.seen:
                return  # read already: as itself, or through another link
        except OSError:
            return  # gone meanwhile
        self.folder(path)

    def release(self, path: str, found: os.stat_result) -> None:
        if not st.S_ISREG(found.st_mode):
            kind = KINDS.get(st.S_IFMT(found.st_mode), "not a regular file")
            self.problem(path, f"{kind}, not a file; not read", "a release saved as a regular file")
        elif self.well_named(path, "file"):
            self.found.append(Source(path, found.st_mtime_ns, found.st_size))

    def well_named(self, path: str, what: str) -> bool:
        """Whether the name of the file or folder (`what`) at `path` may stand in a page
        and its data (one that is not UTF-8 cannot even be written to meetings.json); if
        not, a problem saying so, and nothing of it is read."""
        name = os.path.basename(path)
        if not SUSPECT.search(name):
            return True
        unread = {"file": "not read", "folder": "nothing in it read"}[what]
        if _undecodable(name):
            self.problem(path, f"the {what} name is not valid UTF-8; {unread}", UTF8_NAME[what])
        else:
            self.problem(path, f"the {what} name holds a control character; {unread}",
                         f"a {what} name of printable characters: rename the {what}")
        return False

    def problem(self, path: str, message: str, expected: str, warning: bool = False) -> None:
        kind = "link" if os.path.islink(path) else "folder" if os.path.isdir(path) else "file"
        self.problems.append(Problem(path, 0, kind, message, expected, warning))


def _identity(found: os.stat_result) -> tuple[int, int]:
    return found.st_dev, found.st_ino


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _undecodable(name: str) -> bool:
    """Whether a name read from the disk held bytes that are not UTF-8 (Python keeps
    them as lone surrogates, os.fsdecode's 'surrogateescape')."""
    return UNDECODABLE.search(name) is not None


UNDECODABLE = re.compile("[\udc80-\udcff]")
# Either of the two, in one search: the scan checks every name.
SUSPECT = re.compile(f"{UNDECODABLE.pattern}|{UNPRINTABLE.pattern}")
BY_NAME = operator.attrgetter("name")
UTF8_NAME = {"file": "a UTF-8 file name, as it becomes the page's address: rename the file",
             "folder": "a UTF-8 folder name: rename the folder"}


class NotAFile(Exception):
    """What `read_file` refuses to read, said as an editor would understand it."""


def read_file(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them. Anything else
    is refused from the open file itself, before a byte is read: a FIFO would block
    the build, a device (a link to /dev/zero) never end, and a file replaced between
    a look and the read is judged as it is when read."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        found = os.fstat(descriptor)
        if not st.S_ISREG(found.st_mode):
            raise NotAFile(KINDS.get(st.S_IFMT(found.st_mode), "not a regular file"))
        if found.st_size > limit:
            raise NotAFile(f"the file is {found.st_size:,} bytes, more than {limit:,}")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, max(found.st_size, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while we read
            raise NotAFile(f"the file is more than {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def files_of(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under `folder` (templates, assets), with its stat, in a stable order
    (links followed, each folder once: a link in a loop ends)."""
    found: list[tuple[str, os.stat_result]] = []
    if folder.is_dir():
        _files(str(folder), found, set())
    return sorted(found)


def _files(folder: str, found: list, seen: set) -> None:
    try:
        identity = _identity(os.stat(folder))
        entries = [] if identity in seen else list(os.scandir(folder))
    except OSError:
        return
    seen.add(identity)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                _files(entry.path, found, seen)
            else:
                found.append((entry.path, entry.stat()))
        except OSError:  # removed while we looked, or a link to nothing: not a file
            continue


FOLDER_FILE_LIMIT = 64 * 1024 * 1024  # a template or an asset (a font, a picture)


def read_folder(folder: Path, what: str) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """(path, bytes) of every file under `folder` (the templates, the assets), and a
    problem for each that cannot be read: not a regular file (a FIFO would block the
    build), or a link out of the folder (it would publish what it leads to)."""
    found, problems = [], []
    real = os.path.realpath(folder)
    for path, _ in files_of(folder):
        try:
            if not _inside(os.path.realpath(path), real):
                raise NotAFile(f"a symbolic link to {os.path.realpath(path)}, outside {folder}")
            found.append((path, read_file(path, FOLDER_FILE_LIMIT)))
        except NotAFile as err:
            problems.append(Problem(path, 0, what, f"{err}; not used", "a regular file"))
        except OSError as err:
            problems.append(Problem(path, 0, what, f"cannot be read: {err.strerror}",
                                    "a readable file"))
    return found, problems


def read_assets(project: Project) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """The stylesheet, icons, ...: copied into the site's assets/ as they are; and
    what cannot be read of them and of the templates."""
    found, problems = read_folder(project.assets, "asset")
    problems += read_folder(project.templates, "template")[1]
    return [(urls.ASSETS + Path(path).relative_to(project.assets).as_posix(), data)
            for path, data in found], problems

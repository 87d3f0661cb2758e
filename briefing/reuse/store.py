"""The build cache in `.cache/`: what earlier builds learnt, so the next does only what changed.

Two things are kept, and neither is ever trusted beyond what it can prove:

- **parsed releases**, in SQLite, keyed by a digest of the engine version, the
  release's name and its bytes: a release whose digest is known is not read
  as YAML or Markdown again. A changed byte is a new key, so nothing stale can
  come back.
- **the last build's state** for one output folder: the signature of every
  input (to see at once that nothing changed), each page's dependency key and
  the digest of its bytes (to render and write only what changed), and the
  state of the published folders (see publish/write.py). It is discarded whole when
  the engine, the folder or anything it describes does not match.

Deleting `.cache/` (or `--no-cache`) gives a cold build with the same output.
The cache is disposable: a file of it that cannot be read (a truncated or
garbled database, a damaged pickle) is set aside with a warning, and the
build goes on cold, with the output `--no-cache` gives.
"""

from __future__ import annotations

import errno
import functools
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple, TypeVar

from .. import collector
from ..keys import ENGINE, digest
from ..problems import Problem
from ..project import Summary

if TYPE_CHECKING:
    from ..render.templates import Texts

SPARE_RELEASES = 1000  # earlier versions of releases kept beyond twice the current ones


class Stamp(NamedTuple):
    """What a build that changes nothing needs of the last state: saved in a file of
    its own too, so that such a build reads a few bytes, not the key of every page."""

    fingerprint: str = ""  # of every input's signature; equal means nothing to do
    summary: Summary | None = None  # what a no-change build reports again
    folders: object = None  # the published folders, see publish/write.Folders
    timezone: str = ""  # the site's, in which its today was taken (see Builder.today_for)


@dataclass
class State:
    """What the last build of one output folder knew."""

    stamp: Stamp = Stamp()
    sources: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # path -> (mtime, size, key)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # site path -> (page key, bytes digest)
    snapshot: str = ""  # the generation of the saved memory (see Cache.memory)
    recent: dict = field(default_factory=dict)  # parse results newer than the snapshot, by path
    timezone: str = ""  # the site's time zone the releases were read in


class Unreadable(Exception):
    """A file of the cache that cannot be read: the build sets it aside and starts again."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason

    def __reduce__(self):  # (raised in a worker, it comes back to the build pickled)
        return Unreadable, (self.path, self.reason)


# SQLite's codes for a file that is not, or no longer, a sound database
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26


def _sqlite(method):
    """SQLite's errors as the build understands them: a damaged database is
    `Unreadable`; a disk that refuses (full, read-only) an OSError like any other."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        import sqlite3  # (see Cache.db)

        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as err:
            path = self.folder / DATABASE
            code = getattr(err, "sqlite_errorcode", None)
            if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or type(err) is sqlite3.DatabaseError:
                raise Unreadable(path, str(err)) from None
            raise OSError(errno.EIO, str(err), str(path)) from None
    return guarded


DATABASE = "releases.sqlite"
TEXT_MISSING = "a release's text is missing"  # (its facts are stored: the database is damaged)
Result = TypeVar("Result")


class StoredTexts:
    """Release texts read from the cache's database one at a time, as pages ask for
    them, in whichever process renders the page: a forked worker opens a connection
    of its own (one is never used across a fork). So a build holds no text but
    the one it renders: at 10,000 releases, holding them all (and each worker
    copying those it read) cost ~70 MB at the build's peak."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._db, self._pid = None, 0
        self._inherited: list = []  # connections of the processes this one was forked from

    @_sqlite
    def __getitem__(self, key: str) -> str:
        found = self._connection().execute("SELECT html FROM releases WHERE key = ?",
                                           (key,)).fetchone()
        if found is None or found[0] is None:  # (asked for by a page: its facts are there)
            raise Unreadable(self.folder / DATABASE, TEXT_MISSING)
        return found[0]

    def __reduce__(self):  # (sent to another process: it opens its own connection)
        return StoredTexts, (self.folder,)

    def _connection(self):
        if self._pid != os.getpid():
            import sqlite3  # (see Cache.db)

            if self._db is not None:  # (kept, not closed: closing it here would touch the
                self._inherited.append(self._db)  # parent's database from a fork)
            address = (self.folder / DATABASE).absolute().as_uri()
            self._db, self._pid = sqlite3.connect(f"{address}?mode=ro", uri=True), os.getpid()
        return self._db


def using(folder: Path | None, work: Callable[[Cache], Result]) -> Result:
    """`work(cache)` with the cache in `folder`. Should a file of it prove unreadable,
    it is set aside and `work` done again on a fresh cache, its warnings saying so:
    the cache is for speed, never a reason to fail."""
    cache = Cache(folder)
    try:
        return work(cache)
    except Unreadable as unreadable:
        unreadable.__traceback__ = None  # (its frames hold connections to the file set aside)
        cache.set_aside(unreadable)
        warnings = cache.warnings
    finally:
        cache.close()
    cache = Cache(folder)
    cache.warnings = warnings
    try:
        return work(cache)
    finally:
        cache.close()


class Cache:
    """Parsed releases and build states under one folder; `None` keeps nothing."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._db = None  # sqlite3.Connection, opened on first use
        self._memory: dict[str, tuple[bytes, str]] = {}
        self.warnings: list[Problem] = []  # the files set aside, for the build's report

    # -- parsed releases -------------------------------------------------------

    @property
    @_sqlite
    def db(self):
        if self._db is None and self.folder is not None:
            import sqlite3  # (only builds with work to do use it)

            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.folder / DATABASE)
            with self._db:
                self._db.execute("CREATE TABLE IF NOT EXISTS engine (name TEXT)")
                if self._db.execute("SELECT name FROM engine").fetchall() != [(ENGINE,)]:
                    # another engine's results are of no use to this one: start afresh
                    self._db.execute("DROP TABLE IF EXISTS releases")
                    self._db.execute("DROP TABLE IF EXISTS items")
                    self._db.execute("DELETE FROM engine")
                    self._db.execute("INSERT INTO engine VALUES (?)", (ENGINE,))
                self._db.execute("CREATE TABLE IF NOT EXISTS releases "
                                 "(key TEXT PRIMARY KEY, facts BLOB NOT NULL, html TEXT)")
                self._db.execute("CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, "
                                 "templates TEXT NOT NULL, html TEXT NOT NULL)")
        return self._db

    @property
    def bytecode(self) -> Path | None:
        """Where Jinja keeps compiled templates (it checks them against the source)."""
        if self.folder is None:
            return None
        folder = self.folder / "templates"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # -- list items (see render/templates.MeetingItems) -------------------------

    @_sqlite
    def items(self, templates_key: str) -> dict[str, str]:
        """Every list item rendered with these templates."""
        if self.db is None:
            return {}
        return dict(self.db.execute("SELECT key, html FROM items WHERE templates = ?", (templates_key,)))

    @_sqlite
    def remember_items(self, templates_key: str, items: dict[str, str]) -> None:
        if self.db is None or not items:
            return
        with self.db:  # items of other templates are of no more use
            self.db.execute("DELETE FROM items WHERE templates != ?", (templates_key,))
            self.db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?)",
                                ((key, templates_key, html) for key, html in items.items()))

    @_sqlite
    def known(self) -> set[str]:
        """The keys of every release parsed before."""
        if self.db is None:
            return set(self._memory)
        return {key for (key,) in self.db.execute("SELECT key FROM releases")}

    def facts(self, keys: Iterable[str]) -> dict[str, object]:
        """Parse results (without release text) for known keys. One that cannot be
        unpickled (damaged, or of a class this engine no longer has) makes the
        database `Unreadable`: set aside, and the build goes on cold."""
        found = self._select("facts", 0, keys)
        try:
            return {key: pickle.loads(data) for key, data in found.items()}
        except Exception as err:  # (damaged bytes can raise almost anything here)
            raise Unreadable(self.folder / DATABASE if self.folder else Path(DATABASE),
                             f"a stored release cannot be read ({type(err).__name__})") from None

    def texts(self, keys: Iterable[str]) -> dict[str, str]:
        """The rendered release text for known keys."""
        found = self._select("html", 1, keys)
        if self.folder is not None and None in found.values():  # (its facts kept, its text lost)
            raise Unreadable(self.folder / DATABASE, TEXT_MISSING)
        return found

    def text_source(self) -> Texts:
        """The release texts, for pages to render: read from the database when a page
        asks for one (see StoredTexts), or from memory without a folder."""
        if self.folder is None:
            return {key: text for key, (_, text) in self._memory.items()}
        return StoredTexts(self.folder)

    @_sqlite
    def _select(self, column: str, part: int, keys: Iterable[str]) -> dict:
        keys = list(keys)
        if self.db is None:
            return {k: self._memory[k][part] for k in keys if k in self._memory}
        found = {}
        for start in range(0, len(keys), 500):  # SQLite limits the parameters of one query
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(
                f"SELECT key, {column} FROM releases WHERE key IN ({marks})", chunk))
        return found

    @_sqlite
    def keep_only(self, keys: set[str], spare: int = SPARE_RELEASES) -> None:
        """Forget the releases not among `keys` (earlier versions of files, removed
        files) once they outnumber the current ones: the cache stays about the size
        of the content, however many edits it has seen."""
        if self.db is None:
            return
        (count,) = self.db.execute("SELECT count(*) FROM releases").fetchone()
        if count <= 2 * len(keys) + spare:
            return
        with self.db:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM kept")
            self.db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in keys))
            # (SQLite reuses the freed pages: the file grows no further)
            self.db.execute("DELETE FROM releases WHERE key NOT IN (SELECT key FROM kept)")

    @_sqlite
    def remember(self, entries: Iterable[tuple[str, bytes, str | None]]) -> None:
        """Store (key, pickled facts, text) for releases just parsed."""
        entries = list(entries)
        if self.db is None:
            self._memory.update((k, (f, t)) for k, f, t in entries)
            return
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO releases VALUES (?, ?, ?)", entries)

    # -- the state of a build --------------------------------------------------

    def _file(self, kind: str, out: Path) -> Path | None:
        if self.folder is None:
            return None
        # (one file per kind and output folder: another engine's is overwritten, and
        # never read, see _load)
        return self.folder / f"{kind}-{digest(str(out.absolute()))}.pickle"

    def state(self, out: Path) -> State:
        return self._load(self._file("state", out)) or State()

    def stamp(self, out: Path) -> Stamp | None:
        """The few bytes of the last state that tell whether anything changed."""
        return self._load(self._file("stamp", out))

    def save_state(self, out: Path, state: State) -> None:
        # the stamp last: where there is one, the state beside it is the same build's
        self._dump(self._file("state", out), state)
        self._dump(self._file("stamp", out), state.stamp)

    def forget_state(self, out: Path) -> None:
        for kind in ("stamp", "state"):
            path = self._file(kind, out)
            if path is not None:
                path.unlink(missing_ok=True)

    def memory(self, out: Path, generation: str):
        """What the build of `generation` kept in its memory (see memory.py): the parse
        results of every release, by path, the site and its pages."""
        saved = self._load(self._file("memory", out))
        return saved[1] if saved and saved[0] == generation else None

    def save_memory(self, out: Path, generation: str, saved) -> None:
        self._dump(self._file("memory", out), (generation, saved))

    def set_aside(self, unreadable: Unreadable) -> None:
        """Move a damaged file of the cache out of the way (kept for a look, once), and
        forget every build's state: the next build is cold."""
        self.close()
        if self.folder is None:  # (kept in memory only: nothing on disk to set aside)
            self._memory.clear()
            return
        aside = unreadable.path.with_name(unreadable.path.name + ".unreadable")
        os.replace(unreadable.path, aside)
        for leftover in self.folder.glob(f"{DATABASE}-*"):  # its journal
            leftover.unlink(missing_ok=True)
        for state in self.folder.glob("st*-*.pickle"):  # states and stamps
            state.unlink(missing_ok=True)
        self.warnings.append(Problem(str(unreadable.path), 0, "cache", "cannot be read "
                                     f"({unreadable.reason}); set aside as {aside.name}, and "
                                     "the build went on without it", warning=True))

    def _load(self, path: Path | None):
        try:
            data = path.read_bytes()
        except (AttributeError, OSError):
            return None
        with collector.loading():  # (hundreds of thousands of objects, long-lived)
            try:
                engine, value = pickle.loads(data)
            except Exception as err:  # (damaged bytes can raise almost anything here)
                path.unlink(missing_ok=True)
                self.warnings.append(Problem(str(path), 0, "cache", f"cannot be read "
                                             f"({type(err).__name__}); removed, and the build "
                                             "went on without it", warning=True))
                return None
        return value if engine == ENGINE else None

    def _dump(self, path: Path | None, value) -> None:
        if path is None:
            return
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps((ENGINE, value), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)  # a killed build leaves the old file or the new one

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

"""The one door to what earlier builds kept: the recipe asks, this answers.

    unchanged(inputs)      the last build's summary, if nothing changed since
    parsed(sources, ...)   every release modelled: reused where its bytes are known
    site(key, arrange)     the site for this key: the one kept, or arranged now
    pages(site, ...)       the pages of this site with their keys, and which to render
    commit(...)            what this build made, kept for the next

Behind it: the SQLite store of parsed releases and list items (store.py), the
state of the last build of one output folder (its stamp, its pages' keys, the
published folders), and the memory of the site and its pages (memory.py),
which the live preview keeps warm and other builds read from `.cache/`.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .. import collector
from ..keys import digest, release_key
from ..parallel import fork_map
from ..problems import Problem
from ..project import Summary
from ..publish import write
from ..publish.guard import Refused
from ..publish.output import Output
from ..read.sources import Source
from .memory import Memory, Snapshot, look_key
from .store import Cache, Result, Stamp, State, using

if TYPE_CHECKING:
    from ..model.site import Site
    from ..read.parse import Parsed
    from ..read.settings import Config
    from ..render.plan import Page
    from ..render.templates import Texts

RECENT = 256  # parse results kept in the state before the memory is saved anew
PARSED_MANY = 64  # releases parsed at once after which the memory they held is given back


@dataclass
class Releases:
    """Every release modelled, in the order of the sources."""

    parsed: list[Parsed]
    fresh: int  # how many were parsed this time (their texts went into the cache)
    snapshot: dict[str, Parsed]  # the last build's results, by path

    def text_keys(self) -> dict[str, str]:
        """The key of each meeting's release text, by the meeting's slug."""
        return {one.meeting.slug: one.key for one in self.parsed if one.meeting}


@dataclass
class Pages:
    """The pages of the site with their keys, and those whose key changed since
    the last build (all of them, without the last build's site)."""

    templates: str  # the key of the templates and settings they are made with
    keyed: list[tuple[Page, str]]
    changed: list[Page]
    previous: dict[str, tuple[str, str]]  # site file -> (page key, bytes digest), last build's


def reusing(cache: Path | None, out: Path, memory: Memory, preview: bool,
            work: Callable[[Reuse], Result]) -> Result:
    """`work(reuse)` with what earlier builds of `out` kept in the folder `cache`
    (None: nothing). A file of it that proves unreadable is set aside and the work
    done again, cold: the cache is for speed, never a reason to fail."""
    return using(cache, lambda store: work(Reuse(store, out, memory, preview)))


class Reuse:
    """What earlier builds of one output folder kept, for this build: asked in the
    recipe's order (`unchanged`, `parsed`, `site`, `pages`, `commit`; see the module)."""

    def __init__(self, cache: Cache, out: Path, memory: Memory, preview: bool):
        self.cache, self.out, self.memory = cache, out, memory
        # A live preview's builds follow one another in one process: its memory is
        # warm after its first build, and saved to disk at that build only (at 10,000
        # releases saving takes 0.7 s, which each edit of a release's facts would pay).
        self.persist = not preview or not memory.warm
        self.warm = memory.warm or not preview
        self.stamp = cache.stamp(out)
        self.state: State | None = None
        self.folders: write.Folders | None = None  # the published site, if it is as left

        # The site's time zone as the last build read it (its settings are read
        # only when there is work; changed settings change the inputs anyway).
        self.last_timezone = self.stamp.timezone if self.stamp else memory.timezone

    @property
    def warnings(self) -> list[Problem]:
        """The files of the cache set aside as unreadable."""
        return self.cache.warnings

    @property
    def bytecode(self) -> Path | None:
        """Where Jinja keeps compiled templates (it checks them against the source)."""
        return self.cache.bytecode

    def unchanged(self, inputs: str) -> Summary | None:
        """The last build's summary, if `inputs` are the same and its site is whole
        (and, in the preview, its memory is warm: else the first build warms it)."""
        if self.stamp and self.stamp.fingerprint == inputs and self.warm and \
                write.current(self.out, self.stamp.folders):
            return self.stamp.summary
        return None

    def parsed(self, sources: list[Source], timezone: str, content: Path) -> Releases:
        """Every release modelled. Files unchanged since the last build come from its
        results, files whose bytes the cache knows from the cache; the rest is parsed,
        on all cores. (Releases are read in the site's time zone: another one makes
        them all new.)"""
        self.state = state = self.cache.state(self.out)
        self.folders = write.current(self.out, state.stamp.folders)
        self.memory.timezone = timezone
        keys: dict[int, str] = {}
        if state.timezone != timezone:
            state.sources = {}
        for number, source in enumerate(sources):
            old = state.sources.get(source.path)
            if old and old[:2] == source.signature:
                keys[number] = old[2]
        if self.memory.snapshot.generation != state.snapshot and keys:
            self.memory.restore(self.cache.memory(self.out, state.snapshot))
        snapshot = self.memory.snapshot.parsed if keys else {}
        known = {**snapshot, **state.recent}
        parsed: dict[int, Parsed] = {}
        for number, key in keys.items():
            one = known.get(sources[number].path)
            if one is not None and one.key == key:
                parsed[number] = one

        todo = [number for number in range(len(sources)) if number not in keys]
        results = fork_map(_parse_source, [sources[n].path for n in todo],
                           shared=(self.cache.known(), timezone, os.path.realpath(content)))
        remember = []
        for number, (key, pickled, text) in zip(todo, results):
            if key is not None:
                keys[number] = key
            if pickled is not None:  # parsed now: the cache did not know it
                parsed[number] = pickle.loads(pickled)
                if key is not None:
                    remember.append((key, pickled, text))
        self.cache.remember(remember)
        fresh = len(remember)
        del remember, results
        if fresh >= PARSED_MANY:  # (their texts and pickles, freed: the rest is forked)
            collector.give_back()
        stored = self.cache.facts({keys[n] for n in range(len(sources)) if n not in parsed})
        for number in range(len(sources)):
            if number not in parsed:
                parsed[number] = stored[keys[number]]
        return Releases([parsed[n] for n in range(len(sources))], fresh, snapshot)

    def site(self, key: tuple, arrange: Callable[[], tuple[Site, Summary]]
             ) -> tuple[Site, Summary]:
        """The site and its summary for `key` (all that arranges it): the one kept,
        or `arrange()`d now."""
        return self.memory.site(key, arrange)

    def pages(self, site: Site, text_keys: dict[str, str], templates: Path, config: Config,
              live_script: str | None) -> Pages:
        """The pages of `site` with their keys, and those to render. From here on the
        last build's state is forgotten: the site is about to change, and until this
        build's state is saved none is trusted."""
        look = look_key(templates, config, live_script)
        keyed = self.memory.pages(site, text_keys, look, config)
        # without the last build's site, every page is new
        previous = self.state.pages if self.folders else {}
        changed = [page for page, key in keyed if previous.get(page.file, ("",))[0] != key]
        self.cache.forget_state(self.out)  # until the new state is saved, none is trusted
        return Pages(look, keyed, changed, previous)

    def texts(self, keys: set[str]) -> dict[str, str]:
        """The release texts (HTML) of `keys`, from the store."""
        return self.cache.texts(keys)

    def text_source(self) -> Texts:
        """The release texts for the pages to render, each read from the store when a
        page asks for it (see store.StoredTexts)."""
        return self.cache.text_source()

    def items(self, pages: Pages) -> dict[str, str]:
        """The list items earlier builds rendered with these templates, if any page
        to render is a list (only list pages show meeting items)."""
        lists = any(p.text_of is None for p in pages.changed)
        return self.cache.items(pages.templates) if lists else {}

    def commit(self, inputs: str, summary: Summary, timezone: str, sources: list[Source],
               releases: Releases, pages: Pages, output: Output) -> None:
        """Keep what this build made, or say in one line that it could not."""
        try:
            self._commit(inputs, summary, timezone, sources, releases, pages, output)
        except OSError as err:
            self.cache.forget_state(self.out)
            raise Refused(f"{self.out}/ holds the new build, but the build cache could not be "
                          f"saved ({err.strerror or err}): the next build starts cold") from None

    def _commit(self, inputs: str, summary: Summary, timezone: str, sources: list[Source],
                releases: Releases, pages: Pages, output: Output) -> None:
        """Its list items, its state (the stamp last: where there is one, the state
        beside it is the same build's) and, when much has changed since it was saved,
        the memory."""
        self.cache.remember_items(pages.templates, output.items)
        state = replace(
            self.state, stamp=Stamp(inputs, summary, output.folders, timezone),
            sources={s.path: (s.mtime, s.size, one.key)
                     for s, one in zip(sources, releases.parsed) if one.key},
            pages=output.files, timezone=timezone)
        by_path = {s.path: one for s, one in zip(sources, releases.parsed) if one.key}
        state.recent = {path: one for path, one in by_path.items()
                        if releases.snapshot.get(path) is not one}
        if not state.snapshot or len(state.recent) > RECENT or \
                (self.memory.unsaved and self.persist):
            state.snapshot = digest(inputs, "snapshot")
            self.memory.snapshot = Snapshot(state.snapshot, by_path)
            self.cache.save_memory(self.out, state.snapshot, self.memory.saved())
            state.recent = {}
        self.cache.save_state(self.out, state)
        self.cache.keep_only({key for _, _, key in state.sources.values()})


def _parse_source(shared: tuple[set[str], str, str], path: str
                  ) -> tuple[str | None, bytes | None, str | None]:
    """Read and model one release, in a worker process: (key, pickled Parsed, text as
    HTML). Only the key when the cache already knows it."""
    # (the parsing stages load here, not at the top: a build that finds nothing
    # changed never needs them, and their imports (YAML, Markdown) take longer)
    from ..read.parse import parse_release, unreadable
    from ..read.release import read_bytes

    known, timezone, content = shared
    name, data = read_bytes(Path(path), inside=content)
    if not isinstance(data, bytes):  # a problem: it cannot be read
        return None, pickle.dumps(unreadable(data)), None
    key = release_key(name, data, timezone)
    if key in known:
        return key, None, None
    parsed, text = parse_release(Path(path), name, data, timezone)
    parsed = replace(parsed, key=key)
    return key, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL), text

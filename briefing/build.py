"""The recipe of a build: read -> model -> render -> write.

    guard    = only an output folder of its own; one build at a time (guard.py)
    sources  = the release files and their signatures    (sources.py)
    parsed   = each release read and modelled, or cached  (read.py, schema.py, markup.py)
    site     = the meetings arranged into indexes         (site.py)
    pages    = which pages exist, and what each shows     (render.plan)
    publish  = render what changed, write what differs    (output.py, render.py, write.py)

The cache (cache.py) and the memory of the last build (memory.py) let each
step skip what an earlier build already did: nothing changed -> nothing to do;
a release changed -> parse that one release, re-render the pages that show it,
write the files whose bytes differ.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import os
import pickle
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import guard, write
from .cache import Cache, Stamp, State, digest, using
from .memory import Memory
from .output import Output
from .parallel import fork_map
from .problems import ContentError, Problem, counted, errors_in
from .sources import Source, fingerprint, read_folder, scan, today_in

if TYPE_CHECKING:
    from .bodies import Registry
    from .config import Config
    from .model import Meeting
    from .render import Page, Renderer
    from .site import Site


RECENT = 256  # parse results kept in the state before the memory is saved anew


@dataclass(frozen=True)
class Project:
    """Where a build reads from and writes to."""

    content: Path
    templates: Path
    assets: Path
    out: Path
    cache: Path | None = Path(".cache")  # None: keep nothing between builds
    config: Path = Path("site.yaml")  # the site's settings (see config.py); may be absent
    bodies: Path = Path("bodies.yaml")  # the registry of bodies' names (see bodies.py); may be absent


@dataclass(frozen=True)
class Report:
    releases: int
    drafts_left_out: int
    pages: int
    seconds: float
    warnings: tuple[Problem, ...]
    parsed: int = 0  # releases read and modelled this time (the others came from the cache)
    rendered: int = 0  # pages rendered this time
    written: int = 0  # files written or removed (the others kept their bytes and time)

    def __str__(self) -> str:
        if not self.written and not self.rendered and not self.parsed:
            return f"nothing changed: {counted(self.pages, 'page')} up to date in {self.seconds:.2f} s"
        drafts = f" ({counted(self.drafts_left_out, 'draft')} left out)" if self.drafts_left_out else ""
        return (f"built {counted(self.pages, 'page')} from {counted(self.releases, 'release')}"
                f"{drafts} in {self.seconds:.2f} s")

    def details(self) -> str:
        return (f"parsed {self.parsed} of {counted(self.releases, 'release')}, rendered "
                f"{self.rendered} of {counted(self.pages, 'page')}, wrote {counted(self.written, 'file')}")


def build(project: Project, drafts: bool = False, search: bool = True,
          wait: float = guard.WAIT, waiting=lambda line: None, today: dt.date | None = None
          ) -> Report:
    """Build the site, or raise ContentError naming every problem, or guard.Refused
    saying why it may not or could not (the site untouched, either way). Meetings
    after `today` (default: the real one) are upcoming."""
    return Builder(project, drafts, search=search, wait=wait, waiting=waiting,
                   today=today).build()


class Builder:
    """Builds one project, again and again. The live preview keeps one, so that
    what a build made (its Memory: parse results, site, pages) spares the next
    build the work; everything kept is looked up by content keys, never trusted
    because of when it was made."""

    def __init__(self, project: Project, drafts: bool = False, live_script: str | None = None,
                 search: bool = True, index_once: bool = False, wait: float = guard.WAIT,
                 waiting=lambda line: None, today: dt.date | None = None):
        self.project, self.drafts = project, drafts
        self.today = today  # the day dividing meetings held from upcoming; None: the real one
        self.zone = ""  # the site's time zone, as the last build read its settings
        self.wait, self.waiting = wait, waiting  # for another build to finish, and saying so
        self.search = search  # index the meeting pages for search when they change
        self.index_once = index_once  # ... at the first build that succeeds only
        # A live preview's builder: builds follow one another, so it keeps its
        # memory warm, and its pages let `live_script` (livereload's) run.
        self.live_script = live_script
        self.again = live_script is not None
        if self.again:  # and let the first edit find the parsing stages loaded
            for stage in (".schema", ".markup", ".render"):
                importlib.import_module(stage, __package__)
        self.memory = Memory()

    def build(self) -> Report:
        guard.check_output(self.project.out, *places(self.project))  # before any lock is made
        try:
            with self.locked():
                report = self.attempt(time.perf_counter())  # (the time waited is not the build's)
        except OSError as err:  # the disk: full, read-only, ... (the new site never went in)
            raise guard.Refused(f"the build stopped: {err.filename or 'a file'}: "
                                f"{err.strerror or err}; {guard.folder_name(self.project.out)} "
                                "left as it was") from None
        if self.index_once:
            self.search = False
        return replace(report, warnings=(*report.warnings, *write.foreign(self.project.out)))

    def today_for(self, timezone: str) -> dt.date:
        """The day dividing meetings held from upcoming: pinned, or today in the site's
        time zone (the computer's, if it has none). A new day there is a new input: the
        next build looks again."""
        return self.today or today_in(timezone)

    def locked(self) -> contextlib.ExitStack:
        """The cache's lock, then the output folder's (see guard.py)."""
        project = self.project
        stack = contextlib.ExitStack()
        with stack:  # (the first released at once if the second cannot be had)
            stack.enter_context(guard.cache_locked(project.cache, self.wait, self.waiting))
            stack.enter_context(guard.locked(guard.output_lock(project.out),
                                             guard.folder_name(project.out), self.wait,
                                             self.waiting))
            return stack.pop_all()

    def attempt(self, started: float) -> Report:
        try:
            return using(self.project.cache, lambda cache: self._build(cache, started))
        finally:
            self.freeze()

    def freeze(self) -> None:
        if self.again:
            # What the memory keeps lives long: the collector need not walk its
            # hundreds of thousands of objects on every build (at 10,000 releases
            # that walk took more time than the rebuild; and a build leaves no
            # cycles behind to collect: gc.collect() found none).
            gc.freeze()

    def _build(self, cache: Cache, started: float) -> Report:
        project, memory = self.project, self.memory
        stamp = cache.stamp(project.out)
        scanned = scan(project.content)
        sources = scanned.sources
        # (the site's time zone as the last build read it: its settings are read only
        # when there is work; changed settings change the fingerprint anyway)
        zone = stamp.timezone if stamp else self.zone
        inputs = fingerprint(scanned, project, self.drafts, self.search,
                             self.today_for(zone).isoformat())
        warm = memory.warm or not self.again  # else warm up now, for the next build's sake
        if stamp and stamp.fingerprint == inputs and warm and write.current(project.out, stamp.folders):
            return Report(**stamp.report, seconds=time.perf_counter() - started)  # nothing changed

        state = cache.state(project.out)
        folders = write.current(project.out, state.stamp.folders)
        # The memory goes to disk for the next process; the preview, whose next build
        # keeps it in this one, saves it at its first build only (at 10,000 releases
        # saving takes 0.7 s, which each edit of a release's facts would pay).
        persist = not self.again or not memory.warm

        config, registry, settings_problems = settings(project)
        static, unreadable = assets(project)
        settings_problems += scanned.problems + unreadable  # (reported with the releases')
        loaded = load(sources, cache, state, project.out, memory, config.timezone or "",
                      project.content)
        self.zone = config.timezone or ""
        today = self.today_for(self.zone)
        if self.zone != zone:  # the fingerprint the next build will compute
            inputs = fingerprint(scanned, project, self.drafts, self.search, today.isoformat())
        site, summary = memory.site(
            site_key(loaded.parsed, self.drafts, settings_problems, registry, today),
            lambda: model(loaded.parsed, self.drafts, settings_problems, registry, today))
        templates_key, pages = memory.pages(site, loaded.text_keys(), project, config,
                                            self.live_script)
        summary["pages"] = len(pages)
        previous = state.pages if folders else {}  # without the old site, everything is new
        changed = [page for page, key in pages if previous.get(page.file, ("",))[0] != key]
        cache.forget_state(project.out)  # until the new state is saved, none is trusted
        output = Output(pages, previous)
        folders = output.publish(
            renderer(site, changed, loaded.texts, templates_key, project, config, cache,
                     self.live_script),
            changed, static, project.out, folders,
            index=self.search and output.reindex(changed))
        try:
            cache.remember_items(templates_key, output.items)
            save_state(cache, project.out, sources, State(
                stamp=Stamp(inputs, summary, folders, config.timezone or ""),
                sources={s.path: (s.mtime, s.size, one.key)
                         for s, one in zip(sources, loaded.parsed) if one.key},
                pages=output.files,
                snapshot=state.snapshot,
                recent=state.recent,
                timezone=config.timezone or "",
            ), loaded, memory, persist)
        except OSError as err:
            cache.forget_state(project.out)
            raise guard.Refused(f"{project.out}/ holds the new build, but the build cache could "
                                f"not be saved ({err.strerror or err}): the next build starts "
                                "cold") from None
        return Report(**{**summary, "warnings": (*summary["warnings"], *cache.warnings)},
                      seconds=time.perf_counter() - started, parsed=len(loaded.texts),
                      rendered=len(changed), written=len(output.written))


def places(project: Project) -> tuple[dict[str, Path], dict[str, Path]]:
    """What the output folder may not be, hold or be inside (the inputs), and what it
    may not be or hold (see guard.check_output)."""
    inputs = {"the content folder": project.content, "the templates": project.templates,
              "the assets": project.assets}
    above = {"the settings": project.config, "the registry of bodies": project.bodies,
             "the project folder": Path.cwd(), "the root folder": Path("/")}
    if project.cache is not None:
        above["the build cache"] = project.cache
    with contextlib.suppress(RuntimeError):  # (no home folder known)
        above["your home folder"] = Path.home()
    return inputs, above


def settings(project: Project) -> tuple[Config, Registry, list[Problem]]:
    """The site's settings and registry of bodies, and their problems."""
    from .bodies import load_registry  # (YAML loads only when there is work)
    from .config import load_config

    config, problems = load_config(project.config)
    registry, more = load_registry(project.bodies)
    return config, registry, problems + more


def site_key(parsed: list[Parsed], drafts: bool, settings_problems: list[Problem],
             registry: Registry, today: dt.date | None = None) -> tuple:
    """All that arranges the site: its meetings (by their keys), whether drafts are
    in, every problem (warnings are reported with the site), the registry of bodies,
    and the day that divides meetings held from upcoming."""
    problems = [*settings_problems, *(p for one in parsed for p in one.problems)]
    return (tuple(one.meeting.key for one in parsed if one.meeting), drafts, problems, registry,
            today)


def model(parsed: list[Parsed], drafts: bool, settings_problems: list[Problem] = (),
          registry: Registry | None = None, today: dt.date | None = None) -> tuple[Site, dict]:
    """The site the releases describe, and the counts a report gives; or every
    problem, the settings' included. Meetings after `today` are upcoming."""
    from .bodies import Registry
    from .site import arrange  # the heavy stages load only when there is work

    problems = [*settings_problems, *(p for one in parsed for p in one.problems)]
    problems += same_urls([one for one in parsed if one.meeting])
    if errors_in(problems):
        raise ContentError(problems)
    meetings = [one.meeting for one in parsed if one.meeting]
    published = [m for m in meetings if drafts or not m.draft]
    summary = dict(releases=len(meetings), drafts_left_out=len(meetings) - len(published),
                   warnings=tuple(sorted(problems, key=lambda p: p.place)))
    return arrange(published, registry or Registry({}), today), summary


def renderer(site: Site, pages: list[Page], texts: dict[str, str], templates_key: str,
             project: Project, config: Config, cache: Cache, live_script: str | None
             ) -> Renderer:
    """A renderer with what the pages to render need from the cache: the text of
    the meetings they show and the list items known from earlier builds."""
    from .render import MeetingItems, Renderer

    texts = {**texts, **cache.texts({p.text_of for p in pages if p.text_of} - set(texts))}
    lists = any(p.text_of is None for p in pages)  # only list pages show meeting items
    items = MeetingItems(cache.items(templates_key) if lists else {})
    return Renderer(site, project.templates, config, texts, items, cache.bytecode, live_script)


def save_state(cache: Cache, out: Path, sources: list[Source], state: State, loaded: Loaded,
               memory: Memory, persist: bool = True) -> None:
    """Save the state. The parse results go to the state while few have changed since
    the memory was saved; the memory is saved anew once many have, or (if `persist`)
    when the site or its pages were worked out anew (a release's text edit does neither)."""
    by_path = {s.path: one for s, one in zip(sources, loaded.parsed) if one.key}
    state.recent = {path: one for path, one in by_path.items() if loaded.snapshot.get(path) is not one}
    if not state.snapshot or len(state.recent) > RECENT or (memory.unsaved and persist):
        state.snapshot = digest(state.stamp.fingerprint, "snapshot")
        memory.snapshot = (state.snapshot, by_path)
        cache.save_memory(out, memory.saved())
        state.recent = {}
    cache.save_state(out, state)
    cache.keep_only({key for _, _, key in state.sources.values()})


@dataclass(frozen=True)
class Parsed:
    """What one release file gives: its meeting (None if it has errors) and its problems."""

    key: str | None  # the release's cache key; None if the file could not be read
    meeting: Meeting | None
    problems: tuple[Problem, ...]
    lines: dict[str, int]  # the line of each top-level field, for problems found later

    def line(self, field: str) -> int:
        """Where a problem with `field` is reported: its line, or the first."""
        return self.lines.get(field, 1)


@dataclass
class Loaded:
    parsed: list[Parsed]  # in the order of the sources
    texts: dict[str, str]  # release key -> text (HTML), of the releases parsed this time
    snapshot: dict[str, Parsed]  # the last build's results, by path (see Cache.snapshot)

    def text_keys(self) -> dict[str, str]:
        """The key of each meeting's release text, by the meeting's slug."""
        return {one.meeting.slug: one.key for one in self.parsed if one.meeting}


def load(sources: list[Source], cache: Cache, state: State, out: Path, memory: Memory,
         timezone: str, content: Path) -> Loaded:
    """Every release modelled. Files unchanged since the last build come from its
    results, files whose bytes the cache knows from the cache; the rest is parsed.
    (Releases are read in the site's time zone: another one makes them all new.)"""
    keys: dict[int, str] = {}
    if state.timezone != timezone:
        state.sources = {}
    for number, source in enumerate(sources):
        old = state.sources.get(source.path)
        if old and old[:2] == source.signature:
            keys[number] = old[2]
    if memory.snapshot[0] != state.snapshot and keys:
        memory.restore(cache.memory(out, state.snapshot))
    snapshot = memory.snapshot[1] if keys else {}
    known = {**snapshot, **state.recent}
    parsed: dict[int, Parsed] = {}
    for number, key in keys.items():
        one = known.get(sources[number].path)
        if one is not None and one.key == key:
            parsed[number] = one

    todo = [number for number in range(len(sources)) if number not in keys]
    results = fork_map(parse_source, [sources[n].path for n in todo],
                       shared=(cache.known(), timezone, os.path.realpath(content)))
    texts: dict[str, str] = {}
    remember = []
    for number, (key, pickled, text) in zip(todo, results):
        if key is not None:
            keys[number] = key
        if pickled is not None:  # parsed now: the cache did not know it
            parsed[number] = pickle.loads(pickled)
            if key is not None:
                texts[key] = text
                remember.append((key, pickled, text))
    cache.remember(remember)
    stored = cache.facts({keys[n] for n in range(len(sources)) if n not in parsed})
    for number in range(len(sources)):
        if number not in parsed:
            parsed[number] = pickle.loads(stored[keys[number]])
    return Loaded([parsed[n] for n in range(len(sources))], texts, snapshot)


def parse_source(shared: tuple[set[str], str, str], path: str
                 ) -> tuple[str | None, bytes | None, str | None]:
    """Read and model one release, in a worker process: (key, pickled Parsed, text as
    HTML). Only the key when the cache already knows it."""
    known, timezone, content = shared
    import zoneinfo

    from . import markup
    from .read import read_bytes, read_release, release_key
    from .schema import to_meeting

    path = Path(path)
    name, data = read_bytes(path, inside=content)
    if isinstance(data, Problem):
        return None, pickle.dumps(Parsed(None, None, (data,), {})), None
    key = release_key(name, data, timezone)
    if key in known:
        return key, None, None
    release = read_release(path, name, data)
    if isinstance(release, Problem):
        return key, pickle.dumps(Parsed(key, None, (release,), {})), None
    meeting, problems = to_meeting(release, zoneinfo.ZoneInfo(timezone) if timezone else None)
    text = markup.to_html(release.body) if meeting else None
    parsed = Parsed(key, meeting, tuple(problems), release.lines())
    return key, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL), text


def same_urls(parsed: list[Parsed]) -> list[Problem]:
    """Two releases must not claim one page."""
    first: dict[str, Meeting] = {}
    problems = []
    for one in parsed:
        meeting = one.meeting
        if meeting.slug not in first:
            first[meeting.slug] = meeting
            continue
        problems.append(Problem(
            meeting.source_file, one.line("slug"), "slug",
            f"meetings/{meeting.slug}/ is also the page of {first[meeting.slug].source_file}",
            "a page of its own: rename the file or set 'slug:'"))
    return problems


def assets(project: Project) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """The stylesheet, icons, ...: copied into the site's assets/ as they are; and
    what cannot be read of them and of the templates."""
    found, problems = read_folder(project.assets, "asset")
    problems += read_folder(project.templates, "template")[1]
    return [("assets/" + Path(path).relative_to(project.assets).as_posix(), data)
            for path, data in found], problems

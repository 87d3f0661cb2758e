"""The recipe of a build: read -> model -> render -> write.

    guard     only an output folder of its own; one build at a time   publish/guard.py
    scan      the release files and their signatures                  read/sources.py
    settings  site.yaml, bodies.yaml, the assets                      read/settings.py
    parse     each release read and modelled                          read/parse.py
    arrange   the meetings arranged into a site                       model/site.py
    plan      which pages exist, and what each one shows              render/plan.py
    publish   render what changed, write what differs, swap it in     publish/output.py

Each step asks `reuse` (the one door to what earlier builds kept, reuse/) for
what it may skip: nothing changed -> nothing to do; a release changed -> parse
that one release, re-render the pages that show it, write the files whose
bytes differ.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import ContentError, Problem, errors_in
from ..project import Project, Report, Summary
from ..publish import guard, write
from ..publish.output import Output
from ..read.sources import Scan, read_assets, scan
from ..reuse import Cache, Memory, Releases, Reuse, fingerprint, using

if TYPE_CHECKING:
    from ..model.bodies import Registry
    from ..model.site import Site
    from ..read.settings import Settings


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
        self.wait, self.waiting = wait, waiting  # for another build to finish, and saying so
        self.search = search  # index the meeting pages for search when they change
        self.index_once = index_once  # ... at the first build that succeeds only
        # A live preview's builder: builds follow one another, so it keeps its
        # memory warm, and its pages let `live_script` (livereload's) run.
        self.live_script = live_script
        self.again = live_script is not None
        if self.again:  # and let the first edit find the parsing stages loaded
            for stage in ("..read.parse", "..render.templates"):
                importlib.import_module(stage, __package__)
        self.memory = Memory()

    def build(self) -> Report:
        guard.check_output(self.project.out, *places(self.project))  # before any lock is made
        try:
            with self.locked():
                started = time.perf_counter()  # (the time waited is not the build's)
                report = using(self.project.cache, lambda cache: self.attempt(cache, started))
        except OSError as err:  # the disk: full, read-only, ... (the new site never went in)
            raise guard.Refused(f"the build stopped: {err.filename or 'a file'}: "
                                f"{err.strerror or err}; {guard.folder_name(self.project.out)} "
                                "left as it was") from None
        if self.index_once:
            self.search = False
        return replace(report, warnings=(*report.warnings, *write.foreign(self.project.out)))

    def locked(self) -> contextlib.ExitStack:
        """The cache's lock, then the output folder's (see publish/guard.py)."""
        project = self.project
        stack = contextlib.ExitStack()
        with stack:  # (the first released at once if the second cannot be had)
            stack.enter_context(guard.cache_locked(project.cache, self.wait, self.waiting))
            stack.enter_context(guard.locked(guard.output_lock(project.out),
                                             guard.folder_name(project.out), self.wait,
                                             self.waiting))
            return stack.pop_all()

    def attempt(self, cache: Cache, started: float) -> Report:
        reuse = Reuse(cache, self.project.out, self.memory, preview=self.again)
        try:
            scanned = scan(self.project.content)
            inputs = self.inputs(scanned, reuse.timezone)
            last = reuse.unchanged(inputs)
            if last:
                return Report.of(last, time.perf_counter() - started)
            return self.make(reuse, scanned, inputs, started)
        finally:
            if self.again:
                self.memory.keep_long()

    def make(self, reuse: Reuse, scanned: Scan, inputs: str, started: float) -> Report:
        """The recipe, once something changed."""
        project = self.project
        settings, static, problems = read_inputs(project, scanned)
        releases = reuse.parsed(scanned.sources, settings.timezone, project.content)
        if settings.timezone != reuse.timezone:  # the inputs the next build will see
            inputs = self.inputs(scanned, settings.timezone)
        today = self.today_for(settings.timezone)
        site, summary = reuse.site(
            site_key(releases, self.drafts, problems, settings.registry, today),
            lambda: arrange_site(releases, self.drafts, problems, settings.registry, today))
        pages = reuse.pages(site, releases.text_keys(), project.templates, settings.config,
                            self.live_script)
        output = Output(pages.keyed, pages.previous)
        folders = output.publish(renderer(site, pages, releases, reuse, project, settings,
                                          self.live_script),
                                 pages.changed, static, project.out, reuse.folders,
                                 index=self.search and output.reindex(pages.changed))
        summary = replace(summary, pages=len(pages.keyed))
        try:
            reuse.commit(inputs, summary, settings.timezone, folders, scanned.sources, releases,
                         pages, output.files, output.items)
        except OSError as err:
            reuse.forget()
            raise guard.Refused(f"{project.out}/ holds the new build, but the build cache could "
                                f"not be saved ({err.strerror or err}): the next build starts "
                                "cold") from None
        summary = replace(summary, warnings=(*summary.warnings, *reuse.warnings))
        return Report.of(summary, time.perf_counter() - started, parsed=len(releases.texts),
                         rendered=len(pages.changed), written=len(output.written))

    def inputs(self, scanned: Scan, timezone: str) -> str:
        """The fingerprint of every input, today (in the site's `timezone`) included."""
        return fingerprint(scanned, self.project, self.drafts, self.search,
                           self.today_for(timezone).isoformat())

    def today_for(self, timezone: str) -> dt.date:
        """The day dividing meetings held from upcoming: pinned, or today in the site's
        time zone (the computer's, if it has none). A new day there is a new input: the
        next build looks again."""
        return self.today or today_in(timezone)


def today_in(timezone: str) -> dt.date:
    # (YAML and the settings' module load only when there is work: a build that
    # finds nothing changed ends before it, sooner by their import time)
    from ..read.settings import today_in as today

    return today(timezone)


def read_inputs(project: Project, scanned: Scan
                ) -> tuple[Settings, list[tuple[str, bytes]], tuple[Problem, ...]]:
    """The settings, the assets, and the problems of the settings, the scan and the
    assets (reported with the releases')."""
    from ..read.settings import read_settings  # (see today_in)

    settings = read_settings(project)
    static, unreadable = read_assets(project)
    return settings, static, (*settings.problems, *scanned.problems, *unreadable)


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


def site_key(releases: Releases, drafts: bool, problems: tuple[Problem, ...],
             registry: Registry, today: dt.date) -> tuple:
    """All that arranges the site: its meetings (by their keys), whether drafts are
    in, every problem (warnings are reported with the site), the registry of bodies,
    and the day that divides meetings held from upcoming."""
    problems = [*problems, *(p for one in releases.parsed for p in one.problems)]
    return (tuple(one.meeting.key for one in releases.parsed if one.meeting), drafts, problems,
            registry, today)


def arrange_site(releases: Releases, drafts: bool, problems: tuple[Problem, ...],
                 registry: Registry, today: dt.date) -> tuple[Site, Summary]:
    """The site the releases describe, and what a report says of it; or every
    problem, the settings' included. Meetings after `today` are upcoming."""
    from ..model.site import arrange  # (see today_in)
    from ..read.parse import same_urls

    problems = [*problems, *(p for one in releases.parsed for p in one.problems)]
    problems += same_urls([one for one in releases.parsed if one.meeting])
    if errors_in(problems):
        raise ContentError(problems)
    meetings = [one.meeting for one in releases.parsed if one.meeting]
    published = [m for m in meetings if drafts or not m.draft]
    summary = Summary(releases=len(meetings), drafts_left_out=len(meetings) - len(published),
                      warnings=tuple(sorted(problems, key=lambda p: p.place)))
    return arrange(published, registry, today), summary


def renderer(site: Site, pages, releases: Releases, reuse: Reuse, project: Project,
             settings: Settings, live_script: str | None):
    """A renderer with what the pages to render need from earlier builds: the text
    of the meetings they show and the list items already made."""
    from ..render.templates import MeetingItems, Renderer  # (see today_in)

    return Renderer(site, project.templates, settings.config,
                    reuse.texts({p.text_of for p in pages.changed if p.text_of}, releases),
                    MeetingItems(reuse.items(pages)),
                    reuse.bytecode, live_script)

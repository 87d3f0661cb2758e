"""The recipe of a build: read -> model -> render -> publish.

    guard     only an output folder of its own; one build at a time   publish/guard.py
    scan      the release files and their signatures                  read/sources.py
    given     site.yaml, the registries, the assets                     read/settings.py, sources.py
    parse     each release read and modelled (reuse.parsed)           read/parse.py
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

from ..project import Project, Report, today_in
from ..publish import guard, write
from ..read.sources import Scan, scan
from ..reuse import Memory, Reuse, fingerprint, reusing


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
        if self.again:  # and let the first edit find the heavy stages loaded
            importlib.import_module(".stages", __package__)
        self.memory = Memory()

    def build(self) -> Report:
        guard.check_output(self.project.out, *places(self.project))  # before any lock is made
        try:
            with self.locked():
                started = time.perf_counter()  # (the time waited is not the build's)
                try:
                    report = reusing(self.project.cache, self.project.out, self.memory,
                                     self.again, lambda reuse: self.attempt(reuse, started))
                finally:
                    if self.again:  # the preview's memory lives long: see Memory.keep_long
                        self.memory.keep_long()
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

    def attempt(self, reuse: Reuse, started: float) -> Report:
        """The recipe. Each step asks `reuse` what it may skip."""
        project = self.project
        scanned = scan(project.content)
        inputs = self.inputs(scanned, self.today_for(reuse.last_timezone))
        last = reuse.unchanged(inputs)
        if last:
            return Report.of(last, time.perf_counter() - started)
        from . import stages  # (the heavy libraries, only now: see stages.py)

        given = stages.read_given(project, scanned)
        today = self.today_for(given.timezone)
        if given.timezone != reuse.last_timezone:  # (the inputs as the next build will see them)
            inputs = self.inputs(scanned, today)
        releases = reuse.parsed(scanned.sources, given.timezone, project.content)
        site, summary = reuse.site(stages.site_key(releases, given, self.drafts, today),
                                   lambda: stages.arrange_site(releases, given, self.drafts, today))
        pages = reuse.pages(site, releases.text_keys(), project.templates, given.settings.config,
                            self.live_script)
        output = stages.publish(pages, given, reuse, project, self.live_script,
                                self.search, keep_index=self.index_once)
        summary = replace(summary, pages=len(pages.keyed))
        reuse.commit(inputs, summary, given.timezone, scanned.sources, releases, pages, output)
        return Report.of(replace(summary, warnings=(*summary.warnings, *reuse.warnings)),
                         time.perf_counter() - started, parsed=releases.fresh,
                         rendered=len(pages.changed), written=len(output.written))

    def inputs(self, scanned: Scan, today: dt.date) -> str:
        """The fingerprint of every input, the day dividing held from upcoming included."""
        return fingerprint(scanned, self.project, self.drafts, self.search, today.isoformat())

    @property
    def timezone(self) -> str:
        """The site's time zone, as the last build read its settings."""
        return self.memory.timezone

    def today_for(self, timezone: str) -> dt.date:
        """The day dividing meetings held from upcoming: pinned, or today in the site's
        time zone (the computer's, if it has none). A new day there is a new input: the
        next build looks again."""
        return self.today or today_in(timezone)


def places(project: Project) -> tuple[dict[str, Path], dict[str, Path]]:
    """What the output folder may not be, hold or be inside (the inputs), and what it
    may not be or hold (see guard.check_output)."""
    inputs = {"the content folder": project.content, "the templates": project.templates,
              "the assets": project.assets}
    above = {"the settings": project.config, **project.registries,
             "the project folder": Path.cwd(), "the root folder": Path("/")}
    if project.cache is not None:
        above["the build cache"] = project.cache
    with contextlib.suppress(RuntimeError):  # (no home folder known)
        above["your home folder"] = Path.home()
    return inputs, above

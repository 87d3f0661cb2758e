"""The steps of the recipe that load the heavy libraries: YAML, Markdown, Jinja.

The recipe (build.py) imports this module only once it knows there is work:
a build that finds nothing changed ends before, without paying for their
imports (which take longer than such a build's whole work: see bench/run.py's
no-change row).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.site import Site, arrange
from ..problems import ContentError, Problem, errors_in
from ..project import Project, Summary
from ..publish.output import Output
from ..read.parse import same_urls
from ..read.settings import Settings, read_settings
from ..read.sources import Scan, read_assets
from ..render.templates import MeetingItems, Renderer
from ..reuse import Pages, Releases, Reuse


@dataclass(frozen=True)
class Given:
    """What a build is given besides the releases: the settings, the assets, and
    the problems of those and of the scan (reported with the releases')."""

    settings: Settings
    assets: list[tuple[str, bytes]]
    problems: tuple[Problem, ...]

    @property
    def timezone(self) -> str:
        return self.settings.timezone


def read_given(project: Project, scanned: Scan) -> Given:
    settings = read_settings(project)
    assets, unreadable = read_assets(project)
    return Given(settings, assets, (*settings.problems, *scanned.problems, *unreadable))


def site_key(releases: Releases, given: Given, drafts: bool, today: dt.date) -> tuple:
    """All that arranges the site: its meetings (by their keys), whether drafts are
    in, every problem (warnings are reported with the site), the registries,
    and the day that divides meetings held from upcoming."""
    settings = given.settings
    return (tuple(one.meeting.key for one in releases.parsed if one.meeting), drafts,
            problems_of(releases, given), settings.registry, settings.memberships,
            settings.directory, today)


def problems_of(releases: Releases, given: Given) -> list[Problem]:
    """Every problem found so far: of the settings, the scan, the assets, each release."""
    return [*given.problems, *(p for one in releases.parsed for p in one.problems)]


def arrange_site(releases: Releases, given: Given, drafts: bool, today: dt.date
                 ) -> tuple[Site, Summary]:
    """The site the releases describe, and what a report says of it; or every
    problem, the settings' included. Meetings after `today` are upcoming."""
    problems = problems_of(releases, given)
    problems += same_urls([one for one in releases.parsed if one.meeting])
    if errors_in(problems):
        raise ContentError(problems)
    meetings = [one.meeting for one in releases.parsed if one.meeting]
    published = [m for m in meetings if drafts or not m.draft]
    summary = Summary(releases=len(meetings), drafts_left_out=len(meetings) - len(published),
                      warnings=tuple(sorted(problems, key=lambda p: p.place)))
    settings = given.settings
    return arrange(published, settings.registry, today, settings.memberships,
                   settings.directory), summary


def publish(pages: Pages, given: Given, reuse: Reuse, project: Project,
            live_script: str | None, search: bool, keep_index: bool = False) -> Output:
    """Render the pages that changed, write what differs and swap the new site in;
    the search index brought up to date (`search`), shard by shard, else kept as
    the last build left it (`keep_index`: the live preview's) or left out."""
    output = Output(pages.keyed, pages.previous)
    renderer = Renderer(project.templates, given.settings.config, reuse.text_source(),
                        MeetingItems(reuse.items(pages)), reuse.bytecode, live_script)
    output.publish(renderer, pages.changed, given.assets, project.out, reuse.folders,
                   index=search, keep_index=keep_index)
    return output

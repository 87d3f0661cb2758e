"""The recipe of a build: read -> model -> render -> write.

    releases = read each file under content/     (read.py)
    meetings = check and model each release      (schema.py, markup.py)
    site     = arrange meetings into indexes     (site.py)
    pages    = render templates for the site     (render.py)
    publish pages and assets as the new site/    (write.py)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from . import markup, render
from .model import Meeting
from .problems import ContentError, Problem, errors_in
from .parallel import fork_map
from .read import find_releases, read_release, shown_name
from .schema import to_meeting
from .site import arrange
from .write import publish


@dataclass(frozen=True)
class Project:
    """Where a build reads from and writes to."""

    content: Path
    templates: Path
    assets: Path
    out: Path


@dataclass(frozen=True)
class Report:
    releases: int
    drafts_left_out: int
    pages: int
    seconds: float
    warnings: tuple[Problem, ...]

    def __str__(self) -> str:
        drafts = f" ({counted(self.drafts_left_out, 'draft')} left out)" if self.drafts_left_out else ""
        return (f"built {counted(self.pages, 'page')} from {counted(self.releases, 'release')}"
                f"{drafts} in {self.seconds:.2f} s")


def counted(n: int, noun: str) -> str:
    """'1 release', '2 releases'"""
    return f"{n} {noun}{'s' * (n != 1)}"


def build(project: Project, drafts: bool = False) -> Report:
    """Build the site, or raise ContentError naming every problem (site untouched)."""
    started = time.perf_counter()
    meetings, problems = load(project.content)
    if errors_in(problems):
        raise ContentError(problems)
    published = [m for m in meetings if drafts or not m.draft]
    site = arrange(published)
    try:
        pages = publish(render.render(site, project.templates), project.assets, project.out)
    except render.TemplateFailed as failed:
        raise ContentError([failed.problem]) from None
    warnings = tuple(sorted(problems, key=lambda p: p.place))
    return Report(len(meetings), len(meetings) - len(published), pages,
                  time.perf_counter() - started, warnings)


@dataclass(frozen=True)
class Parsed:
    """What one release file gives: its meeting (None if it has errors) and its problems."""

    meeting: Meeting | None
    problems: tuple[Problem, ...]
    slug_line: int  # where a clash of URLs is reported


def parse_file(_, path: Path) -> Parsed:
    """Read one release and model its meeting; runs in a worker process."""
    release = read_release(path)
    if isinstance(release, Problem):
        return Parsed(None, (release,), 1)
    meeting, problems = to_meeting(release, markup.to_html(release.body))
    return Parsed(meeting, tuple(problems), release.key_line("slug"))


def load(content: Path) -> tuple[list[Meeting], list[Problem]]:
    """Every meeting under `content`, and every problem found on the way."""
    if not content.is_dir():
        where = shown_name(content)
        raise ContentError([Problem(where, 1, "content", "no such folder",
                                    "a folder of release .md files")])
    parsed = list(fork_map(parse_file, find_releases(content)))
    problems = [p for one in parsed for p in one.problems]
    problems += same_urls([one for one in parsed if one.meeting])
    return [one.meeting for one in parsed if one.meeting], problems


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
            meeting.source_file, one.slug_line, "slug",
            f"meetings/{meeting.slug}/ is also the page of {first[meeting.slug].source_file}",
            "a page of its own: rename the file or set 'slug:'"))
    return problems

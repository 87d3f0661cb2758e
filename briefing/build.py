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
from .read import Release, find_releases, read_release, shown_name
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
        env = render.environment(project.templates)
        pages = publish(render.render(site, env), project.assets, project.out)
    except Exception as err:  # a template's mistake is the designer's, not a crash
        problem = render.template_problem(err, project.templates)
        if problem is None:
            raise
        raise ContentError([problem]) from err
    warnings = tuple(sorted(problems, key=lambda p: p.place))
    return Report(len(meetings), len(meetings) - len(published), pages,
                  time.perf_counter() - started, warnings)


def load(content: Path) -> tuple[list[Meeting], list[Problem]]:
    """Every meeting under `content`, and every problem found on the way."""
    if not content.is_dir():
        where = shown_name(content)
        raise ContentError([Problem(where, 1, "content", "no such folder",
                                    "a folder of release .md files")])
    meetings: list[tuple[Meeting, Release]] = []
    problems: list[Problem] = []
    for path in find_releases(content):
        release = read_release(path)
        if isinstance(release, Problem):
            problems.append(release)
            continue
        meeting, found = to_meeting(release, markup.to_html(release.body))
        problems += found
        if meeting:
            meetings.append((meeting, release))
    problems += same_urls(meetings)
    return [m for m, _ in meetings], problems


def same_urls(meetings: list[tuple[Meeting, Release]]) -> list[Problem]:
    """Two releases must not claim one page."""
    first: dict[str, Meeting] = {}
    problems = []
    for meeting, release in meetings:
        if meeting.slug not in first:
            first[meeting.slug] = meeting
            continue
        key = next((k for k, _ in release.front.value if k.value == "slug"), None)
        line = release.line(key) if key else 1
        problems.append(Problem(
            release.name, line, "slug",
            f"meetings/{meeting.slug}/ is also the page of {first[meeting.slug].source_file}",
            "a page of its own: rename the file or set 'slug:'"))
    return problems

"""One release, read and modelled: a pure function of its name, bytes and time zone.

Whether a release needs parsing at all (the build cache may know it) is decided
outside, in reuse/; here every call does the whole work, the same way each time.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from ..model import urls
from ..model.meeting import Meeting
from ..problems import Problem
from . import markup
from .release import Release, read_release
from .schema import to_meeting


@dataclass(frozen=True)
class Parsed:
    """What one release file gives: its meeting (None if it has errors) and its problems."""

    key: str | None  # the release's cache key (see reuse/); None if the file could not be read
    meeting: Meeting | None
    problems: tuple[Problem, ...]
    lines: dict[str, int]  # the line of each top-level field, for problems found later

    def line(self, field: str) -> int:
        """Where a problem with `field` is reported: its line, or the first."""
        return self.lines.get(field, 1)


def parse_release(path: Path, name: str, data: bytes, timezone: str) -> tuple[Parsed, str | None]:
    """The meeting and problems of the release at `path` (shown as `name`) with the
    bytes `data`, and its text as HTML (None if it has errors). Its key is for the
    cache to give (see reuse/)."""
    release = read_release(path, name, data)
    if isinstance(release, Problem):
        return Parsed(None, None, (release,), {}), None
    meeting, problems = to_meeting(release, zoneinfo.ZoneInfo(timezone) if timezone else None)
    try:
        text = markup.to_html(release.body) if meeting else None
    except RecursionError:  # (Python-Markdown recurses once for each level of nesting)
        return Parsed(None, None, (*problems, _too_deep(release)), release.lines()), None
    return Parsed(None, meeting, tuple(problems), release.lines()), text


def _too_deep(release: Release) -> Problem:
    """The text's first line: which level went too deep, Python-Markdown cannot say."""
    blank = len(release.body) - len(release.body.lstrip("\n"))
    return Problem(release.name, release.body_line + blank, "text",
                   "nested too deep for the Markdown converter (lists or quotes within each "
                   "other)", "at most a few dozen levels of nesting")


def unreadable(problem: Problem) -> Parsed:
    """A release that could not be read at all."""
    return Parsed(None, None, (problem,), {})


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
            f"{urls.path_of(meeting)} is also the page of {first[meeting.slug].source_file}",
            "a page of its own: rename the file or set 'slug:'"))
    return problems

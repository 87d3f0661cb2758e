"""The domain: what a meeting is, as every later stage sees it.

Plain frozen dataclasses; `schema` makes them from front matter and `site`
arranges them into indexes. Nothing here reads files or renders HTML. The
release text itself is not part of a Meeting: it is only needed on the
meeting's own page, so the build keeps it apart (and cached) by `key`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import roman
from slugify import slugify

from .countries import Country

FORMATS = ("in person", "videoconference", "hybrid")
# The years a date may have: every later stage (the day after, for a calendar's
# end; the time in UTC, for a feed) must stay inside what Python's dates hold.
FIRST_YEAR, LAST_YEAR = 1000, 9998
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # one segment of a page's address
SLUG_LENGTH = 100  # characters: far below the 255 bytes a file system allows a name


def slug_of(text: str) -> str:
    """A page address made from a name (a topic, a body): ASCII, cut at a word."""
    return slugify(text, max_length=SLUG_LENGTH, word_boundary=True)


@dataclass(frozen=True)
class Chair:
    """Who chaired: a person, a country's delegation, or both."""

    name: str | None
    position: str | None
    country: Country | None


@dataclass(frozen=True)
class Official:
    name: str
    position: str | None
    organization: str | None


@dataclass(frozen=True)
class Meeting:
    slug: str  # its page is meetings/<slug>/
    key: str  # digest of all the other fields: equal keys, equal meetings
    source_file: str  # the release it came from, as shown in messages
    title: str
    date: dt.date
    starts: dt.datetime | None  # when the release gives a time (with offset)
    organization: str | None
    body: str | None
    session: int | None
    format: str | None  # one of FORMATS
    location: str | None
    host: Country | None  # the country of `location`, when it names one
    chair: Chair | None
    countries: tuple[Country, ...]  # participants, chair's country included
    officials: tuple[Official, ...]
    topics: tuple[str, ...]
    summary: str | None
    source: str | None  # URL of the original release
    lang: str
    draft: bool
    extra: dict[str, Any] = field(default_factory=dict)  # front-matter keys the schema lacks

    @property
    def session_label(self) -> str | None:
        """'23rd (XXIII)', as the body itself would number it."""
        if self.session is None:
            return None
        return f"{ordinal(self.session)} ({roman.toRoman(self.session)})"

    @property
    def country_names(self) -> str:
        return ", ".join(c.name for c in self.countries)

    @property
    def chair_country(self) -> Country | None:
        return self.chair.country if self.chair else None


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 23rd ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

"""The domain: what a meeting is, as every later stage sees it.

Plain frozen dataclasses; `schema` makes them from front matter and `site`
arranges them into indexes. Nothing here reads files or renders HTML. The
release text itself is not part of a Meeting: it is only needed on the
meeting's own page, so the build keeps it apart (and cached) by `key`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

import roman
from slugify import slugify

from .countries import Country

FORMATS = ("in person", "videoconference", "hybrid")
# The highest session number: the UN Security Council's meetings are numbered past
# 9,000 (Roman numerals, which stop at 3,999, are shown up to there)
MAX_SESSION, MAX_ROMAN = 99_999, 3_999
# The years a date may have: every later stage (the day after, for a calendar's
# end; the time in UTC, for a feed) must stay inside what Python's dates hold.
FIRST_YEAR, LAST_YEAR = 1000, 9998
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # one segment of a page's address
SLUG_LENGTH = 100  # characters: far below the 255 bytes a file system allows a name


def slug_of(text: str) -> str:
    """A page address made from a name (a topic, a body): ASCII, cut at a word."""
    return slugify(text, max_length=SLUG_LENGTH, word_boundary=True)


def free_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3` ... the first not `taken` (which it joins)."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


PRECISIONS = ("year", "month", "day")


@dataclass(frozen=True)
class When:
    """A date as precise as the release gives it: a year, a month, or a day. A
    year stands for the whole year (its first to its last day), never for 1 January."""

    year: int
    month: int | None = None  # 1 to 12
    day: int | None = None  # 1 to 31, with a month (the schema reads no other form)

    @property
    def precision(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def first(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        """The last day the date can mean."""
        if self.day:
            return self.first
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def iso(self) -> str:
        """ISO 8601 at its precision: 2021, 2021-12, 2021-12-03."""
        return self.first.isoformat()[:{"year": 4, "month": 7, "day": 10}[self.precision]]

    @property
    def label(self) -> str:
        """2021, December 2021, 3 December 2021."""
        month = f"{calendar.month_name[self.month]} " if self.month else ""
        return f"{self.day} {month}{self.year}" if self.day else f"{month}{self.year}"

    @classmethod
    def of(cls, day: dt.date) -> When:
        return cls(day.year, day.month, day.day)


def period(start: When, end: When | None) -> str:
    """A date or a span, as briefings write them: 7–8 December 2017, 30 November –
    1 December 2021, November–December 2021, 2019–2021, 30 December 2021 – 2 January
    2022. (`end`, when given, has the precision of `start`.)"""
    if end is None or end == start:
        return start.label
    if not start.month:
        return f"{start.year}–{end.year}"
    if start.year != end.year:
        return f"{start.label} – {end.label}"
    if start.day and start.month == end.month:
        return f"{start.day}–{end.label}"
    if start.day:
        return f"{start.day} {calendar.month_name[start.month]} – {end.label}"
    return f"{calendar.month_name[start.month]}–{end.label}"


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


OUTCOME_KINDS = ("decision", "statement", "agreement", "document", "other")


@dataclass(frozen=True)
class Outcome:
    """One thing the meeting adopted, signed or decided, as the release names it."""

    title: str
    url: str | None = None  # http(s) only
    kind: str | None = None  # one of OUTCOME_KINDS; None when the release does not say


# How a release gives the participating states (Meeting.listing)
LISTED, ALL_MEMBERS = "listed", "all members"


@dataclass(frozen=True)
class Meeting:
    slug: str  # its page is meetings/<slug>/
    key: str  # digest of all the other fields: equal keys, equal meetings
    source_file: str  # the release it came from, as shown in messages
    title: str
    date: When  # as precise as the release gives it
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
    end_date: When | None = None  # the last day of a meeting over several days
    date_note: str | None = None  # where the date comes from, as the editor says
    outcomes: tuple[Outcome, ...] = ()  # what it adopted, signed or decided
    # LISTED: the release lists the participating states; ALL_MEMBERS: it says "all
    # members" (the site expands them from organizations.yaml); None: it names none
    # (the chair's state, if any, is all `countries` holds)
    listing: str | None = None

    @property
    def dates(self) -> str:
        """When it was held, as precise as the release says: '7–8 December 2017'."""
        return period(self.date, self.end_date)

    @property
    def first_day(self) -> dt.date:
        return self.date.first

    @property
    def last_day(self) -> dt.date:
        """The last day it can have been held on (its date's, or its end date's)."""
        return (self.end_date or self.date).last

    @property
    def year(self) -> int:
        return self.date.year

    def upcoming(self, today: dt.date) -> bool:
        """Whether it is still to come: its whole period after `today` (a meeting of
        "2027" is upcoming in 2026, one of "November 2026" not on 29 November)."""
        return self.first_day > today

    @property
    def session_label(self) -> str | None:
        """'23rd (XXIII)', as the body itself would number it."""
        if self.session is None:
            return None
        if self.session > MAX_ROMAN:
            return ordinal(self.session)
        return f"{ordinal(self.session)} ({roman.toRoman(self.session)})"

    @property
    def chair_country(self) -> Country | None:
        return self.chair.country if self.chair else None

    def roles(self, country: Country) -> Roles:
        """What `country` did at this meeting (see Roles)."""
        return ROLES[country in self.countries, self.chair_country is country,
                     self.host is country]


@dataclass(frozen=True)
class Roles:
    """What a state did at a meeting. The roles overlap: a state may take part,
    chair and host at once. It took part if the release lists it among the
    countries or it chaired (a chairing state takes part); it hosted if the
    meeting's location is in it, whether or not it is listed as taking part."""

    took_part: bool
    chaired: bool
    hosted: bool

    LABELS = ("Took part", "Chaired", "Hosted")
    TO_COME = ("Taking part", "Chairing", "Hosting")  # of a meeting still to come

    def marks(self) -> str:
        """'chair, host': what a list of participants marks beside the state."""
        return ", ".join(mark for mark, held in (("chair", self.chaired), ("host", self.hosted))
                         if held)

    def labels(self, to_come: bool = False) -> tuple[str, ...]:
        return tuple(label for label, held in zip(self.TO_COME if to_come else self.LABELS,
                                                  (self.took_part, self.chaired, self.hosted))
                     if held)


# The eight there are, made once: a state's page asks for its roles at thousands of meetings.
ROLES = {flags: Roles(*flags) for flags in itertools.product((False, True), repeat=3)}


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 23rd ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

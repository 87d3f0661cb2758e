"""Stage 2, model (continued): arrange meetings into the indexes readers browse.

`arrange` turns a list of meetings into a `Site`: the meetings in time order,
a record per country, the timeline by year and month, and each meeting's
neighbours. Every list is built once here, so templates only present.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from .countries import Country
from .model import Meeting


@dataclass(frozen=True)
class Neighbours:
    earlier: Meeting | None  # the meeting before this one in time, any body
    later: Meeting | None
    previous_session: Meeting | None  # the same body's session before this one
    next_session: Meeting | None


@dataclass(frozen=True)
class CountryRecord:
    """What one state did: the meetings it attended, chaired or hosted."""

    country: Country
    meetings: tuple[Meeting, ...]  # newest first
    chaired: frozenset[str]  # slugs of the meetings it chaired
    hosted: frozenset[str]
    attended: int

    def roles(self, meeting: Meeting) -> list[str]:
        """What the country did at a meeting beyond attending it."""
        return [role for role, slugs in (("Chaired", self.chaired), ("Hosted", self.hosted))
                if meeting.slug in slugs]

    @property
    def first(self) -> Meeting:
        return self.meetings[-1]

    @property
    def last(self) -> Meeting:
        return self.meetings[0]


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    meetings: tuple[Meeting, ...]  # newest first

    @property
    def name(self) -> str:
        return calendar.month_name[self.month]


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]  # newest first

    @property
    def count(self) -> int:
        return sum(len(m.meetings) for m in self.months)


@dataclass(frozen=True)
class Site:
    meetings: tuple[Meeting, ...]  # newest first
    countries: tuple[CountryRecord, ...]  # by name
    timeline: tuple[Year, ...]  # newest first
    body_count: int
    neighbours: dict[str, Neighbours]  # by meeting slug

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(y.year for y in self.timeline)


def in_time(meeting: Meeting) -> tuple:
    """Chronological order; same-day meetings by start, then session, then slug."""
    starts = meeting.starts.astimezone(dt.timezone.utc).time() if meeting.starts else dt.time()
    return (meeting.date, starts, meeting.session or 0, meeting.slug)


def arrange(meetings: list[Meeting]) -> Site:
    oldest_first = sorted(meetings, key=in_time)
    newest_first = tuple(reversed(oldest_first))
    return Site(
        meetings=newest_first,
        countries=country_records(newest_first),
        timeline=timeline(newest_first),
        body_count=len({m.body_key for m in meetings if m.body_key}),
        neighbours=neighbours(oldest_first),
    )


def country_records(newest_first: tuple[Meeting, ...]) -> tuple[CountryRecord, ...]:
    involved: dict[Country, list[Meeting]] = defaultdict(list)
    for meeting in newest_first:
        # a host that did not attend still belongs on the country's page
        for country in dict.fromkeys([*meeting.countries, *filter(None, [meeting.host])]):
            involved[country].append(meeting)
    records = [
        CountryRecord(
            country=country,
            meetings=tuple(listed),
            chaired=frozenset(m.slug for m in listed if m.chair and m.chair.country is country),
            hosted=frozenset(m.slug for m in listed if m.host is country),
            attended=sum(country in m.countries for m in listed),
        )
        for country, listed in involved.items()
    ]
    return tuple(sorted(records, key=lambda r: (r.country.slug, r.country.code)))


def timeline(newest_first: tuple[Meeting, ...]) -> tuple[Year, ...]:
    return tuple(
        Year(year, tuple(
            Month(year, month, tuple(in_month))
            for month, in_month in groupby(in_year, key=lambda m: m.date.month)
        ))
        for year, in_year in groupby(newest_first, key=lambda m: m.date.year)
    )


def neighbours(oldest_first: list[Meeting]) -> dict[str, Neighbours]:
    by_body: dict[tuple, list[Meeting]] = defaultdict(list)
    for meeting in oldest_first:
        body = meeting.body_key
        if body:
            by_body[body].append(meeting)
    sessions: dict[str, tuple[Meeting | None, Meeting | None]] = {}
    for held in by_body.values():
        # by session number; the sort is stable, so unnumbered or equal ones stay in time order
        held.sort(key=lambda m: (m.session is None, m.session or 0))
        for before, meeting, after in _triples(held):
            sessions[meeting.slug] = (before, after)
    return {
        meeting.slug: Neighbours(before, after, *sessions.get(meeting.slug, (None, None)))
        for before, meeting, after in _triples(oldest_first)
    }


def _triples(items: list[Meeting]):
    """(previous, item, next) for every item, None at the ends."""
    padded = [None, *items, None]
    return zip(padded, padded[1:], padded[2:])

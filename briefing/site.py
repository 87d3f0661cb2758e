"""Stage 2, model (continued): arrange meetings into the indexes readers browse.

`arrange` turns a list of meetings into a `Site`: the meetings in time order,
a record per country, per body and per topic, the timeline by year and month,
and each meeting's neighbours and related meetings. Every list is built once
here, so templates only present.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from .bodies import Body, Registry, identify
from .countries import Country
from .model import Meeting, slug_of

RELATED = 3  # related meetings a meeting page lists
NEARBY = 5  # how far, in time and in the body's sessions, related meetings are looked for


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

    def by_year(self) -> list[tuple[int, tuple[Meeting, ...], tuple[str, ...]]]:
        """The meetings year by year, newest first, each with a note of its roles
        ("Chaired · Hosted", or "")."""
        years = []
        for year, group in groupby(self.meetings, key=lambda m: m.date.year):
            group = tuple(group)
            years.append((year, group, tuple(" · ".join(self.roles(m)) for m in group)))
        return years

    def per_year(self) -> dict[int, int]:
        """Meetings attended, by year."""
        return Counter(m.date.year for m in self.meetings if self.country in m.countries)

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
class Gap:
    """Sessions missing from the record: numbers `first` to `last`."""

    first: int
    last: int


@dataclass(frozen=True)
class BodyRecord:
    """One body's sessions."""

    body: Body
    meetings: tuple[Meeting, ...]  # by session number, then date (unnumbered last)

    @property
    def sessions(self) -> list[Meeting | Gap]:
        """The meetings in session order, with the gaps in the numbering between them."""
        rows: list[Meeting | Gap] = []
        for before, meeting in zip([None, *self.meetings], self.meetings):
            if before and before.session and meeting.session and meeting.session > before.session + 1:
                rows.append(Gap(before.session + 1, meeting.session - 1))
            rows.append(meeting)
        return rows

    @property
    def by_date(self) -> tuple[Meeting, ...]:
        return tuple(sorted(self.meetings, key=in_time, reverse=True))


@dataclass(frozen=True)
class TopicRecord:
    name: str  # as most releases write it
    slug: str  # its page is topics/<slug>/
    meetings: tuple[Meeting, ...]  # newest first


@dataclass(frozen=True)
class Site:
    meetings: tuple[Meeting, ...]  # newest first
    countries: tuple[CountryRecord, ...]  # by name
    timeline: tuple[Year, ...]  # newest first
    neighbours: dict[str, Neighbours]  # by meeting slug
    bodies: tuple[BodyRecord, ...] = ()  # by title
    body_of: dict[str, Body] = field(default_factory=dict)  # by meeting slug
    topics: tuple[TopicRecord, ...] = ()  # by name
    related: dict[str, tuple[Meeting, ...]] = field(default_factory=dict)  # by meeting slug

    @property
    def body_count(self) -> int:
        return len(self.bodies)

    def topic(self, name: str) -> TopicRecord:
        """The record of a topic however a release writes it."""
        return self._topics[topic_key(name)]

    @cached_property
    def _topics(self) -> dict[str, TopicRecord]:
        return {topic_key(record.name): record for record in self.topics}

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(y.year for y in self.timeline)


def in_time(meeting: Meeting) -> tuple:
    """Chronological order; same-day meetings by start, then session, then slug."""
    starts = meeting.starts.astimezone(dt.timezone.utc).time() if meeting.starts else dt.time()
    return (meeting.date, starts, meeting.session or 0, meeting.slug)


def arrange(meetings: list[Meeting], registry: Registry = Registry({})) -> Site:
    oldest_first = sorted(meetings, key=in_time)
    newest_first = tuple(reversed(oldest_first))
    body_of = identify(oldest_first, registry)
    bodies = body_records(oldest_first, body_of)
    return Site(
        meetings=newest_first,
        countries=country_records(newest_first),
        timeline=timeline(newest_first),
        neighbours=neighbours(oldest_first, bodies, body_of),
        bodies=bodies,
        body_of=body_of,
        topics=topic_records(newest_first),
        related=related(oldest_first, bodies, body_of),
    )


def body_records(oldest_first: list[Meeting], body_of: dict[str, Body]) -> tuple[BodyRecord, ...]:
    held: dict[Body, list[Meeting]] = defaultdict(list)
    for meeting in oldest_first:
        if meeting.slug in body_of:
            held[body_of[meeting.slug]].append(meeting)
    # by session number; the sort is stable, so unnumbered or equal ones stay in time order
    return tuple(sorted(
        (BodyRecord(body, tuple(sorted(listed, key=lambda m: (m.session is None, m.session or 0))))
         for body, listed in held.items()),
        key=lambda record: (record.body.title.casefold(), record.body.slug)))


def topic_key(name: str) -> str:
    """One topic however it is written: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def topic_records(newest_first: tuple[Meeting, ...]) -> tuple[TopicRecord, ...]:
    listed: dict[str, list[Meeting]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for meeting in newest_first:
        for topic in dict.fromkeys(topic_key(t) for t in meeting.topics):
            listed[topic].append(meeting)
        for topic in meeting.topics:
            spellings[topic_key(topic)][topic] += 1
    records, taken = [], set()
    for topic in sorted(listed):
        name = min(spellings[topic].items(), key=lambda s: (-s[1], s[0]))[0]
        slug = base = slug_of(topic) or "topic"
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        records.append(TopicRecord(name, slug, tuple(listed[topic])))
    return tuple(records)


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


def neighbours(oldest_first: list[Meeting], bodies: tuple[BodyRecord, ...],
               body_of: dict[str, Body]) -> dict[str, Neighbours]:
    sessions: dict[str, tuple[Meeting | None, Meeting | None]] = {}
    for record in bodies:
        for before, meeting, after in _triples(list(record.meetings)):
            sessions[meeting.slug] = (before, after)
    return {
        meeting.slug: Neighbours(before, after, *sessions.get(meeting.slug, (None, None)))
        for before, meeting, after in _triples(oldest_first)
    }


def _triples(items: list[Meeting]):
    """(previous, item, next) for every item, None at the ends."""
    padded = [None, *items, None]
    return zip(padded, padded[1:], padded[2:])


def related(oldest_first: list[Meeting], bodies: tuple[BodyRecord, ...],
            body_of: dict[str, Body]) -> dict[str, tuple[Meeting, ...]]:
    """For each meeting, the few a reader would read next: among the nearest
    meetings in time and the nearest sessions of its body, those that share the
    most with it (its body, topics, countries). Its neighbours are linked already
    and are not repeated. Looking only nearby keeps this linear."""
    place = {m.slug: n for n, m in enumerate(oldest_first)}
    topics = [frozenset(m.topics) for m in oldest_first]
    countries = [frozenset(m.countries) for m in oldest_first]
    body = [body_of.get(m.slug) for m in oldest_first]
    sessions = {}  # place in time -> (places of its body's sessions, its own index there)
    for record in bodies:
        held = [place[m.slug] for m in record.meetings]
        sessions.update((p, (held, n)) for n, p in enumerate(held))
    found = {}
    for number, meeting in enumerate(oldest_first):
        held, n = sessions.get(number, ([], 0))
        nearby = {*range(max(0, number - NEARBY), number + NEARBY + 1),
                  *held[max(0, n - NEARBY):n + NEARBY + 1]}
        # the neighbours, linked already: the meetings just before and after, in
        # time and in the body's sessions
        nearby -= {number - 1, number, number + 1, *held[max(0, n - 1):n + 2]}
        scored = []
        for other in nearby:
            if other >= len(oldest_first):
                continue
            shared = len(topics[number] & topics[other])
            same_body = body[number] is not None and body[other] == body[number]
            if shared or same_body:
                score = 3 * same_body + 2 * shared + len(countries[number] & countries[other])
                scored.append((-score, abs(other - number), oldest_first[other].slug, other))
        found[meeting.slug] = tuple(oldest_first[other] for *_, other in sorted(scored)[:RELATED])
    return found

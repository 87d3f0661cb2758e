"""Model: arrange meetings into the indexes readers browse.

`arrange` turns a list of meetings into a `Site`: the meetings in time order,
a record per country, per body and per topic, the timeline by year and month,
and each meeting's neighbours and related meetings. Every list is built once
here, so templates only present.

Time order with dates of mixed precision (`in_time`): a meeting sorts by the
first day its date can mean, and one known only by its year (or month) before
those known to the day in that year (month); so a newest-first list shows it
last of its year (month). Meetings whose whole period is after the build's
`today` are upcoming: listed apart, never among the meetings held, nor in any
count of them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from .attendance import Attendance, MemberRecord, attendance, member_records, with_members
from .bodies import Body, Registry, identify
from .countries import Country
from .meeting import PRECISIONS, Meeting, Roles, slug_of
from .organizations import Memberships
from .people import Directory, Person, PersonRecord, people_records

RELATED = 3  # related meetings a meeting page lists
NEARBY = 5  # how far, in time and in the body's sessions, related meetings are looked for


@dataclass(frozen=True)
class Neighbours:
    earlier: Meeting | None  # the meeting before this one in time, any body
    later: Meeting | None
    previous_session: Meeting | None  # the same body's session before this one
    next_session: Meeting | None


@dataclass(frozen=True)
class RoleCounts:
    """How many of a state's meetings it took part in, chaired and hosted; the roles
    overlap (see meeting.Roles), so these are not parts of a whole."""

    listed: int  # every meeting on its page: it took part, chaired or hosted
    took_part: int
    chaired: int  # (a chairing state takes part: these are among took_part)
    hosted: int
    hosted_only: int  # hosted without taking part


@dataclass(frozen=True)
class CountryRecord:
    """What one state did: the meetings it took part in, chaired or hosted (meeting.Roles),
    those held and those upcoming apart. Every number any page shows of a state,
    and every note beside its meetings, comes from `roles`."""

    country: Country
    meetings: tuple[Meeting, ...]  # held, newest first
    upcoming: tuple[Meeting, ...] = ()  # soonest first
    # held meetings of an organization it belonged to whose releases list their
    # participants without it (see attendance.py), newest first
    not_listed: tuple[Meeting, ...] = ()
    memberships: tuple[MemberRecord, ...] = ()  # its record at each body, as a member

    def roles(self, meeting: Meeting) -> Roles:
        return meeting.roles(self.country)

    @property
    def involved(self) -> bool:
        """Whether it had a role at a meeting, held or upcoming (not only "not listed")."""
        return bool(self.meetings or self.upcoming)

    def notes(self, meetings: tuple[Meeting, ...], to_come: bool = False) -> tuple[str, ...]:
        """Each meeting's roles, as its list item shows them: "Took part · Chaired"
        (of meetings still to come: "Taking part · Chairing")."""
        return tuple(_note(self.roles(m), to_come) for m in meetings)

    @cached_property
    def held_roles(self) -> tuple[Roles, ...]:
        """Its roles at each meeting held, in their order: worked out once, as the
        counts, the years and the notes all ask (thousands of meetings a state)."""
        return tuple(self.roles(m) for m in self.meetings)

    @cached_property
    def counts(self) -> RoleCounts:
        return count_roles(self.held_roles)

    def by_year(self) -> list[tuple[int, tuple[Meeting, ...], tuple[str, ...]]]:
        """The meetings held, year by year, newest first, each with its roles."""
        return [(year, self.meetings[start:end], tuple(map(_note, self.held_roles[start:end])))
                for year, start, end in self.years]

    def per_year(self) -> dict[int, RoleCounts]:
        """The counts of each year with meetings held."""
        return {year: count_roles(self.held_roles[start:end]) for year, start, end in self.years}

    @cached_property
    def years(self) -> tuple[tuple[int, int, int], ...]:
        """Each year with meetings held, newest first, and where its meetings begin
        and end in `meetings` (and in `held_roles`)."""
        spans, start = [], 0
        for year, group in groupby(self.meetings, key=_year):
            end = start + sum(1 for _ in group)
            spans.append((year, start, end))
            start = end
        return tuple(spans)

    def not_listed_per_year(self) -> dict[int, int]:
        return {year: len(tuple(group)) for year, group in groupby(self.not_listed, key=_year)}

    @property
    def first(self) -> Meeting | None:
        return self.meetings[-1] if self.meetings else None

    @property
    def last(self) -> Meeting | None:
        return self.meetings[0] if self.meetings else None


def count_roles(roles) -> RoleCounts:
    listed = took_part = chaired = hosted = hosted_only = 0
    for role in roles:
        listed += 1
        took_part += role.took_part
        chaired += role.chaired
        hosted += role.hosted
        hosted_only += role.hosted and not role.took_part
    return RoleCounts(listed, took_part, chaired, hosted, hosted_only)


def _year(meeting: Meeting) -> int:
    return meeting.year


@functools.cache  # (eight roles, two tenses)
def _note(roles: Roles, to_come: bool = False) -> str:
    return " · ".join(roles.labels(to_come))


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
    unknown: tuple[Meeting, ...] = ()  # known by their year only: its month is not known

    @property
    def count(self) -> int:
        return sum(len(m.meetings) for m in self.months) + len(self.unknown)


@dataclass(frozen=True)
class Gap:
    """Sessions missing from the record: numbers `first` to `last`."""

    first: int
    last: int


@dataclass(frozen=True)
class BodyRecord:
    """One body's sessions: those held, and those upcoming apart."""

    body: Body
    meetings: tuple[Meeting, ...]  # held: by session number, then date (unnumbered last)
    upcoming: tuple[Meeting, ...] = ()  # soonest first
    members: tuple[MemberRecord, ...] = ()  # each member state's record (attendance.py)

    @property
    def sessions(self) -> list[Meeting | Gap]:
        """The meetings in session order, with the gaps in the numbering between them."""
        rows: list[Meeting | Gap] = []
        for before, meeting in zip([None, *self.meetings], self.meetings):
            if before and before.session and meeting.session and meeting.session > before.session + 1:
                rows.append(Gap(before.session + 1, meeting.session - 1))
            rows.append(meeting)
        return rows

    @cached_property
    def by_date(self) -> tuple[Meeting, ...]:
        return tuple(sorted(self.meetings, key=in_time, reverse=True))

    @property
    def chaired(self) -> tuple[Meeting, ...]:
        """The sessions held whose release names a chair, oldest first."""
        return tuple(m for m in reversed(self.by_date) if m.chair)

    @property
    def outcomes(self) -> int:
        return sum(len(m.outcomes) for m in self.meetings)


@dataclass(frozen=True)
class TopicRecord:
    name: str  # as most releases write it
    slug: str  # its page is topics/<slug>/
    meetings: tuple[Meeting, ...]  # held, newest first
    upcoming: tuple[Meeting, ...] = ()  # soonest first


@dataclass(frozen=True)
class Site:
    meetings: tuple[Meeting, ...]  # held, newest first
    countries: tuple[CountryRecord, ...]  # by name
    timeline: tuple[Year, ...]  # newest first
    neighbours: dict[str, Neighbours]  # by meeting slug
    bodies: tuple[BodyRecord, ...] = ()  # by title
    body_of: dict[str, Body] = field(default_factory=dict)  # by meeting slug
    topics: tuple[TopicRecord, ...] = ()  # by name
    related: dict[str, tuple[Meeting, ...]] = field(default_factory=dict)  # by meeting slug
    upcoming: tuple[Meeting, ...] = ()  # soonest first
    today: dt.date | None = None  # the day that divides held from upcoming
    attendance: dict[str, Attendance] = field(default_factory=dict)  # by meeting slug, if known
    people: tuple[PersonRecord, ...] = ()  # by name
    person_of: dict[str, Person] = field(default_factory=dict)  # by people.person_key of a name

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
    """Time order (see the module's doc): by first day, a year or month before the
    days in it; on one day by start, then session, then slug."""
    starts = meeting.starts.astimezone(dt.timezone.utc).time() if meeting.starts else dt.time()
    return (meeting.first_day, PRECISIONS.index(meeting.date.precision), starts,
            meeting.session or 0, meeting.slug)


def arrange(meetings: list[Meeting], registry: Registry = Registry({}),
            today: dt.date | None = None, memberships: Memberships = Memberships({}),
            directory: Directory = Directory({})) -> Site:
    """The site of `meetings`; those whose whole period is after `today` (if given)
    are upcoming. `memberships` (organizations.yaml) expands "all members" and says
    who was not listed; `directory` (people.yaml) joins the names of one person."""
    oldest_first = sorted((with_members(m, memberships) for m in meetings), key=in_time)
    held = [m for m in oldest_first if today is None or not m.upcoming(today)]
    upcoming = tuple(m for m in oldest_first if today is not None and m.upcoming(today))
    newest_first = tuple(reversed(held))
    body_of = identify(oldest_first, registry)
    attendance_of = {m.slug: known for m in oldest_first
                     if (known := attendance(m, memberships)) is not None}
    bodies = body_records(oldest_first, body_of, {m.slug for m in upcoming}, attendance_of)
    people, person_of = people_records(oldest_first, {m.slug for m in upcoming}, body_of,
                                       directory)
    return Site(
        meetings=newest_first,
        countries=country_records(newest_first, upcoming, attendance_of, bodies),
        timeline=timeline(newest_first),
        neighbours=neighbours(oldest_first, bodies, body_of),
        bodies=bodies,
        body_of=body_of,
        topics=topic_records(newest_first, upcoming),
        related=related(oldest_first, bodies, body_of),
        upcoming=upcoming,
        today=today,
        attendance=attendance_of,
        people=people,
        person_of=person_of,
    )


def body_records(oldest_first: list[Meeting], body_of: dict[str, Body], upcoming: set[str],
                 attendance_of: dict[str, Attendance] | None = None) -> tuple[BodyRecord, ...]:
    held: dict[Body, list[Meeting]] = defaultdict(list)
    for meeting in oldest_first:
        if meeting.slug in body_of:
            held[body_of[meeting.slug]].append(meeting)
    records = []
    for body, listed in held.items():
        # by session number; the sort is stable, so unnumbered or equal ones stay in time order
        sessions = tuple(sorted((m for m in listed if m.slug not in upcoming),
                                key=lambda m: (m.session is None, m.session or 0)))
        newest_first = tuple(reversed([m for m in listed if m.slug not in upcoming]))
        records.append(BodyRecord(body, sessions, tuple(m for m in listed if m.slug in upcoming),
                                  member_records(body, newest_first, attendance_of or {})))
    return tuple(sorted(records, key=lambda r: (r.body.title.casefold(), r.body.slug)))


def topic_key(name: str) -> str:
    """One topic however it is written: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def topic_records(newest_first: tuple[Meeting, ...], upcoming: tuple[Meeting, ...] = ()
                  ) -> tuple[TopicRecord, ...]:
    listed: dict[str, list[Meeting]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for meeting in (*newest_first, *upcoming):
        for topic in dict.fromkeys(topic_key(t) for t in meeting.topics):
            listed[topic].append(meeting)
        for topic in meeting.topics:
            spellings[topic_key(topic)][topic] += 1
    records, taken, coming = [], set(), {m.slug for m in upcoming}
    for topic in sorted(listed):
        name = min(spellings[topic].items(), key=lambda s: (-s[1], s[0]))[0]
        slug = base = slug_of(topic) or "topic"
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        records.append(TopicRecord(name, slug,
                                   tuple(m for m in listed[topic] if m.slug not in coming),
                                   tuple(m for m in listed[topic] if m.slug in coming)))
    return tuple(records)


def country_records(newest_first: tuple[Meeting, ...], upcoming: tuple[Meeting, ...] = (),
                    attendance_of: dict[str, Attendance] | None = None,
                    bodies: tuple[BodyRecord, ...] = ()) -> tuple[CountryRecord, ...]:
    """A record for every state that took part in, chaired or hosted a meeting, or
    that a meeting of its organization does not list."""
    held: dict[Country, list[Meeting]] = defaultdict(list)
    coming: dict[Country, list[Meeting]] = defaultdict(list)
    for listed, meetings in ((held, newest_first), (coming, upcoming)):
        for meeting in meetings:
            for country in involved(meeting):
                listed[country].append(meeting)
    missed: dict[Country, list[Meeting]] = defaultdict(list)
    for meeting in newest_first:
        known = (attendance_of or {}).get(meeting.slug)
        for country in known.not_listed if known else ():
            missed[country].append(meeting)
    as_member: dict[Country, list[MemberRecord]] = defaultdict(list)
    for record in bodies:
        for member in record.members:
            as_member[member.country].append(member)
    records = [CountryRecord(country, tuple(held[country]), tuple(coming[country]),
                             tuple(missed[country]), tuple(as_member[country]))
               for country in {*held, *coming, *missed}]
    return tuple(sorted(records, key=lambda r: (r.country.slug, r.country.code)))


def involved(meeting: Meeting) -> list[Country]:
    """The states with a role at the meeting (meeting.Roles): those taking part, the
    chair's, the host (also when it is not listed as taking part)."""
    return list(dict.fromkeys([*meeting.countries, *filter(None, [meeting.chair_country,
                                                                   meeting.host])]))


def timeline(newest_first: tuple[Meeting, ...]) -> tuple[Year, ...]:
    """The meetings held by year and month; those known by their year alone apart."""
    years = []
    for year, in_year in groupby(newest_first, key=_year):
        in_year = tuple(in_year)
        dated = [m for m in in_year if m.date.month]
        months = tuple(Month(year, month, tuple(in_month))
                       for month, in_month in groupby(dated, key=lambda m: m.date.month))
        years.append(Year(year, months, tuple(m for m in in_year if not m.date.month)))
    return tuple(years)


def neighbours(oldest_first: list[Meeting], bodies: tuple[BodyRecord, ...],
               body_of: dict[str, Body]) -> dict[str, Neighbours]:
    sessions: dict[str, tuple[Meeting | None, Meeting | None]] = {}
    for record in bodies:  # (an upcoming session follows the last held, by its number)
        every = sorted((*record.meetings, *record.upcoming),
                       key=lambda m: (m.session is None, m.session or 0))
        for before, meeting, after in _triples(every):
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
        chosen = [other for *_, other in sorted(scored)[:RELATED]]
        # listed in time order, so that a body's sessions read in their order
        found[meeting.slug] = tuple(oldest_first[other] for other in sorted(chosen))
    return found

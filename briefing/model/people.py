"""Who chaired and who attended: one page per person, however many meetings name them.

Two names are one person only when they are the same after case and spacing are
set aside ("Igor  Zubov", "igor zubov"), or when the editors' registry
`people.yaml` says so (read by read/people.py):

    Edward Nalbandian:              # the name the site shows
      slug: edward-nalbandian       # optional: the page is people/<slug>/
      aliases:
        - Edward Nalbandyan
        - Эдвард Налбандян

Names are never joined because they look alike: `check` only suggests it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import groupby

from .bodies import Body
from .meeting import Meeting, free_slug, slug_of

CHAIR, OFFICIAL = "Chair", "Official"


def person_key(name: str) -> str:
    """A name however it is typed: case and spacing do not matter."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Person:
    slug: str  # the page is people/<slug>/
    name: str  # as the registry gives it, or as most releases write it


@dataclass(frozen=True)
class Directory:
    """The editors' people.yaml: a person for each name and alias it lists."""

    people: dict[str, Person]  # by person_key of the name and of every alias

    def find(self, name: str) -> Person | None:
        return self.people.get(person_key(name))


@dataclass(frozen=True)
class Appearance:
    """One person at one meeting: their role, and the position they held then."""

    meeting: Meeting
    role: str  # CHAIR or OFFICIAL
    name: str  # as the release writes it
    position: str | None
    of: str | None  # the state (a chair's) or organization (an official's) they stood for


@dataclass(frozen=True)
class PersonRecord:
    person: Person
    held: tuple[tuple[Body | None, tuple[Appearance, ...]], ...]  # by body, newest first
    upcoming: tuple[Appearance, ...] = ()  # soonest first
    spellings: tuple[str, ...] = ()  # every way the releases write the name

    @property
    def meetings(self) -> int:
        return len({a.meeting.slug for _, group in self.held for a in group})

    @property
    def latest(self) -> Appearance | None:
        """Their latest appearance at a meeting held (the first of its body's, newest)."""
        return max((group[0] for _, group in self.held), key=lambda a: a.meeting.first_day,
                   default=None)

    @property
    def chaired(self) -> int:
        return len({a.meeting.slug for _, group in self.held for a in group if a.role == CHAIR})


def appearances(meeting: Meeting) -> list[Appearance]:
    """The people a meeting's release names: its chair (if a person) and officials."""
    found = []
    chair = meeting.chair
    if chair and chair.name:
        found.append(Appearance(meeting, CHAIR, chair.name, chair.position,
                                chair.country.name if chair.country else None))
    found += [Appearance(meeting, OFFICIAL, o.name, o.position, o.organization)
              for o in meeting.officials]
    return found


def people_records(oldest_first: list[Meeting], upcoming: set[str], body_of: dict[str, Body],
                   directory: Directory) -> tuple[tuple[PersonRecord, ...], dict[str, Person]]:
    """Everyone named, by name; and each person by the person_key of every name
    the releases use for them."""
    named: dict[str, list[Appearance]] = defaultdict(list)  # by the key it is found under
    spellings: dict[str, Counter] = defaultdict(Counter)
    for meeting in oldest_first:
        listed_here = set()  # (a release naming one person twice in a role counts once)
        for appearance in appearances(meeting):
            listed = directory.find(appearance.name)
            key = person_key(listed.name if listed else appearance.name)
            spellings[key][" ".join(appearance.name.split())] += 1
            if (key, appearance.role) not in listed_here:
                listed_here.add((key, appearance.role))
                named[key].append(appearance)
    taken = {person.slug for person in directory.people.values()}
    records, person_of = [], {}
    for key in sorted(named):
        person = directory.find(key) or Person(
            free_slug(slug_of(_commonest(spellings[key])) or "person", taken),
            _commonest(spellings[key]))
        every = named[key]
        held = [a for a in reversed(every) if a.meeting.slug not in upcoming]
        records.append(PersonRecord(
            person, _by_body(held, body_of),
            tuple(a for a in every if a.meeting.slug in upcoming), tuple(sorted(spellings[key]))))
        person_of.update({person_key(name): person for name in spellings[key]})
    records.sort(key=lambda r: (r.person.name.casefold(), r.person.slug))
    return tuple(records), person_of


def _commonest(spellings: Counter) -> str:
    """The commonest spelling; among equals, capitals first, then in sorted order."""
    return min(spellings.items(), key=lambda s: (-s[1], s[0]))[0]


def _by_body(newest_first: list[Appearance], body_of: dict[str, Body]
             ) -> tuple[tuple[Body | None, tuple[Appearance, ...]], ...]:
    """Grouped by body (its title's order; meetings of no body last), newest first."""
    def body(a: Appearance) -> Body | None:
        return body_of.get(a.meeting.slug)

    def order(a: Appearance) -> tuple:
        found = body(a)
        return (True, "", "") if found is None else (False, found.title.casefold(), found.slug)

    ordered = sorted(newest_first, key=order)
    return tuple((group_body, tuple(group)) for group_body, group in groupby(ordered, key=body))


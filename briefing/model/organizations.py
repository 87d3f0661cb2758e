"""Who belongs: each organization's member states over time, as the editors'
registry `organizations.yaml` gives them (read by read/organizations.py).

    CSTO:
      name: Collective Security Treaty Organization
      members:
        - {country: AM, since: 1992-05-15}
        - {country: UZ, since: 2006-08-16, until: 2012-12-19}
      observers: []          # optional, the same form

A state is a member from `since` until the day before `until` (the day it left);
either is a day, a month or a year, as precisely as the source gives it.
A meeting's date may be a year or a month: a state is a member "on" it only if it
was one on every day the date can mean, and not one only if on none; a state that
joined or left within the period is neither, and nothing is said of it. So the
site never calls a state absent, or a guest, on a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .countries import Country
from .meeting import When

MEMBER, OBSERVER, NOT_MEMBER = "member", "observer", "not a member"


@dataclass(frozen=True)
class Term:
    """One spell of a state in an organization: from `since` to the day before
    `until`. Either may be known to the day, the month or the year only: a state
    that joined in "2006" was surely a member from 31 December 2006, surely not
    before 1 January, and on the days between it is not known."""

    country: Country
    since: When
    until: When | None = None  # when it was no longer one; None: it still is

    def holds(self, first: dt.date, last: dt.date) -> bool | None:
        """True if it ran on every day from `first` to `last`, False if on none,
        None if on some, or if it is not known."""
        if self.since.last <= first and (self.until is None or last < self.until.first):
            return True
        if last < self.since.first or (self.until is not None and self.until.last <= first):
            return False
        return None


@dataclass(frozen=True)
class Organization:
    code: str  # as releases write it: "CSTO"
    name: str | None  # "Collective Security Treaty Organization"
    members: tuple[Term, ...]
    observers: tuple[Term, ...] = ()

    def is_member(self, country: Country, first: dt.date, last: dt.date) -> bool | None:
        """Whether it was a member on every day from `first` to `last` (True), on none
        (False); None if on some, or if it is not known (see the module's docstring)."""
        return _held(self._members.get(country, ()), first, last)

    def status(self, country: Country, first: dt.date, last: dt.date) -> str | None:
        """MEMBER, OBSERVER or NOT_MEMBER on every day from `first` to `last`; None if
        it changed within them, or it is not known."""
        member = self.is_member(country, first, last)
        if member is not False:
            return member and MEMBER
        observer = _held(self._observers.get(country, ()), first, last)
        return NOT_MEMBER if observer is False else observer and OBSERVER

    def members_on(self, first: dt.date, last: dt.date) -> tuple[Country, ...] | None:
        """The member states on every day from `first` to `last`; None if the membership
        changed within them (it is not known which were members on the day), or if
        there were none (before its first member joined, nothing is known of it)."""
        found = []
        for country in self._members:
            member = self.is_member(country, first, last)
            if member is None:
                return None
            if member:
                found.append(country)
        return tuple(found) or None

    # (each state's spells, looked up once: a meeting asks of every member)
    @cached_property
    def _members(self) -> dict[Country, tuple[Term, ...]]:
        return _by_country(self.members)

    @cached_property
    def _observers(self) -> dict[Country, tuple[Term, ...]]:
        return _by_country(self.observers)


def _by_country(terms: tuple[Term, ...]) -> dict[Country, tuple[Term, ...]]:
    found: dict[Country, list[Term]] = {}
    for term in terms:
        found.setdefault(term.country, []).append(term)
    return {country: tuple(spells) for country, spells in found.items()}


def _held(spells: tuple[Term, ...], first: dt.date, last: dt.date) -> bool | None:
    """Whether one of `spells` ran on every day from `first` to `last`; False if none
    ran on any of them; None otherwise."""
    held = [spell.holds(first, last) for spell in spells]
    return True if True in held else None if None in held else False


def org_key(name: str) -> str:
    """An organization however its code is written: case and spacing do not matter."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Memberships:
    """The editors' organizations.yaml: the organizations whose membership is known."""

    organizations: dict[str, Organization]  # by org_key of the code

    def of(self, organization: str | None) -> Organization | None:
        return self.organizations.get(org_key(organization)) if organization else None

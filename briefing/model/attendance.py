"""Who of an organization's members a meeting's release lists, and who it does not.

A state is shown as "not listed" at a meeting only when all of these hold:
the meeting's organization is in organizations.yaml; the release lists its
participants (not "all members", not none); the state was a member on every
day the meeting's date can mean (organizations.Term: a state that joined or
left within a year-only date is neither member nor not); and the release does
not list it. Never "absent": the release may simply not say.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..keys import digest
from .bodies import Body
from .countries import Country
from .meeting import ALL_MEMBERS, LISTED, Meeting
from .organizations import MEMBER, NOT_MEMBER, OBSERVER, Memberships


@dataclass(frozen=True)
class Attendance:
    """A meeting's participants against its organization's members on its date."""

    code: str  # the organization's, as releases write it: "CSTO"
    name: str | None  # its name, if the registry gives it
    members: tuple[Country, ...]  # the states surely members on the date
    uncertain: tuple[Country, ...]  # states that joined or left within the date
    not_listed: tuple[Country, ...]  # members the release does not list
    observers: tuple[Country, ...]  # listed, and observers on the date
    guests: tuple[Country, ...]  # listed, and neither members nor observers on the date
    all_members: bool  # the release says "all members"

    def mark(self, country: Country) -> str:
        """What a list of participants says beside a state, of its membership."""
        return ("observer" if country in self.observers else
                "not a member on this date" if country in self.guests else "")


def with_members(meeting: Meeting, memberships: Memberships) -> Meeting:
    """A meeting whose release says "all members", with them as its participants when
    the registry knows them on its date (else as it is: the page says they are not
    known). Its key changes with them: the pages that show it follow."""
    organization = memberships.of(meeting.organization)
    members = organization and organization.members_on(meeting.first_day, meeting.last_day)
    if meeting.listing != ALL_MEMBERS or members is None:
        return meeting
    countries = tuple(dict.fromkeys((*members, *meeting.countries)))  # (the chair's state)
    return replace(meeting, countries=countries,
                   key=digest(meeting.key, *(country.code for country in countries)))


def attendance(meeting: Meeting, memberships: Memberships) -> Attendance | None:
    """Its attendance, if its organization's membership on its date is known and its
    release names its participants (see the module's docstring)."""
    organization = memberships.of(meeting.organization)
    if organization is None or meeting.listing is None:
        return None
    first, last = meeting.first_day, meeting.last_day
    if meeting.listing == ALL_MEMBERS and organization.members_on(first, last) is None:
        return None  # (the participants are not known: see with_members)
    member = {country: organization.is_member(country, first, last)
              for country in dict.fromkeys((*(t.country for t in organization.members),
                                            *meeting.countries))}
    listed = {country: organization.status(country, first, last) for country in meeting.countries}
    members = tuple(country for country, surely in member.items() if surely)
    return Attendance(
        code=organization.code, name=organization.name, members=members,
        uncertain=tuple(country for country, surely in member.items() if surely is None),
        not_listed=tuple(c for c in members if c not in listed) if meeting.listing == LISTED else (),
        observers=tuple(c for c, status in listed.items() if status == OBSERVER),
        guests=tuple(c for c, status in listed.items() if status == NOT_MEMBER),
        all_members=meeting.listing == ALL_MEMBERS)


@dataclass(frozen=True)
class MemberRecord:
    """One state's record at one body: of the sessions held while it was a member
    whose attendance is known, those it took part in and those that do not list it."""

    country: Country
    body: Body
    took_part: tuple[Meeting, ...]  # newest first
    not_listed: tuple[Meeting, ...]  # newest first

    @property
    def held(self) -> int:
        """The sessions held while it was a member, with their attendance known."""
        return len(self.took_part) + len(self.not_listed)


def member_records(body: Body, newest_first: tuple[Meeting, ...],
                   attendance_of: dict[str, Attendance]) -> tuple[MemberRecord, ...]:
    """Each state that was a member at one of the body's sessions with known
    attendance, by the order of its name's address."""
    took_part: dict[Country, list[Meeting]] = {}
    not_listed: dict[Country, list[Meeting]] = {}
    for meeting in newest_first:
        known = attendance_of.get(meeting.slug)
        for country in known.members if known else ():
            took_part.setdefault(country, [])
            not_listed.setdefault(country, [])
            (not_listed if country in known.not_listed else took_part)[country].append(meeting)
    return tuple(MemberRecord(country, body, tuple(took_part[country]), tuple(not_listed[country]))
                 for country in sorted(took_part, key=lambda c: (c.slug, c.code)))


@dataclass(frozen=True)
class YearCell:
    """One state in one year at one body (the body page's matrix): so that an empty
    cell never stands both for "not listed" and for "not a member"."""

    year: int
    took_part: int  # sessions it took part in while a member
    held: int  # sessions held while it was a member, their attendance known
    outside: int  # sessions with known attendance held while it was surely not a member
    unsure: int = 0  # sessions held while it is not known whether it was a member

    @property
    def status(self) -> str:
        """'member' (then `took_part` of `held`), 'not a member' (at every session of
        the year), or 'not known'."""
        if self.held:
            return MEMBER
        return NOT_MEMBER if self.outside and not self.unsure else "not known"


def member_years(record: MemberRecord, newest_first: tuple[Meeting, ...],
                 attendance_of: dict[str, Attendance], years: tuple[int, ...]
                 ) -> tuple[YearCell, ...]:
    """A member's record at a body year by year, `years` newest first."""
    took = [m.year for m in record.took_part]
    missed = [m.year for m in record.not_listed]
    outside, unsure = [], []
    for meeting in newest_first:
        known = attendance_of.get(meeting.slug)
        if known is None:  # (its participants are not known: it says nothing either way)
            continue
        if record.country in known.uncertain:
            unsure.append(meeting.year)
        elif record.country not in known.members:
            outside.append(meeting.year)
    return tuple(YearCell(year, took.count(year), took.count(year) + missed.count(year),
                          outside.count(year), unsure.count(year)) for year in years)

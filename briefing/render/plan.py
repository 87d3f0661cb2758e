"""Which pages the site has, and what each one shows.

A page's context is a frozen dataclass holding exactly what its template
receives: the template sees nothing else (no `site`), and the page's key is
made from that context by `shown`, which walks every value in it. So a page
cannot show something its key does not cover: a template that starts to show
something new must be given it here, and then its key follows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterator

from ..keys import digest
from ..model import urls
from ..model.attendance import Attendance, MemberRecord, YearCell, member_years
from ..model.bodies import Body
from ..model.meeting import Meeting
from ..model.people import Person, PersonRecord, person_key
from ..model.site import BodyRecord, CountryRecord, Neighbours, Site, TopicRecord, Year
from ..read.settings import Config

FEED_ENTRIES = 20  # the latest meetings a feed lists


@dataclass(frozen=True)
class Page:
    path: str  # site path, e.g. "meetings/xxiii-ccdt/"
    template: str
    context: Any  # one of the contexts below: all the template receives, besides the text
    text_of: str | None = None  # the key of the release whose text the page shows
    maker: str | None = None  # a data file made by formats.MAKERS[maker], not by a template

    @cached_property
    def file(self) -> str:
        return urls.file_of(self.path)

    def shows(self) -> dict[str, Any]:
        """What its template receives: the fields of its context, and nothing else."""
        return {name: getattr(self.context, name) for name in _fields(type(self.context))}

    def key(self, templates: str, walked: dict[int, tuple[Any, str]] | None = None) -> str:
        """The key of all the page shows: its context, its release text, the templates
        (`walked`: see `shown`)."""
        return digest(templates, self.template, self.text_of or "", *shown(self.context, walked))


# -- what each kind of page shows ----------------------------------------------
# `today` is the day that divides held from upcoming meetings, which a page names
# only when it lists upcoming ones: None on the others (a new day changes no more).

@dataclass(frozen=True)
class Home:
    latest: tuple[Meeting, ...]
    upcoming: tuple[Meeting, ...]
    today: dt.date | None
    meetings: int  # how many were held
    bodies: int
    countries: int
    years: int


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    neighbours: Neighbours
    related: tuple[Meeting, ...]
    body: Body | None
    topics: tuple[tuple[str, str], ...]  # each topic, with its page's address
    upcoming: bool
    today: dt.date | None
    attendance: Attendance | None  # its members on the date, when known
    chair: Person | None  # the chair's page, if a person chaired
    officials: tuple[Person, ...]  # the officials' pages, in the release's order


@dataclass(frozen=True)
class Countries:
    countries: tuple[CountryRecord, ...]
    years: tuple[int, ...]  # the years of the meetings held


@dataclass(frozen=True)
class CountryPage:
    record: CountryRecord
    today: dt.date | None


@dataclass(frozen=True)
class Bodies:
    bodies: tuple[BodyRecord, ...]


@dataclass(frozen=True)
class BodyPage:
    record: BodyRecord
    today: dt.date | None
    chairs: tuple[tuple[Meeting, Person | None], ...]  # each session chaired, oldest first
    # each member's record, and year by year (the years of the sessions, newest first)
    members: tuple[tuple[MemberRecord, tuple[YearCell, ...]], ...]
    years: tuple[int, ...]


@dataclass(frozen=True)
class People:
    people: tuple[PersonRecord, ...]


@dataclass(frozen=True)
class PersonPage:
    record: PersonRecord
    body_of: dict[str, Body]  # (of the person's meetings only)
    today: dt.date | None


@dataclass(frozen=True)
class Topics:
    topics: tuple[TopicRecord, ...]


@dataclass(frozen=True)
class TopicPage:
    topic: TopicRecord
    today: dt.date | None


@dataclass(frozen=True)
class Timeline:
    meetings: tuple[Meeting, ...]  # held, newest first
    upcoming: tuple[Meeting, ...]
    timeline: tuple[Year, ...]
    body_of: dict[str, Body]  # for the chart's colours
    today: dt.date | None


@dataclass(frozen=True)
class Plain:
    """A page that shows nothing of the meetings (search, 404, ...)."""


@dataclass(frozen=True)
class DataFiles:
    meetings: tuple[Meeting, ...]  # newest first, the upcoming too
    body_of: dict[str, Body]


@dataclass(frozen=True)
class Feed:
    title: str
    meetings: tuple[Meeting, ...]
    of: str  # the site path of the page it is the feed of


@dataclass(frozen=True)
class Calendar:
    title: str
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class Sitemap:
    paths: tuple[str, ...]


def shown(value: Any, walked: dict[int, tuple[Any, str]] | None = None) -> list[str]:
    """`value` as strings for a key: a meeting by its key (a digest of all its facts),
    a record (RECORDS) by a digest of all its parts, anything else by every part of
    it. A value of another kind is refused: a page's context holds nothing its key
    could miss. `walked` keeps the digests of records already walked, for the pages
    of one site: a state's record is on its page and in the countries' list."""
    parts: list[str] = []
    _Walk({} if walked is None else walked).show(value, parts.append)
    return parts


SCALARS = (str, int, float, bool, dt.date, dt.datetime, type(None))
# what many pages of a site show whole: a state's, body's, person's or topic's record
RECORDS = frozenset({CountryRecord, BodyRecord, PersonRecord, TopicRecord, MemberRecord})


class _Walk:
    def __init__(self, walked: dict[int, tuple[Any, str]]):
        self.walked = walked  # id -> (the record, kept so that its id is not reused; its digest)

    def show(self, value: Any, add) -> None:
        # (by exact type first: a country's context at 10,000 releases holds thousands
        # of meetings, and this runs for every page whenever the site changes)
        kind = type(value)
        if kind is Meeting:
            add(value.key)
        elif kind is tuple or kind is list:
            add(f"({len(value)}")
            for item in value:
                if type(item) is Meeting:
                    add(item.key)
                else:
                    self.show(item, add)
        elif kind in SCALARS or isinstance(value, SCALARS):
            add(repr(value))
        elif kind is dict:
            add(f"{{{len(value)}")
            for item in value.items():
                self.show(item, add)
        elif kind in RECORDS:
            add(self.record(value))
        elif dataclasses.is_dataclass(kind):
            self.fields(value, add)
        else:
            raise TypeError(f"a page's context cannot hold a {kind.__name__}: "
                            "it would not be part of the page's key")

    def fields(self, value: Any, add) -> None:
        kind = type(value)
        add(kind.__name__)
        for name in _fields(kind):
            self.show(getattr(value, name), add)

    def record(self, value: Any) -> str:
        known = self.walked.get(id(value))
        if known is None:
            parts: list[str] = []
            self.fields(value, parts.append)
            known = self.walked[id(value)] = (value, digest(*parts))
        return known[1]


@functools.cache
def _fields(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def plan(site: Site, texts: dict[str, str], config: Config = Config()) -> Iterator[Page]:
    """Every page of the site and what it shows. `texts` gives the key of each
    meeting's release text, by the meeting's slug. Feeds, calendars and the
    sitemap need absolute addresses: only with a base_url."""
    pages = [_home(site, config), *_meetings(site, texts), *_countries(site), *_bodies(site),
             *_topics(site), *_people(site),
             Page(urls.TIMELINE, "timeline.html", Timeline(
                 site.meetings, site.upcoming, site.timeline, site.body_of,
                 _today(site, site.upcoming))),
             Page(urls.DATA, "data.html", Plain()),
             Page(urls.SEARCH, "search.html", Plain()), Page(urls.NOT_FOUND, "404.html", Plain())]
    yield from pages
    yield from _data_files(site)
    if config.base_url:
        yield from _feeds_and_calendars(site)
        shown_paths = tuple(page.path for page in pages if page.path != urls.NOT_FOUND)
        yield Page(urls.SITEMAP, "sitemap.xml", Sitemap(shown_paths))
        yield Page(urls.ROBOTS, "robots.txt", Plain())


def _today(site: Site, upcoming) -> dt.date | None:
    return site.today if upcoming else None


def _home(site: Site, config: Config) -> Page:
    return Page(urls.HOME, "home.html", Home(
        site.meetings[:config.home_meetings], site.upcoming, _today(site, site.upcoming),
        len(site.meetings), site.body_count, sum(r.involved for r in site.countries),
        len(site.years)))


def _meetings(site: Site, texts: dict[str, str]) -> Iterator[Page]:
    coming = {m.slug for m in site.upcoming}
    for meeting in (*site.meetings, *site.upcoming):
        upcoming = meeting.slug in coming
        # each topic with its page's address, which other meetings' topics can change
        topics = tuple((topic, urls.path_of(site.topic(topic))) for topic in meeting.topics)
        person = site.person_of.get
        yield Page(urls.path_of(meeting), "meeting.html", MeetingPage(
            meeting, site.neighbours[meeting.slug], site.related.get(meeting.slug, ()),
            site.body_of.get(meeting.slug), topics, upcoming, site.today if upcoming else None,
            site.attendance.get(meeting.slug),
            meeting.chair and meeting.chair.name and person(person_key(meeting.chair.name)),
            tuple(person(person_key(o.name)) for o in meeting.officials)),
            text_of=texts[meeting.slug])


def _countries(site: Site) -> Iterator[Page]:
    yield Page(urls.COUNTRIES, "countries.html", Countries(site.countries, site.years))
    for record in site.countries:
        yield Page(urls.path_of(record.country), "country.html",
                   CountryPage(record, _today(site, record.upcoming)))


def _bodies(site: Site) -> Iterator[Page]:
    yield Page(urls.BODIES, "bodies.html", Bodies(site.bodies))
    for record in site.bodies:
        chairs = tuple((m, m.chair.name and site.person_of.get(person_key(m.chair.name)))
                       for m in record.chaired)
        years = tuple(sorted({m.year for m in record.meetings}, reverse=True))
        members = tuple((member, member_years(member, record.by_date, site.attendance, years))
                        for member in record.members)
        yield Page(urls.path_of(record.body), "body.html",
                   BodyPage(record, _today(site, record.upcoming), chairs, members,
                            years if members else ()))


def _people(site: Site) -> Iterator[Page]:
    yield Page(urls.PEOPLE, "people.html", People(site.people))
    for record in site.people:
        of_theirs = {a.meeting.slug for _, group in record.held for a in group}
        of_theirs |= {a.meeting.slug for a in record.upcoming}
        yield Page(urls.path_of(record.person), "person.html", PersonPage(
            record, {slug: site.body_of[slug] for slug in sorted(of_theirs) if slug in site.body_of},
            _today(site, record.upcoming)))


def _topics(site: Site) -> Iterator[Page]:
    yield Page(urls.TOPICS, "topics.html", Topics(site.topics))
    for topic in site.topics:
        yield Page(urls.path_of(topic), "topic.html", TopicPage(topic, _today(site, topic.upcoming)))


def _data_files(site: Site) -> Iterator[Page]:
    every = (*reversed(site.upcoming), *site.meetings)  # newest first, the upcoming too
    for name in ("meetings.json", "meetings.csv"):
        yield Page(urls.DATA + name, name, DataFiles(every, site.body_of), maker=name)


def _feeds_and_calendars(site: Site) -> Iterator[Page]:
    """A feed and a calendar for the whole site, each country and each body. A feed
    gives the latest meetings held; a calendar every meeting, the upcoming first."""
    lists = [("", "All meetings", site.meetings, site.upcoming)]
    lists += [(urls.path_of(r.country), r.country.name, r.meetings, r.upcoming)
              for r in site.countries if r.involved]
    lists += [(urls.path_of(r.body), r.body.title, r.by_date, r.upcoming) for r in site.bodies]
    for folder, title, held, upcoming in lists:
        yield Page(folder + urls.FEED, "atom.xml", Feed(title, held[:FEED_ENTRIES], folder))
        yield Page(folder + urls.CALENDAR, "calendar.ics",
                   Calendar(title, (*reversed(upcoming), *held)), maker="calendar.ics")

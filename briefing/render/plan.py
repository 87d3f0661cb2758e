"""Which pages the site has, what each one shows, and what that depends on."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator

from ..keys import digest
from ..model import urls
from ..model.site import Site
from ..read.settings import Config


@dataclass(frozen=True)
class Page:
    path: str  # site path, e.g. "meetings/xxiii-ccdt/"
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    # What the page shows besides its text, as strings: the page changes only if
    # these, its text or the templates do. Meetings stand for themselves by their
    # key (see Meeting.key).
    depends_on: tuple[str, ...] = ()
    text_of: str | None = None  # the key of the release whose text the page shows
    maker: str | None = None  # a data file made by formats.MAKERS[maker], not by a template

    @cached_property
    def file(self) -> str:
        return urls.file_of(self.path)


FEED_ENTRIES = 20  # the latest meetings a feed lists


def plan(site: Site, texts: dict[str, str], config: Config = Config()) -> Iterator[Page]:
    """Every page of the site, what it shows and what that depends on.
    `texts` gives the key of each meeting's release text, by the meeting's slug.
    Feeds, calendars and the sitemap need absolute addresses: only with a base_url."""
    pages = [*_home(site, config), *_meetings(site, texts), *_countries(site), *_bodies(site),
             *_topics(site),
             Page(urls.TIMELINE, "timeline.html", {},
                  (*_by_body(site, site.meetings), *_upcoming(site, site.upcoming))),
             Page(urls.DATA, "data.html", {}, (str(bool(config.base_url)),)),
             Page(urls.SEARCH, "search.html"), Page("404.html", "404.html")]
    yield from pages
    yield from _data_files(site)
    if config.base_url:
        yield from _feeds_and_calendars(site)
        shown = [page.path for page in pages if page.path != "404.html"]
        yield Page("sitemap.xml", "sitemap.xml", {"paths": shown}, tuple(shown))
        yield Page("robots.txt", "robots.txt")


def _home(site: Site, config: Config) -> Iterator[Page]:
    latest = site.meetings[:config.home_meetings]
    counts = (len(site.meetings), site.body_count, len(site.countries), len(site.years))
    yield Page(urls.HOME, "home.html", {"latest": latest},
               (str(counts), *_keys(latest), *_upcoming(site, site.upcoming)))


def _meetings(site: Site, texts: dict[str, str]) -> Iterator[Page]:
    coming = {m.slug for m in site.upcoming}
    for meeting in (*site.meetings, *site.upcoming):
        near = site.neighbours[meeting.slug]
        related = site.related.get(meeting.slug, ())
        body = site.body_of.get(meeting.slug)
        # each topic with its page's address, which other meetings' topics can change
        topics = tuple((topic, urls.path_of(site.topic(topic))) for topic in meeting.topics)
        upcoming = meeting.slug in coming
        yield Page(urls.path_of(meeting), "meeting.html",
                   {"meeting": meeting, "neighbours": near, "related": related, "body": body,
                    "topics": topics, "upcoming": upcoming},
                   (meeting.key, repr(body), *_upcoming(site, (meeting,) if upcoming else ()),
                    *_keys((near.earlier, near.later, near.previous_session, near.next_session)),
                    *_keys(related), *(path for _, path in topics)),
                   text_of=texts[meeting.slug])


def _countries(site: Site) -> Iterator[Page]:
    # the index shows each country's counts, first and latest meeting and its
    # participation year by year, which the keys of its meetings decide (a
    # state's roles at a meeting come from the meeting's facts alone)
    yield Page(urls.COUNTRIES, "countries.html", {}, (str(site.years), *(
        f"{r.country.code} {digest(*_keys(r.meetings))} {len(r.upcoming)}" for r in site.countries)))
    for record in site.countries:
        yield Page(urls.path_of(record.country), "country.html", {"record": record}, (
            record.country.code, *_keys(record.meetings), *_upcoming(site, record.upcoming)))


def _bodies(site: Site) -> Iterator[Page]:
    yield Page(urls.BODIES, "bodies.html", {}, tuple(
        f"{r.body!r} {digest(*_keys(r.meetings))} {len(r.upcoming)}" for r in site.bodies))
    for record in site.bodies:
        yield Page(urls.path_of(record.body), "body.html", {"record": record},
                   (repr(record.body), *_keys(record.meetings),
                    *_upcoming(site, record.upcoming)))


def _topics(site: Site) -> Iterator[Page]:
    yield Page(urls.TOPICS, "topics.html", {}, tuple(
        f"{t.name} {t.slug} {len(t.meetings)} {len(t.upcoming)}" for t in site.topics))
    for topic in site.topics:
        yield Page(urls.path_of(topic), "topic.html", {"topic": topic},
                   (topic.name, *_keys(topic.meetings), *_upcoming(site, topic.upcoming)))


def _data_files(site: Site) -> Iterator[Page]:
    every = (*reversed(site.upcoming), *site.meetings)  # newest first, the upcoming too
    context = {"meetings": every, "body_of": site.body_of}
    keys = _by_body(site, every)
    for name in ("meetings.json", "meetings.csv"):
        yield Page(urls.DATA + name, name, context, keys, maker=name)


def _feeds_and_calendars(site: Site) -> Iterator[Page]:
    """A feed and a calendar for the whole site, each country and each body. A feed
    gives the latest meetings held; a calendar every meeting, the upcoming first."""
    lists = [("", "All meetings", site.meetings, site.upcoming)]
    lists += [(urls.path_of(r.country), r.country.name, r.meetings, r.upcoming)
              for r in site.countries]
    lists += [(urls.path_of(r.body), r.body.title, r.by_date, r.upcoming) for r in site.bodies]
    for folder, title, held, upcoming in lists:
        latest = held[:FEED_ENTRIES]
        yield Page(folder + "feed.xml", "atom.xml",
                   {"title": title, "meetings": latest, "of": folder}, (title, *_keys(latest)))
        every = (*reversed(upcoming), *held)
        yield Page(folder + "calendar.ics", "calendar.ics", {"title": title, "meetings": every},
                   (title, *_keys(every)), maker="calendar.ics")


def _by_body(site: Site, meetings) -> tuple[str, ...]:
    """Keys of meetings shown with the body they are counted under."""
    return tuple(f"{m.key} {site.body_of[m.slug].slug}" if m.slug in site.body_of else m.key
                 for m in meetings)


def _upcoming(site: Site, meetings) -> tuple[str, ...]:
    """What a page's upcoming meetings add to its key: they, and the day they are
    upcoming from, which the page names."""
    return ("upcoming", str(site.today), *_keys(meetings)) if meetings else ()


def _keys(meetings) -> tuple[str, ...]:
    return tuple(m.key if m else "-" for m in meetings)

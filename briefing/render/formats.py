"""The site's data for other programs: calendars (.ics), JSON and CSV.

Pages are HTML from templates; these files are made by the libraries that know
their formats (icalendar for RFC 5545, json, csv). Each maker takes the
meetings a file lists and returns its bytes, the same bytes for the same
meetings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import urllib.parse
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol

from ..model import urls
from ..model.bodies import Body
from ..model.meeting import Meeting
from ..parallel import fork_map
from ..read.settings import Config

if TYPE_CHECKING:
    from .plan import Calendar, DataFiles


class Fragments(Protocol):
    """Where a maker keeps what it made of one meeting (templates.MeetingItems)."""

    def fragment(self, key: str, make: Callable[[], str]) -> str: ...

    def has(self, key: str) -> bool: ...


# The columns of meetings.csv, and the keys of each meeting in meetings.json.
COLUMNS = ("slug", "url", "title", "date", "end_date", "date_precision", "date_note", "starts",
           "organization", "body", "body_slug",
           "session", "format", "location", "host", "chair_name", "chair_position",
           "chair_country", "countries", "country_names", "countries_given", "officials",
           "outcomes", "topics", "summary", "source", "lang", "source_file")


def record(meeting: Meeting, body: Body | None, config: Config) -> dict[str, Any]:
    """One meeting as plain data: countries as ISO 3166-1 alpha-2 codes and names."""
    chair = meeting.chair
    return {
        "slug": meeting.slug,
        "url": absolute(config, urls.path_of(meeting)),
        "title": meeting.title,
        "date": meeting.date.iso,  # as precise as the release: 2021, 2021-12, 2021-12-03
        "end_date": meeting.end_date.iso if meeting.end_date else None,
        "date_precision": meeting.date.precision,
        "date_note": meeting.date_note,
        "starts": meeting.starts.isoformat() if meeting.starts else None,
        "organization": meeting.organization,
        "body": body.name if body else None,
        "body_slug": body.slug if body else None,
        "session": meeting.session,
        "format": meeting.format,
        "location": meeting.location,
        "host": meeting.host.code if meeting.host else None,
        "chair_name": chair.name if chair else None,
        "chair_position": chair.position if chair else None,
        "chair_country": chair.country.code if chair and chair.country else None,
        "countries": [c.code for c in meeting.countries],
        "country_names": [c.name for c in meeting.countries],
        # "listed": as the release lists them; "all members": the organization's members
        # on the date, from organizations.yaml; null: the release names none
        "countries_given": meeting.listing,
        "officials": [{"name": o.name, "position": o.position, "organization": o.organization}
                      for o in meeting.officials],
        "outcomes": [{"title": o.title, "url": o.url, "kind": o.kind} for o in meeting.outcomes],
        "topics": list(meeting.topics),
        "summary": meeting.summary,
        "source": meeting.source,
        "lang": meeting.lang,
        "source_file": meeting.source_file,
    }


def absolute(config: Config, path: str) -> str | None:
    return config.base_url + path if config.base_url else None


def meetings_json(data: DataFiles, config: Config, fragments: Fragments) -> bytes:
    """{"meetings": [...]}, one meeting a line: easy to read and to compare, and
    written by the json module's C encoder (an indented dump is pure Python).
    (Made whole each time, unlike calendar events: keeping each meeting's line cost
    more memory at 10,000 meetings, at the build's peak, than it saved time.)"""
    lines = ",\n".join(json.dumps(record(m, data.body_of.get(m.slug), config),
                                  ensure_ascii=False) for m in data.meetings)
    return (f'{{"meetings": [\n{lines}\n]}}\n' if lines else '{"meetings": []}\n').encode()


def meetings_csv(data: DataFiles, config: Config, fragments: Fragments) -> bytes:
    """One row per meeting; a list is one cell, its items joined by '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(COLUMNS)
    for meeting in data.meetings:
        row = record(meeting, data.body_of.get(meeting.slug), config)
        row["officials"] = [", ".join(filter(None, o.values())) for o in row["officials"]]
        row["outcomes"] = [o["title"] + (f" ({o['kind']})" if o["kind"] else "")
                           for o in row["outcomes"]]
        cells = ["; ".join(v) if isinstance(v, list) else v for v in (row[c] for c in COLUMNS)]
        writer.writerow([defused(v) if isinstance(v, str) else v for v in cells])
    return ("\ufeff" + out.getvalue()).encode()  # the BOM: spreadsheets then read UTF-8


FORMULA_STARTS = frozenset("=+-@\t\r")


def defused(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a
    carriage return) begins with an apostrophe instead, as OWASP's guidance on CSV
    injection recommends; the spreadsheet then shows it as text. meetings.json keeps
    every value exactly."""
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


def calendar(data: Calendar, config: Config, fragments: Fragments) -> bytes:
    """Every meeting whose day is known as an all-day event over its days (RFC 5545);
    one known only by its year or month has no day to be put on, and is left out.
    A meeting's event is made once and kept among the `fragments`
    (templates.MeetingItems), however many calendars list it; a calendar is its
    frame with the events inside."""
    import icalendar  # only builds that write calendars load it

    frame = icalendar.Calendar()
    frame.add("prodid", "-//briefing//meeting calendar//EN")
    frame.add("version", "2.0")
    frame.add("x-wr-calname", f"{data.title} · {config.title}")
    head, tail = frame.to_ical().decode().rsplit("END:VCALENDAR", 1)
    events = (fragments.fragment(_event_key(m), lambda m=m: _event(m, config))
              for m in _on_calendar(data.meetings))
    return (head + "".join(events) + "END:VCALENDAR" + tail).encode()


def events(calendars: Iterable[Calendar], config: Config, fragments: Fragments) -> None:
    """Make, on all cores, the event of every meeting on `calendars` that the `fragments`
    lack: workers rendering calendars side by side would each make the events they
    share (every event is on the whole site's calendar), and icalendar takes long."""
    listed = {_event_key(m): m for data in calendars for m in _on_calendar(data.meetings)}
    missing = {key: m for key, m in listed.items() if not fragments.has(key)}
    made = list(fork_map(_event_of, list(missing), shared=(missing, config)))
    for key, text in zip(missing, made):
        fragments.fragment(key, lambda text=text: text)


def _on_calendar(meetings: Iterable[Meeting]) -> Iterator[Meeting]:
    return (m for m in meetings if m.date.precision == "day")


def _event_key(meeting: Meeting) -> str:
    return f"{meeting.key} event"


def _event_of(shared: tuple[dict[str, Meeting], Config], key: str) -> str:
    missing, config = shared
    return _event(missing[key], config)


def _event(meeting: Meeting, config: Config) -> str:
    import icalendar  # (only a site with a base_url makes calendars)

    url = absolute(config, urls.path_of(meeting))
    event = icalendar.Event()
    event.add("uid", f"{meeting.slug}@{urllib.parse.urlsplit(config.base_url).hostname}")
    # the time the entry was made: the meeting's day, so that output stays reproducible
    event.add("dtstamp", dt.datetime.combine(meeting.first_day, dt.time(), dt.timezone.utc))
    event.add("dtstart", meeting.first_day)
    event.add("dtend", meeting.last_day + dt.timedelta(days=1))  # (DTEND is the day after)
    event.add("summary", meeting.title)
    if meeting.location:  # (a place, never a format: "videoconference" is no place)
        event.add("location", meeting.location)
    held = f"Format: {meeting.format}." if meeting.format else None
    event.add("description", "\n\n".join(filter(None, [meeting.summary, held, url])))
    event.add("url", url)
    return event.to_ical().decode()


ATTENDANCE = {"in person": "OfflineEventAttendanceMode", "videoconference": "OnlineEventAttendanceMode",
              "hybrid": "MixedEventAttendanceMode"}


def event_data(meeting: Meeting, body: Body | None, config: Config) -> dict[str, Any]:
    """The meeting as a schema.org Event, for search engines (JSON-LD)."""
    url = absolute(config, urls.path_of(meeting))
    place = {"@type": "Place", "name": meeting.location, "address": meeting.location}
    virtual = {"@type": "VirtualLocation", "url": meeting.source or url}
    locations = {"in person": [place], "videoconference": [virtual],
                 "hybrid": [place, virtual]}.get(meeting.format, [place] if meeting.location else [])
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        # ISO 8601 at the precision known: "2021", "2021-12", "2021-12-03"
        "startDate": meeting.starts.isoformat() if meeting.starts else meeting.date.iso,
        "endDate": meeting.end_date.iso if meeting.end_date else None,
        "eventStatus": "https://schema.org/EventScheduled",
        "description": meeting.summary,
        "url": url,
        "eventAttendanceMode": ("https://schema.org/" + ATTENDANCE[meeting.format]
                                if meeting.format else None),
        "location": [loc for loc in locations if loc.get("name") or loc.get("url")] or None,
        "organizer": ({"@type": "Organization", "name": meeting.organization}
                      if meeting.organization else None),
        "superEvent": ({"@type": "EventSeries", "name": body.title} if body else None),
        "inLanguage": meeting.lang,
        # What it adopted: schema.org's `about` ("the subject matter of the content") is
        # the one property of an Event for what it dealt with; `workFeatured` means works
        # shown at it, `recordedIn` its recordings. Each is a CreativeWork, its kind the
        # `genre`.
        "about": [{key: value for key, value in (("@type", "CreativeWork"), ("name", o.title),
                                                 ("url", o.url), ("genre", o.kind)) if value}
                  for o in meeting.outcomes] or None,
    }
    return {key: value for key, value in data.items() if value is not None}


# name -> maker(the page's context, config, fragments): the file's bytes
MAKERS: dict[str, Callable[..., bytes]] = {
    "meetings.json": meetings_json,
    "meetings.csv": meetings_csv,
    "calendar.ics": calendar,
}

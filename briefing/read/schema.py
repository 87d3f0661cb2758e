"""Read: check a release's front matter and make it a `Meeting`.

Every value is taken from the YAML node as the editor typed it, and every
problem is collected with the line of the offending key or item, so that one
run reports all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import roman
import yaml
from slugify import slugify

from ..keys import digest
from ..model import countries
from ..model.meeting import (ALL_MEMBERS, FORMATS, LISTED, MAX_SESSION,
                             OUTCOME_KINDS, SLUG, SLUG_LENGTH, Chair, Meeting, Official,
                             Outcome, When)
from ..problems import Problem
from .fields import DIGITS, PARTIAL_DATE, Fields, whole
from .release import Release

FIELDS = ("title", "date", "end_date", "date_note", "organization", "body", "session", "format",
          "location", "chair", "countries", "officials", "outcomes", "topics", "summary", "source",
          "lang", "slug", "draft")
REQUIRED = ("title", "date")
CHAIR_FIELDS = ("name", "position", "country")
OFFICIAL_FIELDS = ("name", "position", "organization")
OUTCOME_FIELDS = ("title", "url", "kind")
# "countries: all members": every member state of the organization on the date
ALL_MEMBERS_SPELLINGS = ("all members", "all member states")

FORMAT_SPELLINGS = {"in person": "in person", "video conference": "videoconference",
                    "videoconference": "videoconference", "hybrid": "hybrid"}
EXPECT_DATE = ("a year (2021), a month (2021-12), a day (2021-12-03), or a day and time with an "
               "offset (2021-12-03T10:00+03:00)")


def to_meeting(release: Release, zone: dt.tzinfo | None = None
               ) -> tuple[Meeting | None, list[Problem]]:
    """The meeting a release describes, or None and the reasons why not. A time
    written without an offset is taken in `zone`, the site's time zone."""
    fm = FrontMatter(release, zone)
    date, starts = fm.date()
    end_date = fm.end_date(date)
    chair = fm.chair()
    listing, participants = fm.countries()
    if chair and chair.country and chair.country not in participants:
        participants.append(chair.country)  # a chairing state takes part
    location = fm.text("location")
    meeting = Meeting(
        slug=fm.slug(),
        key="",  # set below, from all the rest
        source_file=release.name,
        title=fm.text("title"),
        date=date,
        starts=starts,
        organization=fm.text("organization"),
        body=fm.text("body"),
        session=fm.session(),
        format=fm.format(),
        location=location,
        host=fm.host(location),
        chair=chair,
        countries=tuple(participants),
        officials=fm.officials(),
        topics=fm.texts("topics"),
        summary=fm.text("summary"),
        source=fm.url("source"),
        lang=fm.lang(),
        draft=fm.flag("draft"),
        extra=fm.extra(FIELDS),
        end_date=end_date,
        date_note=fm.text("date_note"),
        outcomes=fm.outcomes(),
        listing=listing,
    )
    errors = [p for p in fm.problems if not p.warning]
    if errors:
        return None, fm.problems
    # Pages that list a meeting depend on its facts, not on its text: a key
    # made from the facts alone lets an edit of the text re-render one page.
    return replace(meeting, key=digest(repr(meeting))), fm.problems


# A day and at least its hour (RFC 3339 allows a 't'); what fromisoformat reads after it
# is its own.
DAY_AND_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}")


class FrontMatter(Fields):
    """One release's front-matter fields, read leniently, problems collected."""

    def __init__(self, release: Release, zone: dt.tzinfo | None = None):
        super().__init__(release.name, release.front, release.first_line, REQUIRED)
        self.release, self.zone = release, zone

    def date(self) -> tuple[When | None, dt.datetime | None]:
        """The date as precise as the release gives it, and its time if it gives one."""
        node, text = self.scalar("date")
        if not text:
            return None, None
        if PARTIAL_DATE.fullmatch(text):
            return self.partial_date(node, "date", text, EXPECT_DATE), None
        try:  # (fromisoformat alone takes '20210304' or '2021-W09-4' as a day at midnight)
            starts = dt.datetime.fromisoformat(text) if DAY_AND_TIME.match(text) else None
        except ValueError:
            starts = None
        if starts is None:
            self.problem(node, "date", f"'{text}' is not a date", EXPECT_DATE)
            return None, None
        if starts.tzinfo is None and self.zone is None:  # never silently UTC
            self.problem(node, "date", f"'{text}' has a time but no offset",
                         EXPECT_DATE + ", or a 'timezone:' in site.yaml")
            return None, None
        if starts.tzinfo is None:
            starts = starts.replace(tzinfo=self.zone)
        when = self.in_range(node, "date", text, When.of(starts.date()))
        return when, starts if when else None

    def end_date(self, date: When | None) -> When | None:
        """The last day of a meeting held over several days: written as `date` is
        (a year, a month or a day), and not before it."""
        node, text = self.scalar("end_date")
        if not text or date is None:
            return None
        expected = f"the meeting's last {date.precision}, written as date is ({date.iso})"
        if not PARTIAL_DATE.fullmatch(text):
            self.problem(node, "end_date", f"'{text}' is not a {date.precision}", expected)
            return None
        end = self.partial_date(node, "end_date", text, expected)
        if end is None:
            return None
        if end.precision != date.precision:
            self.problem(node, "end_date", f"'{text}' is a {end.precision}, the date a "
                         f"{date.precision}", expected)
        elif end.first < date.first:
            self.problem(node, "end_date", f"{end.iso} is before the date, {date.iso}", expected)
        else:
            return end
        return None

    def session(self) -> int | None:
        node, text = self.scalar("session")
        if not text:
            return None
        expected = "a number such as 23, or a Roman numeral such as XXIII"
        try:
            number = whole(text) if DIGITS.fullmatch(text) else roman.fromRoman(text.upper())
        except roman.InvalidRomanNumeralError:
            self.problem(node, "session", f"'{text}' is not a session number", expected)
            return None
        if number is None or not 1 <= number <= MAX_SESSION:
            shown = number if number is not None else f"a number of {len(text):,} digits"
            self.problem(node, "session", f"{shown} is out of range", f"1 to {MAX_SESSION:,}")
            return None
        return number

    def format(self) -> str | None:
        node, text = self.scalar("format")
        if not text:
            return None
        spelled = FORMAT_SPELLINGS.get(re.sub(r"[\s_-]+", " ", text.casefold()))
        if spelled is None:
            self.problem(node, "format", f"unknown format '{text}'",
                         "one of: " + ", ".join(FORMATS))
        return spelled

    def slug(self) -> str | None:
        node = self.value("slug")
        if node is None:
            slug = slugify(self.release.stem)
            if not slug or len(slug) > SLUG_LENGTH:
                made = f"an address of {len(slug)} characters" if slug else "no address"
                self.problem(None, "slug", f"the file name '{self.release.stem}' makes {made}",
                             f"a shorter file name, or a 'slug:' field of at most {SLUG_LENGTH} "
                             "characters such as slug: xxiii-meeting")
                return None
            return slug
        text = self.text_of(node, "slug")
        if text is not None and (not SLUG.fullmatch(text) or len(text) > SLUG_LENGTH):
            self.problem(node, "slug", f"'{text}' cannot be a URL segment",
                         "lower-case letters, digits and single hyphens, such as csto-xxiii, "
                         f"at most {SLUG_LENGTH} characters")
            return None
        return text

    # -- countries -----------------------------------------------------------

    def countries(self) -> tuple[str | None, list[countries.Country]]:
        """How the release gives the participants (meeting.LISTED, ALL_MEMBERS or None)
        and the states it lists, each once however written."""
        node, items = self.value("countries"), self.items("countries")
        if isinstance(node, yaml.ScalarNode) and _all_members(node.value):
            if not self.text("organization"):
                self.problem(node, "countries", f"'{node.value}', but of no organization",
                             "an 'organization:' whose members took part, or the states listed")
            return ALL_MEMBERS, []
        if any(isinstance(n, yaml.ScalarNode) and _all_members(n.value) for n in items):
            self.problem(node, "countries", "'all members' among states",
                         "either 'countries: all members' or a list of states")
            items = [n for n in items if not (isinstance(n, yaml.ScalarNode) and
                                              _all_members(n.value))]
        found = (self.country_of(n, "countries") for n in items)
        listed = list(dict.fromkeys(c for c in found if c))
        return (LISTED if listed else None), listed

    def host(self, location: str | None) -> countries.Country | None:
        """The country in 'City, Country', or a location that is a country alone
        ('Kazakhstan'), if it names one."""
        if not location:
            return None
        try:
            return countries.lookup(location.rsplit(",", 1)[-1])
        except countries.UnknownCountry:
            return None

    # -- structured fields ---------------------------------------------------

    def chair(self) -> Chair | None:
        node = self.value("chair")
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode):  # "chair: Russia" or "chair: Igor Zubov"
            text = self.text_of(node, "chair")
            try:
                return Chair(None, None, countries.lookup(text))
            except countries.UnknownCountry:
                return Chair(text, None, None)
        fields = self.mapping(node, "chair", CHAIR_FIELDS)
        if "name" not in fields and "country" not in fields:
            self.problem(node, "chair", "neither a name nor a country",
                         "a name or a country: chair: {name: ..., position: ..., country: ...}")
            return None
        country = fields.pop("country", None)
        texts = self.texts_of(fields, "chair")
        return Chair(texts.get("name"), texts.get("position"),
                     country and self.country_of(country, "chair.country"))

    def officials(self) -> tuple[Official, ...]:
        officials = []
        for node in self.items("officials"):
            if isinstance(node, yaml.ScalarNode):  # "- Valery Semerikov"
                officials.append(Official(self.text_of(node, "officials"), None, None))
                continue
            texts = self.texts_of(self.mapping(node, "officials", OFFICIAL_FIELDS), "officials")
            if not texts.get("name"):
                self.problem(node, "officials", "an official without a name",
                             "a name: {name: ..., position: ..., organization: ...}")
                continue
            officials.append(Official(texts["name"], texts.get("position"), texts.get("organization")))
        return tuple(o for o in officials if o.name)

    def outcomes(self) -> tuple[Outcome, ...]:
        """What the meeting adopted: each item a title, or {title, url, kind}."""
        found = []
        for node in self.items("outcomes"):
            if isinstance(node, yaml.ScalarNode):  # "- Statement on drug legalization"
                title = self.text_of(node, "outcomes")
                found.extend([Outcome(title)] if title else [])
                continue
            fields = self.mapping(node, "outcomes", OUTCOME_FIELDS)
            title = fields.get("title") and self.text_of(fields["title"], "outcomes.title")
            if not title:
                self.problem(node, "outcomes", "a result without a title",
                             "a title: {title: ..., url: ..., kind: ...}")
                continue
            url = fields.get("url") and self.url_of(fields["url"], "outcomes.url")
            found.append(Outcome(title, url, self._kind(fields.get("kind"))))
        return tuple(dict.fromkeys(found))

    def _kind(self, node: yaml.Node | None) -> str | None:
        text = node and self.text_of(node, "outcomes.kind")
        if text and text.casefold() not in OUTCOME_KINDS:
            self.problem(node, "outcomes.kind", f"unknown kind '{text}'",
                         "one of: " + ", ".join(OUTCOME_KINDS))
            return None
        return text.casefold() if text else None


def _all_members(text: str) -> bool:
    return " ".join(text.casefold().split()) in ALL_MEMBERS_SPELLINGS

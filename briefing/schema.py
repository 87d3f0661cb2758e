"""Stage 2, model: check a release's front matter and make it a `Meeting`.

Every value is taken from the YAML node as the editor typed it, and every
problem is collected with the line of the offending key or item, so that one
run reports all of them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import urllib.parse
from dataclasses import replace
from typing import Any

import roman
import yaml
from slugify import slugify

from . import countries
from .cache import digest
from .model import FORMATS, Chair, Meeting, Official
from .problems import Problem
from .read import Release, kind_of

FIELDS = ("title", "date", "organization", "body", "session", "format", "location", "chair",
          "countries", "officials", "topics", "summary", "source", "lang", "slug", "draft")
REQUIRED = ("title", "date")
CHAIR_FIELDS = ("name", "position", "country")
OFFICIAL_FIELDS = ("name", "position", "organization")

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")  # a BCP 47 tag, loosely
FORMAT_SPELLINGS = {"in person": "in person", "video conference": "videoconference",
                    "videoconference": "videoconference", "hybrid": "hybrid"}
NULL = "tag:yaml.org,2002:null"
EXPECT_DATE = "YYYY-MM-DD, or a date and time with an offset such as 2021-01-01T10:00+03:00"


def to_meeting(release: Release) -> tuple[Meeting | None, list[Problem]]:
    """The meeting a release describes, or None and the reasons why not."""
    fm = FrontMatter(release)
    date, starts = fm.date()
    chair = fm.chair()
    participants = fm.countries()
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
        extra=fm.extra(),
    )
    errors = [p for p in fm.problems if not p.warning]
    if errors:
        return None, fm.problems
    # Pages that list a meeting depend on its facts, not on its text: a key
    # made from the facts alone lets an edit of the text re-render one page.
    return replace(meeting, key=digest(repr(meeting))), fm.problems


class FrontMatter:
    """One release's front-matter fields, read leniently, problems collected."""

    def __init__(self, release: Release):
        self.release = release
        self.problems: list[Problem] = []
        self.fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in release.front.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if not name:
                self.problem(key, "front matter", "a key that is not a name", "field names such as 'title'")
            elif name in self.fields:
                first = release.line(self.fields[name][0])
                self.problem(key, name, f"duplicate key, first given on line {first}",
                             "each field once")
            else:
                self.fields[name] = (key, value)
        for name in REQUIRED:
            if self.value(name) is None:
                self.problem(None, name, "missing", f"a '{name}:' field, which every release needs")

    # -- reporting -----------------------------------------------------------

    def problem(self, node: yaml.Node | None, field: str, message: str, expected: str = "",
                warning: bool = False) -> None:
        line = self.release.line(node) if node is not None else self.release.first_line - 1
        self.problems.append(Problem(self.release.name, line, field, message, expected, warning))

    def value(self, name: str) -> yaml.Node | None:
        """The value node of a field; None when absent or written as null."""
        key, node = self.fields.get(name, (None, None))
        return None if node is None or _is_null(node) else node

    # -- scalar fields -------------------------------------------------------

    def text(self, name: str) -> str | None:
        return self.scalar(name)[1]

    def scalar(self, name: str) -> tuple[yaml.Node | None, str | None]:
        """A single-valued field: its node (for the line) and its text."""
        node = self.value(name)
        return node, None if node is None else self._text(node, name)

    def _text(self, node: yaml.Node, field: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, field, f"a {kind_of(node)} where text belongs", "a single value")
            return None
        return " ".join(node.value.split()) or None  # YAML folds lines; so do we

    def date(self) -> tuple[dt.date | None, dt.datetime | None]:
        node, text = self.scalar("date")
        if not text:
            return None, None
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return dt.date.fromisoformat(text), None
            starts = dt.datetime.fromisoformat(text)
        except ValueError:
            self.problem(node, "date", f"'{text}' is not a date", EXPECT_DATE)
            return None, None
        if starts.tzinfo is None:
            self.problem(node, "date", f"'{text}' has a time but no offset", EXPECT_DATE)
            return None, None
        return starts.date(), starts

    def session(self) -> int | None:
        node, text = self.scalar("session")
        if not text:
            return None
        expected = "a number such as 23, or a Roman numeral such as XXIII"
        try:
            number = int(text) if text.isdigit() else roman.fromRoman(text.upper())
        except roman.InvalidRomanNumeralError:
            self.problem(node, "session", f"'{text}' is not a session number", expected)
            return None
        if not 1 <= number <= 3999:
            self.problem(node, "session", f"{number} is out of range", "1 to 3999")
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
            if not slug:
                self.problem(None, "slug", f"no URL can be made from the file name "
                             f"'{self.release.stem}'", "a 'slug:' field such as slug: xxiii-meeting")
            return slug or None
        text = self._text(node, "slug")
        if text is not None and not SLUG.fullmatch(text):
            self.problem(node, "slug", f"'{text}' cannot be a URL segment",
                         "lower-case letters, digits and single hyphens, such as csto-xxiii")
            return None
        return text

    def url(self, name: str) -> str | None:
        node, text = self.scalar(name)
        if not text:
            return None
        parts = urllib.parse.urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.problem(node, name, f"'{text}' is not a web address",
                         "an http:// or https:// URL")
            return None
        return text

    def lang(self) -> str:
        node, text = self.scalar("lang")
        if not text:
            return "en"
        if not LANG.fullmatch(text):
            self.problem(node, "lang", f"'{text}' is not a language tag", "a language tag such as en, ru or fr-CA")
            return "en"
        return text

    def flag(self, name: str) -> bool:
        node, text = self.scalar(name)
        if not text:
            return False
        if text.casefold() in ("true", "yes", "on"):
            return True
        if text.casefold() not in ("false", "no", "off"):
            self.problem(node, name, f"'{text}' is not true or false", "true or false")
        return False

    # -- countries -----------------------------------------------------------

    def _country(self, node: yaml.Node, field: str) -> countries.Country | None:
        text = self._text(node, field)
        if text is None:
            return None
        try:
            return countries.lookup(text)
        except countries.UnknownCountry as unknown:
            hint = f"; closest: {', '.join(unknown.suggestions)}" if unknown.suggestions else ""
            self.problem(node, field, f"unknown country '{text}'",
                         f"an ISO 3166-1 code or English name{hint}")
            return None

    def countries(self) -> list[countries.Country]:
        found = (self._country(n, "countries") for n in self._items("countries"))
        return list(dict.fromkeys(c for c in found if c))  # once, however written

    def host(self, location: str | None) -> countries.Country | None:
        """The country in 'City, Country', if the location ends with one."""
        if not location or "," not in location:
            return None
        try:
            return countries.lookup(location.rsplit(",", 1)[1])
        except countries.UnknownCountry:
            return None

    # -- structured fields ---------------------------------------------------

    def _items(self, name: str) -> list[yaml.Node]:
        """A list field's items; a single value stands for a list of one."""
        node = self.value(name)
        if node is None:
            return []
        if isinstance(node, yaml.SequenceNode):
            return [item for item in node.value if not _is_null(item)]
        if isinstance(node, yaml.MappingNode):
            self.problem(node, name, "a mapping where a list belongs", "a list, [a, b] or lines of '- a'")
            return []
        return [node]

    def texts(self, name: str) -> tuple[str, ...]:
        found = (self._text(n, name) for n in self._items(name))
        return tuple(dict.fromkeys(t for t in found if t))

    def _mapping(self, node: yaml.Node, field: str, known: tuple[str, ...]) -> dict[str, yaml.Node]:
        """A nested mapping's fields; unknown sub-keys get a warning."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, field, f"a {kind_of(node)} where a mapping belongs",
                         "the fields " + ", ".join(known))
            return {}
        fields = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name not in known:
                self._unknown(key, f"{field}.{name}", name, known)
            elif not _is_null(value):
                fields[name] = value
        return fields

    def chair(self) -> Chair | None:
        node = self.value("chair")
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode):  # "chair: Russia" or "chair: Igor Zubov"
            text = self._text(node, "chair")
            try:
                return Chair(None, None, countries.lookup(text))
            except countries.UnknownCountry:
                return Chair(text, None, None)
        fields = self._mapping(node, "chair", CHAIR_FIELDS)
        if "name" not in fields and "country" not in fields:
            self.problem(node, "chair", "neither a name nor a country",
                         "a name or a country: chair: {name: ..., position: ..., country: ...}")
            return None
        country = fields.pop("country", None)
        texts = self._texts_of(fields, "chair")
        return Chair(texts.get("name"), texts.get("position"),
                     country and self._country(country, "chair.country"))

    def officials(self) -> tuple[Official, ...]:
        officials = []
        for node in self._items("officials"):
            if isinstance(node, yaml.ScalarNode):  # "- Valery Semerikov"
                officials.append(Official(self._text(node, "officials"), None, None))
                continue
            texts = self._texts_of(self._mapping(node, "officials", OFFICIAL_FIELDS), "officials")
            if not texts.get("name"):
                self.problem(node, "officials", "an official without a name",
                             "a name: {name: ..., position: ..., organization: ...}")
                continue
            officials.append(Official(texts["name"], texts.get("position"), texts.get("organization")))
        return tuple(o for o in officials if o.name)

    def _texts_of(self, fields: dict[str, yaml.Node], parent: str) -> dict[str, str | None]:
        return {name: self._text(node, f"{parent}.{name}") for name, node in fields.items()}

    # -- keys the schema does not know ---------------------------------------

    def _unknown(self, key: yaml.Node, field: str, name: str, known: tuple[str, ...]) -> None:
        close = difflib.get_close_matches(name, known, n=1)
        if close:
            self.problem(key, field, f"unknown field, kept for templates; did you mean "
                         f"'{close[0]}'?", warning=True)
        else:
            self.problem(key, field, "unknown field, kept for templates",
                         "one of " + ", ".join(known), warning=True)

    def extra(self) -> dict[str, Any]:
        """Keys the schema does not know reach templates as plain values."""
        extra = {}
        for name, (key, node) in self.fields.items():
            if name not in FIELDS:
                self._unknown(key, name, name, FIELDS)
                extra[name] = _construct(node)
        return extra


def _is_null(node: yaml.Node) -> bool:
    if not isinstance(node, yaml.ScalarNode):
        return False
    return (node.tag == NULL and not node.style) or not node.value.strip()


def _construct(node: yaml.Node) -> Any:
    """A node as YAML would load it; its text if YAML cannot (e.g. 2021-13-45)."""
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return node.value if isinstance(node, yaml.ScalarNode) else None

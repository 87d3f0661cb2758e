"""Typed values from a composed YAML mapping, every problem kept with its line.

A release's front matter (schema.py) and the site's settings (settings.py) are
both mappings an editor types by hand. `Fields` reads one leniently: each
accessor returns a clean value or None, and records what was wrong, where,
and what was expected, so that one run reports every mistake.
"""

from __future__ import annotations

import difflib
import re
import urllib.parse
from pathlib import Path
from typing import Any

import yaml

from ..model import countries
from ..model.meeting import FIRST_YEAR, LAST_YEAR, When
from ..problems import Problem
from .release import character_name, forbidden, kind_of, read_settings_file

NULL = "tag:yaml.org,2002:null"
# A YAML alias (*name) repeats what its anchor (&name) holds: ten lines can stand
# for a billion values ("billion laughs"). What aliases add to a mapping, once
# expanded, is bounded far above any real use, before anything expands them.
# (Without aliases, the file's own size bounds it.)
MAX_VALUES = 10_000
MAX_CHARACTERS = 4 * 1024 * 1024
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")  # 2021, 2021-12, 2021-12-03
PARTIAL_EXPECTED = "a year (2021), a month (2021-12) or a day (2021-12-03)"
LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")  # a BCP 47 tag, loosely
DIGITS = re.compile(r"[0-9]+")  # (ASCII: str.isdigit() also takes '²', which int() refuses)
MAX_DIGITS = 18  # (int() refuses 4,300 and more, and no count here needs as many as this)


def whole(text: str) -> int | None:
    """The whole number `text` writes in digits 0-9, or None if it is none (or longer
    than MAX_DIGITS: out of any range a field allows)."""
    return int(text) if DIGITS.fullmatch(text) and len(text) <= MAX_DIGITS else None


SUGGESTED = 20  # unknown countries of one file given their closest names (10,000 took 21 s)


def file_fields(path: Path, what: str) -> Fields | Problem | None:
    """The fields of a whole YAML file of settings or of a registry (`what` names it in
    messages); None if it is absent or empty, its Problem if it cannot be read."""
    name, mapping = read_settings_file(path, what, f"a YAML mapping, as {what} in the README")
    if mapping is None or isinstance(mapping, Problem):
        return mapping
    return Fields(name, mapping, 1, what=what)


class Fields:
    """The fields of one mapping in the file `name`, whose YAML text starts on
    `first_line`. `required` fields must be present; `what` names the file's
    kind in messages ("release", "site.yaml")."""

    def __init__(self, name: str, mapping: yaml.MappingNode, first_line: int,
                 required: tuple[str, ...] = (), what: str = "release"):
        self.name, self.first_line, self.what = name, first_line, what
        self.problems: list[Problem] = []
        self.unknown_countries = 0  # met so far (see SUGGESTED)
        self.fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        sizes, refused = Sizes(), set()
        suspect = not plain_at_a_glance(mapping)  # (else no field needs a closer look)
        for key, value in mapping.value:
            field = key.value if isinstance(key, yaml.ScalarNode) else None
            if suspect and not self.plain(key, value, field or what, sizes):
                refused.add(field)  # refused whole: nothing may read it
                continue
            if not field:
                self.problem(key, what, "a key that is not a name", "field names such as 'title'")
            elif field in self.fields:
                first = self.line(self.fields[field][0])
                self.problem(key, field, f"duplicate key, first given on line {first}",
                             "each field once")
            else:
                self.fields[field] = (key, value)
        for field in required:
            if self.value(field) is None and field not in refused:
                self.problem(None, field, "missing", f"a '{field}:' field, which every {what} needs")

    def plain(self, key: yaml.Node, value: yaml.Node, field: str, sizes: Sizes) -> bool:
        """Whether a field holds plain text a page can carry, of a bounded size once its
        aliases are expanded; else its problem."""
        try:
            values, characters = sizes.added(key, value)
        except RecursionError:
            self.problem(value, field, "a value that contains itself",
                         "plain values: an alias (*name) may not repeat its own anchor")
            return False
        if values > MAX_VALUES or characters > MAX_CHARACTERS:
            if not sizes.exceeded:  # (said once: the fields after it only add to it)
                sizes.exceeded = True
                whole = "the front matter" if self.what == "release" else self.what
                self.problem(value, field, f"aliases (*name) add more than {MAX_VALUES:,} "
                             f"values or {MAX_CHARACTERS:,} characters to {whole}",
                             "plain values; an alias repeats all its anchor (&name) holds")
            return False
        for node in (key, *scalars(value)[0]):
            bad = forbidden(node.value) if isinstance(node, yaml.ScalarNode) else None
            if bad:
                self.problem(node, field, f"{character_name(bad.group())}, written as an escape",
                             "text without control characters: remove the escape")
                return False
        return True

    # -- reporting -----------------------------------------------------------

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def problem(self, node: yaml.Node | None, field: str, message: str, expected: str = "",
                warning: bool = False) -> None:
        # a missing field is reported where the mapping opens (a release's '---')
        line = self.line(node) if node is not None else max(self.first_line - 1, 1)
        self.problems.append(Problem(self.name, line, field, message, expected, warning))

    def value(self, name: str) -> yaml.Node | None:
        """The value node of a field; None when absent or written as null."""
        key, node = self.fields.get(name, (None, None))
        return None if node is None or is_null(node) else node

    # -- single values -------------------------------------------------------

    def text(self, name: str) -> str | None:
        return self.scalar(name)[1]

    def scalar(self, name: str) -> tuple[yaml.Node | None, str | None]:
        """A single-valued field: its node (for the line) and its text."""
        node = self.value(name)
        return node, None if node is None else self.text_of(node, name)

    def text_of(self, node: yaml.Node, field: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, field, f"a {kind_of(node)} where text belongs", "a single value")
            return None
        return " ".join(node.value.split()) or None  # YAML folds lines; so do we

    def url(self, name: str) -> str | None:
        node = self.value(name)
        return None if node is None else self.url_of(node, name)

    def url_of(self, node: yaml.Node, field: str) -> str | None:
        """A web address: http or https only (no javascript:, file: or mailto:)."""
        text = self.text_of(node, field)
        if not text:
            return None
        parts = urllib.parse.urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.problem(node, field, f"'{text}' is not a web address",
                         "an http:// or https:// URL")
            return None
        return text

    def partial_date(self, node: yaml.Node, field: str, text: str, expected: str = PARTIAL_EXPECTED
                     ) -> When | None:
        """A year, a month or a day, from text that looks like one."""
        year, month, day = (int(part) if part else None
                            for part in PARTIAL_DATE.fullmatch(text).groups())
        try:
            if month == 0 or day == 0:
                raise ValueError("no month or day 0")
            when = When(year, month, day)
            when.last  # (a month 13 or a 30 February raises here)
        except ValueError:
            self.problem(node, field, f"'{text}' is not a date", expected)
            return None
        return self.in_range(node, field, text, when)

    def in_range(self, node: yaml.Node, field: str, text: str, when: When) -> When | None:
        if not FIRST_YEAR <= when.year <= LAST_YEAR:
            self.problem(node, field, f"'{text}' is out of range",
                         f"a date in the years {FIRST_YEAR} to {LAST_YEAR}")
            return None
        return when

    def country_of(self, node: yaml.Node, field: str) -> countries.Country | None:
        text = self.text_of(node, field)
        if text is None:
            return None
        try:
            return countries.lookup(text)
        except countries.UnknownCountry as unknown:
            self.unknown_countries += 1  # (the closest names of a few: each takes a search)
            close = unknown.suggestions if self.unknown_countries <= SUGGESTED else []
            hint = f"; closest: {', '.join(close)}" if close else ""
            self.problem(node, field, f"unknown country '{text}'",
                         f"an ISO 3166-1 code or English name{hint}")
            return None

    def lang(self, name: str = "lang", default: str = "en") -> str:
        node, text = self.scalar(name)
        if not text:
            return default
        if not LANG.fullmatch(text):
            self.problem(node, name, f"'{text}' is not a language tag",
                         "a language tag such as en, ru or fr-CA")
            return default
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

    def number(self, name: str, default: int, lowest: int, highest: int) -> int:
        node, text = self.scalar(name)
        if not text:
            return default
        number = whole(text)
        if number is None or not lowest <= number <= highest:
            self.problem(node, name, f"'{text}' is not a number from {lowest} to {highest}",
                         f"a whole number from {lowest} to {highest}")
            return default
        return number

    # -- lists and mappings --------------------------------------------------

    def items(self, name: str) -> list[yaml.Node]:
        """A list field's items; a single value stands for a list of one."""
        return self.list_of(self.value(name), name)

    def list_of(self, node: yaml.Node | None, field: str) -> list[yaml.Node]:
        if node is None:
            return []
        if isinstance(node, yaml.SequenceNode):
            return [item for item in node.value if not is_null(item)]
        if isinstance(node, yaml.MappingNode):
            self.problem(node, field, "a mapping where a list belongs", "a list, [a, b] or lines of '- a'")
            return []
        return [node]

    def texts(self, name: str, node: yaml.Node | None = None) -> tuple[str, ...]:
        """The texts of a list field (or of the list `node`, inside another field)."""
        items = self.items(name) if node is None else self.list_of(node, name)
        found = (self.text_of(n, name) for n in items)
        return tuple(dict.fromkeys(t for t in found if t))

    def mapping(self, node: yaml.Node, field: str, known: tuple[str, ...]) -> dict[str, yaml.Node]:
        """A nested mapping's fields; unknown sub-keys get a warning."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, field, f"a {kind_of(node)} where a mapping belongs",
                         "the fields " + ", ".join(known))
            return {}
        fields, seen = {}, {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name in seen:
                self.problem(key, f"{field}.{name}", f"duplicate key, first given on line "
                             f"{self.line(seen[name])}", "each key once")
            elif name not in known:
                self.unknown(key, f"{field}.{name}", name, known, "unknown key, ignored")
            elif not is_null(value):
                fields[name] = value
            seen.setdefault(name, key)
        return fields

    def texts_of(self, fields: dict[str, yaml.Node], parent: str) -> dict[str, str | None]:
        return {name: self.text_of(node, f"{parent}.{name}") for name, node in fields.items()}

    # -- keys nobody asked for -----------------------------------------------

    def unknown(self, key: yaml.Node, field: str, name: str, known: tuple[str, ...],
                what: str = "unknown field, kept for templates") -> None:
        close = difflib.get_close_matches(name, known, n=1)
        if close:
            self.problem(key, field, f"{what}; did you mean '{close[0]}'?", warning=True)
        else:
            self.problem(key, field, what, "one of " + ", ".join(known), warning=True)

    def extra(self, known: tuple[str, ...], what: str = "unknown field, kept for templates"
              ) -> dict[str, Any]:
        """The top-level fields not in `known`, as plain values, each with a warning."""
        extra = {}
        for name, (key, node) in self.fields.items():
            if name not in known:
                self.unknown(key, name, name, known, what)
                extra[name] = construct(node)
        return extra


class Sizes:
    """How many values and characters aliases add to a mapping once expanded: nodes
    are counted once each (an alias is the node it names), so the count of a
    billion values takes as many steps as the file has nodes. (A loop, not
    recursion: a value nested a thousand deep is fine, if odd.)"""

    def __init__(self):
        self.known: dict[int, tuple[int, int]] = {}  # node -> what it holds, expanded
        self.expanded = [0, 0]  # values and characters of the fields counted so far
        self.written = [0, 0]  # ... counting each node once, as the file writes them
        self.exceeded = False

    def added(self, *nodes: yaml.Node) -> tuple[int, int]:
        """What aliases add to the fields counted so far, `nodes` now among them."""
        for node in nodes:
            values, characters = self.node(node)
            self.expanded = [self.expanded[0] + values, self.expanded[1] + characters]
        return self.expanded[0] - self.written[0], self.expanded[1] - self.written[1]

    def node(self, top: yaml.Node) -> tuple[int, int]:
        open_ = set()  # nodes whose children are being counted: met again, a node holds itself
        todo = [top]
        while todo:
            node = todo[-1]
            ident = id(node)
            if ident in self.known:
                todo.pop()
                continue
            if isinstance(node, yaml.ScalarNode):
                self.known[ident] = (1, len(node.value))
                self.written = [self.written[0] + 1, self.written[1] + len(node.value)]
                todo.pop()
                continue
            children = _children(node)
            waiting = [child for child in children if id(child) not in self.known]
            if ident not in open_:
                open_.add(ident)
                if any(id(child) in open_ for child in waiting):
                    raise RecursionError("a node holds itself")
                todo.extend(waiting)
                continue
            if waiting:  # a child still open: it is an ancestor of itself
                raise RecursionError("a node holds itself")
            sizes = [self.known[id(child)] for child in children]
            self.known[ident] = (1 + sum(v for v, _ in sizes), sum(c for _, c in sizes))
            self.written[0] += 1
            open_.discard(ident)
            todo.pop()
        return self.known[id(top)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return [child for pair in node.value for child in pair]


def plain_at_a_glance(mapping: yaml.MappingNode) -> bool:
    """Whether no node of `mapping` is reached twice (no alias: nothing to expand) and
    no text holds a forbidden character (read.forbidden): one look at every node, one search of all
    the text, for the usual release; Fields.plain looks field by field otherwise."""
    found, aliased = scalars(mapping)
    return not aliased and not forbidden("\n".join(node.value for node in found))


def scalars(node: yaml.Node) -> tuple[list[yaml.ScalarNode], bool]:
    """Every scalar under `node`, each node once however many aliases name it; and
    whether any node is reached twice (through an alias)."""
    found, seen, todo, again = [], set(), [node], False
    while todo:
        node = todo.pop()
        if id(node) in seen:
            again = True
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            found.append(node)
        else:
            todo.extend(_children(node))
    return found, again


def is_null(node: yaml.Node) -> bool:
    if not isinstance(node, yaml.ScalarNode):
        return False
    return (node.tag == NULL and not node.style) or not node.value.strip()


def construct(node: yaml.Node) -> Any:
    """A node as YAML would load it; its text if YAML cannot (e.g. 2021-13-45)."""
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return node.value if isinstance(node, yaml.ScalarNode) else None

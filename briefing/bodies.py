"""Which body met: one name for every way a release writes it.

Releases name a body as their authors typed it: "Council of Foreign Ministers",
"CSTO Council of Foreign Ministers", "the council of foreign ministers". Those
are one body: a name is compared without case, spacing, a leading "the" or the
organization's own prefix. Names that differ in words ("... to Combat Illicit
Drug Trafficking" and "... for Countering Illicit Drug Trafficking") are one
body only when the editors' registry, `bodies.yaml`, says so:

    Coordinating Council of Heads of Competent Authorities to Combat Illicit Drug Trafficking:
      organization: CSTO
      slug: csto-anti-drug-council      # optional: the page is bodies/<slug>/
      aliases:
        - Coordinating Council of Heads of Competent Authorities for Countering Illicit Drug Trafficking

Nothing else joins two names: bodies whose names merely look alike stay apart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .fields import Fields
from .model import SLUG, SLUG_LENGTH, Meeting, slug_of
from .problems import Problem
from .read import read_settings

ENTRY_FIELDS = ("organization", "slug", "aliases")


@dataclass(frozen=True)
class Body:
    slug: str  # its page is bodies/<slug>/
    name: str
    organization: str | None

    @property
    def title(self) -> str:
        """'CSTO Council of Foreign Ministers'"""
        return f"{self.organization} {self.name}" if self.organization else self.name


Key = tuple[str, str]  # (organization, name), normalised


def key_of(organization: str | None, name: str) -> Key:
    """The same body however its name is written (see the module's docstring)."""
    return " ".join((organization or "").casefold().split()), bare(organization, name).casefold()


def bare(organization: str | None, name: str) -> str:
    """The name without spacing slips, a leading "the" or the organization's prefix."""
    words = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I)
    org = " ".join((organization or "").split())
    if org and words.casefold().startswith(org.casefold() + " "):
        words = re.sub(r"^the\s+", "", words[len(org) + 1:], flags=re.I)
    return words


@dataclass(frozen=True)
class Registry:
    """The editors' bodies.yaml: canonical bodies and the other names they go by."""

    bodies: dict[Key, Body]  # by the key of the canonical name and of every alias

    def find(self, key: Key) -> Body | None:
        return self.bodies.get(key)


def load_registry(path: Path) -> tuple[Registry, list[Problem]]:
    name, mapping = read_settings(path)
    if mapping is None:
        return Registry({}), []
    if isinstance(mapping, Problem):
        return Registry({}), [mapping]
    fields = Fields(name, mapping, 1, what="bodies.yaml")
    bodies: dict[Key, Body] = {}
    for body_name, (key_node, value) in fields.fields.items():
        entry = fields.mapping(value, body_name, ENTRY_FIELDS) if fields.value(body_name) else {}
        texts = fields.texts_of({k: v for k, v in entry.items() if k != "aliases"}, body_name)
        organization = texts.get("organization")
        body = Body(_registry_slug(fields, entry, texts.get("slug"), body_name) or
                    slug_of(f"{organization or ''} {body_name}"),
                    " ".join(body_name.split()), organization)
        aliases = [body_name, *fields.texts(f"{body_name}.aliases", entry.get("aliases"))]
        for alias in aliases:
            key = key_of(organization, alias)
            if key in bodies and bodies[key] != body:
                fields.problem(key_node, body_name, f"'{alias}' is also a name of "
                               f"'{bodies[key].name}'", "each name for one body only")
            bodies[key] = body
    return Registry(bodies), fields.problems


def identify(meetings: list[Meeting], registry: Registry) -> dict[str, Body]:
    """Each meeting's body (by meeting slug), for the meetings that name one.
    A body not in the registry is named as most of its meetings write it."""
    spellings: dict[Key, Counter] = defaultdict(Counter)
    for meeting in meetings:
        if meeting.body:
            spellings[key_of(meeting.organization, meeting.body)][
                (meeting.organization, meeting.body)] += 1
    found: dict[Key, Body] = {}
    taken: set[str] = {body.slug for body in registry.bodies.values()}
    for key in sorted(spellings):
        body = registry.find(key)
        if body is None:
            # the commonest spelling; among equals, the first in sorted order
            # among equals, capitals first: "Council of ..." before "council of ..."
            (organization, name), _ = min(spellings[key].items(),
                                          key=lambda s: (-s[1], bare(*s[0])))
            name = bare(organization, name)
            body = Body(_free_slug(slug_of(f"{organization or ''} {name}") or "body", taken),
                        name, organization)
        found[key] = body
    return {m.slug: found[key_of(m.organization, m.body)] for m in meetings if m.body}


def _registry_slug(fields: Fields, entry: dict, slug: str | None, name: str) -> str | None:
    if slug and (not SLUG.fullmatch(slug) or len(slug) > SLUG_LENGTH):
        fields.problem(entry["slug"], f"{name}.slug", f"'{slug}' cannot be a page's address",
                       f"lower-case letters, digits and single hyphens, at most {SLUG_LENGTH}")
        return None
    return slug


def _free_slug(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate

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
(The registry is read by read/registry.py.)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .meeting import Meeting, free_slug, slug_of


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
            body = Body(free_slug(slug_of(f"{organization or ''} {name}") or "body", taken),
                        name, organization)
        found[key] = body
    return {m.slug: found[key_of(m.organization, m.body)] for m in meetings if m.body}


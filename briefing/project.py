"""What every stage shares: where a build reads and writes, and what it reports."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, counted


@dataclass(frozen=True)
class Project:
    """Where a build reads from and writes to."""

    content: Path
    templates: Path
    assets: Path
    out: Path
    cache: Path | None = Path(".cache")  # None: keep nothing between builds
    config: Path = Path("site.yaml")  # the site's settings (see read/settings.py); may be absent
    bodies: Path = Path("bodies.yaml")  # the registry of bodies' names (read/registry.py); may be absent
    # the registries of members (read/organizations.py) and of people (read/people.py),
    # each optional; by default beside bodies.yaml
    organizations: Path | None = None
    people: Path | None = None

    @property
    def registries(self) -> dict[str, Path]:
        """The editors' registries, by what they are."""
        return {"the registry of bodies": self.bodies,
                "the registry of members": self.organizations or
                self.bodies.with_name("organizations.yaml"),
                "the registry of people": self.people or self.bodies.with_name("people.yaml")}


def today_in(timezone: str | None) -> dt.date:
    """Today in the time zone named (the computer's, if none): the day that divides
    meetings held from upcoming, an input like any other."""
    return dt.datetime.now(zoneinfo.ZoneInfo(timezone)).date() if timezone else dt.date.today()


@dataclass(frozen=True)
class Summary:
    """What a site is made of, as a build reports it (and a build that finds
    nothing changed repeats it)."""

    releases: int
    drafts_left_out: int
    warnings: tuple[Problem, ...]
    pages: int = 0


@dataclass(frozen=True)
class Report:
    """What one build did."""

    releases: int
    drafts_left_out: int
    pages: int
    seconds: float
    warnings: tuple[Problem, ...]
    parsed: int = 0  # releases read and modelled this time (the others came from the cache)
    rendered: int = 0  # pages rendered this time
    written: int = 0  # files written or removed (the others kept their bytes and time)

    @classmethod
    def of(cls, summary: Summary, seconds: float, **work: int) -> Report:
        return cls(summary.releases, summary.drafts_left_out, summary.pages, seconds,
                   summary.warnings, **work)

    def __str__(self) -> str:
        if not self.written and not self.rendered and not self.parsed:
            return f"nothing changed: {counted(self.pages, 'page')} up to date in {self.seconds:.2f} s"
        drafts = f" ({counted(self.drafts_left_out, 'draft')} left out)" if self.drafts_left_out else ""
        return (f"built {counted(self.pages, 'page')} from {counted(self.releases, 'release')}"
                f"{drafts} in {self.seconds:.2f} s")

    def details(self) -> str:
        return (f"parsed {self.parsed} of {counted(self.releases, 'release')}, rendered "
                f"{self.rendered} of {counted(self.pages, 'page')}, wrote {counted(self.written, 'file')}")

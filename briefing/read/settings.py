"""The site's settings: one optional file, `site.yaml`, every setting optional.

    title: CSTO meeting briefings        # the site's name, in every page's title
    base_url: https://briefings.example.org/   # where the site is published
    language: en                         # the pages' language (a BCP 47 tag)
    timezone: Europe/Moscow              # the time zone of times written without one
    home_meetings: 10                    # how many meetings the home page lists

A mistake is reported like a release's, with the file and line; an unknown
setting is a warning that names the closest known one.
"""

from __future__ import annotations

import difflib
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from ..model.bodies import Registry
from ..model.organizations import Memberships
from ..model.people import Directory
from ..problems import Problem
from ..project import Project
from .fields import Fields
from .organizations import load_memberships
from .people import load_directory
from .registry import load_registry
from .release import read_settings_file

SETTINGS = ("title", "base_url", "language", "timezone", "home_meetings")


@dataclass(frozen=True)
class Config:
    title: str = "Meeting briefings"
    base_url: str | None = None  # absolute, ending in "/"; None: links stay relative
    language: str = "en"
    timezone: str | None = None  # an IANA name; None: a time must carry its offset
    home_meetings: int = 10

    @property
    def zone(self) -> zoneinfo.ZoneInfo | None:
        return zoneinfo.ZoneInfo(self.timezone) if self.timezone else None


@dataclass(frozen=True)
class Settings:
    """The site's settings and the editors' registries, with their problems."""

    config: Config
    registry: Registry  # of bodies
    problems: tuple[Problem, ...]
    memberships: Memberships = Memberships({})
    directory: Directory = Directory({})  # of people

    @property
    def timezone(self) -> str:
        return self.config.timezone or ""


def read_settings(project: Project) -> Settings:
    """The site's settings (site.yaml) and registries of bodies (bodies.yaml), members
    (organizations.yaml) and people (people.yaml)."""
    config, problems = load_config(project.config)
    bodies, members, people = project.registries.values()
    registry, more = load_registry(bodies)
    memberships, on_members = load_memberships(members)
    directory, on_people = load_directory(people)
    # (a registry named on the command line must be there: a slip in its name would
    # otherwise build a site that says nothing of members or people)
    missing = [Problem(str(path), 1, "file", "not found", "the registry named by --organizations "
                       "or --people") for path in (project.organizations, project.people)
               if path is not None and not path.exists()]
    return Settings(config, registry, (*problems, *more, *on_members, *on_people, *missing),
                    memberships, directory)


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """The settings in `path` (the defaults if there is no such file), and every problem."""
    name, mapping = read_settings_file(path)
    if mapping is None:
        return Config(), []
    if isinstance(mapping, Problem):
        return Config(), [mapping]
    fields = Fields(name, mapping, 1, what="site.yaml")
    fields.extra(SETTINGS, "unknown setting, ignored")
    base_url = fields.url("base_url")
    config = Config(
        title=fields.text("title") or Config.title,
        base_url=base_url and base_url.rstrip("/") + "/",
        language=fields.lang("language", Config.language),
        timezone=_timezone(fields),
        home_meetings=fields.number("home_meetings", Config.home_meetings, 1, 1000),
    )
    return config, fields.problems


def _timezone(fields: Fields) -> str | None:
    node, text = fields.scalar("timezone")
    if not text:
        return None
    try:
        zoneinfo.ZoneInfo(text)
        return text
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # (OSError: 'Europe', a folder)
        close = difflib.get_close_matches(text, zoneinfo.available_timezones(), n=3)
        hint = f"; closest: {', '.join(sorted(close))}" if close else ""
        fields.problem(node, "timezone", f"unknown time zone '{text}'",
                       f"an IANA time zone name such as Europe/Moscow or UTC{hint}")
        return None

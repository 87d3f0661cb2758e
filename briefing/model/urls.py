"""Where each page lives, and relative links between pages.

Links are relative and name `index.html` explicitly, so the site works from
any sub-path of a host and when opened straight from disk.
"""

from __future__ import annotations

from .bodies import Body
from .countries import Country
from .meeting import Meeting
from .site import TopicRecord

HOME = ""
MEETINGS = "meetings/"
COUNTRIES = "countries/"
BODIES = "bodies/"
TOPICS = "topics/"
TIMELINE = "timeline/"
DATA = "data/"
SEARCH = "search/"


def path_of(thing: Meeting | Country | Body | TopicRecord | str) -> str:
    """A page's folder, relative to the site root ('' for the home page)."""
    if isinstance(thing, Meeting):
        return f"{MEETINGS}{thing.slug}/"
    if isinstance(thing, Country):
        return f"{COUNTRIES}{thing.slug}/"
    if isinstance(thing, Body):
        return f"{BODIES}{thing.slug}/"
    if isinstance(thing, TopicRecord):
        return f"{TOPICS}{thing.slug}/"
    return thing


def file_of(path: str) -> str:
    """The file a page path is written to."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def relative(from_page: str, to: str) -> str:
    """The link from the page at `from_page` to the site path `to`."""
    depth = from_page.count("/")
    return "../" * depth + file_of(to)

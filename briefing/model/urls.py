"""Where each page lives, and relative links between pages.

Links are relative and name `index.html` explicitly, so the site works from
any sub-path of a host and when opened straight from disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (named, not imported: a build that finds nothing changed needs the
    # addresses of the search index, not the models and their libraries)
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
SECTIONS = {"Meeting": MEETINGS, "Country": COUNTRIES, "Body": BODIES, "TopicRecord": TOPICS}


def path_of(thing: Meeting | Country | Body | TopicRecord | str) -> str:
    """A page's folder, relative to the site root ('' for the home page)."""
    if isinstance(thing, str):
        return thing
    return f"{SECTIONS[type(thing).__name__]}{thing.slug}/"


def file_of(path: str) -> str:
    """The file a page path is written to."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def relative(from_page: str, to: str) -> str:
    """The link from the page at `from_page` to the site path `to`."""
    depth = from_page.count("/")
    return "../" * depth + file_of(to)

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
    from .people import Person
    from .site import TopicRecord

HOME = ""
MEETINGS = "meetings/"
COUNTRIES = "countries/"
BODIES = "bodies/"
TOPICS = "topics/"
PEOPLE = "people/"
TIMELINE = "timeline/"
DATA = "data/"
SEARCH = "search/"
NOT_FOUND = "404.html"  # what a server answers for a page that is not there
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FEED = "feed.xml"  # the site's; each country's and body's in its folder
CALENDAR = "calendar.ics"  # likewise
ASSETS = "assets/"  # the stylesheet, icons, ..., copied as they are
SEARCH_INDEX = "pagefind/"  # Pagefind's bundle
SECTIONS = {"Meeting": MEETINGS, "Country": COUNTRIES, "Body": BODIES, "TopicRecord": TOPICS,
            "Person": PEOPLE}


def path_of(thing: Meeting | Country | Body | TopicRecord | Person | str) -> str:
    """A page's folder, relative to the site root ('' for the home page)."""
    if isinstance(thing, str):
        return thing
    # (by the class's name: the model's classes are named here, not imported)
    section = SECTIONS.get(type(thing).__name__)
    if section is None:
        raise TypeError(f"no page shows a {type(thing).__name__}")
    return f"{section}{thing.slug}/"


def file_of(path: str) -> str:
    """The file a page path is written to."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def relative(from_page: str, to: str) -> str:
    """The link from the page at `from_page` to the site path `to`."""
    depth = from_page.count("/")
    return "../" * depth + file_of(to)

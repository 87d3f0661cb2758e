"""Stage 3, render: the site's pages as (path, bytes), through Jinja2 templates.

`plan` says which pages exist and what each one shows; `render` fills the
templates. Templates receive finished data and only present it.
"""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import jinja2
from markupsafe import Markup

from . import urls
from .model import Meeting
from .parallel import fork_map
from .problems import Problem
from .read import shown_name
from .site import Site

HOME_LATEST = 10  # meetings listed on the home page
SITE_TITLE = "Meeting briefings"
# Pages load only the site's own files: no inline script or style, no other
# origin, no plugins. A script the site ships inline would be added by hash.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'", "style-src 'self'", "img-src 'self'", "script-src 'self'",
    "connect-src 'self'", "base-uri 'none'", "form-action 'self'",
])


@dataclass(frozen=True)
class Page:
    path: str  # site path, e.g. "meetings/xxiii-ccdt/"
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def plan(site: Site) -> Iterator[Page]:
    yield Page(urls.HOME, "home.html", {"latest": site.meetings[:HOME_LATEST]})
    for meeting in site.meetings:
        yield Page(urls.path_of(meeting), "meeting.html",
                   {"meeting": meeting, "neighbours": site.neighbours[meeting.slug]})
    yield Page(urls.COUNTRIES, "countries.html")
    for record in site.countries:
        yield Page(urls.path_of(record.country), "country.html", {"record": record})
    yield Page(urls.TIMELINE, "timeline.html")
    yield Page("404.html", "404.html")


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,  # every page is HTML; nothing from content is trusted
        undefined=jinja2.StrictUndefined,  # a misspelt variable is a bug, not blank
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a build: no stat per use
    )
    env.globals.update(url=_url, site_title=SITE_TITLE, meeting_item=MeetingItems(env),
                       content_security_policy=CONTENT_SECURITY_POLICY)
    env.filters.update(long_date=long_date, clock=clock)
    return env


class MeetingItems:
    """`{{ meeting_item(meeting, note) }}`: a meeting as an item of a list.

    A meeting appears in many lists (its countries' pages, the timeline, the
    home page); its item is rendered once per link depth and reused, which
    keeps list pages from costing a template call per row."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.rendered: dict[tuple, Markup] = {}

    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, meeting: Meeting, note: str = "") -> Markup:
        page_path = context["page_path"]
        key = (meeting.slug, page_path.count("/"), note)  # relative links depend on depth only
        if key not in self.rendered:
            template = self.env.get_template("_meeting_item.html")
            self.rendered[key] = Markup(template.render(meeting=meeting, note=note, page_path=page_path))
        return self.rendered[key]


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: Any) -> str:
    """`{{ url(meeting) }}`, `{{ url(country) }}` or `{{ url('timeline/') }}`."""
    return urls.relative(context["page_path"], urls.path_of(target))


def long_date(day: dt.date) -> str:
    """1 January 2021"""
    return f"{day.day} {day:%B %Y}"


def clock(moment: dt.datetime) -> str:
    """10:00 (UTC+03:00)"""
    offset = moment.strftime("%z")
    return f"{moment:%H:%M} (UTC{offset[:3]}:{offset[3:5]})"


class TemplateFailed(Exception):
    """A template could not render; carries the `Problem` naming its file and line.
    (Raised in worker processes, so it carries only plain, picklable data.)"""

    def __init__(self, problem: Problem):
        super().__init__(problem)
        self.problem = problem


def render(site: Site, templates: Path) -> Iterator[tuple[str, bytes]]:
    """Every page of the site as (file path, HTML bytes), rendered on all cores."""
    env = environment(templates)
    return fork_map(_render_page, list(plan(site)), shared=(site, env, templates))


def _render_page(shared: tuple[Site, jinja2.Environment, Path], page: Page) -> tuple[str, bytes]:
    site, env, templates = shared
    try:
        html = env.get_template(page.template).render(site=site, page_path=page.path, **page.context)
    except Exception as err:  # a template's mistake is the designer's, not a crash
        problem = template_problem(err, templates)
        if problem is None:
            raise
        raise TemplateFailed(problem) from None
    return urls.file_of(page.path), html.encode("utf-8")


def template_problem(err: Exception, templates: Path) -> Problem | None:
    """The template file and line behind an error, or None if no template caused it."""
    name, line = getattr(err, "filename", None), getattr(err, "lineno", None)
    if name is None:  # a runtime error: the innermost template frame has the line
        root = str(templates)
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.startswith(root)]
        if frames:
            name, line = frames[-1].filename, frames[-1].lineno
        elif not isinstance(err, jinja2.TemplateError):
            return None
    shown = shown_name(Path(name)) if name else shown_name(templates)
    return Problem(shown, line or 1, "template", f"{type(err).__name__}: {err}",
                   "a template that renders")

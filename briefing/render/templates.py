"""Render: the site's pages as HTML, through Jinja2 templates.

`plan` (plan.py) says which pages exist, what each one shows and what that
depends on; a `Renderer` fills the templates for a page. Templates receive finished data
and only present it.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import traceback
import urllib.parse
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

import jinja2
from markupsafe import Markup

from ..model import urls
from ..model.meeting import Meeting, When
from ..problems import Problem, counted
from ..read.release import shown_name
from ..read.settings import Config
from . import charts, formats
from .plan import Page



def content_security_policy(inline_script: str | None = None, search: bool = False) -> str:
    """Pages load only the site's own files: no inline script or style, no other
    origin, no plugins. The one inline script allowed (the live preview's) is
    named by its hash; the search page may also compile Pagefind's WebAssembly
    and show its icons."""
    scripts = "'self'" + (" 'wasm-unsafe-eval'" if search else "")
    if inline_script:
        hashed = base64.b64encode(hashlib.sha256(inline_script.encode()).digest()).decode()
        scripts += f" 'sha256-{hashed}'"
    images = "'self'" + (" data:" if search else "")  # Pagefind's icons are data: URLs
    return "; ".join([
        "default-src 'none'", "style-src 'self'", f"img-src {images}", f"script-src {scripts}",
        "connect-src 'self'", "base-uri 'none'", "form-action 'self'",
    ])


def environment(templates: Path, config: Config = Config(), bytecode: Path | None = None,
                items: MeetingItems | None = None, live_script: str | None = None
                ) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,  # every page is HTML; nothing from content is trusted
        undefined=jinja2.StrictUndefined,  # a misspelt variable is a bug, not blank
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a build: no stat per use
        # compiled templates kept in the cache, checked against the source
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode)) if bytecode else None,
    )
    items = items or MeetingItems({})
    items.env = env
    env.globals.update(url=_url, absolute=functools.partial(_absolute, config), config=config,
                       meeting_items=items.rows,
                       # pictures: their numbers, worked out when a page shows them
                       timeline_chart=charts.meetings_per_year, record_chart=charts.record_per_year,
                       participation=charts.participation,
                       content_security_policy=content_security_policy(live_script),
                       search_security_policy=content_security_policy(live_script, search=True))
    env.filters.update(when=when, day_label=day_label, counted=counted, clock=clock, moment=moment,
                       by_name=by_name, host=host,
                       entry_id=entry_id,
                       event_data=functools.partial(formats.event_data, config=config))
    return env


class MeetingItems:
    """`{{ meeting_items(meetings, notes) }}`: meetings as the items of a list (and,
    through `fragment`, as the events of a calendar).

    A meeting appears in many lists (its countries' pages, the timeline, the
    home page). Its item is rendered once per link depth and note, and kept
    (in the build cache, keyed by the templates and the meeting's key), so a
    list page costs a lookup per row, not a template call."""

    def __init__(self, known: dict[str, str]):
        self.known = known  # item key -> HTML, from earlier builds with the same templates
        self.new: dict[str, str] = {}  # rendered in this process, for the cache
        self.env: jinja2.Environment | None = None

    @jinja2.pass_context
    def rows(self, context: jinja2.runtime.Context, meetings: Sequence[Meeting],
             notes: Sequence[str] = ()) -> Markup:
        """The items of a whole list, one per line, in one call (a country's list
        at 10,000 releases has ~1,900 of them; a call per row cost more than the row)."""
        page_path = context["page_path"]
        return Markup("\n".join(self._item(page_path, meeting, note) for meeting, note
                                in zip(meetings, notes or ("",) * len(meetings))))

    def _item(self, page_path: str, meeting: Meeting, note: str) -> str:
        # relative links depend on the page's depth only (and the cache keeps
        # items apart by templates, see Cache.items)
        key = f"{meeting.key} {page_path.count('/')} {note}"
        template = self.env.get_template("_meeting_item.html")
        return self.fragment(key, lambda: template.render(
            meeting=meeting, note=note, page_path=page_path))

    def fragment(self, key: str, make: Callable[[], str]) -> str:
        """The fragment known by `key`, made (and kept) the first time it is asked for."""
        text = self.known.get(key)
        if text is None:
            text = self.known[key] = self.new[key] = make()
        return text

    def has(self, key: str) -> bool:
        return key in self.known

    def take_new(self) -> dict[str, str]:
        new, self.new = self.new, {}
        return new


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: Any) -> str:
    """`{{ url(meeting) }}`, `{{ url(country) }}` or `{{ url('timeline/') }}`. On the
    404 page, which a host serves at whatever address was missing, links start
    from the root: the path of base_url (the site's own host, and the preview's),
    or the host's root without one."""
    path = urls.path_of(target)
    if context["page_path"] == urls.NOT_FOUND:
        base = context["config"].base_url
        return (urllib.parse.urlsplit(base).path if base else "/") + urls.file_of(path)
    return urls.relative(context["page_path"], path)


def _absolute(config: Config, target: Any) -> str:
    """`{{ absolute(meeting) }}`: the address of a page on the published site."""
    return formats.absolute(config, urls.path_of(target))


def moment(meeting: Meeting) -> str:
    """When a meeting began, RFC 3339 (a feed needs a timestamp): its start, or the
    first day its date can mean, at midnight UTC."""
    return meeting.starts.isoformat() if meeting.starts else f"{meeting.first_day}T00:00:00Z"


def entry_id(meeting: Meeting, config: Config) -> str:
    """A feed entry's id: a tag URI (RFC 4151) that stays the same for the meeting,
    however precisely its date comes to be known (its year, in the tag)."""
    host = urllib.parse.urlsplit(config.base_url).hostname
    return f"tag:{host},{meeting.year}:{urls.path_of(meeting).rstrip('/')}"


def when(meeting: Meeting) -> Markup:
    """`{{ meeting | when }}`: its dates as precise as the release gives them
    ("2021", "7–8 December 2017"), for readers, and the first for machines."""
    return Markup(f'<time datetime="{meeting.date.iso}">{meeting.dates}</time>')


def by_name(countries) -> list:
    """States in the alphabetical order of their names, as the countries index lists
    them: by their addresses, which fold case and accents (Côte d’Ivoire among the Cs)."""
    return sorted(countries, key=lambda country: country.slug)


def host(address: str) -> str:
    """`{{ meeting.source | host }}`: the site an address is on (en.odkb-csto.org)."""
    return urllib.parse.urlsplit(address).hostname or address


def day_label(day: dt.date) -> str:
    """29 November 2026"""
    return When.of(day).label


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


class Texts(Protocol):
    """Release texts (HTML) by release key: a dict, or the cache's (reuse/store.StoredTexts)."""

    def __getitem__(self, key: str) -> str: ...


class Renderer:
    """Renders pages of one site with one set of templates. `texts` gives the
    release text (HTML) of every page's `text_of` (read when asked: see
    reuse/store.StoredTexts); `items` the list items known from earlier builds."""

    def __init__(self, templates: Path, config: Config, texts: Texts,
                 items: MeetingItems, bytecode: Path | None = None, live_script: str | None = None):
        self.templates, self.texts, self.config = templates, texts, config
        self.env = environment(templates, config, bytecode, items, live_script)
        self.items = items

    def prepare(self, pages: list[Page]) -> dict[str, str]:
        """Make beforehand, on all cores, what many of `pages` share: each meeting's
        calendar event (see formats.events). Returns what it made, for the cache."""
        formats.events([page.context for page in pages if page.maker == "calendar.ics"],
                       self.config, self.items)
        return self.items.take_new()

    def page(self, page: Page) -> tuple[bytes, dict[str, str]]:
        """The page's HTML, and the list items rendered for it that were not known."""
        if page.maker:
            return formats.MAKERS[page.maker](page.context, self.config, self.items), \
                self.items.take_new()
        context = {**page.shows(), "page_path": page.path}
        if page.text_of:
            context["text"] = self.texts[page.text_of]
        try:
            html = self.env.get_template(page.template).render(context)
        except Exception as err:  # a template's mistake is the designer's, not a crash
            problem = template_problem(err, self.templates)
            if problem is None:
                raise
            raise TemplateFailed(problem) from None
        return html.encode("utf-8"), self.items.take_new()


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

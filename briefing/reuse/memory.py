"""What one build leaves the next: the releases' parse results, the site and its pages.

A build works out three things from the releases, each costly at thousands of
them: every release's parse result, the `Site` arranged from the meetings, and
the `Plan` of its pages with their keys. `Memory` keeps them, each under the
key it was made from, so that the next build reuses what still matches:

- an edit of a release's text changes neither the site nor the plan: only the
  key of that meeting's page (`Plan.retext`);
- an edit of a release's facts arranges the site anew; a template edit plans
  the pages anew; neither parses a release.

The live preview keeps its Memory between builds. A build in a new process
gets it from `.cache/` (`Cache.memory`), where it is saved when it changed
more than a release's text; nothing in it is trusted beyond its keys.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from .. import collector
from ..keys import ENGINE, digest
from ..project import Summary
from ..read.sources import read_folder

if TYPE_CHECKING:
    from ..read.parse import Parsed
    from ..read.settings import Config
    from ..render.plan import Page
    from ..model.site import Site


class Snapshot(NamedTuple):
    """The parse results of every release, by path, as one build saw them."""

    generation: str = ""  # names the build that saved them (see State.snapshot)
    parsed: dict[str, Parsed] = {}


class Kept(NamedTuple):
    """What `Memory.restore` takes back: one value, so that the site, the pages and
    the parse results share their meetings on disk as they do in memory."""

    snapshot: Snapshot
    site: tuple[tuple, Site, Summary] | None
    plan: Plan | None


class Memory:
    """The parse results by path (a snapshot, by generation), the site (by the keys
    of its meetings and what else arranges it) and its pages (by the site, the
    templates and the release texts)."""

    def __init__(self):
        self.snapshot = Snapshot()
        self._site: tuple[tuple, Site, Summary] | None = None
        self._pages: Plan | None = None
        self.unsaved = False  # the site or its pages were worked out since it was saved
        self.timezone = ""  # the site's, as the last build read its settings

    @property
    def warm(self) -> bool:
        return self._pages is not None

    def site(self, key: tuple, arrange: Callable[[], tuple[Site, Summary]]) -> tuple[Site, Summary]:
        """The site and its report's counts for `key` (all that arranges it, see
        commands/stages.site_key): the one kept, or `arrange()`d now."""
        if self._site is None or self._site[0] != key:
            self._site = (key, *arrange())
            self.unsaved = True
        return self._site[1], self._site[2]

    def pages(self, site: Site, texts: dict[str, str], templates: str, config: Config
              ) -> list[tuple[Page, str]]:
        """The pages of `site` with their keys, made with the templates of key
        `templates`; `texts` gives each meeting's release text key, by slug."""
        kept = self._pages
        if kept and kept.site is site and kept.templates == templates:
            kept.retext(texts)
        else:
            kept = self._pages = Plan(site, templates, texts, config)
            self.unsaved = True
        return kept.pages

    def keep_long(self) -> None:
        """What the memory keeps lives long, and holds no cycles to collect: out of
        the collector's sight (at 10,000 releases its walks took more time than the
        rebuild)."""
        collector.keep_long()

    # -- kept in the cache, for a build in another process ----------------------

    def saved(self) -> Kept:
        self.unsaved = False
        return Kept(self.snapshot, self._site, self._pages)

    def restore(self, kept: Kept | None) -> None:
        if kept is not None:
            self.snapshot, self._site, self._pages = kept
            self.unsaved = False
            collector.keep_long()


def look_key(templates: Path, config: Config, live_script: str | None) -> str:
    """A digest of all that decides how pages look besides their data: the
    templates, the settings, the preview's script and the engine that fills them."""
    return digest(ENGINE, repr(config), repr(live_script),
                  *(path.encode() + b"\0" + data
                    for path, data in read_folder(templates, "template")[0]))


class Plan:
    """The pages of one site with one set of templates, each with its key."""

    def __init__(self, site: Site, templates: str, texts: dict[str, str], config: Config):
        from ..render.plan import plan  # (the heavy stages load only when there is work)

        self.site, self.templates, self.texts = site, templates, texts
        walked: dict = {}  # (the records many pages show, walked once: see plan.shown)
        self.pages = [(page, page.key(templates, walked)) for page in plan(site, texts, config)]
        self.place = {page.context.meeting.slug: number
                      for number, (page, _) in enumerate(self.pages) if page.text_of}

    def retext(self, texts: dict[str, str]) -> None:
        """The same site with other release texts: only their meeting pages change."""
        for slug, text_of in texts.items():
            if self.texts[slug] != text_of and slug in self.place:  # (drafts have no page)
                number = self.place[slug]
                page = replace(self.pages[number][0], text_of=text_of)
                self.pages[number] = (page, page.key(self.templates))
        self.texts = texts

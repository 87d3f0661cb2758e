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

import gc
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .cache import ENGINE, digest
from .sources import read_folder

if TYPE_CHECKING:
    from .build import Parsed
    from .config import Config
    from .render import Page
    from .site import Site


class Memory:
    """The parse results by path (a snapshot, by generation), the site (by the keys
    of its meetings and what else arranges it) and its pages (by the site, the
    templates and the release texts)."""

    def __init__(self):
        self.snapshot: tuple[str, dict[str, Parsed]] = ("", {})
        self._site: tuple[tuple, Site, dict] | None = None
        self._pages: Plan | None = None
        self.unsaved = False  # the site or its pages were worked out since it was saved

    @property
    def warm(self) -> bool:
        return self._pages is not None

    def site(self, key: tuple, arrange: Callable[[], tuple[Site, dict]]) -> tuple[Site, dict]:
        """The site and its report's counts for `key` (all that arranges it, see
        build.site_key): the one kept, or `arrange()`d now."""
        if self._site is None or self._site[0] != key:
            self._site = (key, *arrange())
            self.unsaved = True
        return self._site[1], dict(self._site[2])

    def pages(self, site: Site, texts: dict[str, str], project, config: Config,
              live_script: str | None) -> tuple[str, list[tuple[Page, str]]]:
        templates = look_key(project.templates, config, live_script)
        kept = self._pages
        if kept and kept.site is site and kept.templates == templates:
            kept.retext(texts)
        else:
            kept = self._pages = Plan(site, templates, texts, config)
            self.unsaved = True
        return templates, kept.pages

    # -- kept in the cache, for a build in another process ----------------------

    def saved(self) -> tuple:
        """What `restore` takes back: one value, so that the site, the pages and the
        parse results share their meetings on disk as they do in memory."""
        self.unsaved = False
        return self.snapshot, self._site, self._pages

    def restore(self, saved: tuple | None) -> None:
        if saved is not None:
            self.snapshot, self._site, self._pages = saved
            self.unsaved = False
            # What the memory keeps lives long, and holds no cycles to collect: the
            # collector need not walk its hundreds of thousands of objects again.
            gc.freeze()


def look_key(templates: Path, config: Config, live_script: str | None) -> str:
    """A digest of all that decides how pages look besides their data: the
    templates, the settings, the preview's script and the engine that fills them."""
    return digest(ENGINE, repr(config), repr(live_script),
                  *(path.encode() + b"\0" + data
                    for path, data in read_folder(templates, "template")[0]))


def page_key(templates: str, page: Page) -> str:
    """The key of all a page shows: its data, its release text and the templates."""
    return digest(templates, page.template, page.text_of or "", *page.depends_on)


class Plan:
    """The pages of one site with one set of templates, each with its key."""

    def __init__(self, site: Site, templates: str, texts: dict[str, str], config: Config):
        from .render import plan  # the heavy stages load only when there is work

        self.site, self.templates, self.texts = site, templates, texts
        self.pages = [(page, page_key(templates, page))
                      for page in plan(site, texts, config)]
        self.place = {page.context["meeting"].slug: number
                      for number, (page, _) in enumerate(self.pages) if page.text_of}

    def retext(self, texts: dict[str, str]) -> None:
        """The same site with other release texts: only their meeting pages change."""
        for slug, text_of in texts.items():
            if self.texts[slug] != text_of and slug in self.place:  # (drafts have no page)
                number = self.place[slug]
                page = replace(self.pages[number][0], text_of=text_of)
                self.pages[number] = (page, page_key(self.templates, page))
        self.texts = texts

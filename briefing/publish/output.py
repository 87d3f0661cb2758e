"""Publish: render the pages that changed on all cores, write the files
whose bytes differ, and swap the new site in (see write.py), the search index
made from the new site before it goes live (only its shards whose pages changed).

`Output` keeps, for every file of the new site, the key it was made from and
the digest of its bytes: the next build's `previous`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..keys import ENGINE, digest
from ..parallel import fork_map
from ..problems import ContentError
from . import search, write
from .search import Files

if TYPE_CHECKING:
    from ..render.plan import Page
    from ..render.templates import Renderer


class Output:
    """The new site's files while they are made: for each, the key it was made from
    and the digest of its bytes. Pages are rendered and written on all cores."""

    def __init__(self, pages: list[tuple[Page, str]], previous: dict[str, tuple[str, str]]):
        self.keys = {page.file: key for page, key in pages}
        self.previous = previous
        # unchanged pages are as the last build wrote them; the rest is filled in as made
        self.files = {path: previous[path] for path, key in self.keys.items()
                      if previous.get(path, ("",))[0] == key}
        self.items: dict[str, str] = {}  # list items rendered this time, for the cache
        self.written: list[str] = []  # paths written or removed
        self.folders: write.Folders | None = None  # the site published, once it is

    def publish(self, renderer: Renderer, pages: list[Page], static: list[tuple[str, bytes]],
                out: Path, folders: write.Folders | None, index: bool, keep_index: bool = False
                ) -> None:
        """Render `pages`, write what differs from the live site, and swap the new site in.
        `index`: bring the search index up to date; else `keep_index`: keep the last one as
        it was (the live preview indexes once); else the site has none (an index that
        was not brought up to date could find a meeting that is gone)."""
        from ..render.templates import TemplateFailed  # (Jinja: see commands/stages.py)

        draft = write.Draft(out, folders)
        try:
            self.items.update(renderer.prepare(pages))
            # the long lists first, so that the workers share them out
            order = sorted(pages, key=lambda page: page.text_of is not None)
            shared = (renderer, order, draft, self.previous)
            # (a page without a release text is mostly a list, which takes about as long
            # as a meeting page for every hundred pages of the site: at 10,000 releases
            # a few are worth the workers, on the example site none are)
            lists = sum(page.text_of is None for page in order)
            cost = len(order) + lists * len(self.keys) // 100
            for path, data_digest, items, wrote in fork_map(_render_and_write, range(len(order)),
                                                            shared, cost=cost):
                self._made(path, data_digest, wrote)
                self.items.update(items)
            for path, data in static:
                self._file(draft, path, data)
            self._remove_stale(draft, lambda path: not path.startswith(search.FOLDER))
            draft.prune(set(self.files))  # (a full build's folder: what an older site left)
            if index:  # of exactly the new site's pages
                self._index(draft)
            elif keep_index:  # the last index stays, as it was
                self.files.update((path, made) for path, made in self.previous.items()
                                  if path.startswith(search.FOLDER))
            self._remove_stale(draft, lambda path: path.startswith(search.FOLDER))
        except TemplateFailed as failed:
            draft.abort()
            raise ContentError([failed.problem]) from None
        except BaseException as error:
            draft.abort(error)
            raise
        self.folders = draft.commit(self.written)

    def _index(self, draft: write.Draft) -> None:
        """The search index of the new site's meeting pages, shard by shard: a shard whose
        pages are as the last build indexed them (with this engine and Pagefind) is kept,
        the others are indexed again. A site without meetings has an empty list of shards."""
        shards = search.shards(path for path in self.keys if search.is_meeting_page(path))
        if shards:  # (Pagefind refuses to index nothing; the search page then says so)
            self._index_shards(draft, shards)
        self._file(draft, search.LISTING, search.listing(shards))

    def _index_shards(self, draft: write.Draft, shards: dict[str, list[str]]) -> None:
        keys = {name: digest(ENGINE, *(f"{page} {self.files[page][1]}" for page in pages))
                for name, pages in shards.items()}
        last = self._last_index()
        stale = {name: pages for name, pages in shards.items()
                 if not self._same(last.get(search.folder(name)), keys[name])}
        for name in shards.keys() - stale.keys():
            self.files.update(last[search.folder(name)])
        if not stale:  # the interface as it was
            self.files.update((path, made) for path, made in last.get(search.FOLDER, {}).items()
                              if path != search.LISTING)
            return
        interface: Files = []  # (the same in every shard's bundle: one is published)
        for name, files, shard_interface in search.index(draft.root, stale):
            for path, data in files:
                self._file(draft, path, data, key=keys[name])
            interface = shard_interface
        for path, data in interface:
            self._file(draft, path, data)

    def _last_index(self) -> dict[str, dict[str, tuple[str, str]]]:
        """The last build's search files by folder: each shard's, and FOLDER's own."""
        last: dict[str, dict[str, tuple[str, str]]] = {}
        for path, made in self.previous.items():
            if path.startswith(search.FOLDER):
                last.setdefault(search.folder_of(path), {})[path] = made
        return last

    @staticmethod
    def _same(files: dict[str, tuple[str, str]] | None, key: str) -> bool:
        """Whether a shard's files of the last build were all made from `key`."""
        return bool(files) and all(made[0] == key for made in files.values())

    def _remove_stale(self, draft: write.Draft, which: Callable[[str], bool]) -> None:
        """Remove the files of the last build this one did not make (among `which`)."""
        for path in sorted(set(self.previous) - set(self.files)):
            if which(path):
                draft.remove(path)
                self.written.append(path)

    def _file(self, draft: write.Draft, path: str, data: bytes, key: str | None = None) -> None:
        """A file not made from a page (an asset, the search index), if it changed;
        `key`: what it was made from, if not its bytes."""
        data_digest = digest(data)
        if self._made(path, data_digest, draft.full or self._differs(path, data_digest), key):
            draft.write(path, data)

    def _differs(self, path: str, data_digest: str) -> bool:
        return self.previous.get(path, ("", ""))[1] != data_digest

    def _made(self, path: str, data_digest: str, wrote: bool, key: str | None = None) -> bool:
        self.files[path] = (key or self.keys.get(path, data_digest), data_digest)
        if wrote:
            self.written.append(path)
        return wrote


def _render_and_write(shared: tuple, number: int) -> tuple[str, str, dict[str, str], bool]:
    """Render one page and write it if its bytes changed; runs in a worker process,
    which has the site, the templates and the draft folder from its parent."""
    renderer, pages, draft, previous = shared
    page = pages[number]
    html, items = renderer.page(page)
    html_digest = digest(html)
    wrote = draft.full or previous.get(page.file, ("", ""))[1] != html_digest
    if wrote:
        draft.write(page.file, html)
    return page.file, html_digest, items, wrote

"""Full-text search: Pagefind indexes of the meeting pages, one per shard,
merged in the reader's browser.

The meeting pages are shared out into shards by a digest of their address, so
that a page stays in its shard as meetings come and go. Each shard is a
Pagefind index of its own (`pagefind/<shard>/`), made by Pagefind's binary
(it ships inside the `pagefind[bin]` wheel and runs offline) from the pages as
they were written into the next version of the site, before it is swapped in.
A build indexes only the shards whose pages changed, all cores at once; each
Pagefind run holds one shard, not the whole site, in memory. The search page
reads `pagefind/shards.json` and merges the shards (Pagefind's `mergeIndex`);
the interface's own files sit at `pagefind/`.

Meeting pages mark what is indexed (`data-pagefind-body`) and the filters:
body, country, year.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable, Iterator

from ..model import urls

FOLDER = urls.SEARCH_INDEX  # where the bundle lives in the site
LISTING = FOLDER + "shards.json"  # the shards' names, read by assets/search.js
# At most this many pages to a shard: one Pagefind run over a shard is what an
# edit waits for, and every shard is one more index the browser loads for a
# query (see bench/run.py's search rows for both).
SHARD_PAGES = 512
# Pagefind's interface, the same in every shard's bundle: published once, at FOLDER
INTERFACE = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
             "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
             "pagefind-highlight.js")


class SearchFailed(Exception):
    pass


def is_meeting_page(path: str) -> bool:
    """Whether the site file at `path` is a meeting page (the pages indexed)."""
    return path.startswith(urls.MEETINGS) and path.endswith("/index.html")


def shards(pages: Iterable[str]) -> dict[str, list[str]]:
    """The meeting pages (site paths) shared out into shards: name -> its pages, sorted.
    The number of shards is a power of two, so that it changes (and every page may
    move) only when the number of meetings has doubled."""
    pages = sorted(pages)
    count = 1
    while count * SHARD_PAGES < len(pages):
        count *= 2
    width = len(str(count - 1))
    shared: dict[str, list[str]] = {}
    for page in pages:
        number = int.from_bytes(hashlib.blake2b(page.encode(), digest_size=4).digest(), "big")
        shared.setdefault(f"{number % count:0{width}d}", []).append(page)
    return dict(sorted(shared.items()))


def folder(shard: str) -> str:
    """Where a shard's index lives in the site."""
    return f"{FOLDER}{shard}/"


def listing(names: Iterable[str]) -> bytes:
    """`pagefind/shards.json`: the shards the search page merges, the first its primary."""
    return json.dumps(sorted(names)).encode()


def index(site: Path, shards: dict[str, list[str]]) -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    """Index each shard of `shards` (name -> site paths of its pages in the folder `site`):
    (its name, the (site path, bytes) of each file of its index and of the interface),
    on all cores. Raises SearchFailed with Pagefind's own words."""
    from concurrent.futures import ThreadPoolExecutor  # (only for a build that indexes)

    binary = _pagefind()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        yield from pool.map(lambda name: (name, _index_shard(binary, site, name, shards[name])),
                            sorted(shards))


def _index_shard(binary: str, site: Path, name: str, pages: list[str]
                 ) -> list[tuple[str, bytes]]:
    """One Pagefind run over one shard's pages, linked (or copied) into a folder of their
    own, where Pagefind finds them at the addresses they have in the site."""
    import shutil  # (only for a build that indexes)
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="briefing-search-") as work:
        pages_in, bundle = Path(work, "site"), Path(work, "bundle")
        for page in pages:
            (pages_in / page).parent.mkdir(parents=True)
            try:
                os.link(site / page, pages_in / page)
            except OSError:  # (another file system: a copy, then)
                shutil.copyfile(site / page, pages_in / page)
        done = subprocess.run([binary, "--site", str(pages_in), "--output-path", str(bundle),
                               "--silent"], capture_output=True, text=True)
        if done.returncode:
            raise SearchFailed(f"pagefind: {done.stderr.strip() or done.stdout.strip()}")
        return [(_site_path(name, path.relative_to(bundle).as_posix()), path.read_bytes())
                for path in sorted(bundle.rglob("*")) if path.is_file()]


def _site_path(shard: str, path: str) -> str:
    """Where a file of a shard's bundle goes: the interface's at FOLDER, the rest in the shard's."""
    return FOLDER + path if path in INTERFACE else folder(shard) + path


def _pagefind() -> str:
    """Pagefind's binary, as its Python package finds it (run straight: `python -m
    pagefind` would start a Python process for each shard only to replace itself)."""
    from pagefind.service import get_executable  # (only for a build that indexes)

    binary = get_executable()
    if binary is None:
        raise SearchFailed("pagefind: its binary is not installed (pip install 'pagefind[bin]')")
    return str(binary)

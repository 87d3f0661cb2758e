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
body, country, year. Pagefind writes the filters in an order that changes from
run to run; `settle_filters` puts them in order, so that the same pages give
the same bundle.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
from pathlib import Path
from typing import Iterable, Iterator

from ..model import urls
from ..parallel import cores

FOLDER = urls.SEARCH_INDEX  # where the bundle lives in the site
LISTING = FOLDER + "shards.json"  # the shards' names, read by assets/search.js
# Pages to a shard: between half this and this many on average (the number of
# shards doubles as the site does). One Pagefind run over a shard is what an
# edit waits for, and every shard is one more index the browser loads for a
# query (bench/run.py measures both).
SHARD_PAGES = 512
# Pagefind's interface, the same in every shard's bundle: published once, at FOLDER
INTERFACE = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
             "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
             "pagefind-highlight.js")

Files = list[tuple[str, bytes]]  # (site path, bytes) of each


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


def folder_of(path: str) -> str:
    """The folder of the search bundle a file of it is in: its shard's, or FOLDER."""
    shard, slash, _ = path[len(FOLDER):].partition("/")
    return folder(shard) if slash else FOLDER


def listing(names: Iterable[str]) -> bytes:
    """`pagefind/shards.json`: the shards the search page merges, the first its primary."""
    return json.dumps(sorted(names)).encode()


def index(site: Path, shards: dict[str, list[str]]) -> Iterator[tuple[str, Files, Files]]:
    """Index each shard of `shards` (name -> site paths of its pages in the folder `site`),
    all cores at once, one Pagefind process to a shard: (its name, the files of its index,
    the interface's files). Raises SearchFailed with Pagefind's own words, the shards
    not yet begun left undone."""
    from concurrent.futures import ThreadPoolExecutor, as_completed  # (only when indexing)

    binary = _pagefind()
    pool = ThreadPoolExecutor(max_workers=cores())
    try:
        running = [pool.submit(_index_shard, binary, site, name, shards[name])
                   for name in sorted(shards)]
        for done in as_completed(running):
            yield done.result()
    finally:  # (on a failure or an interrupt: the runs begun end, no other begins)
        pool.shutdown(cancel_futures=True)


def _index_shard(binary: str, site: Path, name: str, pages: list[str]
                 ) -> tuple[str, Files, Files]:
    """One Pagefind run over one shard's pages, linked (or copied) into a folder of their
    own, where Pagefind finds them at the addresses they have in the site. It runs in
    that folder, with no PAGEFIND_ variable: no configuration but ours changes the index."""
    import subprocess  # (only for a build that indexes)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="briefing-search-") as work:
        pages_in, bundle = Path(work, "site"), Path(work, "bundle")
        for page in pages:
            (pages_in / page).parent.mkdir(parents=True)
            _link(site / page, pages_in / page)
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith("PAGEFIND_")}
        done = subprocess.run([binary, "--site", str(pages_in), "--output-path", str(bundle),
                               "--silent"], cwd=work, env=environment, capture_output=True,
                              text=True)
        if done.returncode in (-signal.SIGINT, 128 + signal.SIGINT):  # Ctrl-C reached it too
            raise KeyboardInterrupt  # (the build's to report, not Pagefind's failure)
        if done.returncode:
            raise SearchFailed(f"pagefind: {_why(done)}")
        settle_filters(bundle)
        made = [(path.relative_to(bundle).as_posix(), path.read_bytes())
                for path in sorted(bundle.rglob("*")) if path.is_file()]
        return (name, [(folder(name) + path, data) for path, data in made if path not in INTERFACE],
                [(FOLDER + path, data) for path, data in made if path in INTERFACE])


def _why(done) -> str:
    """What Pagefind said when it failed; if it said nothing, how it ended (killed by
    the system, for memory or a file size limit, it has no word to say)."""
    said = done.stderr.strip() or done.stdout.strip()
    if said:
        return said
    if done.returncode < 0:
        number = -done.returncode
        try:
            name = signal.Signals(number).name
        except ValueError:  # (a real-time signal has a number only)
            name = str(number)
        return f"stopped by signal {name} ({signal.strsignal(number)})"
    return f"stopped with status {done.returncode}, saying nothing"


def settle_filters(bundle: Path) -> None:
    """Put each filter of the Pagefind bundle at `bundle` in order. Pagefind writes a
    filter's values (and the filters in its metadata) in an order that changes from
    run to run (its issue #638): the same pages gave other bytes, under other names,
    at every build. Each filter file gets its values sorted and a name from its bytes;
    the metadata lists them by name, and the entry file names the new metadata."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_file = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _decoded(meta_file)
        prefix = language["hash"].partition("_")[0]
        filters = meta[FILTERS_AT] if len(meta) > FILTERS_AT else None
        if not isinstance(filters, list) or not all(_names_a_filter(bundle, f) for f in filters):
            raise SearchFailed(f"pagefind: {meta_file.name} does not list its filters where "
                               f"Pagefind {meta[0]} did; see settle_filters in {__name__}")
        for at, (name, old) in enumerate(filters):
            values = _decoded(bundle / "filter" / f"{old}.pf_filter")
            filters[at] = [name, _rewritten(bundle / "filter" / f"{old}.pf_filter",
                                            [values[0], sorted(values[1])], "{}.pf_filter",
                                            prefix, 7)]
        filters.sort()
        language["hash"] = _rewritten(meta_file, meta, "pagefind.{}.pf_meta", prefix, 10)
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":"),
                                     sort_keys=True), encoding="utf-8")


FILTERS_AT = 3  # where Pagefind's metadata lists its filters: [[name, file's hash], ...]
SIGNATURE = b"pagefind_dcd"  # what a decompressed Pagefind file begins with


def _names_a_filter(bundle: Path, item) -> bool:
    return isinstance(item, list) and len(item) == 2 and all(type(x) is str for x in item) \
        and (bundle / "filter" / f"{item[1]}.pf_filter").is_file()


def _decoded(path: Path):
    import cbor2  # (only a build that indexes)

    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchFailed(f"pagefind: {path.name} is not a file of the Pagefind this build knows")
    return cbor2.loads(data[len(SIGNATURE):])


def _rewritten(old: Path, value, named: str, prefix: str, width: int) -> str:
    """`value` written as Pagefind writes its files, in place of the file `old`, under
    the name `named` with the digest of its bytes (as Pagefind's: `en_` and `width`
    hex digits): that digest."""
    import cbor2  # (only a build that indexes)

    data = gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
    made = f"{prefix}_{hashlib.blake2b(data, digest_size=8).hexdigest()[:width]}"
    old.unlink()
    old.with_name(named.format(made)).write_bytes(data)
    return made


def _link(page: Path, to: Path) -> None:
    """A hard link to a page, or a copy where the temporary folder is on another disk."""
    import errno  # (only for a build that indexes)
    import shutil

    try:
        os.link(page, to)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK):
            raise
        shutil.copyfile(page, to)


def _pagefind() -> str:
    """The Pagefind binary of the `pagefind[bin]` wheel this project pins (so that the
    engine's key covers its version), run straight: `python -m pagefind` would start
    a Python process for each shard only to replace itself."""
    try:
        from pagefind_bin import get_executable  # (only for a build that indexes)

        return str(get_executable())
    except (ImportError, FileNotFoundError) as error:
        raise SearchFailed(f"pagefind: {error} (pip install 'pagefind[bin]')") from None

"""Full-text search: a Pagefind index of the meeting pages, published with them.

Pagefind (its binary ships inside the `pagefind[bin]` wheel and runs offline)
reads the meeting pages once they are written into the next version of the
site, before it is swapped in, and its bundle becomes files of that version
like any other: unchanged files keep their bytes and time, and the search
page never sees an index of another version of the site. Meeting pages mark
what is indexed (`data-pagefind-body`) and the filters: body, country, year.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..model import urls

FOLDER = urls.SEARCH_INDEX  # where the bundle lives in the site
PAGES = urls.MEETINGS + "**/*.html"  # the pages indexed; nothing else carries data-pagefind-body


class SearchFailed(Exception):
    pass


def index(site: Path) -> list[tuple[str, bytes]]:
    """The search bundle for the site in the folder `site`: (site path, bytes) of each file;
    none for a site without meetings (Pagefind refuses to index nothing)."""
    if not any((site / urls.MEETINGS).glob("*/index.html")):
        return []
    import subprocess  # (not on the way of a build that finds nothing changed)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="briefing-search-") as out:
        done = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", PAGES,
             "--output-path", out, "--silent"],
            capture_output=True, text=True)
        if done.returncode:
            raise SearchFailed(f"pagefind: {done.stderr.strip() or done.stdout.strip()}")
        return [(FOLDER + path.relative_to(out).as_posix(), path.read_bytes())
                for path in sorted(Path(out).rglob("*")) if path.is_file()]

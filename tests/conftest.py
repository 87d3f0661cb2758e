"""Shared helpers: build real sites from real Markdown files into temp folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.commands.build import build  # noqa: E402
from briefing.project import Project  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


def project(content: Path, out: Path, cache: Path | None = None) -> Project:
    """A project building `content` into `out`, its cache beside `out` unless given, and
    its settings and registry of bodies beside `out` too (none, unless a test writes them)."""
    return Project(content=content, templates=ROOT / "templates", assets=ROOT / "assets", out=out,
                   cache=cache or out.parent / ".cache", config=out.parent / "site.yaml",
                   bodies=out.parent / "bodies.yaml")


def page(out: Path, path: str) -> lxml.html.HtmlElement:
    """A built page, parsed."""
    return lxml.html.parse(str(out / path)).getroot()


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """The fixture corpus, built once for the tests that only read it."""
    out = tmp_path_factory.mktemp("corpus") / "site"
    build(project(FIXTURES / "corpus", out))
    return out


@pytest.fixture
def content(tmp_path) -> Path:
    """An empty content folder to write releases into."""
    folder = tmp_path / "content"
    folder.mkdir()
    return folder


def write_release(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    from gates import CHROMIUM, CHROMIUM_ARGS, require

    require(CHROMIUM, "apt-get install -y chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# A process that obeys file permissions: root's own would ignore a chmod. In a
# new user namespace, root keeps its files but loses the right to override their
# modes (Linux's unshare; unprivileged user namespaces need no root).
AS_ORDINARY_USER = ["unshare", "--user"] if os.geteuid() == 0 else []


def cli(*args: str, cwd: Path, timeout: float = 120, ordinary_user: bool = False,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """`python build.py ARGS` in `cwd`, as an editor runs it; its output as text."""
    command = [sys.executable, str(ROOT / "build.py"), *args]
    if ordinary_user:
        command = AS_ORDINARY_USER + command
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


RELEASE = "---\ntitle: {title}\ndate: {date}\ncountries: [Russia, Belarus]\n---\n\nText of {title}.\n"


def release_text(title: str = "A meeting", date: str = "2021-03-01") -> str:
    return RELEASE.format(title=title, date=date)


def indexed_pages(site: Path) -> tuple[set[str], int]:
    """The addresses of the pages in the site's Pagefind index, every shard of it
    (read from their fragments), and the page count their entry files declare."""
    import gzip
    import json

    urls, count = set(), 0
    for shard in json.loads((site / "pagefind/shards.json").read_text()):
        for fragment in (site / "pagefind" / shard / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
            urls.add(json.loads(data)["url"])
        entry = json.loads((site / "pagefind" / shard / "pagefind-entry.json").read_text())
        count += sum(language["page_count"] for language in entry["languages"].values())
    return urls, count


def meeting_urls(site: Path) -> set[str]:
    return {f"/meetings/{page.parent.name}/" for page in site.glob("meetings/*/index.html")}

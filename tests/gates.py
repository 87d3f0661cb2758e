"""Real clients for the quality gates: the Nu HTML checker, Chromium with axe-core,
a crawler over HTTP. Shared by the gate tests; see the README for what they need."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from contextlib import contextmanager
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-gpu"]
ARTIFACTS = ROOT / "test-artifacts"


def require(path: Path | str, how: str) -> None:
    """The gates are not optional: a missing tool is a failure that says how to get it."""
    if not Path(path).exists() and shutil.which(str(path)) is None:
        raise AssertionError(f"{path} is missing: {how}")


def nu_errors(site: Path) -> list[str]:
    """Every error the W3C Nu HTML checker finds in the site's HTML files."""
    require("java", "apt-get install -y default-jre-headless")
    require(VNU, "npm ci --ignore-scripts")
    done = subprocess.run(["java", "-Xss8m", "-jar", str(VNU), "--format", "json", "--skip-non-html",
                           str(site)], capture_output=True, text=True)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [f"{Path(urllib.parse.urlsplit(m.get('url', '')).path).relative_to(site)}:"
            f"{m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m["type"] in ("error", "non-document-error")]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(folder: Path):
    """`folder` over HTTP on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Follow every internal link from `start`; (pages reached, broken links)."""
    origin = urllib.parse.urlsplit(start).netloc
    seen, broken, queue = {start}, [], deque([start])
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    while queue:
        url = queue.popleft()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body, kind = response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as err:
            broken.append(f"{url}: HTTP {err.code}")
            continue
        if kind != "text/html":
            continue
        tree = lxml.html.fromstring(body)
        ids[url] = set(tree.xpath("//@id"))
        for ref in tree.xpath("//a/@href | //link/@href | //img/@src | //script/@src"):
            target = urllib.parse.urljoin(url, ref)
            parts = urllib.parse.urlsplit(target)
            if parts.netloc != origin:
                continue
            page = parts._replace(fragment="").geturl()
            if parts.fragment:
                fragments.append((url, page, parts.fragment))
            if page not in seen:
                seen.add(page)
                queue.append(page)
    broken += [f"{source}: #{fragment} is not on {page}"
               for source, page, fragment in fragments if page in ids and fragment not in ids[page]]
    return seen, broken

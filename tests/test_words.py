"""The site's own words count right: "1 session", never "1 sessions", on every page
kind, in titles and descriptions too, whatever the corpus."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from conftest import FIXTURES, ROOT, build, project

ONE_AND_A_PLURAL = re.compile(r"\b1 ([a-z]+s)\b")
SINGULAR_IN_S = {"process", "series", "status", "news", "class", "analysis", "basis", "access",
                 "progress", "address", "business", "congress"}
# what editors wrote, which the site quotes as it is
EDITORS = ("section[contains(@class, 'release')]", "*[contains(@class, 'lede')]",
           "*[contains(@class, 'meeting-summary')]", "*[contains(@class, 'meeting-title')]",
           "h1", "*[contains(@class, 'date-note')]", "*[contains(@class, 'facts')]//dd")


def site_words(html: Path) -> list[str]:
    """The words the site itself says on a page: its text without what the releases
    say, its title and its description (a meeting's are the release's own)."""
    tree = lxml.html.parse(str(html)).getroot()
    said = []
    if "meetings" not in html.parts:
        said += tree.xpath("//title/text()") + tree.xpath("//meta[@name='description']/@content")
    for element in tree.xpath(" | ".join(f"//{path}" for path in EDITORS)):
        element.drop_tree()
    body = tree.find("body")
    said.append(" ".join(" ".join(body.itertext()).split()) if body is not None else "")
    return said


def plurals_after_one(site: Path) -> list[str]:
    found = []
    for html in sorted(site.rglob("*.html")):
        for text in site_words(html):
            for match in ONE_AND_A_PLURAL.finditer(text):
                if match.group(1) not in SINGULAR_IN_S:
                    found.append(f"{html.relative_to(site)}: ...{text[max(0, match.start() - 40):match.end() + 20]}...")
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(ROOT / "bench/corpus.py"), str(folder / "content"), "300"],
                   check=True, capture_output=True)
    return folder / "content"


@pytest.mark.parametrize("corpus", ["example", "fixtures", "generated", "one of each"])
def test_one_is_never_followed_by_a_plural(corpus, generated, tmp_path):
    if corpus == "one of each":  # one meeting, one body, one state, one topic, one year
        content = tmp_path / "content"
        content.mkdir()
        (content / "one.md").write_text(
            "---\ntitle: The only meeting\ndate: 2021-03-04\nbody: Council of Ministers\n"
            "organization: CIS\nsession: 3\ncountries: [Armenia]\nchair: {country: Armenia}\n"
            "topics: [trade]\nlocation: Yerevan, Armenia\n---\nText.\n")
    else:
        content = {"example": ROOT / "content", "fixtures": FIXTURES / "corpus",
                   "generated": generated}[corpus]
    target = replace(project(content, tmp_path / "site"), bodies=ROOT / "bodies.yaml")
    build(target, search=False, today=dt.date(2026, 11, 29))
    assert plurals_after_one(tmp_path / "site") == []


def test_the_check_finds_a_plural_after_one(tmp_path):
    """The check can fail: a page saying "1 sessions" is caught."""
    (tmp_path / "index.html").write_text(
        "<html><head><title>x</title></head><body><p>1 sessions in the record</p>"
        "<p>1 process</p></body></html>")
    assert plurals_after_one(tmp_path) == ["index.html: ...1 sessions in the record 1 pro..."]

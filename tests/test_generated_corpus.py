"""A synthetic corpus from ../shared/bench/gen_corpus.py builds, and every meeting
appears on its countries' pages and on the timeline."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict

import lxml.html
import pytest
import yaml

from briefing.countries import lookup
from conftest import ROOT, build, project

GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
SIZE = 1000  # the size the core issue names


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    if not GENERATOR.is_file():
        pytest.skip(f"{GENERATOR} is not here (it comes with the workspace's shared/ folder)")
    corpus = tmp_path_factory.mktemp("gen") / "corpus"
    subprocess.run([sys.executable, str(GENERATOR), str(corpus), str(SIZE), "--seed", "1"],
                   check=True, capture_output=True)
    out = corpus.parent / "site"
    report = build(project(corpus, out))
    return corpus, out, report


def links(path) -> set[str]:
    tree = lxml.html.parse(str(path)).getroot()
    return {(path.parent / href).resolve().parent.name
            for href in tree.xpath("//p[@class='meeting-title']/a/@href")}


def test_builds_without_problems(generated):
    _, _, report = generated
    assert report.releases == SIZE and report.warnings == ()


def test_every_meeting_on_its_countries_pages_and_the_timeline(generated):
    corpus, out, _ = generated
    expected: dict[str, set[str]] = defaultdict(set)
    for release in corpus.rglob("*.md"):
        front = yaml.safe_load(release.read_text().split("---")[1])
        for code in {*front["countries"], front["chair"]["country"]}:
            expected[code].add(front["slug"])
    slugs = {release.stem for release in corpus.rglob("*.md")}
    assert links(out / "timeline/index.html") == slugs
    for code, meetings in expected.items():
        assert links(out / "countries" / lookup(code).slug / "index.html") == meetings, code

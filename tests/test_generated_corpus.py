"""A synthetic corpus of 1,000 releases from bench/corpus.py builds;
every meeting appears on its countries' pages, on its body's page and on the
timeline; and every feed, calendar, data file and the sitemap reads back whole."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import defaultdict

import feedparser
import icalendar
import lxml.etree
import lxml.html
import pytest
import yaml

from briefing.model.countries import lookup
from conftest import ROOT, build, project
from records import recount
from test_reader_outputs import SITEMAP_XSD

GENERATOR = ROOT / "bench" / "corpus.py"  # the project's own: a clone needs nothing else
SIZE = 1000  # the size the core issue names
TODAY = dt.date(2026, 11, 29)  # (the corpus ends before it: every meeting is held)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("gen") / "corpus"
    subprocess.run([sys.executable, str(GENERATOR), str(corpus), str(SIZE), "--seed", "1"],
                   check=True, capture_output=True)
    out = corpus.parent / "site"
    (corpus.parent / "site.yaml").write_text("base_url: https://briefings.example.org/\n")
    report = build(project(corpus, out), today=TODAY)
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
        # a state is on a meeting's page if it took part, chaired or hosted (a guest host)
        host = [lookup(front["location"].rsplit(",", 1)[1]).code] if front.get("location") else []
        for code in {*front["countries"], front["chair"]["country"], *host}:
            expected[code].add(front["slug"])
    slugs = {release.stem for release in corpus.rglob("*.md")}
    assert links(out / "timeline/index.html") == slugs
    for code, meetings in expected.items():
        assert links(out / "countries" / lookup(code).slug / "index.html") == meetings, code


def test_every_meeting_on_its_bodys_page(generated):
    corpus, out, _ = generated
    bodies = {}
    for record in json.loads((out / "data/meetings.json").read_text())["meetings"]:
        bodies.setdefault(record["body_slug"], set()).add(record["slug"])
    assert sum(map(len, bodies.values())) == SIZE
    for slug, meetings in bodies.items():
        tree = lxml.html.parse(str(out / "bodies" / slug / "index.html")).getroot()
        listed = {href.split("/")[-2] for href in tree.xpath("//ol[@class='sessions']//a/@href")}
        assert listed == meetings, slug


def test_feeds_calendars_data_and_sitemap_read_back_whole(generated):
    corpus, out, _ = generated
    feeds = [out / "feed.xml", *sorted(out.glob("countries/*/feed.xml")),
             *sorted(out.glob("bodies/*/feed.xml"))]
    for path in feeds:
        feed = feedparser.parse(path)
        assert not feed.bozo and 0 < len(feed.entries) <= 20, path
    calendar = icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes())
    records = json.loads((out / "data/meetings.json").read_text())["meetings"]
    known_days = {r["slug"] for r in records if r["date_precision"] == "day"}
    assert 0 < len(known_days) < SIZE  # (the corpus has meetings known by month or year only)
    assert {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")} == known_days
    for path in sorted(out.glob("bodies/*/calendar.ics")):
        icalendar.Calendar.from_ical(path.read_bytes())
    assert len(json.loads((out / "data/meetings.json").read_text())["meetings"]) == SIZE
    assert (out / "data/meetings.csv").read_text(encoding="utf-8-sig").count("\n") >= SIZE + 1
    schema = lxml.etree.XMLSchema(lxml.etree.parse(str(SITEMAP_XSD)))
    schema.assertValid(lxml.etree.parse(str(out / "sitemap.xml")))


def test_every_number_of_every_country_page_can_be_recounted(generated):
    """Issue 13's property on 1,000 releases: guest hosts, chairs not listed among the
    countries, dates known by the day, month or year among them."""
    _, out, _ = generated
    assert recount(out, TODAY.isoformat()) == []

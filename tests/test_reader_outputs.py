"""What readers take away from the site, read by the programs they use: feeds by a
feed parser, calendars by icalendar, the sitemap against the sitemaps.org schema,
the data as JSON and CSV against the releases; and the pages about bodies, topics
and the record in pictures."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import feedparser
import icalendar
import lxml.etree
import pytest
import yaml

from conftest import FIXTURES, ROOT, build, page, project, texts

BASE = "https://briefings.example.org/sub/"
SITEMAP_XSD = ROOT / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"


def built(tmp_path_factory, fixture: str, settings: str = f"base_url: {BASE}\n") -> Path:
    root = tmp_path_factory.mktemp(fixture)
    (root / "site.yaml").write_text(settings)
    content = FIXTURES / fixture / "content" if (FIXTURES / fixture / "content").is_dir() \
        else FIXTURES / fixture
    if (FIXTURES / fixture / "bodies.yaml").is_file():
        shutil.copy(FIXTURES / fixture / "bodies.yaml", root / "bodies.yaml")
    build(project(content, root / "site"))
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, "corpus")


@pytest.fixture(scope="module")
def bodies_site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, "bodies")


def releases(folder: Path) -> list[dict]:
    """The front matter of every published release, as YAML reads it."""
    found = []
    for path in sorted(folder.rglob("*.md")):
        front = yaml.safe_load(path.read_text().split("---\n")[1])
        if not front.get("draft"):
            found.append({**front, "file": path})
    return found


# -- feeds ---------------------------------------------------------------------

def test_the_site_feed_is_valid_atom_with_absolute_links_and_stable_ids(site, tmp_path_factory):
    feed = feedparser.parse(site / "feed.xml")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "All meetings · Meeting briefings"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [BASE + "feed.xml"]
    assert len(feed.entries) == 5  # every published release of the corpus
    for entry in feed.entries:
        assert entry.link.startswith(BASE + "meetings/") and entry.link.endswith("/")
        assert entry.id.startswith("tag:briefings.example.org,")
        assert entry.updated_parsed and entry.summary
    again = feedparser.parse(built(tmp_path_factory, "corpus") / "feed.xml")
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]


def test_each_country_and_body_has_a_feed_linked_from_its_page(bodies_site):
    for folder in ("countries/russia/", "bodies/csto-anti-drug-council/", ""):
        tree = page(bodies_site, folder + "index.html")
        links = tree.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")
        assert links, folder
        for href in links:
            feed = feedparser.parse(bodies_site / folder / href)
            assert not feed.bozo, (folder, href)
    russia = feedparser.parse(bodies_site / "countries/russia/feed.xml")
    assert len(russia.entries) == 6
    drug = feedparser.parse(bodies_site / "bodies/csto-anti-drug-council/feed.xml")
    assert [e.title for e in drug.entries] == ["XXIV meeting of the anti-drug council",
                                               "XXIII meeting of the anti-drug council"]


# -- calendars -------------------------------------------------------------------

def test_calendars_hold_every_meeting_as_an_all_day_event(site):
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    events = calendar.walk("VEVENT")
    corpus = releases(FIXTURES / "corpus")
    assert len(events) == len(corpus)
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)
    xxiv = by_uid["csto-drug-council-xxiv@briefings.example.org"]
    assert str(xxiv["SUMMARY"]) == "XXIV meeting of the CSTO anti-drug Coordinating Council"
    assert str(xxiv["DTSTART"].dt) == "2021-06-15" and str(xxiv["DTEND"].dt) == "2021-06-16"
    assert str(xxiv["LOCATION"]) == "Minsk, Republic of Belarus"
    assert str(xxiv["URL"]) == BASE + "meetings/csto-drug-council-xxiv/"
    belarus = icalendar.Calendar.from_ical((site / "countries/belarus/calendar.ics").read_bytes())
    assert len(belarus.walk("VEVENT")) == 4


# -- data --------------------------------------------------------------------------

def test_json_and_csv_give_back_every_release(site):
    records = json.loads((site / "data/meetings.json").read_text())["meetings"]
    corpus = {r["file"].stem if "slug" not in r else r["slug"]: r for r in releases(FIXTURES / "corpus")}
    assert sorted(r["slug"] for r in records) == sorted(corpus)
    for record in records:
        front = corpus[record["slug"]]
        assert record["title"] == front["title"]
        assert record["date"] == str(front["date"])[:10]
        assert record["url"] == f"{BASE}meetings/{record['slug']}/"
        assert len(record["countries"]) == len(record["country_names"])
        assert all(len(code) == 2 and code.isupper() for code in record["countries"])
    xxiv = next(r for r in records if r["slug"] == "csto-drug-council-xxiv")
    assert xxiv["countries"] == ["AM", "BY", "KZ", "KG", "RU", "TJ"]
    assert xxiv["session"] == 24 and xxiv["format"] == "in person" and xxiv["host"] == "BY"
    assert xxiv["starts"] == "2021-06-15T10:00:00+03:00"

    text = (site / "data/meetings.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["slug"] for row in rows] == [r["slug"] for r in records]
    for row, record in zip(rows, records):
        for key, value in record.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                continue  # officials: one cell, "name, position, organization; ..."
            expected = "; ".join(value) if isinstance(value, list) else \
                "" if value is None else str(value)
            assert row[key] == expected, (record["slug"], key)


def test_the_data_page_links_the_files(site):
    tree = page(site, "data/index.html")
    links = tree.xpath("//ul[@class='downloads']//a/@href")
    assert links == ["meetings.csv", "meetings.json", "../calendar.ics", "../feed.xml"]


# -- sitemap -----------------------------------------------------------------------

def test_the_sitemap_is_valid_and_lists_every_page(site):
    if not SITEMAP_XSD.is_file():
        pytest.fail(f"{SITEMAP_XSD} is missing: npm ci --ignore-scripts")
    schema = lxml.etree.XMLSchema(lxml.etree.parse(str(SITEMAP_XSD)))
    sitemap = lxml.etree.parse(str(site / "sitemap.xml"))
    schema.assertValid(sitemap)
    listed = set(sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}))
    pages = {BASE + p.relative_to(site).as_posix().removesuffix("index.html")
             for p in site.rglob("*.html") if p.name != "404.html"}
    assert listed == pages
    assert (site / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {BASE}sitemap.xml"


def test_without_a_base_url_no_file_needing_one_is_made(tmp_path_factory):
    site = built(tmp_path_factory, "corpus", settings="title: Briefings\n")
    for name in ("feed.xml", "calendar.ics", "sitemap.xml", "robots.txt",
                 "countries/russia/feed.xml"):
        assert not (site / name).exists(), name
    assert (site / "data/meetings.json").is_file()
    assert not page(site, "index.html").xpath("//link[@rel='alternate']")


# -- bodies and topics ---------------------------------------------------------------

def test_one_body_however_it_is_written_and_never_two_merged_by_looks(bodies_site):
    tree = page(bodies_site, "bodies/index.html")
    rows = [texts(tr, "./*") for tr in tree.xpath("//tbody/tr")]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("Coordinating Council of Heads of Competent Authorities on Countering Illegal Migration",
         "CSTO", "1"),
        ("Coordinating Council of Heads of Competent Authorities to Combat Illicit Drug Trafficking",
         "CSTO", "2"),  # its alias, from bodies.yaml, joined
        ("Council of Foreign Ministers", "CSTO", "3"),  # "CSTO ...", "the council of foreign  ministers"
    ]


def test_a_body_page_lists_its_sessions_in_order_with_the_gaps_marked(bodies_site):
    tree = page(bodies_site, "bodies/csto-council-of-foreign-ministers/index.html")
    rows = texts(tree, "//ol[@class='sessions']/li")
    assert rows[0].startswith("20th (XX) XX meeting of the Council of Foreign Ministers")
    assert rows[1].startswith("21st (XXI) XXI meeting")
    assert rows[2] == "Sessions 22 and 23 are not in the record."
    assert rows[3].startswith("24th (XXIV)")
    meeting = page(bodies_site, "meetings/fm-24/index.html")
    assert meeting.xpath("//nav[@class='neighbours']//a[starts-with(., 'Every session')]/@href") == [
        "../../bodies/csto-council-of-foreign-ministers/index.html"]


def test_topics_are_joined_however_they_are_written(bodies_site):
    tree = page(bodies_site, "topics/index.html")
    assert texts(tree, "//ul[@class='topics']/li") == [
        "Afghanistan (1)", "drug legalization (2)", "illegal migration (1)",
        "regional security (3)", "synthetic drugs (1)"]
    topic = page(bodies_site, "topics/regional-security/index.html")
    assert len(topic.xpath("//li[@class='meeting']")) == 3


def registry_problems(folder: Path, text: str) -> list[str]:
    """The problems of a bodies.yaml holding `text`, as the build reports them."""
    from briefing.read.registry import load_registry

    (folder / "bodies.yaml").write_text(text)
    return [str(p) for p in load_registry(folder / "bodies.yaml")[1]]


def test_a_registry_mistake_is_reported_with_its_line(tmp_path):
    assert registry_problems(tmp_path,
        "Council A:\n  organization: X\n  aliases: [Council B]\nCouncil B:\n  organization: X\n"
        "Council C:\n  organisation: X\n") == [
        f"{tmp_path / 'bodies.yaml'}:4: Council B: 'Council B' is also a name of 'Council A' "
        "(expected each name for one body only)",
        f"{tmp_path / 'bodies.yaml'}:7: warning: Council C.organisation: unknown key, ignored; "
        "did you mean 'organization'?",
    ]


def test_two_bodies_with_one_address_are_a_registry_mistake(tmp_path):
    """Both builds passed, and one body's page went missing behind the other's."""
    assert registry_problems(tmp_path, "Council:\n  organization: CSTO\n  slug: council\n"
                             "Assembly:\n  organization: CSTO\n  slug: council\n") == [
        f"{tmp_path / 'bodies.yaml'}:4: Assembly: bodies/council/ is also the page of 'Council' "
        "(expected a 'slug:' of its own)"]


# -- meeting pages -------------------------------------------------------------------

def test_a_meeting_page_describes_its_event_for_machines(bodies_site):
    tree = page(bodies_site, "meetings/fm-24/index.html")
    data = json.loads(tree.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["@type"] == "Event" and data["name"] == "XXIV meeting of the council of foreign ministers"
    assert data["startDate"] == "2023-06-01"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in data["location"]] == ["Place", "VirtualLocation"]
    assert data["organizer"] == {"@type": "Organization", "name": "CSTO"}
    assert data["url"] == BASE + "meetings/fm-24/"
    video = json.loads(page(bodies_site, "meetings/fm-21/index.html")
                       .xpath("//script[@type='application/ld+json']/text()")[0])
    assert video["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    meta = {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]")}
    assert meta["og:title"] == data["name"] and meta["og:url"] == data["url"]
    assert meta["og:description"] == "The ministers met in Yerevan."


def test_a_meeting_page_lists_related_meetings(bodies_site):
    tree = page(bodies_site, "meetings/fm-20/index.html")
    related = tree.xpath("//ul[@class='related']//a/text()")
    # neighbours are linked already; of the rest, the same body's session first
    assert related[0] == "XXIV meeting of the council of foreign ministers"


# -- pictures --------------------------------------------------------------------------

def test_the_timeline_draws_meetings_per_year_by_body_with_its_numbers(bodies_site):
    tree = page(bodies_site, "timeline/index.html")
    svg = tree.xpath("//figure[@class='chart']//svg")[0]
    assert svg.get("role") == "group" and svg.xpath("./title/text()")  # (its bars are links)
    assert len(svg.xpath(".//rect")) == 6  # 2020: 1; 2021: 3 bodies; 2022: 1; 2023: 1
    # each bar leads to its year, named for those who cannot see it; a value axis from 0
    assert svg.xpath(".//a/@href") == ["#y2020", "#y2021", "#y2022", "#y2023"]
    assert svg.xpath(".//a/@aria-label")[1] == "2021: 3 meetings"
    assert svg.xpath(".//g[@class='axis']/text/text()") == ["0", "1", "2", "3"]
    assert texts(svg, "./text") == ["2020", "2021", "2022", "2023"]  # every year, when there is room
    numbers = [texts(tr, "./*") for tr in tree.xpath("//figure[@class='chart']//tbody/tr")]
    assert [row[0] for row in numbers] == ["2023", "2022", "2021", "2020"]
    assert [row[-1] for row in numbers] == ["1", "1", "3", "1"]
    legend = texts(tree, "//figure[@class='chart']//span[@class='key']")
    assert "CSTO Council of Foreign Ministers" in legend


def test_the_country_index_shades_a_participation_matrix_linked_cell_by_cell(bodies_site):
    tree = page(bodies_site, "countries/index.html")
    matrix = tree.xpath("//table[@class='matrix']")[0]
    assert texts(matrix, ".//thead/tr/th")[1:] == ["2023", "2022", "2021", "2020"]  # latest first
    russia = next(tr for tr in matrix.xpath(".//tbody/tr") if texts(tr, "./th") == ["Russia"])
    assert texts(russia, "./td") == ["1", "1", "3", "1"]
    assert russia.xpath("./td/@class") == ["shade-2", "shade-2", "shade-5", "shade-2"]
    link = russia.xpath("./td/a/@href")[2]
    assert link == "../countries/russia/index.html#y2021"
    country = page(bodies_site, "countries/russia/index.html")
    assert country.xpath("//h3[@id='y2021']")
    assert country.xpath("//figure[@class='chart']//svg[@role='group']")


def test_a_csv_cell_a_spreadsheet_would_run_begins_with_an_apostrophe_json_keeps_it(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "formula.md").write_text(
        '---\ntitle: "=HYPERLINK(\\"https://evil.example/\\", \\"click\\")"\ndate: 2021-01-01\n'
        'summary: "+1 (555) 0100"\nlocation: "@SUM(A1:A9)"\ntopics: ["-2+3", "plain"]\n'
        'officials: ["=cmd|\' /C calc\'!A0"]\nbody: Council\n---\nText.\n')
    (tmp_path / "site.yaml").write_text(f"base_url: {BASE}\n")
    build(project(content, tmp_path / "site"))
    record = json.loads((tmp_path / "site/data/meetings.json").read_text())["meetings"][0]
    row = next(csv.DictReader(io.StringIO(
        (tmp_path / "site/data/meetings.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert record["title"] == '=HYPERLINK("https://evil.example/", "click")'
    assert row["title"] == "'" + record["title"]
    assert (row["summary"], row["location"], row["topics"], row["officials"]) == (
        "'+1 (555) 0100", "'@SUM(A1:A9)", "'-2+3; plain", "'=cmd|' /C calc'!A0")
    assert (record["summary"], record["location"], record["topics"]) == (
        "+1 (555) 0100", "@SUM(A1:A9)", ["-2+3", "plain"])
    assert row["body"] == "Council" and row["date"] == "2021-01-01"  # the rest as it was

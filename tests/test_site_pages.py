"""The fixture corpus built end to end, checked by parsing the HTML it produced."""

from __future__ import annotations

import hashlib
import urllib.parse
from pathlib import Path

import lxml.html

from conftest import FIXTURES, build, page, project, texts

XXIII = "meetings/csto-drug-council-xxiii/index.html"
XXIV = "meetings/csto-drug-council-xxiv/index.html"
CIS = "meetings/cis-heads-of-government/index.html"
SCO = "meetings/sco-prosecutors/index.html"
FEATURES = "meetings/markdown-features/index.html"


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_page_kind_is_written(corpus_site):
    for path in ["index.html", "404.html", "countries/index.html", "timeline/index.html",
                 "countries/russia/index.html", "assets/style.css", XXIII, XXIV, CIS, SCO, FEATURES]:
        assert (corpus_site / path).is_file(), path


def test_drafts_are_left_out(corpus_site):
    assert not (corpus_site / "meetings/draft-meeting").exists()
    assert "A draft not yet published" not in (corpus_site / "timeline/index.html").read_text()


def test_meeting_page_facts(corpus_site):
    tree = page(corpus_site, XXIII)
    facts = dict(zip(texts(tree, "//section[@class='facts']//dt"),
                     texts(tree, "//section[@class='facts']//dd")))
    # what a reader needs first, once each: body and session, title, date and format
    assert texts(tree, "//article/header/p[@class='kicker']") == [
        "CSTO Coordinating Council of Heads of Competent Authorities to Combat Illicit Drug "
        "Trafficking, 23rd (XXIII) session"]
    assert texts(tree, "//article/header/p[@class='dateline']") == [
        "1 January 2021 · videoconference"]
    assert tree.xpath("string(//article)").count("1 January 2021") == 1
    assert facts["Chair"] == "Igor Zubov, State Secretary – Deputy Minister of Internal Affairs · Russia"
    # six states however written (KAZ, "Russia" and "RU" twice), each once, each linked,
    # in the order of their names; the chair's marked
    assert facts["Participating countries (6)"].split() == [
        "Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "(chair)", "Tajikistan"]
    links = tree.xpath("//section[@class='facts']//dd//a/@href")
    assert "../../countries/kyrgyzstan/index.html" in links
    assert facts["Officials"] == "Valery Semerikov, Deputy Secretary General · CSTO Oleg Krylov"
    assert facts["Topics"] == "drug legalization online drug trafficking"
    assert tree.xpath("//article/header/p[@class='source']/a/@href") == [
        "https://en.odkb-csto.org/news/"]
    assert texts(tree, "//p[@class='source']") == ["The original release (en.odkb-csto.org)"]
    assert tree.xpath("//meta[@name='description']/@content") == [
        "The council opposed the legalization of drugs."]


def test_meeting_page_time_location_and_host(corpus_site):
    tree = page(corpus_site, XXIV)
    facts = dict(zip(texts(tree, "//section[@class='facts']//dt"),
                     texts(tree, "//section[@class='facts']//dd")))
    assert texts(tree, "//article/header/p[@class='dateline']")[0].startswith(
        "15 June 2021, 10:00 (UTC+03:00) · Minsk, Republic of Belarus")
    assert facts["Chair"] == "Belarus"
    assert texts(tree, "//p[@class='kicker']")[0].endswith("24th (XXIV) session")


def test_meeting_neighbours_in_time_and_by_session(corpus_site):
    nav = texts(page(corpus_site, XXIII), "//nav[@class='neighbours']//li")
    assert nav[0] == "Earlier: Совещание генеральных прокуроров государств — членов ШОС (24 November 2020)"
    assert nav[1] == "Later: XXIV meeting of the CSTO anti-drug Coordinating Council (15 June 2021)"
    assert nav[2] == ("Next session of this body: XXIV meeting of the CSTO anti-drug Coordinating "
                      "Council (15 June 2021)")
    assert not any(n.startswith("Previous session") for n in nav)
    nav = texts(page(corpus_site, XXIV), "//nav[@class='neighbours']//li")
    assert ("Previous session of this body: XXIII meeting of the CSTO anti-drug Coordinating "
            "Council (1 January 2021)") in nav
    assert not any(n.startswith("Next session") for n in nav)


def test_release_language_and_cyrillic(corpus_site):
    tree = page(corpus_site, SCO)
    assert tree.get("lang") == "en"
    assert tree.xpath("//article/@lang") == ["ru"]
    assert texts(tree, "//h1") == ["Совещание генеральных прокуроров государств — членов ШОС"]
    assert "восемнадцатое" in texts(tree, "//section[@class='release']")[0]


def test_every_markdown_feature_renders(corpus_site):
    release = page(corpus_site, FEATURES).xpath("//section[@class='release']")[0]
    for xpath in ["em", "strong", "code", "a[@href='https://e-cis.info/']", "h3", "h4", "ul/li/ul",
                  "ol", "blockquote", "table/thead/tr/th", "pre/code", "dl/dt", "abbr[@title]",
                  "sup", "div[@class='footnote']", "hr"]:
        assert release.xpath(f".//{xpath}"), xpath
    # the release's headings sit under the page's h1 and the section's h2
    assert not release.xpath(".//h1") and release.xpath("./h2")[0].text == "The release"


def test_home_counts_and_latest(corpus_site):
    tree = page(corpus_site, "index.html")
    counts = dict(zip(texts(tree, "//dl[@class='counts']//dt"), texts(tree, "//dl[@class='counts']//dd")))
    assert counts == {"Meetings": "5", "Bodies": "4", "Countries": "10", "Years": "3"}
    latest = tree.xpath("//ol[@class='meetings']/li//p[@class='meeting-title']/a/@href")
    assert latest == [CIS, XXIV, XXIII, SCO, FEATURES]
    assert "timeline/index.html" in tree.xpath("//nav[@aria-label='Indexes']//a/@href")


def test_country_index(corpus_site):
    tree = page(corpus_site, "countries/index.html")
    rows = {r[0]: r[1:] for r in (texts(tr, "./*")
                                  for tr in tree.xpath("//table[@class='records']/tbody/tr"))}
    assert list(rows) == sorted(rows)
    # attended, chaired, hosted, first, latest
    assert rows["Belarus"] == ["4", "1", "1", "2 March 2020", "14 October 2022"]
    assert rows["Russia"] == ["5", "3", "1", "2 March 2020", "14 October 2022"]
    assert rows["Kazakhstan"] == ["4", "1", "1", "24 November 2020", "14 October 2022"]
    assert rows["China"] == ["1", "0", "0", "24 November 2020", "24 November 2020"]


def test_country_page_lists_meetings_newest_first_marking_chairs(corpus_site):
    tree = page(corpus_site, "countries/belarus/index.html")
    assert texts(tree, "//h1") == ["Belarus"]
    items = tree.xpath("//ol[@class='meetings']/li")
    links = [i.xpath(".//p[@class='meeting-title']/a/@href")[0] for i in items]
    assert links == ["../../" + p for p in [CIS, XXIV, XXIII, FEATURES]]
    badges = [texts(i, ".//strong[@class='badge']") for i in items]
    assert badges == [["Took part"], ["Took part · Chaired · Hosted"], ["Took part"],
                      ["Took part"]]


def test_timeline_groups_by_year_and_month_newest_first(corpus_site):
    tree = page(corpus_site, "timeline/index.html")
    assert texts(tree, "//nav[@aria-label='Years']//a") == ["2022", "2021", "2020"]
    assert texts(tree, "//section[@class='year']/h2") == [
        "2022 (1 meeting)", "2021 (2 meetings)", "2020 (2 meetings)"]
    assert texts(tree, "//section[@class='year']/h3") == [
        "October 2022", "June 2021", "January 2021", "November 2020", "March 2020"]
    first = tree.xpath("//section[@class='year']//li")[0]
    assert texts(first, ".//p[@class='meeting-meta']") == [
        "CIS Council of Heads of Government, 96th (XCVI) session · hybrid · Astana, Kazakhstan"]
    assert texts(first, ".//p[@class='meeting-countries']") == [
        "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan"]


def test_every_internal_link_resolves(corpus_site):
    checked = 0
    for file in html_files(corpus_site):
        tree = lxml.html.parse(str(file)).getroot()
        ids = set(tree.xpath("//@id"))
        for ref in tree.xpath("//a/@href | //link/@href | //img/@src | //script/@src"):
            parts = urllib.parse.urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue  # external: the source of a release
            if file.name == "404.html":  # served at any missing address: links from the root
                assert ref.startswith("/") or ref.startswith("#"), f"{file}: {ref} is relative"
                ref = parts.path.lstrip("/") if parts.path else ref
                parts = urllib.parse.urlsplit(ref)
            else:
                assert not ref.startswith("/"), f"{file}: {ref} is not relative"
            target = (file.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else file
            assert target.is_file(), f"{file.relative_to(corpus_site)} links to missing {ref}"
            if parts.fragment and target == file:
                assert parts.fragment in ids, f"{file}: no #{parts.fragment}"
            checked += 1
    assert checked > 100


def test_autoescaping_keeps_markup_in_titles_as_text(content, tmp_path):
    (content / "x.md").write_text("---\ntitle: <script>alert(1)</script>\ndate: 2021-01-01\n---\n")
    build(project(content, tmp_path / "site"))
    html = (tmp_path / "site/meetings/x/index.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_same_input_gives_byte_identical_output(tmp_path):
    """Every file, the search bundle's too: Pagefind writes its filters in an order of
    its own that changes from run to run (Pagefind/pagefind#638), which the build puts
    right (three builds: two may agree by chance)."""
    def digest(out: Path) -> dict[str, str]:
        return {f.relative_to(out).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
                for f in sorted(out.rglob("*")) if f.is_file()}

    sites = []
    for name in ("a", "b", "c"):
        build(project(FIXTURES / "corpus", tmp_path / name, cache=tmp_path / f".cache-{name}"))
        sites.append(digest(tmp_path / name))
    assert any("/filter/" in path for path in sites[0])  # (the filters are there to compare)
    assert sites[0] == sites[1] == sites[2]

"""Search as a reader uses it: in Chromium, on a site served from a sub-path, a word
of a release's text finds its meeting; filters by body, country and year are
offered; without JavaScript the search page says how else to find a meeting.
And a meeting page printed is a clean briefing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from conftest import FIXTURES, build, copy_tree, project, write_release
from gates import ARTIFACTS, serving

from briefing.publish import search

FOUND = 15_000  # ms


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The corpus, its meetings shared out into shards of at most two pages, as a
    large site's are into shards of hundreds: every search merges them."""
    root = tmp_path_factory.mktemp("search")
    (root / "site.yaml").write_text("base_url: https://briefings.example.org/\n")
    content = copy_tree(FIXTURES / "corpus", root / "content")
    write_release(content, "results.md", "---\ntitle: A meeting that adopted a memorandum\n"
                  "date: 2022-05-05\ncountries: [RU, BY]\noutcomes:\n"
                  "  - {title: Memorandum on the exchange of quinoa statistics, kind: document}\n"
                  "---\nThe text names no document.\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", 2)
        build(project(content, root / "briefings"))
    assert len(json.loads((root / "briefings/pagefind/shards.json").read_text())) > 2
    return root / "briefings"


@pytest.fixture(scope="module")
def base(site):
    with serving(site.parent) as url:
        yield url + site.name + "/"  # the site lives at a sub-path


def test_a_word_of_a_release_text_finds_its_meeting(base, browser):
    tab = browser.new_page()
    refused = []
    tab.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
    tab.goto(base + "search/index.html?q=twelve")  # only in the text of one release
    result = tab.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=FOUND)
    assert tab.locator(".pagefind-ui__result-link").count() == 1
    assert result.inner_text() == "Meeting of the CIS Council of Heads of Government"
    for name in ("Body", "Country", "Year"):  # the filters (shown once Pagefind has loaded them)
        tab.locator(".pagefind-ui__filter-name", has_text=name).wait_for(timeout=FOUND)
    tab.screenshot(path=str(ARTIFACTS / "screenshots" / "search-results.png"), full_page=True)
    result.click()  # (waiting for the load alone may see the search page still)
    tab.wait_for_url(base + "meetings/cis-heads-of-government/", timeout=FOUND)
    assert tab.locator("h1").inner_text() == "Meeting of the CIS Council of Heads of Government"
    assert refused == []
    tab.close()


def test_a_main_result_finds_its_meeting(base, browser):
    """A word only in what a meeting adopted (its `outcomes`) is in the index."""
    tab = browser.new_page()
    tab.goto(base + "search/index.html?q=quinoa")
    result = tab.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=FOUND)
    assert tab.locator(".pagefind-ui__result-link").count() == 1
    assert result.inner_text() == "A meeting that adopted a memorandum"
    tab.close()


def test_each_filter_counts_the_meeting_pages_that_carry_it(site, base, browser):
    """The filters as the reader's browser reads them from every shard (whose filter
    files the build rewrites, in order): each value counts the meeting pages marked
    with it, recounted here from the pages themselves."""
    marked: Counter = Counter()
    for meeting in (site / "meetings").glob("*/index.html"):
        values = set()
        for element in lxml.html.parse(str(meeting)).xpath("//*[@data-pagefind-filter]"):
            name, _, value = element.get("data-pagefind-filter").partition(":")
            values.add((name, value or element.text_content().strip()))
        marked.update(values)
    tab = browser.new_page()
    tab.goto(base + "search/index.html?q=twelve")  # (the search page merges the shards)
    tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=FOUND)
    filters = tab.evaluate("""async () => {
        const shards = await (await fetch("../pagefind/shards.json")).json();
        const pagefind = await import("../pagefind/" + shards[0] + "/pagefind.js");
        return await pagefind.filters();
    }""")
    tab.close()
    counted = {(name, value): count for name, values in filters.items()
               for value, count in values.items() if count}
    assert counted == dict(marked) and {name for name, _ in counted} == {"body", "country", "year"}


def test_the_search_box_in_every_header_leads_to_results(base, browser):
    tab = browser.new_page()
    tab.goto(base + "countries/index.html")
    tab.get_by_label("Search meetings").fill("Minsk")
    tab.get_by_role("button", name="Search").click()
    tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=FOUND)
    links = tab.locator(".pagefind-ui__result-link").all_inner_texts()
    assert "XXIV meeting of the CSTO anti-drug Coordinating Council" in links
    tab.close()


def test_without_javascript_the_search_page_says_where_else_to_look(base, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "search/index.html?q=twelve")
    notice = tab.locator("noscript p, p.notice").first
    assert "Search needs JavaScript" in tab.content()
    assert tab.get_by_role("link", name="year").count() == 1
    assert notice.is_visible()
    context.close()


def test_a_printed_meeting_page_is_a_clean_briefing(base, browser):
    tab = browser.new_page()
    tab.goto(base + "meetings/markdown-features/index.html")
    tab.emulate_media(media="print")
    for hidden in (".masthead nav", ".search-box", ".neighbours", ".colophon"):
        assert not tab.locator(hidden).first.is_visible(), hidden
    # an external link shows its address on paper
    after = tab.evaluate("""() => getComputedStyle(
        document.querySelector('.release a[href^="http"]'), '::after').content""")
    assert after == '" <https://e-cis.info/>"'
    tab.pdf(path=str(ARTIFACTS / "meeting-printed.pdf"), format="A4")
    tab.screenshot(path=str(ARTIFACTS / "screenshots" / "meeting-printed.png"), full_page=True)
    tab.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_inputs_hint_is_legible(base, browser, scheme):
    """(Pagefind draws its placeholder at 20 % opacity: in the dark scheme it could
    hardly be seen.)"""
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(base + "search/index.html")
    tab.locator("#search input").wait_for(timeout=FOUND)
    style = tab.evaluate("""() => {
        const s = getComputedStyle(document.querySelector('#search input'), '::placeholder');
        return {opacity: s.opacity, color: s.color};
    }""")
    muted = tab.evaluate("getComputedStyle(document.querySelector('.colophon')).color")
    assert style == {"opacity": "1", "color": muted}  # the site's muted text, whole
    context.close()


def test_a_site_whose_last_meeting_went_says_there_is_nothing_to_search(tmp_path, browser):
    """Its index goes with its meetings (Pagefind indexes no empty site): the list of
    shards is empty, and the search page says so instead of failing in silence."""
    content = tmp_path / "content"
    release = write_release(content, "one.md", "---\ntitle: The only meeting\n"
                            "date: 2022-05-05\n---\nA text.\n")
    out = tmp_path / "site"
    build(project(content, out))
    assert json.loads((out / "pagefind/shards.json").read_text()) == ["0"]
    release.unlink()
    build(project(content, out))
    assert json.loads((out / "pagefind/shards.json").read_text()) == []
    assert sorted(path.name for path in (out / "pagefind").iterdir()) == ["shards.json"]
    with serving(out) as url:
        tab = browser.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(url + "search/index.html?q=meeting")
        tab.get_by_text("There is nothing to search yet").wait_for(timeout=FOUND)
        assert errors == []
        tab.close()

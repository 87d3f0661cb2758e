"""Quality gates over whole built sites: the example content and a synthetic corpus of
200 releases. Every page valid HTML (Nu checker), every page kind accessible (axe-core
with all its rules, best practices included, in Chromium at 320, 390 and 1280 px,
light and dark), no page wider than a phone, every internal link resolving over HTTP
from a sub-path, screenshots saved for a person to look at."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import FIXTURES, ROOT, build, project
from gates import ARTIFACTS, crawl, nu_errors, serving

GENERATOR = ROOT / "bench" / "corpus.py"  # the project's own: a clone needs nothing else
WIDTHS = {"small-phone": (320, 640), "phone": (390, 844), "desktop": (1280, 900)}
SCHEMES = ("light", "dark")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


LONG = """---
title: Joint meeting of the Coordinating Council of Heads of Competent Authorities to Combat Illicit Drug Trafficking and the Council of Ministers of Internal Affairs of the Member States
date: 2021-11-30
end_date: 2021-12-02
organization: CSTO
body: Coordinating Council of Heads of Competent Authorities to Combat Illicit Drug Trafficking
session: 24
format: hybrid
location: Dushanbe, Republic of Tajikistan, Palace of Nations (Kokhi Millat), the Hall of the Supreme Council
chair: {name: Sirojiddin Muhriddin Abdurahmonzoda-Khujandi, position: "Minister of Internal Affairs (Interior), Chairman of the Interdepartmental Commission on Drug Control", country: TJ}
countries: [TJ, RU, KZ, KG, AM, BY, UZ, MM]
officials:
  - {name: Валерий Александрович Семериков, position: "Заместитель Генерального секретаря Организации Договора о коллективной безопасности", organization: ОДКБ}
topics: [international cooperation in countering the laundering of proceeds of drug trafficking and financing of terrorism, synthetic drugs]
summary: Ministers and heads of anti-drug agencies met over three days to agree a joint programme.
source: https://en.odkb-csto.org/news/news_odkb/a-very-long-address-of-a-release-that-goes-on-and-on-without-a-break-0123456789/
---
A release with long names everywhere, to see that nothing runs off a phone's screen.
"""


@pytest.fixture(scope="module", params=["example", "synthetic", "fixtures"])
def site(request, tmp_path_factory) -> tuple[str, Path]:
    """(name, folder) of a built site; the folder's parent is served, so the site
    lives at a sub-path: http://127.0.0.1:port/<name>/. The fixtures: Cyrillic,
    every Markdown feature, and a meeting over three days with long names."""
    name = request.param
    root = tmp_path_factory.mktemp("gates")
    if name == "example":
        content = ROOT / "content"
        for registry in ("organizations.yaml", "people.yaml"):
            shutil.copy(ROOT / registry, root / registry)
    elif name == "fixtures":
        content = root / "fixtures-content"
        shutil.copytree(FIXTURES / "corpus", content)
        (content / "2021/long-names.md").write_text(LONG)
        # members, guests, all members, outcomes, people under several spellings
        shutil.copytree(FIXTURES / "members/content", content / "members")
        for registry in ("organizations.yaml", "people.yaml"):
            shutil.copy(FIXTURES / "members" / registry, root / registry)
    else:
        content = root / "corpus"
        subprocess.run([sys.executable, str(GENERATOR), str(content), "300", "--seed", "7"],
                       check=True, capture_output=True)
    shutil.copy(ROOT / "site.yaml", root / "site.yaml")  # feeds, calendars, sitemap: all made
    shutil.copy(ROOT / "bodies.yaml", root / "bodies.yaml")
    build(project(content, root / name))
    return name, root / name


def page_kinds(folder: Path) -> dict[str, str]:
    """One page of each kind, as site paths."""
    def first(pattern: str) -> str:
        return sorted(folder.glob(pattern))[0].relative_to(folder).as_posix()

    meetings = sorted(folder.glob("meetings/*/index.html"))
    few = {f"meeting-{p.parent.name}": p.relative_to(folder).as_posix() for p in meetings} \
        if len(meetings) <= 8 else {}  # a small site: every meeting page
    # the fixtures' pages of results, members not listed, all members, guests and people
    few |= {kind: path for kind, path in (
        ("meeting-results", "meetings/cfm-10/index.html"),
        ("meeting-not-listed", "meetings/cfm-11/index.html"),
        ("meeting-all-members", "meetings/cfm-13/index.html"),
        ("meeting-guests", "meetings/cfm-14/index.html"),
        ("body-members", "bodies/csto-council-of-foreign-ministers/index.html"),
        ("country-not-listed", "countries/kyrgyzstan/index.html"),
        ("person-spellings", "people/edward-nalbandian/index.html")) if (folder / path).exists()}
    return {
        "home": "index.html",
        "meeting": first("meetings/*/index.html"),
        **few,
        "countries": "countries/index.html",
        "country": first("countries/*/index.html"),
        "bodies": "bodies/index.html",
        "body": first("bodies/*/index.html"),
        "topics": "topics/index.html",
        "topic": first("topics/*/index.html"),
        "people": "people/index.html",
        "person": first("people/*/index.html"),
        "timeline": "timeline/index.html",
        "data": "data/index.html",
        "search": "search/index.html",
        "not-found": "404.html",
    }


def test_nu_html_checker_finds_no_error(site):
    _, folder = site
    assert nu_errors(folder) == []


def test_every_page_is_reachable_and_every_internal_link_resolves(site):
    name, folder = site
    with serving(folder.parent) as base:
        reached, broken = crawl(f"{base}{name}/index.html")
    assert broken == []
    pages = {f"{base}{name}/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*.html")}
    pages.discard(f"{base}{name}/404.html")  # served by the host for missing pages, linked from none
    assert pages - reached == set()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_with_every_rule_finds_nothing_and_screenshots_are_saved(site, browser, width, scheme):
    """Every rule axe-core has, best practices included, on every page kind."""
    name, folder = site
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    found = {}
    with serving(folder.parent) as base:
        context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])),
                                      color_scheme=scheme)
        page = context.new_page()
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
        for kind, path in page_kinds(folder).items():
            page.goto(f"{base}{name}/{path}")
            page.screenshot(path=str(shots / f"{name}-{kind}-{width}-{scheme}.png"), full_page=False)
            if kind == "search":  # (its input is Pagefind's, made by script: wait for it)
                page.locator("#search input").wait_for()
            violations = axe.run(page).response["violations"]
            if violations:
                found[kind] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        context.close()
    assert found == {}
    assert outside == []  # no page asks another host for anything


def test_keyboard_focus_is_visible(site, browser):
    name, folder = site
    with serving(folder.parent) as base:
        page = browser.new_page()
        page.goto(f"{base}{name}/{page_kinds(folder)['meeting']}")
        for expected in ("Skip to content", None, None):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
                return {text: e.textContent.trim(), outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                        visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.top < innerHeight};
            }""")
            if expected:
                assert focused["text"] == expected
            assert focused["outline"] != "none" and focused["width"] >= 2 and focused["visible"], focused
        page.close()


def test_the_gates_can_fail(tmp_path, browser):
    """Each client really reports: a page with known faults is caught by all three."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "index.html").write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body>'
        '<p style="color:#bbb;background:#fff">faint</p><img src="a.png">'
        '<a href="missing.html">gone</a><a href="#nowhere">nowhere</a><p><div>bad nesting</div></p>'
        '</body></html>')
    (bad / "a.png").write_bytes(b"")
    errors = nu_errors(bad)
    assert any("“alt”" in e for e in errors) and any("“p” end tag" in e for e in errors)
    with serving(tmp_path) as base:
        _, broken = crawl(f"{base}bad/index.html")
        page = browser.new_page()
        page.goto(f"{base}bad/index.html")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        page.close()
    assert len(broken) == 2
    ids = {v["id"] for v in results.response["violations"]}
    assert {"image-alt", "color-contrast", "html-has-lang"} <= ids


@pytest.mark.parametrize("phone", [320, 360, 390])
def test_no_page_is_wider_than_a_phone(site, browser, phone):
    """(The header's links ran off the screen at 320 px: they wrap now. Wide tables
    scroll inside their own box, never the page.)"""
    name, folder = site
    wider = {}
    with serving(folder.parent) as base:
        page = browser.new_page(viewport={"width": phone, "height": 640})
        for kind, path in page_kinds(folder).items():
            page.goto(f"{base}{name}/{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > phone:
                wider[kind] = width
        page.close()
    assert wider == {}


def test_on_a_wide_screen_the_facts_stand_beside_the_release(site, browser):
    """(The release fell below the facts, leaving the left column empty, on a
    meeting page whose facts were long; and again below an empty row of main
    results, which the long facts stretched.) On a phone they follow the header."""
    name, folder = site
    placed = {}
    with serving(folder.parent) as base:
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for kind, path in page_kinds(folder).items():
                if kind.startswith("meeting"):
                    page.goto(f"{base}{name}/{path}")
                    placed[(kind, width)] = page.evaluate("""() => {
                        const box = s => document.querySelector(s).getBoundingClientRect();
                        const facts = box('.facts'), release = box('.release'), header = box('article > header');
                        // (the main results, if any, open the left column, above the release)
                        const left = document.querySelector('.outcomes') ? box('.outcomes') : release;
                        return {beside: facts.left >= release.right && Math.abs(facts.top - left.top) < 80,
                                below: facts.top >= header.bottom && release.top >= facts.bottom};
                    }""")
            page.close()
    assert [key for key, where in placed.items() if key[1] == 1280 and not where["beside"]] == []
    assert [key for key, where in placed.items() if key[1] == 390 and not where["below"]] == []

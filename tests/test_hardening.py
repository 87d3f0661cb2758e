"""Hostile or broken input: escaped, sanitised, refused with file:line, never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from briefing.commands.build import build as build_site
from briefing.problems import ContentError
from briefing.render.templates import content_security_policy
from conftest import FIXTURES, build, project

HOSTILE = FIXTURES / "hostile"
SCRIPTS_AS_TEXT = ["title", "chair", "official", "topic", "summary"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    build(project(HOSTILE, out))
    return out


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_markup_in_fields_is_shown_as_text(hostile_site):
    html = (hostile_site / "meetings/hostile/index.html").read_text()
    for field in SCRIPTS_AS_TEXT:
        assert f"&lt;script&gt;alert(&#39;{field}&#39;)" in html or \
            f"&lt;script&gt;alert(&#34;{field}&#34;)" in html, field
    tree = lxml.html.fromstring(html)
    assert "<script>alert(\"title\")</script> Meeting" == tree.xpath("//h1")[0].text_content()


# What the site's own templates put in pages: the search box, the charts, the
# search page's scripts and each meeting's JSON-LD (data, never run).
OWN = ("//form[@class='search-box'] | //figure[@class='chart']//svg"
       " | //script[@type='application/ld+json'] | //script[@src]")
OWN_SCRIPTS = {"../pagefind/pagefind-ui.js", "../assets/search.js"}


def test_no_script_handler_or_dangerous_url_survives_anywhere(hostile_site):
    for file in pages(hostile_site):
        tree = lxml.html.parse(str(file)).getroot()
        own = tree.xpath(OWN)
        found = tree.xpath("//script | //iframe | //object | //embed | //form | //svg | //style")
        assert [e for e in found if e not in own] == [], file
        assert set(tree.xpath("//script/@src")) <= OWN_SCRIPTS, file
        for data in tree.xpath("//script[@type='application/ld+json']/text()"):
            assert "<" not in data, file  # nothing can close the script element
        for element in tree.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (file, element.tag, name)
                assert name != "style", (file, element.tag)
                if name in ("href", "src", "action", "data"):
                    scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                    assert scheme in ("", "http", "https", "mailto"), (file, value)


def test_release_html_keeps_the_allowed_parts(hostile_site):
    tree = lxml.html.parse(str(hostile_site / "meetings/hostile/index.html")).getroot()
    release = tree.xpath("//section[@class='release']")[0]
    assert release.xpath(".//a[@href='https://example.org/ok']/text()") == ["fine"]
    assert release.xpath(".//img/@src") == ["x.png"]  # the site's own image stays
    assert release.xpath(".//img/@alt") == ["img"]
    # images from other hosts would make the reader's browser call them
    assert not tree.xpath("//img[contains(@src, 'tracker')]")
    # the page's own ids cannot be taken over from a release
    assert len(tree.xpath("//*[@id='main']")) == 1
    assert "a javascript link" in release.text_content()


def test_every_page_carries_the_content_security_policy(hostile_site):
    for file in pages(hostile_site):
        tree = lxml.html.parse(str(file)).getroot()
        policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        search = file.parent.name == "search"  # Pagefind's WebAssembly: there only
        assert policy == [content_security_policy(search=search)], file
    directives = dict(d.split(" ", 1) for d in content_security_policy().split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"  # no inline script, no other origin
    assert "unsafe-inline" not in content_security_policy() and "*" not in content_security_policy()


@pytest.mark.parametrize("slug", ["../escape", "../../etc/passwd", "/etc/passwd", "a/b", ".", "..",
                                  "a\\b", "UPPER", "with space", "trailing-", "%2e%2e", "x\u0000y"])
def test_hostile_slugs_are_refused_with_file_and_line(content, tmp_path, slug):
    quoted = slug.replace("\\", "\\\\").replace('"', '\\"').replace("\u0000", "\\0")
    (content / "x.md").write_text(f'---\ntitle: T\ndate: 2021-01-01\nslug: "{quoted}"\n---\n')
    with pytest.raises(ContentError) as failed:
        build(project(content, tmp_path / "site"))
    assert [(p.line, p.field) for p in failed.value.problems] == [(4, "slug")]
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", ".site.lock", "content"]


def test_file_names_cannot_escape_either(content, tmp_path):
    release = "---\ntitle: T\ndate: 2021-01-01\n---\n"
    (content / "..md").write_text(release)  # hidden, like every dot-file: not a release
    (content / "?.md").write_text(release)  # no URL can be made of it
    (content / "Совещание №5.md").write_text(release.replace("01-01", "01-02"))
    with pytest.raises(ContentError) as failed:
        build(project(content, tmp_path / "site"))
    assert [(p.path.rsplit("/", 1)[-1], p.line, p.field) for p in failed.value.problems] == [
        ("?.md", 1, "slug")]
    (content / "?.md").unlink()
    build(project(content, tmp_path / "site"))
    assert [p.name for p in (tmp_path / "site/meetings").iterdir()] == ["soveshchanie-no5"]


# -- anything a text editor can produce --------------------------------------------

VALID = "---\ntitle: A meeting\ndate: 2021-01-01\ncountries: [NO, SE]\nsession: 023\n---\nText\n"


def build_one(content: Path, tmp_path: Path, data: bytes):
    (content / "x.md").write_bytes(data)
    return build_site(project(content, tmp_path / "site"))


@pytest.mark.parametrize("data", [
    VALID.encode(),
    VALID.replace("\n", "\r\n").encode(),  # Windows
    VALID.replace("\n", "\r").encode(),  # classic Mac
    b"\xef\xbb\xbf" + VALID.encode(),  # UTF-8 with a byte-order mark
    VALID.replace("Text", "Text\twith\ttabs").encode(),  # tabs in the body are text
], ids=["lf", "crlf", "cr", "bom", "tabs-in-body"])
def test_what_editors_save_builds(content, tmp_path, data):
    build_one(content, tmp_path, data)
    html = (tmp_path / "site/meetings/x/index.html").read_text()
    tree = lxml.html.fromstring(html)
    # YAML 1.1 would read NO as false and 023 as octal 19; the editor meant Norway and 23
    assert "Norway" in tree.xpath("string(//section[@class='facts'])")
    assert "23rd (XXIII)" in tree.xpath("string(//p[@class='kicker'])")


@pytest.mark.parametrize("data, line, field", [
    ("---\ntitle: A\ndate: 2021-01-01\nchair:\n\tname: X\n---\n".encode(), 5, "front matter"),
    (b"---\ntitle: A\n---\n" + b"A" * (3 * 1024 * 1024), 1, "file"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", 1, "file"),
    (b"---\ntitle: caf\xe9\n---\n", 2, "file"),
    (("---\ntitle: A\ndate: 2021-01-01\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n").encode(), 4, "front matter"),
    (("---\ntitle: A\ndate: 2021-01-01\n" + "".join("  " * i + "k:\n" for i in range(1200))
      + "---\n").encode(), None, "front matter"),
    (b"---\ntitle: A\ndate: 2021-01-01\nsession: 1:20\n---\n", 4, "session"),  # sexagesimal 80 in YAML 1.1
    (b"---\ntitle: A\ndate: 2021-01-01\nsession: 1e3\n---\n", 4, "session"),
    (b"---\n&a [*a]\n---\n", 2, "front matter"),
], ids=["tab-indent", "huge", "binary", "latin-1", "deep-flow", "deep-block", "sexagesimal",
        "float-session", "recursive-alias"])
def test_what_editors_break_is_reported_with_file_and_line(content, tmp_path, data, line, field):
    with pytest.raises(ContentError) as failed:
        build_one(content, tmp_path, data)
    problem = failed.value.problems[0]
    assert problem.path.endswith("x.md") and problem.field == field
    if line is not None:
        assert problem.line == line
    assert not (tmp_path / "site").exists()


def test_yaml_tags_are_never_executed(content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError):
        build_one(content, tmp_path, b"---\ntitle: !!python/object/apply:os.system [touch pwned]\n"
                  b"date: 2021-01-01\n---\n")
    report = build_one(content, tmp_path, b"---\ntitle: A\ndate: 2021-01-01\n"
                       b"x: !!python/object/apply:os.system [touch pwned]\n---\n")
    assert [w.field for w in report.warnings] == ["x"]
    assert not (tmp_path / "pwned").exists()


def test_deep_but_parseable_unknown_key_is_kept_without_recursion_error(content, tmp_path):
    nested = "[" * 900 + "]" * 900
    report = build_one(content, tmp_path, f"---\ntitle: A\ndate: 2021-01-01\nx: {nested}\n---\n".encode())
    assert [w.field for w in report.warnings] == ["x"]


def test_no_page_has_an_inline_script_or_style(hostile_site):
    for file in pages(hostile_site):
        text = file.read_text()
        assert not re.search(r"<script(?![^>]*\s(src=|type=\"application/ld\+json\"))", text), file
        assert "<style" not in text and " style=" not in text, file


def test_hostile_fixture_left_nothing_outside_the_output(tmp_path):
    shutil.copytree(HOSTILE, tmp_path / "content")
    build(project(tmp_path / "content", tmp_path / "out" / "site"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".cache", ".site.lock", "site"]

"""markup: the release text as HTML."""

import pytest

from briefing.read.markup import to_html


def test_release_headings_nest_under_the_page_headings():
    assert to_html("## A\n\n### B") == "<h3>A</h3>\n<h4>B</h4>"
    assert to_html("# A\n\n## B\n\n###### C") == "<h3>A</h3>\n<h4>B</h4>\n<h6>C</h6>"


def test_tables_and_footnotes():
    html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note.")
    assert "<table>" in html and "<td>1</td>" in html and 'class="footnote"' in html


def test_converter_state_does_not_leak_between_releases():
    to_html("Text[^1]\n\n[^1]: First release's note.")
    assert "footnote" not in to_html("Plain text.")


def test_a_text_too_deep_to_convert_leaves_the_next_release_as_it_would_be():
    """Python-Markdown stopped half-way keeps its parser's state: the next release had
    a list item's second paragraph as code, and the cache kept it so."""
    agenda = "Agenda:\n\n- item one\n\n    continued paragraph of item one\n\n- item two\n"
    expected = to_html(agenda)
    with pytest.raises(RecursionError):
        to_html("\n".join("    " * depth + "- item" for depth in range(400)))
    assert to_html(agenda) == expected


# Every inline pattern of 'extra', abbreviations (which skip atomic texts),
# attribute lists, raw HTML, and texts where none of them has anything to do.
INLINE_CASES = [
    "Plain words in a paragraph.\n\n- a plain item\n- another\n\n| a | b |\n|---|---|\n| c | d |",
    "*em* **strong** ***both*** _em_ __strong__ a * b and 2 * 3 = 6, snake_case_name",
    "`code` and ``co`de`` and \\*escaped\\* and a line  \nbreak",
    "[link](https://example.org \"t\") [ref][r] [r] ![img](/a.png) <https://example.org> "
    "<a@example.org> &amp; &copy; <span>html</span> 3 < 4 > 2\n\n[r]: https://example.org",
    "The CSTO met.\n\n| CSTO | x |\n|---|---|\n| the CSTO | y |\n\n*[CSTO]: Collective Security Treaty Organization",
    "Text[^1] and more.\n\n[^1]: A *note*.",
    "A paragraph\n{: .lead }\n\nTerm\n:   Definition with `code`",
    "<div markdown=\"1\">Inside *html*.</div>\n\nAfter.",
]


def test_skipping_plain_texts_changes_nothing_in_the_html():
    """SkipPlainText and the extensions given as objects only save time: Python-Markdown
    without the one and with the extensions named gives the same HTML, on these cases
    and on every release of the test fixtures and the example."""
    import markdown

    from briefing.read.markup import NestHeadings, _converter
    from briefing.read.release import read_release
    from pathlib import Path

    releases = sorted(Path("tests/fixtures").rglob("*.md")) + sorted(Path("content").rglob("*.md"))
    bodies = [r.body for r in map(read_release, releases) if hasattr(r, "body")]
    assert len(bodies) > 20
    plain = markdown.Markdown(extensions=["extra", "sane_lists", NestHeadings()], output_format="html")
    for text in INLINE_CASES + bodies:
        plain.reset()
        _converter().reset()
        assert _converter().convert(text) == plain.convert(text), text


@pytest.mark.parametrize("markdown", [
    "![x](/\\evil.example/x.png)", '<img src="\\\\evil.example\\x.png" alt="x">',
    '<img src="\\/evil.example/x.png" alt="x">', '<img src=" //evil.example/x.png" alt="x">',
    '<img src="/&#9;/evil.example/x.png" alt="x">', "![x](//evil.example/x.png)",
    '<img src="https:\\\\evil.example\\x.png" alt="x">', "![x](///evil.example/x.png)",
    '<img src="\\\\\\evil.example/x.png" alt="x">'])
def test_no_image_address_a_browser_resolves_to_another_host_survives(markdown):
    assert "evil" not in to_html(markdown)


@pytest.mark.parametrize("markdown", [
    "[x](//evil.example/page)", '<a href="\\\\evil.example\\page">x</a>',
    '<a href="/\\evil.example/page">x</a>', '<a href="java&#9;script:alert(1)">x</a>',
    "[x](///evil.example/page)"])
def test_a_scheme_relative_or_disguised_link_loses_its_address_keeps_its_text(markdown):
    html = to_html(markdown)
    assert "href" not in html and ">x</a>" in html


def test_the_site_own_images_and_ordinary_links_stay():
    html = to_html("![a](img/a.png) [b](https://example.org/) [c](../c/) [d](mailto:d@example.org)")
    assert 'src="img/a.png"' in html and 'href="https://example.org/"' in html
    assert 'href="../c/"' in html and 'href="mailto:d@example.org"' in html

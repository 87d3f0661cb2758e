"""markup: the release text as HTML."""

from briefing.markup import to_html


def test_release_headings_nest_under_the_page_headings():
    assert to_html("## A\n\n### B") == "<h3>A</h3>\n<h4>B</h4>"
    assert to_html("# A\n\n## B\n\n###### C") == "<h3>A</h3>\n<h4>B</h4>\n<h6>C</h6>"


def test_tables_and_footnotes():
    html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note.")
    assert "<table>" in html and "<td>1</td>" in html and 'class="footnote"' in html


def test_converter_state_does_not_leak_between_releases():
    to_html("Text[^1]\n\n[^1]: First release's note.")
    assert "footnote" not in to_html("Plain text.")

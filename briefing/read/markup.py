"""The release text: Markdown to HTML with Python-Markdown, sanitised with nh3.

Releases are pasted from other sites and may carry raw HTML. Whatever the
Markdown holds, the page gets only the tags and attributes listed below, only
web and mail links, and no request to another host (images must be the site's own).
"""

from __future__ import annotations

import importlib
import re
import urllib.parse
from functools import cache

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions import extra
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TOP_LEVEL = 3  # under the page title (h1) and "The release" (h2)

# The allow-list (documented in the README): text structure, tables, links,
# images with alt text, and what Python-Markdown's footnotes need.
ALLOWED_TAGS = {
    *HEADINGS, "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "q", "abbr",
    "ul", "ol", "li", "dl", "dt", "dd", "div", "span", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "li": {"id"},  # footnotes: <li id="fn:1">
    "sup": {"id"},  # footnote references: <sup id="fnref:1">
}
ALLOWED_CLASSES = {"div": {"footnote"}, "a": {"footnote-ref", "footnote-backref"}}
URL_SCHEMES = {"http", "https", "mailto"}
FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?:[\w-]+")
IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
IMAGE_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")
TABLE_START, TABLE_END = re.compile(r"<table>"), re.compile(r"</table>")


class _NestHeadings(Treeprocessor):
    """The page's <h1> is the title and the release sits under an <h2>, so the
    release's highest heading becomes <h3>, whether the editor wrote '#' or '##'."""

    def run(self, root):
        headings = [e for e in root.iter() if e.tag in HEADINGS]
        if not headings:
            return
        shift = TOP_LEVEL - min(int(h.tag[1]) for h in headings)
        for heading in headings:
            heading.tag = f"h{min(int(heading.tag[1]) + shift, 6)}"


class NestHeadings(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_NestHeadings(md), "nest_headings", 5)


class _Plain(AtomicString):
    """A text that no inline pattern can match (see SkipPlainText)."""


class _MarkPlain(Treeprocessor):
    def run(self, root):
        searches = [pattern.getCompiledRegExp().search for pattern in self.md.inlinePatterns]
        for element in root.iter():
            if _plain(element.text, searches):
                element.text = _Plain(element.text)
            if _plain(element.tail, searches):
                element.tail = _Plain(element.tail)


def _plain(text: str | None, searches: list) -> bool:
    return type(text) is str and not any(search(text) for search in searches)


class _UnmarkPlain(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if type(element.text) is _Plain:
                element.text = str(element.text)
            if type(element.tail) is _Plain:
                element.tail = str(element.tail)


class SkipPlainText(Extension):
    """The inline processor tries each of its patterns on each text of the tree in
    Python (a table cell, a list item), though most find nothing: a quarter of a
    release's conversion time. A text in which no pattern's expression finds a
    match comes out of it as it went in, so it is marked atomic (which the inline
    processor passes by) just before it, and unmarked just after it, so that the
    later steps (abbreviations: they skip atomic texts) see what they always saw."""

    INLINE = 20  # the priority of Python-Markdown's 'inline' tree processor

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_MarkPlain(md), "mark_plain", self.INLINE + 0.5)
        md.treeprocessors.register(_UnmarkPlain(md), "unmark_plain", self.INLINE - 0.5)


def _extensions() -> list[Extension]:
    """Python-Markdown's 'extra' gives what press offices paste: tables, footnotes,
    definition lists, abbreviations, fenced blocks; 'sane_lists' keeps a numbered
    list numbered. Made from their modules, as 'extra' lists them: by name, each
    would make Python-Markdown look through every installed package's entry
    points first (64 ms in each process, more than converting ten releases)."""
    return [importlib.import_module(f"markdown.extensions.{name}").makeExtension()
            for name in (*extra.extensions, "sane_lists")]


@cache
def _converter() -> markdown.Markdown:
    # One converter per process: building one costs more than converting a release.
    return markdown.Markdown(extensions=[*_extensions(), NestHeadings(), SkipPlainText()],
                             output_format="html")


def to_html(text: str) -> str:
    converter = _converter()
    converter.reset()
    try:
        html = converter.convert(text)
    except BaseException:
        # Python-Markdown keeps its parser's state in the converter and does not undo
        # it when a conversion stops half-way (a RecursionError on a text nested too
        # deep): the next release would be read in that state. A new converter, then.
        _converter.cache_clear()
        raise
    return scrolling_tables(sanitise(html))


def scrolling_tables(html: str) -> str:
    """Each table in a box of its own that scrolls sideways, as the site's own tables
    do: a table wider than a phone scrolls in it, never the page. (Added after the
    sanitiser, which keeps no role or tabindex from a release.)"""
    count = 0

    def opening(match: re.Match) -> str:
        nonlocal count
        count += 1
        return (f'<div class="table-wrap" role="region" tabindex="0" '
                f'aria-label="Table {count} of the release">{match.group()}')

    return TABLE_END.sub("</table></div>", TABLE_START.sub(opening, html))


def sanitise(html: str) -> str:
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_keep_attribute,
        strip_comments=True,
        link_rel=None,  # no link opens a new window, so no opener to cut
    )
    # An image whose source was refused would be invalid HTML: drop it whole.
    # One without alt text is announced by its file name: mark it decorative.
    clean = IMAGE_WITHOUT_SOURCE.sub("", clean)
    return IMAGE_WITHOUT_ALT.sub('<img alt=""', clean)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":  # ids could clash with the page's own; footnotes need theirs
        return value if FOOTNOTE_ID.fullmatch(value) else None
    address = as_browsers_read(value) if name in ("src", "href") else ""
    scheme = urllib.parse.urlsplit(address).scheme.lower()
    if tag == "img" and name == "src":  # no request to another host
        return None if scheme or address.startswith("//") else value
    if tag == "a" and name == "href":  # a link names its scheme: "//host" goes wherever the page is
        return None if address.startswith("//") or scheme and scheme not in URL_SCHEMES else value
    return value


def as_browsers_read(address: str) -> str:
    """An address as a browser reads it (the WHATWG URL standard): tabs and line
    breaks removed, leading and trailing spaces and controls stripped, and a
    backslash read as a slash. So `/\\host/x.png`, `\\\\host\\x.png` and
    `///host/x.png` are what a browser makes of them: `//host/...`, another host."""
    return re.sub(r"[\t\n\r]", "", address).strip("\x00- ").replace("\\", "/")

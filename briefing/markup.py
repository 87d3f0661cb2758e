"""The release text: Markdown to HTML with Python-Markdown."""

from __future__ import annotations

from functools import cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# 'extra' gives what press offices paste: tables, footnotes, definition lists,
# abbreviations, fenced blocks; 'sane_lists' keeps a numbered list numbered.
EXTENSIONS = ("extra", "sane_lists")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TOP_LEVEL = 3  # under the page title (h1) and "The release" (h2)


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


@cache
def _converter() -> markdown.Markdown:
    # One converter per process: building one costs more than converting a release.
    return markdown.Markdown(extensions=[*EXTENSIONS, NestHeadings()], output_format="html")


def to_html(text: str) -> str:
    converter = _converter()
    converter.reset()
    return converter.convert(text)

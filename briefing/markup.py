"""The release text: Markdown to HTML with Python-Markdown."""

from __future__ import annotations

from functools import cache

import markdown

# 'extra' gives what press offices paste: tables, footnotes, definition lists,
# abbreviations, fenced blocks; 'sane_lists' keeps a numbered list numbered.
EXTENSIONS = ("extra", "sane_lists")


@cache
def _converter() -> markdown.Markdown:
    # One converter per process: building one costs more than converting a release.
    return markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")


def to_html(text: str) -> str:
    converter = _converter()
    converter.reset()
    return converter.convert(text)

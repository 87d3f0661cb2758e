"""A raw release, as an editor copies it from an official site: plain text (an
optional first line ` date YYYY-MM-DD`, as the seed has), Markdown, or a web page
saved as HTML. Read into its text (paragraphs kept), its language and the date it
was published, if it says. (Used by `import`: commands/imports.py.)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .release import ASTRAL_FORBIDDEN, BMP_FORBIDDEN

HEADER_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s*")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
MIN_WORDS = 8  # the shortest release: "The Council met in Minsk on 3 May 2021."


@dataclass(frozen=True)
class Raw:
    text: str  # paragraphs separated by blank lines; Markdown marks kept
    lang: str  # "ru" or "en"
    published: dt.date | None  # the date above the text, or the page's own


class NotARelease(ValueError):
    """What stops a file being read as a release (said with its name)."""


def read_raw(name: str, data: bytes) -> Raw:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise NotARelease(f"not UTF-8 text (byte {err.start})") from None
    if "\0" in text:
        raise NotARelease("binary data, not a text")
    # what no page may carry (control characters a copied page brings, noncharacters)
    # would stop the build: left out, by the build's own rule
    text = BMP_FORBIDDEN.sub("", ASTRAL_FORBIDDEN.sub("", text))
    published = None
    if name.lower().endswith((".html", ".htm")) or re.match(r"\s*<(!doctype|html)", text, re.I):
        text, published = _from_html(text)
    else:
        text = FRONT_MATTER.sub("", text.replace("\r\n", "\n"))
        header = HEADER_DATE.match(text)
        if header:
            published = _day(header.group(1))
            if published is None:
                raise NotARelease(f"the date above the text, {header.group(1)}, is not a day")
            text = text[header.end():]
    text = _paragraphs(text)
    if len(re.findall(r"\w+", text)) < MIN_WORDS:  # (a page's menu, a line of marks)
        raise NotARelease(f"no text of a release (fewer than {MIN_WORDS} words)")
    return Raw(text, _language(text), published)


def _from_html(page: str) -> tuple[str, dt.date | None]:
    """The article's main text and its date, by trafilatura (a maintained extractor)."""
    import trafilatura  # (only imports of web pages need it)

    found = trafilatura.bare_extraction(page, output_format="python", include_comments=False,
                                        include_tables=False, with_metadata=True)
    if not found or not getattr(found, "text", None):
        raise NotARelease("no article text found in the page")
    return found.text, _day(getattr(found, "date", None) or "")


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _paragraphs(text: str) -> str:
    """Lines joined into paragraphs where the source wrapped them; lists kept."""
    text = text.replace("\u00a0", " ")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "\n\n".join(blocks)


def _language(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    return "ru" if letters and cyrillic / len(letters) > 0.3 else "en"

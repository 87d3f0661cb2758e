"""`build.py new "Title"`: start a release with every field present and explained.

The file is `content/<year>/<date>-<slug>.md`. It starts as a draft, so that
a release written ahead of its meeting (or of its embargo) stays out of the
published site until an editor sets `draft: false`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from slugify import slugify

TEMPLATE = """\
---
# One press release about one meeting. A field left empty is simply not shown;
# every value is checked when the site is built (python build.py check).
title: {title}
date: {date}              # as precise as the release: 2021, 2021-12, {date} or {date}T10:00+03:00
end_date:                     # the last day of a meeting over several days, written as date is
date_note:                    # where the date comes from, if a reader could doubt it
organization:                 # who convened it, e.g. CSTO
body: {body}
session:                      # its number in the body's series: 23 or XXIII
format:                       # in person, videoconference or hybrid
location:                     # "City, Country": that country is shown as the host
chair:                        # a country (Russia, RU), or {{name: ..., position: ..., country: ...}}
countries: []                 # the states that took part: [Armenia, Belarus, Kazakhstan], or: all members
officials: []                 # who spoke or signed, one per line:
#  - {{name: ..., position: ..., organization: ...}}
outcomes: []                  # what it adopted, signed or decided, if the release says, one per line:
#  - {{title: ..., url: https://..., kind: decision}}   (kind: decision, statement, agreement, document, other)
topics: []                    # what was discussed: [drug trafficking, border security]
summary:                      # one or two sentences, shown in lists and search results
source:                       # the web address of the original release, https://...
lang: en                      # the language of the text below: en, ru, fr, ...
slug:                         # the page's address, meetings/<slug>/ (default: from the file name)
draft: true                   # left out of the site until this is false (see it: serve --drafts)
---

The text of the release, in Markdown: paragraphs, **bold**, [links](https://example.org),
lists and tables.
"""


def new_release(content: Path, title: str, date: dt.date, body: str | None = None) -> Path:
    """Write the new release and return its path; FileExistsError if there is one."""
    slug = slugify(title)
    if not slug:
        raise ValueError(f"no file name can be made from the title {title!r}")
    path = content / str(date.year) / f"{date.isoformat()}-{slug}.md"
    text = TEMPLATE.format(title=_quoted(title), date=date.isoformat(),
                           body=_quoted(body) if body else
                           "                         # the body that met, e.g. Council of Foreign Ministers")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never over an existing release
        file.write(text)
    return path


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one) that keeps the text as typed."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)

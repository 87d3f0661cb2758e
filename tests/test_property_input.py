"""Property: for any file an editor could save, the build makes a site or reports
content problems with file:line — never a traceback; and a site it makes is one
every client reads: feeds (feedparser, strict XML), calendars (icalendar), data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import feedparser
import icalendar
import lxml.etree
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from briefing.commands.build import build
from briefing.project import Report
from briefing.problems import ContentError
from briefing.read.schema import FIELDS
from conftest import project

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=40), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(["XXIII", "in person", "hybrid", "RU", "Russia", "Atlantis", "NO", "023",
                     "2021-02-30", "https://example.org/", "javascript:alert(1)", "../x", "~", ""]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["name", "position", "country",
                                                                  "organization", "x"]), inner, max_size=4)),
    max_leaves=12)
keys = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12))
front_matter = st.dictionaries(keys, values, max_size=10).map(
    lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False))
markdown_text = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from([
    "# H\n\n| a |\n|---|\n| b |\n", "[x](javascript:alert(1))", "<script>x</script>",
    "```\ncode\n", "[^1]\n\n[^1]: n", "> q\n> > qq", "* a\n    * b\n        * c"])
# Mostly well-formed releases, with hostile text in every field that takes text.
words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30).filter(str.strip)
plausible = st.fixed_dictionaries(
    {"title": words, "date": st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))},
    optional={
        "organization": words, "body": st.sampled_from(["Council", "council", "Other"]) | words,
        "session": st.integers(1, 3999) | st.sampled_from(["XXIII", "iv"]),
        "format": st.sampled_from(["in person", "videoconference", "hybrid"]),
        "location": words | st.just("Minsk, Belarus"),
        "chair": st.fixed_dictionaries({"name": words}, optional={"country": st.sampled_from(["RU", "Belarus"])}),
        "countries": st.lists(st.sampled_from(["RU", "Russia", "BY", "Kyrgyz Republic", "NO"]), max_size=5),
        "officials": st.lists(st.fixed_dictionaries({"name": words}, optional={"position": words})),
        "topics": st.lists(words, max_size=3), "summary": words, "draft": st.booleans(),
        "lang": st.sampled_from(["en", "ru", "fr-CA"]), "extra": values,
    }).map(lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False))

release = st.one_of(
    st.tuples(plausible, markdown_text).map(lambda fb: f"---\n{fb[0]}---\n{fb[1]}".encode()),
    st.tuples(front_matter, markdown_text).map(lambda fb: f"---\n{fb[0]}---\n{fb[1]}".encode()),
    st.tuples(st.text(max_size=200), markdown_text).map(lambda fb: f"---\n{fb[0]}\n---\n{fb[1]}".encode()),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(release, min_size=1, max_size=3))
# found by it: a page with no word to index but its title stopped Pagefind
@example(files=[b"---\ntitle: ':'\ndate: 2000-01-01\n---\n"])
def test_any_input_builds_or_is_reported_with_file_and_line(files):
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        content.mkdir()
        # with a base_url, every file is made: feeds, calendars, the sitemap
        (Path(folder) / "site.yaml").write_text("base_url: https://briefings.example.org/\n")
        for number, data in enumerate(files):
            (content / f"r{number}.md").write_bytes(data)
        try:
            report = build(project(content, Path(folder) / "site"))
        except ContentError as failed:
            event("reported")
            assert failed.problems
            for problem in failed.problems:
                assert problem.path.endswith(".md") and problem.line >= 1, problem
                assert str(problem).startswith(f"{problem.path}:{problem.line}:")
            assert not (Path(folder) / "site").exists()
        else:
            event("built")
            assert isinstance(report, Report)
            assert (Path(folder) / "site" / "index.html").is_file()
            readable_by_clients(Path(folder) / "site")


def readable_by_clients(site: Path) -> None:
    """Every feed, calendar and data file of `site` reads back in the client made for it."""
    for xml in site.rglob("*.xml"):
        lxml.etree.parse(str(xml))  # strict XML: a control character would fail here
    for feed in site.rglob("feed.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.bozo_exception)
    for ics in site.rglob("*.ics"):
        icalendar.Calendar.from_ical(ics.read_bytes())
    json.loads((site / "data/meetings.json").read_bytes())
    list(csv.reader(io.StringIO((site / "data/meetings.csv").read_bytes().decode("utf-8-sig"))))

"""Incremental builds are exact: after any sequence of edits, additions, renames,
deletions, template and asset changes, the cached, incremental output is
byte-identical to a clean build of the same input."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest

from briefing.commands.build import Builder
from briefing.project import Project
from briefing.problems import ContentError
from briefing.publish import search
from conftest import ROOT, indexed_pages, meeting_urls

COUNTRIES = ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "China"]
BODIES = ["Council of Foreign Ministers", "Council of Defence Ministers"]


# two spellings that are two topics but one slug: which gets "-2" depends on them all
TOPICS = ["drug trafficking", "drug-trafficking", "Migration"]


def release(title: str, day: int, body: int, session: int, countries: list[str], chair: int,
            text: str, draft: bool, topics: list[str] = (), precision: int = 0, span: int = 0,
            year: int = 2021) -> str:
    month, date = 1 + day // 28, 1 + day % 28
    when = (f"{year}-{month:02d}-{date:02d}" + (f"\nend_date: {year}-{month:02d}-{date + span:02d}"
                                                 if span else ""), f"{year}-{month:02d}",
            str(year))[precision]
    return (f"---\ntitle: {title}\ndate: {when}\n"
            f"organization: CSTO\nbody: {BODIES[body]}\nsession: {session}\n"
            f"chair: {{country: {COUNTRIES[chair]}}}\ncountries: [{', '.join(countries)}]\n"
            f"topics: [{', '.join(topics)}]\n"
            f"draft: {'true' if draft else 'false'}\n---\n\n{text}\n")


releases = st.builds(
    release,
    title=st.sampled_from(["Meeting", "Session", "Council meets", "Заседание"]),
    day=st.integers(0, 8 * 28),
    body=st.integers(0, 1),
    session=st.integers(1, 6),
    countries=st.lists(st.sampled_from(COUNTRIES), max_size=4, unique=True),
    chair=st.integers(0, len(COUNTRIES) - 1),
    text=st.sampled_from(["Text.", "Other **text**.", "| a |\n|---|\n| b |"]),
    draft=st.booleans(),
    topics=st.lists(st.sampled_from(TOPICS), max_size=2, unique=True),
    precision=st.sampled_from([0, 0, 0, 1, 2]),  # a day, a month, a year
    span=st.sampled_from([0, 0, 0, 2]),  # (with a day) a meeting over three days
    year=st.sampled_from([2021, 2021, 2019, 2022]),  # the range of years can grow and shrink
)
names = st.sampled_from([f"{year}/r{n}.md" for year in (2020, 2021) for n in range(6)])
steps = st.one_of(
    st.tuples(st.just("write"), names, releases),  # add or edit
    st.tuples(st.just("delete"), names, st.none()),
    st.tuples(st.just("rename"), names, names),
    st.tuples(st.just("template"), st.sampled_from(["meeting.html", "country.html", "base.html"]),
              st.sampled_from(["<!-- a -->", "<!-- b -->"])),
    st.tuples(st.just("asset"), st.just("style.css"), st.sampled_from(["/* a */", "/* b */"])),
    st.tuples(st.just("break"), names, st.just("---\ntitle: [\n---\n")),
    st.tuples(st.just("lose"), st.just("site"), st.none()),  # the next build is full, into the spare
    # another day: meetings after it are upcoming (the releases are of 2021)
    st.tuples(st.just("day"), st.none(), st.dates(dt.date(2018, 12, 30), dt.date(2022, 10, 1))),
)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def apply(step, work: Path) -> None:
    kind, name, value = step
    if kind in ("write", "break"):
        (work / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (work / "content" / name).write_text(value)
    elif kind == "delete":
        (work / "content" / name).unlink(missing_ok=True)
    elif kind == "rename" and (work / "content" / name).exists() and name != value:
        (work / "content" / value).parent.mkdir(parents=True, exist_ok=True)
        (work / "content" / name).rename(work / "content" / value)
    elif kind == "template":
        path = work / "templates" / name
        path.write_text(path.read_text().rstrip("\n").rsplit("\n<!--", 1)[0] + "\n" + value + "\n")
    elif kind == "asset":
        (work / "assets" / name).write_text((ROOT / "assets" / name).read_text() + value)
    elif kind == "lose":
        shutil.rmtree(work / name, ignore_errors=True)
    elif kind == "day":
        (work / "today").write_text(value.isoformat())


def today(work: Path) -> dt.date | None:
    """The day the builds take as today: the last "day" step's, or the real one."""
    day = work / "today"
    return dt.date.fromisoformat(day.read_text()) if day.exists() else None


def outcome(builder: Builder) -> tuple[str, dict[str, bytes] | list[str]]:
    builder.today = today(builder.project.out.parent)
    try:
        builder.build()
    except ContentError as failed:
        return "failed", [str(p) for p in failed.problems]
    site = builder.project.out
    if meeting_urls(site):  # the search index: exactly the site's meetings, none stale
        urls, count = indexed_pages(site)
        assert urls == meeting_urls(site) and count == len(urls)
    return "built", files(site)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.lists(st.tuples(names, releases), min_size=1, max_size=6),
       changes=st.lists(steps, min_size=1, max_size=6))
def test_incremental_output_equals_a_clean_build(start, changes):
    # shards of at most two meetings: a build keeps some and makes others again
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", 2)
        work = Path(folder)
        shutil.copytree(ROOT / "templates", work / "templates")
        shutil.copytree(ROOT / "assets", work / "assets")
        (work / "site.yaml").write_text("base_url: https://example.org/\n")  # feeds, calendars too
        for name, text in start:
            apply(("write", name, text), work)

        def builder(out: str, cache: str | None, live: bool = False) -> Builder:
            return Builder(Project(work / "content", work / "templates", work / "assets",
                                   work / out, cache=work / cache if cache else None,
                                   config=work / "site.yaml", bodies=work / "bodies.yaml"),
                           live_script="" if live else None)

        # as `build.py` does it (a new process each time) and as the live preview does
        # (one builder, which keeps what it made in memory between builds)
        incremental, live = builder("site", ".cache"), builder("live", ".cache", live=True)
        now = last = outcome(incremental)
        outcome(live)
        for step in changes:
            apply(step, work)
            shutil.rmtree(work / "clean", ignore_errors=True)
            clean = outcome(builder("clean", None))
            now = outcome(Builder(incremental.project))
            assert now == clean, step
            assert outcome(live) == clean, step
            if now[0] == "failed" and step[0] != "lose":  # the site stays as the last good build left it
                assert last[0] == "failed" or files(work / "site") == last[1]
            else:
                last = now
        assert outcome(Builder(incremental.project)) == now  # and a build with nothing changed changes nothing


def test_a_meeting_page_follows_its_topics_address(tmp_path):
    """A topic's address can change without its meeting changing: here a new
    release's topic takes the slug, and the first one's page must link to "-2"."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    project = Project(tmp_path / "content", tmp_path / "templates", tmp_path / "assets",
                      tmp_path / "site", cache=tmp_path / ".cache", config=tmp_path / "none.yaml",
                      bodies=tmp_path / "none.yaml")
    first = dict(title="Meeting", day=1, body=0, session=1, countries=["Armenia"], chair=0,
                 text="Text.", draft=False)
    apply(("write", "2021/a.md", release(**first, topics=["drug-trafficking"])), tmp_path)
    # between them in time, of another body: the new one is neither neighbour nor related
    apply(("write", "2021/c.md", release(**{**first, "day": 20, "body": 1})), tmp_path)
    Builder(project).build()
    page = tmp_path / "site/meetings/a/index.html"
    assert 'href="../../topics/drug-trafficking/index.html"' in page.read_text()
    apply(("write", "2021/b.md", release(**{**first, "day": 40, "body": 1, "session": 2},
                                             topics=["drug trafficking"])),
          tmp_path)
    Builder(project).build()
    assert 'href="../../topics/drug-trafficking-2/index.html"' in page.read_text()

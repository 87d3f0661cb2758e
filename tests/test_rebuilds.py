"""Rebuilds from the command line, each a new process as an editor runs them: an
edit re-renders what shows it and rewrites only the files whose bytes change
(the others keep their inode and modification time, so rsync and a live-reloading
browser see only real changes)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, indexed_pages, meeting_urls

XXIV = "content/2021/csto-drug-council-xxiv.md"
XXIV_PAGE = "meetings/csto-drug-council-xxiv/index.html"


@pytest.fixture
def work(tmp_path) -> Path:
    shutil.copytree(FIXTURES / "corpus", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    assert "built" in rebuild(tmp_path)
    return tmp_path


def rebuild(work: Path) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--verbose", "--no-search"],
                          cwd=work, capture_output=True, text=True, check=True)
    return done.stdout


def files(work: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file of the site: its inode, modification time and bytes."""
    site = work / "site"
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
            for p in site.rglob("*") if p.is_file()}


def rewritten(before: dict, after: dict) -> set[str]:
    """Files written (or removed) since `before`."""
    return {path for path in before.keys() | after.keys()
            if before.get(path, (0, 0))[:2] != after.get(path, (0, 0))[:2]}


def differing(before: dict, after: dict) -> set[str]:
    return {path for path in before.keys() | after.keys()
            if before.get(path, (0, 0, b""))[2] != after.get(path, (0, 0, b""))[2]}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def counts(report: str) -> tuple[int, int, int]:
    """(releases parsed, pages rendered, files written) from the --verbose report."""
    parsed, rendered, wrote = re.search(
        r"parsed (\d+) of .* rendered (\d+) of .* wrote (\d+) file", report).groups()
    return int(parsed), int(rendered), int(wrote)


def test_nothing_changed_writes_nothing(work):
    before = files(work)
    assert rebuild(work).startswith("nothing changed: 41 pages up to date")
    assert rewritten(before, files(work)) == set()


def test_a_text_edit_rewrites_the_meeting_page_alone(work):
    before = files(work)
    edit(work / XXIV, "The council met in Minsk.", "The council met in Minsk, in June.")
    assert counts(rebuild(work)) == (1, 1, 1)
    after = files(work)
    assert rewritten(before, after) == differing(before, after) == {XXIV_PAGE}
    assert b"in Minsk, in June." in after[XXIV_PAGE][2]


def test_a_facts_edit_rewrites_every_page_that_shows_them_and_no_other(work):
    before = files(work)
    edit(work / XXIV, "countries: [AM, BY, KZ, KG, RU, TJ]", "countries: [AM, BY, KZ, KG, RU]")
    parsed, rendered, wrote = counts(rebuild(work))
    after = files(work)
    changed = rewritten(before, after)
    assert changed == differing(before, after)  # and none rewritten with the same bytes
    assert parsed == 1 and wrote == len(changed) and rendered >= wrote
    assert {XXIV_PAGE, "countries/tajikistan/index.html", "countries/index.html",
            "data/meetings.json", "data/meetings.csv"} <= changed
    # pages that do not show XXIV's countries keep their files
    assert not changed & {"meetings/csto-drug-council-xxiii/index.html", "countries/china/index.html",
                          "bodies/index.html", "topics/index.html", "assets/style.css"}
    assert "countries/tajikistan/index.html" in after  # Tajikistan attended XXIII still


def test_a_body_renamed_in_the_registry_is_renamed_in_every_row_of_the_data_files(work):
    # the body in every row of meetings.json and .csv comes from the registry, even
    # when no release is read again
    (work / "bodies.yaml").write_text("Heads of Government Council:\n  organization: CIS\n"
                                      "  aliases: [Council of Heads of Government]\n")
    assert counts(rebuild(work))[0] == 0  # (no release read again)
    data = work / "site/data"
    rows = [*json.loads((data / "meetings.json").read_text())["meetings"],
            *csv.DictReader(io.StringIO((data / "meetings.csv").read_text(encoding="utf-8-sig")))]
    assert [row["body"] for row in rows if row["slug"] == "cis-heads-of-government"] == \
        ["Heads of Government Council"] * 2
    clean = work / "clean"
    clean.mkdir()
    for name in ("content", "templates", "bodies.yaml"):
        (shutil.copytree if name != "bodies.yaml" else shutil.copy)(work / name, clean / name)
    rebuild(clean)
    for name in ("meetings.json", "meetings.csv"):
        assert (work / "site/data" / name).read_bytes() == (clean / "site/data" / name).read_bytes()


def test_a_template_edit_parses_no_release(work):
    edit(work / "templates/meeting.html", "{% block main %}", "{% block main %}<!-- edited -->")
    parsed, rendered, wrote = counts(rebuild(work))
    # every page is rendered again (a template may include another), but only the five
    # published meetings' pages differ, and only they are written
    assert (parsed, rendered, wrote) == (0, 41, 5)
    assert b"<!-- edited -->" in (work / "site" / XXIV_PAGE).read_bytes()


def test_a_removed_release_leaves_no_trace(work):
    (work / XXIV).unlink()
    rebuild(work)
    site = files(work)
    assert XXIV_PAGE not in site
    assert [path for path, (_, _, data) in site.items() if b"csto-drug-council-xxiv" in data] == []


def test_a_text_edit_in_a_new_process_neither_arranges_the_site_nor_plans_its_pages(
        work, monkeypatch):
    from briefing.commands import build as build_module, stages
    from briefing.render import plan
    from conftest import project

    config = project(work / "content", work / "site", cache=work / ".cache")
    config = replace(config, templates=work / "templates", config=work / "site.yaml",
                     bodies=ROOT / "bodies.yaml")  # a registry of bodies, as the example has
    build_module.Builder(config, search=False).build()  # the memory now holds this site
    edit(work / XXIV, "The council met in Minsk.", "The council met in Minsk again.")
    monkeypatch.setattr(stages, "arrange_site", lambda *a, **k: pytest.fail("site arranged"))
    monkeypatch.setattr(plan, "plan", lambda *a, **k: pytest.fail("pages planned"))
    report = build_module.Builder(config, search=False).build()  # a new builder: memory from disk
    assert (report.parsed, report.rendered, report.written) == (1, 1, 1)


def test_the_search_index_holds_exactly_the_sites_meetings_whatever_folder_it_is_made_in(tmp_path):
    """The bug: a full build writes into the spare (the site before last) and
    indexed it before pruning it, so a removed meeting stayed findable (a 404)."""
    shutil.copytree(FIXTURES / "corpus", tmp_path / "content")

    def build_and_compare() -> None:
        subprocess.run([sys.executable, str(ROOT / "build.py"), "-q"], cwd=tmp_path, check=True,
                       capture_output=True)
        urls, count = indexed_pages(tmp_path / "site")
        assert urls == meeting_urls(tmp_path / "site") and count == len(urls)

    build_and_compare()
    (tmp_path / XXIV).unlink()  # an update: the spare is now the site with XXIV
    build_and_compare()
    shutil.rmtree(tmp_path / "site")  # the next build is full, into that spare
    build_and_compare()
    assert "/meetings/csto-drug-council-xxiv/" not in indexed_pages(tmp_path / "site")[0]


def test_a_text_edit_indexes_again_only_the_search_shard_of_its_meeting(work, monkeypatch):
    """Each shard of the search index is a Pagefind index of its own pages: an edit
    makes its meeting's shard again and keeps every other shard's files as they were."""
    import gzip

    from briefing.commands import build as build_module
    from briefing.publish import search
    from conftest import project

    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    config = replace(project(work / "content", work / "site", cache=work / ".cache"),
                     templates=work / "templates")
    build_module.Builder(config).build()
    shards = search.shards(f"meetings/{url.split('/')[2]}/index.html"
                           for url in meeting_urls(work / "site"))
    own = next(name for name, pages in shards.items() if XXIV_PAGE in pages)
    assert len(shards) > 2
    before = files(work)
    edit(work / XXIV, "The council met in Minsk.", "The council met in Minsk, in Zanzibarville.")
    build_module.Builder(config).build()
    after = files(work)
    index = {path for path in rewritten(before, after) if path.startswith(search.FOLDER)}
    assert index and all(path.startswith(search.folder(own)) for path in index)
    fragments = [gzip.decompress(after[path][2]) for path in index & after.keys()
                 if "/fragment/" in path]
    assert any(b"Zanzibarville" in fragment for fragment in fragments)
    urls, count = indexed_pages(work / "site")
    assert urls == meeting_urls(work / "site") and count == len(urls)


def test_a_meeting_stays_in_its_search_shard_while_the_site_grows_to_twice_its_size():
    from briefing.publish import search

    pages = [f"meetings/m{number}/index.html" for number in range(5000)]
    small, large = search.shards(pages[:1100]), search.shards(pages[:2048])
    assert len(small) == len(large) == 4  # (512 pages to a shard on average, at most)
    where = {page: name for name, shard in large.items() for page in shard}
    assert all(where[page] == name for name, shard in small.items() for page in shard)
    assert max(map(len, large.values())) <= 600 and min(map(len, large.values())) >= 430
    assert len(search.shards(pages)) == 16 and search.shards([]) == {}


def test_pagefind_failing_stops_the_build_soon_and_leaves_the_site_as_it_was(work, monkeypatch):
    """A shard's Pagefind run that fails is the build's failure, in Pagefind's words; the
    shards not begun are not begun (not 30 more runs at 10,000 releases), and the site
    is the last build's."""
    from briefing.commands import build as build_module
    from briefing.publish import search
    from conftest import project

    monkeypatch.setattr(search, "SHARD_PAGES", 1)  # (the corpus: a shard to each meeting)
    runs = work / "runs"
    broken = work / "pagefind"
    # the first run fails at once, the others after 2 s: a run begun before the build
    # knew of the failure ends; none begins after it
    broken.write_text(f'#!/bin/sh\necho run >> "{runs}"\nmkdir "{work / "first"}" 2>/dev/null '
                      '|| sleep 2\necho "broken binary" >&2\nexit 3\n')
    broken.chmod(0o755)
    monkeypatch.setattr(search, "_pagefind", lambda: str(broken))
    config = replace(project(work / "content", work / "site", cache=work / ".cache"),
                     templates=work / "templates")
    before = files(work)
    with pytest.raises(search.SearchFailed, match="pagefind: broken binary"):
        build_module.Builder(config).build()
    assert files(work) == before
    shards = len(search.shards(f"meetings/{url.split('/')[2]}/index.html"
                               for url in meeting_urls(work / "site")))
    assert shards >= 4 and len(runs.read_text().split()) <= 3


@pytest.mark.parametrize("signal, said", [
    ("XFSZ", "SIGXFSZ (File size limit exceeded)"),
    ("40", "40 (Real-time signal 6)")])  # (a signal without a name)
def test_pagefind_killed_by_the_system_is_said_so_not_an_empty_reason(work, monkeypatch, signal,
                                                                     said):
    """Killed for a file size limit (or for memory), Pagefind says nothing: the build
    says how it ended."""
    from briefing.commands import build as build_module
    from briefing.publish import search
    from conftest import project

    killed = work / "pagefind"
    killed.write_text(f"#!/bin/sh\nkill -{signal} $$\n")
    killed.chmod(0o755)
    monkeypatch.setattr(search, "_pagefind", lambda: str(killed))
    config = replace(project(work / "content", work / "site", cache=work / ".cache"),
                     templates=work / "templates")
    with pytest.raises(search.SearchFailed) as failed:
        build_module.Builder(config).build()
    assert str(failed.value) == f"pagefind: stopped by signal {said}"


def test_a_build_without_search_leaves_no_index_that_could_find_a_meeting_gone(work):
    """`--no-search` after a build with search: the last index would still find a
    removed meeting (a dead link), so the site has none."""
    subprocess.run([sys.executable, str(ROOT / "build.py"), "-q"], cwd=work, check=True)
    assert "/meetings/csto-drug-council-xxiv/" in indexed_pages(work / "site")[0]
    (work / XXIV).unlink()
    rebuild(work)  # (--no-search)
    assert not (work / "site" / "pagefind").exists()

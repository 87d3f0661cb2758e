"""Two builds at once never mix (issue 12, point 2): one output folder, one cache,
one build at a time; the second waits and says so, or gives up clearly."""

from __future__ import annotations

import random
import select
import subprocess
import sys
import time
from pathlib import Path

from briefing.publish.guard import locked
from conftest import ROOT, cli, release_text
from test_killed_build import corpus, digest


def command(content: Path, *more: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
            "--out", "site", "--quiet", *more]


def leftovers(work: Path) -> list[str]:
    """What a build should never leave: half-written files, staging folders."""
    return sorted([p.relative_to(work).as_posix() for p in work.rglob("*.new")] +
                  [p.name for p in work.glob(".site.build-*")])


def test_two_builds_at_once_end_in_one_whole_build_every_time(tmp_path):
    """Search on: indexing makes a build long enough for two to overlap at every stage
    (without the locks, about one round in four ended in a mixed site)."""
    first, second = corpus(tmp_path / "first", 24, "First"), corpus(tmp_path / "second", 16, "Second")
    clean = {}
    for name, content in (("first", first), ("second", second)):
        subprocess.run(command(content, "--no-cache"), cwd=tmp_path, check=True)
        clean[digest(tmp_path / "site")] = name
    assert len(clean) == 2
    rng = random.Random(12)
    for round in range(10):  # in turn one first, the second a moment later
        builds = []
        for content in ((first, second) if round % 2 else (second, first)):
            builds.append(subprocess.Popen(command(content), cwd=tmp_path, stderr=subprocess.PIPE,
                                           text=True))
            time.sleep(rng.uniform(0, 0.5))
        results = [(build.wait(timeout=120), build.stderr.read()) for build in builds]
        assert [status for status, _ in results] == [0, 0], results
        assert digest(tmp_path / "site") in clean, f"round {round}: a mixed site"
        assert leftovers(tmp_path) == []
    for name, content in (("first", first), ("second", second)):  # the cache tells the truth
        subprocess.run(command(content), cwd=tmp_path, check=True)
        assert clean[digest(tmp_path / "site")] == name


def test_a_build_waits_for_the_one_holding_the_folder_and_says_so(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.md").write_text(release_text())
    with locked(tmp_path / ".site.lock", "site/"):  # another build, as far as it can tell
        waiting = subprocess.Popen(command(tmp_path / "content"), cwd=tmp_path,
                                   stderr=subprocess.PIPE, text=True)
        assert select.select([waiting.stderr], [], [], 30)[0], "it never said it waits"
        line = waiting.stderr.readline()
        time.sleep(0.5)
        assert waiting.poll() is None and not (tmp_path / "site").exists()
    assert waiting.wait(timeout=60) == 0
    assert line.startswith("waiting for another build of site/ (process ")
    assert line.endswith(") to finish ...\n")
    assert (tmp_path / "site/index.html").is_file()


def test_a_build_that_waited_too_long_gives_up_with_one_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.md").write_text(release_text())
    with locked(tmp_path / ".cache/lock", "the cache"):  # e.g. the live preview, building
        done = cli("build", "--wait", "0.5", cwd=tmp_path)
        checked = cli("check", "--wait", "0.5", cwd=tmp_path)
    assert done.returncode == checked.returncode == 1
    for run in (done, checked):
        waited, gave_up = run.stderr.splitlines()
        assert waited.startswith("waiting for another build of the cache .cache/ (process ")
        assert gave_up.startswith("another build of the cache .cache/ (process ")
        assert gave_up.endswith("has not finished after 0.5 s; nothing was done: try again "
                                "once it is done")
    assert not (tmp_path / "site").exists()

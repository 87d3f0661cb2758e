"""The project's own corpus generator (bench/corpus.py): a clone anywhere runs its
tests and its benchmark with nothing from outside the repository (issue 12, point 13)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_the_same_count_and_seed_give_the_same_bytes_whatever_the_environment(tmp_path):
    written = corpus.generate(tmp_path / "a", 120, seed=3)
    assert len(written) == 120
    subprocess.run([sys.executable, str(ROOT / "bench/corpus.py"), str(tmp_path / "b"), "120",
                    "--seed", "3"], check=True, capture_output=True,
                   env={"PYTHONHASHSEED": "123", "LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(corpus.generate(tmp_path / "c", 120, seed=4)[0].parents[1])


def test_the_hugo_flavour_holds_the_same_meetings(tmp_path):
    corpus.generate(tmp_path / "native", 200)
    corpus.generate(tmp_path / "hugo", 200, flavor="hugo")
    for release in (tmp_path / "native").rglob("*.md"):
        twin = tmp_path / "hugo/meetings" / release.relative_to(tmp_path / "native")
        native = yaml.safe_load(release.read_text().split("---\n")[1])
        hugo = yaml.safe_load(twin.read_text().split("---\n")[1])
        assert {k: v for k, v in hugo.items() if k not in ("bodies", "date")} == \
            {k: v for k, v in native.items() if k != "date"}
        assert hugo["bodies"] == [native["body"]]
        # Hugo reads a day only: a release of a month or a year is dated by its first day
        assert str(hugo["date"]).startswith(str(native["date"]))
    assert (tmp_path / "hugo/timeline.md").is_file()


def test_tests_and_benchmark_read_nothing_outside_the_repository():
    """Before: the gates and the 1,000-release test read ../shared/bench/gen_corpus.py,
    so a clone of its own errored on 7 tests and skipped 4. Only the benchmark may
    look for the workspace's Hugo site, to measure Hugo beside us when it is there."""
    outside = []
    for source in [*ROOT.glob("tests/*.py"), *ROOT.glob("bench/*.py")]:
        for line in source.read_text().splitlines():
            if ("ROOT.parent" in line or '"shared"' in line) and source.name != "test_corpus.py":
                outside.append(f"{source.relative_to(ROOT)}: {line.strip()}")
    assert outside == [
        'bench/run.py: HUGO_SITE = ROOT.parent / "shared" / "bench" / "hugo-site"  # the '
        "workspace's, if present"]

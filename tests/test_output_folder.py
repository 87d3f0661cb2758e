"""--out never deletes what the tool did not make (issue 12, point 1): an output folder
is absent, empty, or marked as a site of this tool; dangerous places are refused."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing.publish.guard import MARKER
from conftest import ROOT, cli, release_text


@pytest.fixture
def work(tmp_path) -> Path:
    """A project as an editor has it: content, own templates and assets, settings."""
    project = tmp_path / "project"
    (project / "content/2021").mkdir(parents=True)
    (project / "content/2021/council.md").write_text(release_text("Council meets"))
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "assets", project / "assets")
    (project / "site.yaml").write_text("title: Briefings\n")
    (project / "notes").mkdir()
    (project / "notes/todo.txt").write_text("call the press office")
    (tmp_path / "home").mkdir()
    (tmp_path / "home/letter.txt").write_text("dear editor")
    return project


def everything(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder` (not following links): its inode, time and size."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[path.relative_to(folder).as_posix()] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return found


def build(work: Path, *args: str):
    return cli("build", "--no-search", *args, cwd=work, env={"HOME": str(work.parent / "home")})


@pytest.mark.parametrize("out, says", [
    ("content", "it is the content folder (content)"),
    ("content/2021", "it is inside the content folder (content)"),
    ("templates", "it is the templates (templates)"),
    ("assets/img", "it is inside the assets (assets)"),
    (".", "it is the project folder"),
    ("..", "it holds the content folder (content)"),
    ("~", "it is your home folder"),
    ("/", "it is the root folder (/)"),
    (".cache", "it is the build cache (.cache)"),
    ("notes", "it holds files this tool did not make (it has no .briefing-site); nothing was "
              "touched. Move them away, or choose an empty or new folder with --out"),
])
def test_a_dangerous_or_foreign_output_is_refused_with_one_line_and_nothing_touched(work, out, says):
    (work / ".cache").mkdir()
    (work / ".cache/keep.txt").write_text("x")
    before = everything(work.parent)
    target = str(work.parent / "home") if out == "~" else out
    done = build(work, "--out", target)
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"refusing to build into {target.rstrip('/')}/: ")
    assert says in done.stderr
    assert everything(work.parent) == before


def test_a_file_or_a_link_where_the_folder_goes_is_refused_and_left_alone(work):
    (work / "site").write_text("my notes, not a site")
    done = build(work)
    assert done.returncode == 1
    assert done.stderr == ("refusing to build into site: it is a file, not a folder; move it away "
                           "or choose another --out\n")
    assert (work / "site").read_text() == "my notes, not a site"
    (work / "site").unlink()
    (work / "site").symlink_to(work / "notes")
    before = everything(work)
    done = build(work)
    assert done.returncode == 1 and "it is a symbolic link (to" in done.stderr
    assert everything(work) == before


def test_an_absent_or_empty_folder_is_built_into_and_marked(work):
    (work / "empty").mkdir()
    for out in ("site", "empty", "new/deeper"):
        done = build(work, "--out", out)
        assert done.returncode == 0, done.stderr
        assert (work / out / MARKER).is_file() and (work / out / "index.html").is_file()
        assert build(work, "--out", out).returncode == 0  # and again: it is ours now


def test_a_folder_made_anew_where_the_site_was_is_not_taken_for_it(work):
    """A folder's number is no proof: a folder made where the site was may get the
    same inode, and a volume's top folder always has the same one."""
    assert build(work).returncode == 0
    shutil.rmtree(work / "site")
    (work / "site").mkdir()
    (work / "site/thesis.txt").write_text("two years of work")
    for options in ((), ("--no-cache",)):
        done = build(work, *options)
        assert done.returncode == 1 and "it holds files this tool did not make" in done.stderr
    assert (work / "site/thesis.txt").read_text() == "two years of work"
    (work / "site/thesis.txt").unlink()  # and an empty one is built into, not called up to date
    done = build(work)
    assert done.returncode == 0 and done.stdout.startswith("built ")
    assert (work / "site/index.html").is_file()


def test_a_site_without_the_marker_is_refused_and_deleting_it_once_is_safe(work):
    assert build(work).returncode == 0
    (work / "site" / MARKER).unlink()  # as an earlier version of the tool left its sites
    done = build(work)
    assert done.returncode == 1 and "it holds files this tool did not make" in done.stderr
    shutil.rmtree(work / "site")
    assert build(work).returncode == 0 and (work / "site" / MARKER).is_file()


def test_an_output_folder_that_cannot_be_read_is_named(work):
    (work / "locked").mkdir()
    (work / "locked").chmod(0o300)
    try:
        done = cli("build", "--no-search", "--out", "locked", cwd=work, ordinary_user=True)
    finally:
        (work / "locked").chmod(0o755)
    assert (done.returncode, done.stderr) == (1, "cannot read locked/: Permission denied\n")


def test_a_lock_file_is_never_written_through_a_link(work):
    precious = work.parent / "precious.txt"
    precious.write_text("keep me")
    (work / ".site.lock").symlink_to(precious)
    done = build(work)
    assert done.returncode == 1
    assert done.stderr == ("refusing to use .site.lock as the lock of site/: it is a symbolic "
                           "link; remove it\n")
    (work / ".site.lock").unlink()
    os.link(precious, work / ".site.lock")  # a second name of the same file
    done = build(work)
    assert done.returncode == 1 and "it is not a plain file of its own" in done.stderr
    assert precious.read_text() == "keep me"


def test_a_spare_the_tool_did_not_make_is_left_alone(work):
    (work / ".site.spare").mkdir()
    (work / ".site.spare/photos.txt").write_text("holiday")
    before = everything(work / ".site.spare")
    for title in ("One", "Two", "Three"):
        (work / "content/2021/council.md").write_text(release_text(title))
        done = build(work)
        assert done.returncode == 0, done.stderr
        assert ".site.spare: warning: output: not made by this tool" in done.stderr
    assert everything(work / ".site.spare") == before
    assert sorted(p.name for p in work.iterdir() if p.name.startswith(".site")) == [
        ".site.lock", ".site.spare"]  # no staging folder left behind either

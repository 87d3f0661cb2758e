"""write: the new site replaces the old one whole, or not at all; updates touch only changes."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pytest

from briefing.model.urls import file_of, relative
from briefing.publish.guard import MARKER
from briefing.publish.write import Draft, Folders, UnsafePath, current


# The whole of a build's writing, without the build: a Draft filled, then committed.

def publish(files: Iterable[tuple[str, bytes]], out: Path) -> Folders:
    """Make `files` (site path, bytes) the whole new content of `out`.

    Rendering may still be under way in `files`: any exception leaves `out`
    untouched."""
    return _apply(Draft(out), ((path, data) for path, data in files))


def update(changes: Iterable[tuple[str, bytes | None]], out: Path, folders: Folders) -> Folders:
    """Apply `changes` (site path, new bytes, or None to remove) to the live site at `out`,
    described by `folders` (see `current`)."""
    return _apply(Draft(out, folders), changes)


def _apply(draft: Draft, changes: Iterable[tuple[str, bytes | None]]) -> Folders:
    changed = []
    try:
        for path, data in changes:
            if data is None:
                draft.remove(path)
            else:
                draft.write(path, data)
            changed.append(path)
    except BaseException as error:
        draft.abort(error)
        raise
    return draft.commit(changed)



def tree(folder, ours: bool = True) -> dict[str, bytes]:
    """The site's files, but the marker every site made by the tool carries."""
    assert (folder / MARKER).is_file() == ours, folder
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def test_publish_writes_every_file(tmp_path):
    publish([("index.html", b"home"), ("meetings/a/index.html", b"a"), ("assets/style.css", b"x")],
            tmp_path / "site")
    assert tree(tmp_path / "site") == {"assets/style.css": b"x", "index.html": b"home",
                                       "meetings/a/index.html": b"a"}


def test_stale_pages_disappear_and_no_staging_is_left(tmp_path):
    out = tmp_path / "site"
    publish([("index.html", b"1"), ("meetings/old/index.html", b"old")], out)
    publish([("index.html", b"2")], out)
    assert tree(out) == {"index.html": b"2"}
    # the old site is kept beside as the spare, for the next build to write into
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.spare", "site"]
    assert tree(tmp_path / ".site.spare") == {"index.html": b"1", "meetings/old/index.html": b"old"}


def test_a_full_build_writes_into_the_spare_files_and_removes_the_rest(tmp_path):
    out, spare = tmp_path / "site", tmp_path / ".site.spare"
    publish([("index.html", b"1"), ("x/index.html", b"x"), ("y", b"y"), ("old.html", b"o")], out)
    publish([("index.html", b"2")], out)
    inode = (spare / "index.html").stat().st_ino
    # a folder where the old site had a file, and a file where it had a folder
    publish([("index.html", b"3"), ("x", b"now a file"), ("y/index.html", b"now a folder")], out)
    assert tree(out) == {"index.html": b"3", "x": b"now a file", "y/index.html": b"now a folder"}
    assert (out / "index.html").stat().st_ino == inode  # the same file, written anew
    assert tree(spare) == {"index.html": b"2"}


def test_an_edit_after_a_full_build_twins_the_spare_it_finds(tmp_path):
    out, spare = tmp_path / "site", tmp_path / ".site.spare"
    publish([("index.html", b"1"), ("gone/index.html", b"g"), ("x", b"a file")], out)
    folders = publish([("index.html", b"2"), ("a/index.html", b"a"), ("x/index.html", b"in x")], out)
    assert tree(spare)["x"] == b"a file"  # the spare: the first site
    update([("a/index.html", b"A")], out, current(out, folders))
    assert tree(out) == {"index.html": b"2", "a/index.html": b"A", "x/index.html": b"in x"}
    assert tree(spare) == {"index.html": b"2", "a/index.html": b"a", "x/index.html": b"in x"}
    assert (spare / "index.html").stat().st_ino == (out / "index.html").stat().st_ino


def test_a_full_build_does_not_follow_a_symbolic_link_out_of_the_spare(tmp_path):
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    (elsewhere / "a").mkdir(parents=True)
    (elsewhere / "a/index.html").write_bytes(b"not ours")
    publish([("index.html", b"1")], out)
    (out / "meetings").symlink_to(elsewhere)  # put there by hand, say
    publish([("index.html", b"2")], out)  # the spare now holds the link
    publish([("index.html", b"3"), ("meetings/a/index.html", b"a")], out)
    assert tree(elsewhere, ours=False) == {"a/index.html": b"not ours"}
    assert tree(out) == {"index.html": b"3", "meetings/a/index.html": b"a"}


def test_a_full_build_never_writes_through_a_link_to_the_live_site(tmp_path):
    out = tmp_path / "site"
    folders = publish([("index.html", b"1"), ("a/index.html", b"a")], out)
    update([("a/index.html", b"A")], out, current(out, folders))
    spare = tmp_path / ".site.spare/index.html"
    assert spare.stat().st_ino == (out / "index.html").stat().st_ino  # one file in both

    def pages():
        yield "index.html", b"new"
        raise RuntimeError("a template failed half way")

    live = tree(out)
    with pytest.raises(RuntimeError):
        publish(pages(), out)
    assert tree(out) == live


def test_failure_while_rendering_leaves_the_old_site(tmp_path):
    out = tmp_path / "site"
    publish([("index.html", b"old")], out)

    def pages():
        yield "index.html", b"new"
        raise RuntimeError("a template failed half way")

    with pytest.raises(RuntimeError):
        publish(pages(), out)
    assert tree(out) == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("path", ["../evil.html", "meetings/../../evil.html", "/etc/evil.html", "",
                                  ".", "a/\0/b"])
def test_paths_outside_the_output_are_refused(tmp_path, path):
    with pytest.raises(UnsafePath):
        publish([(path, b"x")], tmp_path / "site")
    assert not (tmp_path / "evil.html").exists()
    assert not (tmp_path / "site").exists()


def test_leftovers_of_a_killed_build_are_swept(tmp_path):
    (tmp_path / ".site.build-abc123").mkdir()
    publish([("index.html", b"x")], tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_update_writes_only_changes_and_keeps_the_rest_untouched(tmp_path):
    out = tmp_path / "site"
    folders = publish([("index.html", b"1"), ("a/index.html", b"a"), ("b/index.html", b"b")], out)
    before = {p: (out / p).stat() for p in ("a/index.html", "b/index.html")}
    folders = update([("index.html", b"2"), ("c/index.html", b"c"), ("b/index.html", None)], out,
                     current(out, folders))
    assert tree(out) == {"index.html": b"2", "a/index.html": b"a", "c/index.html": b"c"}
    kept = (out / "a/index.html").stat()
    assert (kept.st_ino, kept.st_mtime_ns) == (before["a/index.html"].st_ino,
                                               before["a/index.html"].st_mtime_ns)
    # the spare twin is the previous site; the next update brings it level first
    assert tree(tmp_path / ".site.spare") == {"index.html": b"1", "a/index.html": b"a",
                                              "b/index.html": b"b"}
    folders = update([("a/index.html", b"A")], out, current(out, folders))
    assert tree(out) == {"index.html": b"2", "a/index.html": b"A", "c/index.html": b"c"}
    assert tree(tmp_path / ".site.spare") == {"index.html": b"2", "a/index.html": b"a",
                                              "c/index.html": b"c"}
    assert (out / "c/index.html").stat().st_ino == (tmp_path / ".site.spare/c/index.html").stat().st_ino
    update([("index.html", b"3")], out, current(out, folders))
    assert tree(out) == {"index.html": b"3", "a/index.html": b"A", "c/index.html": b"c"}


def test_a_replaced_site_is_not_mistaken_for_ours(tmp_path):
    out = tmp_path / "site"
    folders = publish([("index.html", b"1")], out)
    assert current(out, folders) == folders
    publish([("index.html", b"other")], out)  # e.g. another build, or a hand-made folder
    assert current(out, folders) is None


def test_relative_links_work_from_any_depth_and_from_disk():
    assert file_of("") == "index.html" and file_of("timeline/") == "timeline/index.html"
    assert relative("", "countries/russia/") == "countries/russia/index.html"
    assert relative("meetings/x/", "") == "../../index.html"
    assert relative("meetings/x/", "assets/style.css") == "../../assets/style.css"
    assert relative("404.html", "timeline/") == "timeline/index.html"

"""Every release is published or reported with its path: unreadable folders, links
out of content/, loops, FIFOs, devices, other spellings of .md (issue 12, point 3)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, cli, release_text


@pytest.fixture
def work(tmp_path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/kept.md").write_text(release_text("Kept meeting"))
    return tmp_path


def build(work: Path, **options):
    return cli("build", "--no-search", cwd=work, **options)


def meeting_pages(work: Path) -> list[str]:
    return sorted(p.name for p in (work / "site/meetings").iterdir())


def problem_lines(done) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.startswith("content")]


def test_an_unreadable_content_folder_is_an_error_not_an_empty_site(work):
    (work / "content").chmod(0)
    try:
        done = build(work, ordinary_user=True)
    finally:
        (work / "content").chmod(0o755)
    assert done.returncode == 1, done.stdout
    assert problem_lines(done) == ["content: folder: cannot be read: Permission denied "
                                   "(expected a folder the build may read (its permissions))"]
    assert not (work / "site").exists()


def test_an_unreadable_subfolder_or_file_is_an_error_with_its_path(work):
    (work / "content/2021").mkdir()
    (work / "content/2021/hidden-away.md").write_text(release_text("Behind a lock"))
    (work / "content/locked.md").write_text(release_text("Locked file"))
    (work / "content/2021").chmod(0)
    (work / "content/locked.md").chmod(0)
    try:
        done = build(work, ordinary_user=True)
    finally:
        (work / "content/2021").chmod(0o755)
    assert done.returncode == 1
    assert problem_lines(done) == [
        "content/2021: folder: cannot be read: Permission denied "
        "(expected a folder the build may read (its permissions))",
        "content/locked.md:1: file: cannot be read: Permission denied (expected a readable file)"]


def test_a_link_inside_content_is_followed_and_one_leading_out_is_never_read(work):
    outside = work / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text(release_text("Secret from outside"))
    (work / "content/inside.md").symlink_to(work / "content/kept.md")
    (work / "content/secret.md").symlink_to(outside / "secret.md")
    (work / "content/folder").symlink_to(outside)
    done = build(work)
    assert done.returncode == 1
    assert problem_lines(done) == [
        f"content/folder: link: a symbolic link to {outside}, outside the content folder; "
        "not read (expected a link to a file or folder inside the content folder)",
        f"content/secret.md: link: a symbolic link to {outside / 'secret.md'}, outside the "
        "content folder; not read (expected a link to a file or folder inside the content folder)"]
    (work / "content/secret.md").unlink()
    (work / "content/folder").unlink()
    (work / "content/more").symlink_to(work / "content")  # a loop through a folder: read once
    done = build(work)
    assert done.returncode == 0, done.stderr
    assert meeting_pages(work) == ["inside", "kept"]
    assert "Secret" not in "".join(p.read_text() for p in (work / "site").rglob("*.html"))


def test_loops_fifos_and_devices_are_reported_at_once_never_read(work):
    os.mkfifo(work / "content/pipe.md")
    (work / "content/zero.md").symlink_to("/dev/zero")
    (work / "content/loop-a.md").symlink_to("loop-b.md")
    (work / "content/loop-b.md").symlink_to("loop-a.md")
    (work / "content/gone.md").symlink_to("nothing-here.md")
    done = build(work, timeout=60)  # a FIFO read would block it, /dev/zero never end
    assert done.returncode == 1
    assert problem_lines(done) == [
        "content/gone.md: link: a symbolic link to "
        f"{work / 'content/nothing-here.md'}, which does not exist; not read "
        "(expected a link to a file or folder inside the content folder)",
        "content/loop-a.md: link: a symbolic link in a loop; not read "
        "(expected a link to a file or folder inside the content folder)",
        "content/loop-b.md: link: a symbolic link in a loop; not read "
        "(expected a link to a file or folder inside the content folder)",
        "content/pipe.md: file: a FIFO (named pipe), not a file; not read "
        "(expected a release saved as a regular file)",
        "content/zero.md: link: a symbolic link to /dev/zero, outside the content folder; not read "
        "(expected a link to a file or folder inside the content folder)"]
    assert not (work / "site").exists()


def test_the_size_is_checked_on_the_open_file_before_reading(work):
    with open(work / "content/huge.md", "wb") as sparse:  # 8 GiB that take no room
        sparse.truncate(8 * 1024**3)
    done = build(work, timeout=60)
    assert problem_lines(done) == [
        "content/huge.md:1: file: the file is 8,589,934,592 bytes, more than 2,097,152; not read "
        "(expected a release: a text file of at most 2,097,152 bytes)"]


def test_every_spelling_of_markdown_is_a_release(work):
    (work / "content/LOUD.MD").write_text(release_text("Loud"))
    (work / "content/long.markdown").write_text(release_text("Long"))
    (work / "content/notes.txt").write_text("not a release")
    done = build(work)
    assert done.returncode == 0, done.stderr
    assert meeting_pages(work) == ["kept", "long", "loud"]


def test_a_dangling_link_that_is_not_a_release_is_a_warning(work):
    (work / "content/archive").symlink_to("/nonexistent/archive")
    done = build(work)
    assert done.returncode == 0
    assert problem_lines(done) == [
        "content/archive: warning: link: a symbolic link to /nonexistent/archive, which does not "
        "exist; not read (expected a link to a file or folder inside the content folder)"]


def test_a_fifo_or_a_link_out_of_the_templates_or_assets_is_named_never_read(work):
    shutil.copytree(ROOT / "templates", work / "templates")
    shutil.copytree(ROOT / "assets", work / "assets")
    os.mkfifo(work / "assets/pipe.css")
    (work / "assets/shadow.css").symlink_to("/etc/hostname")
    os.mkfifo(work / "templates/pipe.html")
    for command in (("build", "--no-search"), ("check",)):
        done = cli(*command, cwd=work, timeout=60)
        assert done.returncode == 1, command
        assert [line for line in done.stderr.splitlines()
                if line.startswith(("assets", "templates"))] == [
            "assets/pipe.css: asset: a FIFO (named pipe); not used (expected a regular file)",
            "assets/shadow.css: asset: a symbolic link to /etc/hostname, outside assets; not used "
            "(expected a regular file)",
            "templates/pipe.html: template: a FIFO (named pipe); not used (expected a regular file)"]
    assert not (work / "site").exists()

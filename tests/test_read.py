"""read: finding release files and splitting front matter from the body."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.problems import Problem
from briefing.read.release import read_release
from briefing.read.sources import scan


def read(tmp_path: Path, data: bytes):
    path = tmp_path / "r.md"
    path.write_bytes(data)
    return read_release(path)


def test_finds_markdown_in_subfolders_in_order_skipping_hidden(tmp_path):
    for name in ["2021/b.md", "2021/a.md", "2020/z.md", "notes.txt", ".git/x.md", "2021/.#a.md",
                 "2021/C.MD", "2019/y.markdown"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    scanned = scan(tmp_path)
    found = [Path(s.path).relative_to(tmp_path).as_posix() for s in scanned.sources]
    assert found == ["2019/y.markdown", "2020/z.md", "2021/C.MD", "2021/a.md", "2021/b.md"]
    assert scanned.problems == []


def test_splits_front_matter_and_body_with_lines(tmp_path):
    release = read(tmp_path, b"---\ntitle: A\ndate: 2021-01-01\n---\n\nBody *text*.\n")
    assert release.stem == "r"
    assert release.body == "\nBody *text*.\n"
    keys = {k.value: release.line(k) for k, _ in release.front.value}
    assert keys == {"title": 2, "date": 3}


def test_closing_fence_may_be_dots(tmp_path):
    release = read(tmp_path, b"---\ntitle: A\n...\nBody\n")
    assert release.body == "Body\n"


def test_bom_and_crlf_keep_line_numbers(tmp_path):
    release = read(tmp_path, "\ufeff---\r\ntitle: A\r\ndate: 2021-01-01\r\n---\r\nBody\r\n".encode())
    assert {k.value: release.line(k) for k, _ in release.front.value} == {"title": 2, "date": 3}
    assert release.body == "Body\n"


def test_values_keep_the_text_the_editor_typed(tmp_path):
    release = read(tmp_path, b"---\ncountries: [NO, ON]\nsession: 023\n---\n")
    values = {k.value: v for k, v in release.front.value}
    assert [n.value for n in values["countries"].value] == ["NO", "ON"]
    assert values["session"].value == "023"


def test_problems_are_returned_not_raised(tmp_path):
    for data in [b"", b"   \n", b"no fence\n", b"---\ntitle: [\n---\n", b"---\n---\n", b"\xff\xfe"]:
        assert isinstance(read(tmp_path, data), Problem), data


def test_huge_file_is_refused(tmp_path):
    problem = read(tmp_path, b"---\ntitle: A\n---\n" + b"x" * (3 * 1024 * 1024))
    assert problem.field == "file" and "bytes" in problem.message


def test_front_matter_nodes_are_yaml_nodes(tmp_path):
    assert isinstance(read(tmp_path, b"---\ntitle: A\n---\n").front, yaml.MappingNode)


def test_unreadable_file_is_a_problem(tmp_path):
    problem = read_release(tmp_path / "gone.md")
    assert (problem.line, problem.field) == (1, "file") and "cannot be read" in problem.message

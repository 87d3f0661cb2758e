"""Bad input gives a file:line problem, never a traceback, a hang or a broken feed
(issue 12, points 4 to 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli, release_text


@pytest.fixture
def work(tmp_path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text("base_url: https://briefings.example.org/\n")
    return tmp_path


def build(work: Path):
    return cli("build", "--no-search", cwd=work, timeout=60)


def billion_laughs() -> str:
    lines = ["---", "title: Laughs", "date: 2021-01-01", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return "\n".join([*lines, "---", "Text."]) + "\n"


def test_yaml_aliases_that_expand_to_billions_are_refused_at_once(work):
    assert len(billion_laughs().encode()) < 600
    (work / "content/laughs.md").write_text(billion_laughs())
    done = build(work)  # (before: 100 s, then MemoryError)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if ": warning: " not in line]
    assert errors[0] == (
        "content/laughs.md:8: a4: aliases (*name) add more than 10,000 values or 4,194,304 "
        "characters to the front matter (expected plain values; an alias repeats all its anchor "
        "(&name) holds)")
    assert errors[1:] == ["1 error in 1 file; site/ left as it was"]


def test_many_values_without_aliases_are_fine_the_file_size_bounds_them(work):
    countries = ", ".join(["RU", "BY", "KZ"] * 10_000)
    (work / "content/many.md").write_text(f"---\ntitle: Many\ndate: 2021-01-01\n"
                                          f"countries: [{countries}]\n---\nText.\n")
    done = build(work)
    assert done.returncode == 0, done.stderr


def test_a_few_aliases_are_fine(work):
    (work / "content/a.md").write_text(
        "---\ntitle: &t Council meets\ndate: 2021-01-01\nsummary: *t\ncountries: &c [RU, BY]\n"
        "x: [*c, *c]\n---\nText.\n")
    done = build(work)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01T00:30+01:00", "0999-12-31",
                                  "9999-12-31T23:30-05:00"])
def test_dates_at_the_edges_of_the_calendar_are_refused_with_their_line(work, date):
    (work / "content/edge.md").write_text(release_text(date=date))
    done = build(work)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        f"content/edge.md:3: date: '{date}' is out of range (expected a date in the years "
        "1000 to 9998)")


def test_dates_just_inside_the_range_build_every_file(work):
    (work / "content/first.md").write_text(release_text("First", "1000-01-01T00:30+01:00"))
    (work / "content/last.md").write_text(release_text("Last", "9998-12-31"))
    done = build(work)
    assert done.returncode == 0, done.stderr
    assert (work / "site/calendar.ics").is_file() and (work / "site/feed.xml").is_file()


ESCAPES = {"\\x01": "a control character (U+0001)", "\\0": "a control character (U+0000)",
           "\\uFFFE": "a noncharacter (U+FFFE)", "\\e[31m": "a control character (U+001B)",
           "\\x85": "a control character (U+0085)"}
FIELDS = {"title": '"{}"', "summary": '"{}"', "countries": '[RU, "{}"]', "chair": '{{name: "{}"}}',
          "x": '"{}"'}


def test_control_characters_written_as_escapes_are_refused_with_their_line(work):
    expected = []
    for number, (escape, character) in enumerate(ESCAPES.items()):
        for field, form in FIELDS.items():
            value = form.format(f"Bad {escape} value")
            front = {"title": "T", "date": "2021-01-01", field: value}
            text = "".join(f"{key}: {text}\n" for key, text in front.items())
            (work / f"content/{field}-{number}.md").write_text(f"---\n{text}---\nText.\n")
            line = list(front).index(field) + 2
            expected.append(f"content/{field}-{number}.md:{line}: {field}: {character}, written as "
                            "an escape (expected text without control characters: remove the escape)")
    done = build(work)
    assert done.returncode == 1, done.stdout
    assert sorted(done.stderr.splitlines()[:-1]) == sorted(expected)
    assert "\x1b" not in done.stderr and "\x01" not in done.stderr and "\x85" not in done.stderr


def test_a_control_character_in_the_text_is_refused_with_line_and_column(work):
    (work / "content/ctl.md").write_bytes(release_text().encode() + b"Page\x0cbreak from Word\n")
    done = build(work)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "content/ctl.md:8:5: file: a control character (U+000C) in the text "
        "(expected text without control characters: remove it)")


def refused(work: Path, names: tuple[bytes, ...], release: str) -> list[str]:
    """What a build says of a fine release beside one at `release` in each folder of
    `names` (as the disk gives them: bytes; `release` "": at the name itself). It fails."""
    (work / "content/fine.md").write_text(release_text())
    for name in names:
        path = work / "content" / name.decode("utf-8", "surrogateescape") / release
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(release_text("Other", "2021-03-02"))
    done = build(work)
    assert done.returncode == 1
    return done.stderr.splitlines()


def test_file_names_are_reported_readably_and_cannot_forge_a_line(work):
    names = (b"latin1-caf\xe9.md", b"two\nlines.md", b"esc\x1b[2Jape.md")
    assert refused(work, names, "") == [
        "content/esc\\x1b[2Jape.md: file: the file name holds a control character; not read "
        "(expected a file name of printable characters: rename the file)",
        "content/latin1-caf\\xe9.md: file: the file name is not valid UTF-8; not read "
        "(expected a UTF-8 file name, as it becomes the page's address: rename the file)",
        "content/two\\x0alines.md: file: the file name holds a control character; not read "
        "(expected a file name of printable characters: rename the file)",
        "3 errors in 3 files; site/ left as it was"]


def test_folder_names_are_checked_as_file_names_are(work):
    """A release in a folder whose name is not UTF-8 crashed the build (its path could
    not be written to meetings.json): the folder is reported, as a file name is."""
    assert refused(work, (b"dir\xff", b"esc\x1b[2J"), "a.md") == [
        "content/dir\\xff: folder: the folder name is not valid UTF-8; nothing in it read "
        "(expected a UTF-8 folder name: rename the folder)",
        "content/esc\\x1b[2J: folder: the folder name holds a control character; nothing in it "
        "read (expected a folder name of printable characters: rename the folder)",
        "2 errors in 2 files; site/ left as it was"]


def test_folders_nested_deeper_than_pythons_stack_are_read(work):
    deep = work / "content" / "/".join(["d"] * 600)  # (1,200 characters: under PATH_MAX)
    deep.mkdir(parents=True)
    (deep / "x.md").write_text(release_text())
    done = build(work)
    assert done.returncode == 0, done.stderr
    assert (work / "site/meetings/x/index.html").exists()


def test_a_text_nested_deeper_than_python_markdown_can_follow_is_a_problem(work):
    """Lists within lists, 300 deep: Python-Markdown recursed until Python stopped it."""
    nested = "\n".join("    " * depth + "- item" for depth in range(300))
    (work / "content/nested.md").write_text(release_text() + "\n" + nested + "\n")
    done = build(work)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "content/nested.md:7: text: nested too deep for the Markdown converter (lists or "
        "quotes within each other) (expected at most a few dozen levels of nesting)",
        "1 error in 1 file; site/ left as it was"]


def test_thousands_of_unknown_countries_are_reported_without_a_search_for_each(work):
    """Each unknown country's closest names take a search of every spelling: 10,000 of
    them kept `check` busy for 21 s. The first few get them; the rest are named."""
    items = ", ".join(f"Nowhereland{n}" for n in range(2000))
    (work / "content/x.md").write_text(f"---\ntitle: A\ndate: 2021-01-01\ncountries: [{items}]\n---\n")
    done = build(work)
    assert done.returncode == 1
    problems = done.stderr.splitlines()[:-1]
    assert len(problems) == 2000 and all(": unknown country 'Nowhereland" in p for p in problems)
    assert sum("; closest: " in p for p in problems) == 20
    assert problems[-1].endswith("(expected an ISO 3166-1 code or English name)")


def test_a_long_file_name_or_topic_never_makes_a_name_the_disk_refuses(work):
    long_name = "Совещание " * 30  # 300 letters that become 900 of an address
    (work / "content" / f"{long_name[:120]}.md").write_text(release_text())
    done = build(work)
    assert done.returncode == 1
    assert ": slug: the file name 'Совещание" in done.stderr
    (work / "content" / f"{long_name[:120]}.md").rename(work / "content/short.md")
    (work / "content/topic.md").write_text(release_text("Topical", "2021-03-02").replace(
        "countries:", f"topics: [{'very long topic ' * 40}]\ncountries:"))
    done = build(work)
    assert done.returncode == 0, done.stderr
    assert all(len(p.name) <= 100 for p in (work / "site/topics").iterdir())

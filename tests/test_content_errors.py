"""One invalid release per kind of mistake: the exact `file:line` message, every
problem in one run, exit status 1, and the published site left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.commands.cli import main
from conftest import FIXTURES

INVALID = FIXTURES / "invalid"
FENCE = "(expected a line '---', then YAML front matter, then a closing '---')"
DATE = ("(expected a year (2021), a month (2021-12), a day (2021-12-03), or a day and time with "
        "an offset (2021-12-03T10:00+03:00))")
DATE_OR_ZONE = DATE[:-1] + ", or a 'timezone:' in site.yaml)"
COUNTRY = "(expected an ISO 3166-1 code or English name; closest: "

MESSAGES = {
    "empty.md": [f"1: file: the file is empty {FENCE}"],
    "no-front-matter.md": [f"1: front matter: no front matter {FENCE}"],
    "unclosed-front-matter.md": [f"1: front matter: the front matter is never closed {FENCE}"],
    "invalid-utf8.md": ["4: file: invalid UTF-8: byte 0xe9 (expected a file saved as UTF-8)"],
    "binary.md": ["3: file: binary data (a NUL byte) in a .md file (expected a UTF-8 text file)"],
    "yaml-syntax.md": ["5:7: front matter: YAML syntax error: while parsing a flow sequence "
                       "(opened on line 4) did not find expected ',' or ']' (expected valid YAML)"],
    "yaml-tab.md": ["5:1: front matter: a tab character; YAML indents with spaces only "
                    "(expected spaces instead of the tab)"],
    "not-a-mapping.md": ["2: front matter: front matter is a list "
                         "(expected a YAML mapping of fields such as 'title: ...' and 'date: ...')"],
    "missing-title-and-date.md": [
        "1: date: missing (expected a 'date:' field, which every release needs)",
        "1: title: missing (expected a 'title:' field, which every release needs)"],
    "list-for-title.md": ["2: title: a list where text belongs (expected a single value)"],
    "duplicate-key.md": ["4: title: duplicate key, first given on line 2 (expected each field once)"],
    "bad-date.md": [f"3: date: '2021-02-30' is not a date {DATE}"],
    "date-words.md": [f"3: date: '1 January 2021' is not a date {DATE}"],
    # forms Python's fromisoformat() takes as a day at midnight: no time was given
    "date-compact.md": [f"3: date: '20210304' is not a date {DATE}"],
    "date-iso-week.md": [f"3: date: '2021-W09-4' is not a date {DATE}"],
    "naive-datetime.md": [f"3: date: '2021-01-01 10:00' has a time but no offset {DATE_OR_ZONE}"],
    "bad-session.md": ["4: session: 'XXIIV' is not a session number "
                       "(expected a number such as 23, or a Roman numeral such as XXIII)"],
    # digits int() reads but a reader would not ('²'), or too many for it to read at all
    "session-superscript.md": ["4: session: '²' is not a session number "
                               "(expected a number such as 23, or a Roman numeral such as XXIII)"],
    "session-5000-digits.md": ["4: session: a number of 5,000 digits is out of range (expected 1 to 99,999)"],
    "bad-format.md": ["4: format: unknown format 'online' "
                      "(expected one of: in person, videoconference, hybrid)"],
    "unknown-country.md": [
        f"6: countries: unknown country 'Rusia' {COUNTRY}Russia, United States)",
        f"7: countries: unknown country 'Kazakstan' {COUNTRY}Kazakhstan, Pakistan, Uzbekistan)"],
    "unknown-chair-country.md": [
        f"4: chair.country: unknown country 'Ruritania' {COUNTRY}Mauritania, Lithuania, Romania)"],
    "empty-chair.md": ["4: chair: neither a name nor a country "
                       "(expected a name or a country: chair: {name: ..., position: ..., country: ...})"],
    "official-without-name.md": ["5: officials: an official without a name "
                                 "(expected a name: {name: ..., position: ..., organization: ...})"],
    "bad-slug.md": ["4: slug: '../../../etc/passwd' cannot be a URL segment "
                    "(expected lower-case letters, digits and single hyphens, such as csto-xxiii, "
                    "at most 100 characters)"],
    "bad-source.md": ["4: source: 'javascript:alert(1)' is not a web address "
                      "(expected an http:// or https:// URL)"],
    "bad-lang.md": ["4: lang: 'english language' is not a language tag "
                    "(expected a language tag such as en, ru or fr-CA)"],
    "bad-draft.md": ["4: draft: 'maybe' is not true or false (expected true or false)"],
}


def run_build(capsys, *args: str) -> tuple[int, list[str], str]:
    status = main(["build", "--content", "content", "--out", "site", *args])
    captured = capsys.readouterr()
    return status, captured.err.splitlines(), captured.out


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(f.relative_to(folder)): (f.read_bytes(), f.stat().st_mtime_ns)
            for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A project folder as an editor has it: content/ and a published site/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    return tmp_path


def test_every_invalid_fixture_has_its_message():
    assert sorted(MESSAGES) == sorted(p.name for p in INVALID.glob("*.md"))


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_message_names_file_and_line(name, workdir, capsys):
    shutil.copy(INVALID / name, workdir / "content" / name)
    status, err, out = run_build(capsys)
    assert status == 1
    expected = [f"content/{name}:{m}" for m in MESSAGES[name]]
    count = len(expected)
    assert err == expected + [f"{count} error{'s' * (count > 1)} in 1 file; site/ left as it was"]
    assert out == ""
    assert not (workdir / "site").exists()


def test_all_problems_of_all_files_in_one_run_and_site_untouched(workdir, capsys):
    shutil.copytree(FIXTURES / "corpus", workdir / "content", dirs_exist_ok=True)
    assert run_build(capsys)[0] == 0
    before = snapshot(workdir / "site")
    for name in MESSAGES:
        shutil.copy(INVALID / name, workdir / "content" / name)
    status, err, _ = run_build(capsys)
    assert status == 1
    expected = sorted(f"content/{name}:{m}" for name, ms in MESSAGES.items() for m in ms)
    errors = [line for line in err if ": warning: " not in line][:-1]
    assert sorted(errors) == expected
    assert err[-1] == f"{len(expected)} errors in {len(MESSAGES)} files; site/ left as it was"
    assert snapshot(workdir / "site") == before


def test_two_releases_with_one_url(workdir, capsys):
    shutil.copytree(INVALID / "same-url", workdir / "content", dirs_exist_ok=True)
    status, err, _ = run_build(capsys)
    assert status == 1
    assert err[0] == ("content/xxiii.md:1: slug: meetings/xxiii/ is also the page of content/a.md "
                      "(expected a page of its own: rename the file or set 'slug:')")


def test_unknown_keys_warn_and_reach_templates(workdir, capsys):
    (workdir / "content" / "x.md").write_text(
        "---\ntitle: A\ndate: 2021-01-01\ncountires: [Armenia]\nrapporteur: Ivan Petrov\n---\n")
    (workdir / "templates").mkdir()
    for template in (Path(__file__).parent.parent / "templates").glob("*.html"):
        shutil.copy(template, workdir / "templates")
    meeting_template = workdir / "templates" / "meeting.html"
    meeting_template.write_text(meeting_template.read_text().replace(
        "{% block main %}", "{% block main %}<p id='rapporteur'>{{ meeting.extra.rapporteur }}</p>"))
    status, err, out = run_build(capsys)
    assert status == 0
    assert err == [
        "content/x.md:4: warning: countires: unknown field, kept for templates; "
        "did you mean 'countries'?",
        "content/x.md:5: warning: rapporteur: unknown field, kept for templates "
        "(expected one of title, date, end_date, date_note, organization, body, session, format, "
        "location, chair, countries, officials, outcomes, topics, summary, source, lang, slug, draft)",
    ]
    assert "<p id='rapporteur'>Ivan Petrov</p>" in (workdir / "site/meetings/x/index.html").read_text()


def test_template_error_names_the_template_line(workdir, capsys):
    (workdir / "content" / "x.md").write_text("---\ntitle: A\ndate: 2021-01-01\n---\n")
    shutil.copytree(Path(__file__).parent.parent / "templates", workdir / "templates")
    (workdir / "templates" / "404.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{{ oops }\n")
    status, err, _ = run_build(capsys)
    assert status == 1
    assert err[0].startswith("templates/404.html:3: template: TemplateSyntaxError: ")


def test_missing_content_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, err, _ = run_build(capsys)
    assert status == 1
    assert err[0] == "content: folder: no such folder (expected a folder of release .md files)"

"""The editor's commands besides serve: `check`, `new`, site.yaml, and what the
command line prints (help, quiet, verbose, colour)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.commands.cli import main
from conftest import FIXTURES, ROOT, page, texts

CHECK = FIXTURES / "check"


@pytest.fixture
def check_project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(CHECK, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_reports_what_a_reader_would_notice_and_writes_nothing(check_project, capsys):
    assert main(["check", "--today", "2026-11-29"]) == 0  # warnings only
    err = capsys.readouterr()
    assert err.err.splitlines() == [
        "content/2021/bare.md:1: warning: source: missing (expected 'source:', the web address "
        "of the original release)",
        "content/2021/bare.md:1: warning: summary: missing (expected 'summary:', a sentence or two "
        "for lists and search)",
        "content/2021/council-21.md:6: warning: session: session 21 on 1 June 2021 comes after "
        "session 22 on 1 March 2021 (content/2021/council-22.md) (expected session numbers that "
        "rise with the dates)",
        "content/2021/council-22-again.md:6: warning: session: session 22 of Council of Foreign "
        "Ministers is also content/2021/council-22.md (expected each session number once per body)",
        "content/2021/future.md:3: warning: date: 2031-01-01 is more than a year ahead: a typo? "
        "(expected the date the meeting was or will be held)",
        "content/2021/future.md:3: warning: date: 2031-01-01, but the release never names 1 "
        "January: is the day known? (expected date: 2031 if only the year is known)",
        "content/2021/long-meeting.md:4: warning: end_date: the meeting would last 59 days "
        "(expected an end_date within 14 days of the date, for a meeting of several days)",
        "content/2021/typo-body.md:5: warning: body: 'Council of Foriegn Ministers' is close to "
        "'Council of Foreign Ministers', the body of 3 releases: a typo? (expected the body's "
        "name spelt as in its other releases)",
        "content/2021/typo-body.md:10: warning: rapporteur: unknown field, kept for templates "
        "(expected one of title, date, end_date, date_note, organization, body, session, format, "
        "location, chair, countries, officials, outcomes, topics, summary, source, lang, slug, draft)",
    ]
    assert err.out == "0 errors and 9 warnings in 6 files; nothing written\n"
    assert not (check_project / "site").exists()


def test_check_exits_1_and_reports_every_error_a_build_reports(tmp_path, monkeypatch, capsys):
    shutil.copytree(FIXTURES / "invalid", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 1
    built = capsys.readouterr().err.splitlines()
    assert main(["check"]) == 1
    checked = capsys.readouterr().err.splitlines()
    errors = [line for line in checked[:-1] if ": warning: " not in line]
    assert errors == [line for line in built[:-1] if ": warning: " not in line]
    # every file with a mistake: each at the top, and one of the two that claim one page
    mistaken = len(list((FIXTURES / "invalid").glob("*.md"))) + 1
    assert len({line.split(":")[0] for line in errors}) == mistaken
    assert checked[-1].startswith(f"{len(errors)} errors and ")
    assert not (tmp_path / "site").exists()


def test_check_renders_each_kind_of_page_and_names_a_template_mistake(check_project, capsys):
    shutil.copytree(ROOT / "templates", check_project / "templates")
    country = check_project / "templates" / "country.html"
    lines = country.read_text().split("\n")
    where = lines.index("{% block main %}") + 1
    lines.insert(where, "{{ record.no_such_thing }}")
    country.write_text("\n".join(lines))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert f"templates/country.html:{where + 1}: template: UndefinedError: " in err
    assert "has no attribute 'no_such_thing'" in err


def test_check_names_a_template_syntax_error(check_project, capsys):
    shutil.copytree(ROOT / "templates", check_project / "templates")
    (check_project / "templates" / "_macros.html").write_text("{% macro day(d) %}\n{{ d }\n")
    assert main(["check"]) == 1
    assert "templates/_macros.html:2: template: TemplateSyntaxError: " in capsys.readouterr().err


def test_new_writes_a_release_with_every_field_that_builds(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "XXIV meeting of the Council — Минск", "--date", "2022-03-01",
                 "--body", "Council of Foreign Ministers"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == Path("content/2022/2022-03-01-xxiv-meeting-of-the-council-minsk.md")
    text = path.read_text()
    from briefing.read.schema import FIELDS

    for field in FIELDS:  # every field present, and explained
        line = next(l for l in text.split("\n") if l.startswith(f"{field}:"))
        assert "#" in line or field in ("title", "body"), line
    assert 'title: "XXIV meeting of the Council — Минск"' in text
    assert main(["-q"]) == 0  # a draft: left out
    assert not Path("site/meetings/2022-03-01-xxiv-meeting-of-the-council-minsk").exists()
    assert main(["-q", "--drafts"]) == 0
    built = page(tmp_path / "site", "meetings/2022-03-01-xxiv-meeting-of-the-council-minsk/index.html")
    assert texts(built, "//h1") == ["XXIV meeting of the Council — Минск"]
    assert texts(built, "//p[@class='draft-banner']")[0].startswith("Draft.")


def test_new_refuses_to_overwrite(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Meeting", "--date", "2022-03-01"]) == 0
    path = Path(capsys.readouterr().out.strip())
    path.write_text("the editor's work")
    assert main(["new", "Meeting", "--date", "2022-03-01"]) == 1
    assert capsys.readouterr().err == (f"{path} already exists; nothing written "
                                       "(choose another title or --date)\n")
    assert path.read_text() == "the editor's work"


def test_new_dates_a_release_today_in_the_sites_time_zone(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("site.yaml").write_text("timezone: Pacific/Kiritimati\n")  # UTC+14: often a day ahead
    assert main(["new", "Meeting"]) == 0
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()
    assert capsys.readouterr().out.strip() == f"content/{today.year}/{today}-meeting.md"


def test_settings_change_the_site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "corpus", "content")
    Path("site.yaml").write_text("title: CSTO briefings\nbase_url: https://briefings.example.org/x\n"
                                 "language: ru\nhome_meetings: 2\ntimezone: Europe/Moscow\n")
    assert main(["-q"]) == 0
    home = page(tmp_path / "site", "index.html")
    assert home.xpath("string(//title)").endswith("· CSTO briefings")
    assert home.get("lang") == "ru"
    assert len(home.xpath("//li[@class='meeting']")) == 2
    assert home.xpath("string(//link[@rel='canonical']/@href)") == "https://briefings.example.org/x/"
    meeting = page(tmp_path / "site", "meetings/csto-drug-council-xxiv/index.html")
    assert meeting.xpath("string(//link[@rel='canonical']/@href)") == (
        "https://briefings.example.org/x/meetings/csto-drug-council-xxiv/")


def test_a_time_without_offset_is_taken_in_the_sites_time_zone(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    release = Path("content/r.md")
    release.parent.mkdir()
    release.write_text("---\ntitle: Evening meeting\ndate: 2021-01-01 23:30\n---\n\nText.\n")
    assert main(["-q"]) == 1  # no time zone: never silently UTC
    assert "content/r.md:3: date: '2021-01-01 23:30' has a time but no offset" in capsys.readouterr().err
    Path("site.yaml").write_text("timezone: Asia/Almaty\n")
    assert main(["-q"]) == 0
    built = page(tmp_path / "site", "meetings/r/index.html")
    assert texts(built, "//p[@class='dateline']") == ["1 January 2021, 23:30 (UTC+06:00)"]


def test_unknown_and_wrong_settings_are_reported_with_their_lines(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "corpus", "content")
    Path("site.yaml").write_text("titel: Briefings\ntimezone: Europe/Moskow\nhome_meetings: many\n")
    assert main(["-q"]) == 1
    err = capsys.readouterr().err
    assert "site.yaml:1: warning: titel: unknown setting, ignored; did you mean 'title'?\n" in err
    assert ("site.yaml:2: timezone: unknown time zone 'Europe/Moskow' (expected an IANA time zone "
            "name such as Europe/Moscow or UTC; closest: Europe/Minsk, Europe/Monaco, Europe/Moscow)"
            ) in err
    assert "site.yaml:3: home_meetings: 'many' is not a number from 1 to 1000" in err
    assert not Path("site").exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_zone_folder_or_digits_int_refuses_are_settings_problems_not_a_failed_disk(
        command, tmp_path, monkeypatch, capsys):
    """'Europe' is a folder of time zones, not one (opening it failed like a disk that
    broke); '²' passes str.isdigit() but not int()."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "corpus", "content")
    Path("site.yaml").write_text("timezone: Europe\nhome_meetings: \"²\"\n")
    assert main([command, "-q"]) == 1
    err = capsys.readouterr().err
    assert "site.yaml:1: timezone: unknown time zone 'Europe' (expected an IANA time zone" in err
    assert "site.yaml:2: home_meetings: '²' is not a number from 1 to 1000" in err
    assert "stopped" not in err and "Traceback" not in err
    assert not Path("site").exists()


@pytest.mark.parametrize("command", ["build", "serve", "check", "new"])
def test_every_command_explains_itself(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: build.py {command}")
    assert "--quiet" in text and "--verbose" in text


def test_quiet_prints_only_problems_and_verbose_says_more(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "corpus", "content")
    assert main(["--quiet"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "warning" in out.err
    assert main(["--verbose"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("parsed 0 of 6 releases")


def _run_in_terminal(tmp_path: Path, no_color: bool) -> str:
    """What build.py prints when run in a pseudo-terminal (as an editor's shell runs it)."""
    shutil.copytree(FIXTURES / "invalid", tmp_path / "content", dirs_exist_ok=True)
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"}
    if no_color:
        environment["NO_COLOR"] = "1"
    done = subprocess.run(["script", "-qec", f"{sys.executable} {ROOT / 'build.py'} -q", "/dev/null"],
                          cwd=tmp_path, capture_output=True, text=True, env=environment)
    return done.stdout


def test_colour_on_a_terminal_and_never_with_no_color(tmp_path):
    if shutil.which("script") is None:
        pytest.fail("'script' (util-linux) is needed to run the command in a terminal")
    assert "\033[31m" in _run_in_terminal(tmp_path, no_color=False)
    plain = _run_in_terminal(tmp_path, no_color=True)
    assert "\033[" not in plain and "errors in" in plain


def test_no_colour_when_the_output_is_not_a_terminal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "invalid", "content")
    done = subprocess.run([sys.executable, str(ROOT / "build.py")], capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k != "NO_COLOR"})
    assert done.returncode == 1 and "\033[" not in done.stderr

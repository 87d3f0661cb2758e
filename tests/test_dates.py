"""Dates as precise as the release, upcoming meetings apart (issue 13, points 2 to 4):
every form of date shown exactly at its precision on every page kind, in the feeds
(feedparser), calendars (icalendar), JSON-LD and the data files (json, csv)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest

from briefing.commands.build import build
from conftest import ROOT, cli, page, project, texts

TODAY = dt.date(2026, 11, 29)
BASE = "https://briefings.example.org/"
# slug -> (front matter lines for the date, what a reader sees)
RELEASES = {
    "year-only": ("date: 2020\ndate_note: the release gives the year only", "2020"),
    "month-only": ("date: 2021-12", "December 2021"),
    "day": ("date: 2021-12-03", "3 December 2021"),
    "two-days": ("date: 2017-12-07\nend_date: 2017-12-08", "7–8 December 2017"),
    "across-months": ("date: 2021-11-30\nend_date: 2021-12-01", "30 November – 1 December 2021"),
    "four-days": ("date: 2013-07-02\nend_date: 2013-07-05", "2–5 July 2013"),
    "with-time": ("date: 2021-06-15T10:00+03:00", "15 June 2021"),
    "this-month": ("date: 2026-11", "November 2026"),  # began before today: held
    "this-year": ("date: 2026", "2026"),
    "next-month": ("date: 2026-12", "December 2026"),  # all of it after today: upcoming
    "next-day": ("date: 2026-11-30\nend_date: 2026-12-02", "30 November – 2 December 2026"),
    "next-year": ("date: 2027", "2027"),
}
UPCOMING = ["next-day", "next-month", "next-year"]  # soonest first


def write(content: Path) -> None:
    for slug, (date, _) in RELEASES.items():
        (content / f"{slug}.md").write_text(
            f"---\ntitle: Meeting {slug}\n{date}\norganization: CSTO\nbody: Council\n"
            "countries: [Armenia, Belarus]\nchair: Armenia\nlocation: Minsk, Belarus\n"
            "---\nThe council met.\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dates")
    (root / "content").mkdir()
    write(root / "content")
    (root / "site.yaml").write_text(f"base_url: {BASE}\n")
    build(project(root / "content", root / "site"), today=TODAY)
    return root / "site"


@pytest.mark.parametrize("written", ["2021-06-15t10:00+03:00", "2021-06-15T10+03:00",
                                     "2021-06-15 10:00:00.5+03:00"])
def test_a_time_written_as_rfc_3339_and_python_allow_is_read(tmp_path, written):
    """A date with a time must write the day in full and at least the hour ('20210615'
    alone is refused: Python read it as midnight); a lower-case 't' is RFC 3339's too."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content/m.md").write_text(f"---\ntitle: M\ndate: {written}\n---\nText.\n")
    build(project(tmp_path / "content", tmp_path / "site"), today=TODAY)
    assert texts(page(tmp_path / "site", "meetings/m/index.html"), "//p[@class='dateline']") == [
        "15 June 2021, 10:00 (UTC+03:00)"]


def meeting_page(site: Path, slug: str):
    return page(site, f"meetings/{slug}/index.html")


def test_each_meeting_page_shows_its_date_as_precisely_as_written(site):
    for slug, (_, shown) in RELEASES.items():
        tree = meeting_page(site, slug)
        assert texts(tree, "//p[@class='dateline']/span") == [shown], slug
        assert tree.xpath("string(//article)").count(shown) == 1, slug  # once, near the title
    notes = texts(meeting_page(site, "year-only"), "//article/header/p[@class='date-note']")
    assert notes == ["Date: the release gives the year only"]
    assert not meeting_page(site, "day").xpath("//*[contains(@class, 'date-note')]")


def test_lists_show_the_same_dates_and_keep_upcoming_meetings_apart(site):
    home = page(site, "index.html")
    upcoming = home.xpath("//section[@class='upcoming']//li[@class='meeting']")
    assert [i.xpath("string(.//p[@class='meeting-title'])").strip() for i in upcoming] == [
        f"Meeting {slug}" for slug in UPCOMING]
    latest = home.xpath("//section[@aria-labelledby='latest']//li[@class='meeting']")
    shown = {i.xpath("string(.//p[@class='meeting-title'])").strip().removeprefix("Meeting "):
             i.xpath("string(.//p[@class='meeting-date'])").strip() for i in latest}
    assert not set(shown) & set(UPCOMING)
    assert all(shown[slug] == RELEASES[slug][1] for slug in shown)
    tiles = dict(zip(texts(home, "//dl[@class='counts']//dt"), texts(home, "//dl[@class='counts']//dd")))
    assert tiles["Meetings"] == str(len(RELEASES) - len(UPCOMING))
    assert texts(meeting_page(site, "next-year"), "//p[@class='upcoming-banner']") == [
        "Upcoming. This meeting is still to come: its date is after 29 November 2026, the day "
        "this page was made."]
    assert not meeting_page(site, "this-month").xpath("//p[@class='upcoming-banner']")
    for where in ("countries/armenia/index.html", "bodies/csto-council/index.html",
                  "timeline/index.html"):
        tree = page(site, where)
        listed = tree.xpath("//section[@class='upcoming']//p[@class='meeting-title']")
        assert [i.text_content().strip() for i in listed] == [f"Meeting {s}" for s in UPCOMING], where


def test_the_timeline_files_a_year_under_its_year_and_a_month_under_its_month(site):
    tree = page(site, "timeline/index.html")
    year_2020 = tree.xpath("//section[@id='y2020']")[0]
    assert texts(year_2020, ".//h3") == ["2020, date within the year not known"]
    assert texts(year_2020, ".//p[@class='meeting-title']") == ["Meeting year-only"]
    year_2021 = tree.xpath("//section[@id='y2021']")[0]
    months = {h.text_content(): [t.text_content().strip() for t in
                                 h.getnext().xpath(".//p[@class='meeting-title']")]
              for h in year_2021.xpath(".//h3")}
    # newest first; the month-only meeting last of its month
    assert months == {"December 2021": ["Meeting day", "Meeting month-only"],
                      "November 2021": ["Meeting across-months"], "June 2021": ["Meeting with-time"]}
    assert texts(tree, "//section[@id='y2026']//h3") == ["November 2026",
                                                         "2026, date within the year not known"]
    assert not tree.xpath("//section[@id='y2027']")  # upcoming: apart, above the years


def test_feeds_keep_valid_timestamps_and_say_the_dates(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo
    entries = {e.title: e for e in feed.entries}
    assert not {f"Meeting {slug}" for slug in UPCOMING} & set(entries)
    year_only = entries["Meeting year-only"]
    assert year_only.published == "2020-01-01T00:00:00Z"
    assert year_only.id == "tag:briefings.example.org,2020:meetings/year-only"
    assert year_only.summary == "Meeting year-only, 2020"
    # the id keeps its year however precisely the date comes to be known
    assert entries["Meeting month-only"].id == "tag:briefings.example.org,2021:meetings/month-only"
    assert entries["Meeting two-days"].summary == "Meeting two-days, 7–8 December 2017"


def test_calendars_hold_the_meetings_known_to_the_day_over_all_their_days(site):
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    events = {str(e["summary"]): (e.decoded("dtstart"), e.decoded("dtend"))
              for e in calendar.walk("VEVENT")}
    known = {slug for slug, (date, _) in RELEASES.items() if date.count("-") >= 2}
    assert set(events) == {f"Meeting {slug}" for slug in known}
    assert events["Meeting two-days"] == (dt.date(2017, 12, 7), dt.date(2017, 12, 9))  # DTEND after
    assert events["Meeting across-months"] == (dt.date(2021, 11, 30), dt.date(2021, 12, 2))
    assert events["Meeting next-day"] == (dt.date(2026, 11, 30), dt.date(2026, 12, 3))
    assert events["Meeting day"] == (dt.date(2021, 12, 3), dt.date(2021, 12, 4))
    data_page = page(site, "data/index.html").text_content()
    assert "a meeting known only by its year or month is left out" in " ".join(data_page.split())


def test_json_ld_gives_iso_dates_at_the_precision_known(site):
    def event(slug):
        tree = meeting_page(site, slug)
        return json.loads(tree.xpath("string(//script[@type='application/ld+json'])"))

    assert (event("year-only")["startDate"], "endDate" in event("year-only")) == ("2020", False)
    assert event("month-only")["startDate"] == "2021-12"
    assert (event("two-days")["startDate"], event("two-days")["endDate"]) == ("2017-12-07",
                                                                                "2017-12-08")
    assert event("with-time")["startDate"] == "2021-06-15T10:00:00+03:00"


def test_data_files_carry_the_date_as_written_its_end_precision_and_note(site):
    records = {r["slug"]: r for r in json.loads((site / "data/meetings.json").read_text())["meetings"]}
    assert len(records) == len(RELEASES)  # the upcoming too
    assert {k: records["year-only"][k] for k in ("date", "end_date", "date_precision", "date_note")} \
        == {"date": "2020", "end_date": None, "date_precision": "year",
            "date_note": "the release gives the year only"}
    assert (records["month-only"]["date"], records["month-only"]["date_precision"]) == ("2021-12",
                                                                                        "month")
    assert (records["four-days"]["date"], records["four-days"]["end_date"]) == ("2013-07-02",
                                                                                "2013-07-05")
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(
        (site / "data/meetings.csv").read_bytes().decode("utf-8-sig"), newline=""))}
    assert (rows["year-only"]["date"], rows["year-only"]["date_precision"]) == ("2020", "year")
    assert rows["two-days"]["end_date"] == "2017-12-08"


def test_the_same_day_gives_the_same_site_and_another_day_another(tmp_path):
    (tmp_path / "content").mkdir()
    write(tmp_path / "content")
    (tmp_path / "site.yaml").write_text(f"base_url: {BASE}\n")

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
                if p.is_file()}

    for out in ("one", "two"):
        assert cli("build", "--today", "2026-11-29", "--out", out, "--no-cache", cwd=tmp_path).returncode == 0
    assert files(tmp_path / "one") == files(tmp_path / "two")
    for said in ("built ", "nothing changed"):  # (the first with a cache makes the cache)
        assert cli("build", "--today", "2026-11-29", "--out", "one", cwd=tmp_path).stdout.startswith(
            said)
    assert files(tmp_path / "one") == files(tmp_path / "two")
    assert cli("build", "--today", "2026-11-30", "--out", "one", cwd=tmp_path).returncode == 0
    later = page(tmp_path / "one", "index.html")
    assert texts(later, "//section[@class='upcoming']//p[@class='meeting-title']") == [
        "Meeting next-month", "Meeting next-year"]  # the 30th has come


def test_the_example_site_shows_no_day_the_seed_does_not_give(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    build(project(tmp_path / "content", tmp_path / "site"), search=False, today=TODAY)
    slug = next((tmp_path / "site/meetings").iterdir()).name
    tree = page(tmp_path / "site", f"meetings/{slug}/index.html")
    assert texts(tree, "//p[@class='dateline']/span") == ["2021"]
    assert "January" not in "".join(p.read_text() for p in (tmp_path / "site").rglob("*.html"))


@pytest.mark.parametrize("lines, message", [
    ("date: 2021-13", "3: date: '2021-13' is not a date"),
    ("date: 2021-00", "3: date: '2021-00' is not a date"),
    ("date: 2021-12-00", "3: date: '2021-12-00' is not a date"),
    ("date: 2021-00-05", "3: date: '2021-00-05' is not a date"),
    ("date: 2021-12-03\nend_date: 2021-12", "4: end_date: '2021-12' is a month, the date a day "
     "(expected the meeting's last day, written as date is (2021-12-03))"),
    ("date: 2021-12-03\nend_date: 2021-12-01", "4: end_date: 2021-12-01 is before the date, "
     "2021-12-03 (expected the meeting's last day, written as date is (2021-12-03))"),
    ("date: 2021\nend_date: 2021-05-01T10:00+03:00", "4: end_date: '2021-05-01T10:00+03:00' is not "
     "a year (expected the meeting's last year, written as date is (2021))"),
])
def test_mistaken_dates_are_named_with_their_line(tmp_path, lines, message):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/x.md").write_text(f"---\ntitle: T\n{lines}\n---\n")
    done = cli("build", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith(f"content/x.md:{message}")


def test_check_asks_about_a_first_of_january_the_text_never_names(tmp_path):
    (tmp_path / "content").mkdir()
    for name, text in (("silent", "The council met."), ("named", "On 1 January 2021 the council met."),
                       ("russian", "1 января 2021 года совет собрался."),
                       ("numeric", "Minsk, 01.01.2021. The council met."),
                       ("range", "The council met on 1–2 January 2021."),
                       ("short", "Minsk, 1&nbsp;Jan 2021. The council met."),
                       ("another-day", "The council met on 21 January.")):
        (tmp_path / f"content/{name}.md").write_text(
            f"---\ntitle: {name}\ndate: 2021-01-01\nsummary: s\nsource: https://example.org/\n"
            f"---\n{text}\n")
    done = cli("check", "--today", "2026-11-29", cwd=tmp_path)
    assert [line for line in done.stderr.splitlines() if "1 January" in line] == [
        f"content/{name}.md:3: warning: date: 2021-01-01, but the release never names 1 January: "
        "is the day known? (expected date: 2021 if only the year is known)"
        for name in ("another-day", "silent")]


def test_check_asks_about_a_meeting_said_to_last_weeks_only_when_its_days_are_known(tmp_path):
    (tmp_path / "content").mkdir()
    for name, dates in (("weeks", "date: 2021-05-03\nend_date: 2021-05-31"),
                        ("two-weeks", "date: 2021-05-03\nend_date: 2021-05-17"),
                        ("months", "date: 2021-05\nend_date: 2021-06"),
                        ("same-month", "date: 2021-05\nend_date: 2021-05"),
                        ("years", "date: 2019\nend_date: 2021")):
        (tmp_path / f"content/{name}.md").write_text(
            f"---\ntitle: {name}\n{dates}\nsummary: s\nsource: https://example.org/\n---\nText.\n")
    done = cli("check", "--today", "2026-11-29", cwd=tmp_path)
    assert [line for line in done.stderr.splitlines() if "end_date" in line] == [
        "content/weeks.md:4: warning: end_date: the meeting would last 29 days (expected an "
        "end_date within 14 days of the date, for a meeting of several days)"]


def test_a_site_with_only_upcoming_meetings_says_so_and_counts_nothing_held(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/soon.md").write_text(
        "---\ntitle: Soon\ndate: 2027-02\norganization: CSTO\nbody: Council\nsession: 7\n"
        "countries: [Armenia]\nlocation: Minsk, Belarus\ntopics: [migration]\n---\nText.\n")
    build(project(tmp_path / "content", tmp_path / "site"), search=False, today=TODAY)
    site = tmp_path / "site"
    home = page(site, "index.html")
    assert dict(zip(texts(home, "//dl[@class='counts']//dt"), texts(home, "//dl[@class='counts']//dd"))) \
        == {"Meetings": "0", "Bodies": "1", "Countries": "2", "Years": "0"}
    assert texts(home, "//section[@aria-labelledby='latest']/p") == ["None yet, but the upcoming ones above."]
    belarus = page(site, "countries/belarus/index.html")
    assert texts(belarus, "//section[@class='upcoming']//strong[@class='badge']") == ["Hosting"]
    assert texts(page(site, "countries/armenia/index.html"),
                 "//section[@class='upcoming']//strong[@class='badge']") == ["Taking part"]
    assert not belarus.xpath("//figure[@class='chart']")  # nothing to draw yet
    assert texts(page(site, "countries/index.html"), "//table[@class='records']//td[@colspan]") == [
        "upcoming only", "upcoming only"]
    assert not page(site, "countries/index.html").xpath("//table[@class='matrix']")
    assert texts(page(site, "topics/index.html"), "//ul[@class='topics']/li") == [
        "migration (0, 1 upcoming)"]
    assert texts(page(site, "topics/migration/index.html"), "//section[@class='upcoming']//p[@class='meeting-title']") == ["Soon"]
    assert texts(page(site, "bodies/csto-council/index.html"), "//p[@class='lede']") == [
        "No session in the record yet, but upcoming ones."]


def test_an_upcoming_session_follows_the_last_held_in_the_sessions_navigation(site):
    nav = texts(meeting_page(site, "next-year"), "//nav[@class='neighbours']//li")
    assert any(line.startswith("Previous session of this body:") for line in nav), nav


def test_a_new_day_in_the_sites_time_zone_makes_the_next_build_look_again(tmp_path, monkeypatch):
    """The site's day is not the computer's: at 22:00 UTC it is tomorrow in Moscow."""
    import briefing.commands.build

    (tmp_path / "content").mkdir()
    (tmp_path / "content/soon.md").write_text("---\ntitle: Soon\ndate: 2026-11-30\n---\nText.\n")
    (tmp_path / "site.yaml").write_text("timezone: Europe/Moscow\n")
    days = {"Europe/Moscow": dt.date(2026, 11, 29), "": dt.date(2026, 11, 29)}  # "": the computer's
    monkeypatch.setattr(briefing.commands.build, "today_in", lambda zone: days[zone])
    target = project(tmp_path / "content", tmp_path / "site")
    build(target, search=False)
    assert texts(page(tmp_path / "site", "index.html"), "//section[@class='upcoming']//p[@class='meeting-title']") == ["Soon"]
    assert str(build(target, search=False)).startswith("nothing changed")
    days["Europe/Moscow"] = dt.date(2026, 11, 30)  # midnight in Moscow, 21:00 UTC
    report = build(target, search=False)
    assert not str(report).startswith("nothing changed")
    home = page(tmp_path / "site", "index.html")
    assert not home.xpath("//section[@class='upcoming']")
    assert texts(home, "//section[@aria-labelledby='latest']//p[@class='meeting-title']") == ["Soon"]

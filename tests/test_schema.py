"""schema: front matter to Meeting, leniently where the editor meant something clear."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.model.meeting import When
from briefing.read.release import split_release
from briefing.read.schema import to_meeting


def meeting_from(front: str, name: str = "2021-01-01-council.md"):
    release = split_release(Path(name), name, f"---\ntitle: A meeting\ndate: 2021-01-01\n{front}---\nText\n")
    return to_meeting(release)


def meeting(front: str = "", **kwargs):
    found, problems = meeting_from(front, **kwargs)
    assert [p for p in problems if not p.warning] == []
    return found


def test_minimal_release_defaults():
    m = meeting()
    assert (m.title, m.date, m.slug, m.lang, m.draft) == ("A meeting", When(2021, 1, 1),
                                                          "2021-01-01-council", "en", False)
    assert m.countries == m.officials == m.topics == () and m.chair is None and m.session is None


@pytest.mark.parametrize("written, number, label", [
    ("23", 23, "23rd (XXIII)"), ("XXIII", 23, "23rd (XXIII)"), ("xxiii", 23, "23rd (XXIII)"),
    ("023", 23, "23rd (XXIII)"), ("1", 1, "1st (I)"), ("2", 2, "2nd (II)"), ("11", 11, "11th (XI)"),
    ("12", 12, "12th (XII)"), ("13", 13, "13th (XIII)"), ("101", 101, "101st (CI)"),
    ("112", 112, "112th (CXII)"),
])
def test_session_numbers_and_labels(written, number, label):
    m = meeting(f"session: {written}\n")
    assert (m.session, m.session_label) == (number, label)


def test_datetime_with_offset_keeps_the_local_date():
    release = split_release(Path("x.md"), "x.md", "---\ntitle: A\ndate: 2021-06-15T23:30:00-05:00\n---\n")
    late, problems = to_meeting(release)
    assert problems == []
    assert late.date == When(2021, 6, 15) and late.first_day == dt.date(2021, 6, 15)
    assert late.starts.utcoffset() == dt.timedelta(hours=-5)


@pytest.mark.parametrize("written, expected", [
    ("in person", "in person"), ("In-Person", "in person"), ("videoconference", "videoconference"),
    ("video conference", "videoconference"), ("Hybrid", "hybrid"),
])
def test_format_spellings(written, expected):
    assert meeting(f"format: {written}\n").format == expected


def test_countries_are_canonical_once_and_include_the_chair():
    m = meeting("chair: {name: Igor Zubov, country: Russian Federation}\n"
                "countries: [Republic of Armenia, AM, ARM, Armenia, NO]\n")
    assert [c.code for c in m.countries] == ["AM", "NO", "RU"]
    assert m.chair.country.code == "RU" and m.chair.name == "Igor Zubov"


def test_single_country_and_single_topic_stand_for_lists():
    m = meeting("countries: Kazakhstan\ntopics: border security\n")
    assert [c.code for c in m.countries] == ["KZ"] and m.topics == ("border security",)


def test_chair_may_be_a_delegation_or_a_name():
    assert meeting("chair: {country: Belarus}\n").chair.name is None
    assert meeting("chair: Belarus\n").chair.country.code == "BY"
    assert meeting("chair: Igor Zubov\n").chair.name == "Igor Zubov"


def test_location_names_the_host_country():
    assert meeting("location: Minsk, Republic of Belarus\n").host.code == "BY"
    assert meeting("location: Dushanbe\n").host is None
    assert meeting("location: Hotel Minsk, Main Street\n").host is None


def test_officials_as_mappings_or_names():
    m = meeting("officials:\n  - {name: Valery Semerikov, position: Deputy Secretary General, "
                "organization: CSTO}\n  - Oleg Krylov\n")
    assert [(o.name, o.position, o.organization) for o in m.officials] == [
        ("Valery Semerikov", "Deputy Secretary General", "CSTO"), ("Oleg Krylov", None, None)]


def test_slug_given_or_from_the_file_name_transliterated():
    assert meeting("slug: csto-xxiii\n").slug == "csto-xxiii"
    assert meeting(name="Совещание СНГ.md").slug == "soveshchanie-sng"


def test_null_and_empty_values_are_absent():
    m = meeting("body: ~\nsummary: ''\nlocation:\ncountries: []\n")
    assert (m.body, m.summary, m.location, m.countries) == (None, None, None, ())


def test_yaml_values_read_as_typed():
    m = meeting("summary: 2021\nbody: yes\ntopics: [on, 1.5]\n")
    assert (m.summary, m.body, m.topics) == ("2021", "yes", ("on", "1.5"))


def test_unknown_keys_are_kept_with_a_warning():
    found, problems = meeting_from("rapporteur: {name: Ivan}\n")
    assert found.extra == {"rapporteur": {"name": "Ivan"}}
    assert [(p.line, p.field, p.warning) for p in problems] == [(4, "rapporteur", True)]


def test_unknown_subkeys_warn():
    found, problems = meeting_from("chair: {name: Ivan, contry: Russia}\n")
    assert found.chair.name == "Ivan"
    assert [(p.field, p.warning) for p in problems] == [("chair.contry", True)]


def test_all_problems_of_one_file_are_collected():
    found, problems = meeting_from("session: twelve\nformat: y\ncountries: [Atlantis, Narnia]\nsource: z\n")
    assert found is None
    assert [(p.line, p.field) for p in sorted(problems, key=lambda p: p.place)] == [
        (4, "session"), (5, "format"), (6, "countries"), (6, "countries"), (7, "source")]

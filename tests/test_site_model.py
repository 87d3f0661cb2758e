"""site: meetings arranged into the indexes readers browse."""

from __future__ import annotations

from pathlib import Path

from briefing.read.release import split_release
from briefing.read.schema import to_meeting
from briefing.model.site import RoleCounts, arrange


def meeting(slug: str, date: str, front: str = ""):
    release = split_release(Path(f"{slug}.md"), f"{slug}.md",
                            f"---\ntitle: {slug}\ndate: {date}\n{front}---\n")
    found, problems = to_meeting(release)
    assert not [p for p in problems if not p.warning]
    return found


DRUGS = "organization: CSTO\nbody: Drug Council\n"
MIGRATION = "organization: CSTO\nbody: Migration Council\n"


def slugs(meetings) -> list[str]:
    return [m.slug if m else None for m in meetings]


def test_meetings_newest_first_with_same_day_order_stable():
    site = arrange([meeting("b", "2021-01-01"), meeting("c", "2022-01-01"), meeting("a", "2021-01-01"),
                    meeting("d", "2021-01-01T09:00+00:00"), meeting("e", "2021-01-01T08:00+00:00")])
    assert slugs(site.meetings) == ["c", "d", "e", "b", "a"]


def test_neighbours_in_time_and_by_session_of_the_same_body():
    site = arrange([
        meeting("d1", "2020-01-01", DRUGS + "session: 1\n"),
        meeting("m1", "2020-06-01", MIGRATION + "session: 1\n"),
        meeting("d2", "2021-01-01", DRUGS + "session: 2\n"),
        # the same body written in another case and spacing
        meeting("d3", "2022-01-01", "organization: csto\nbody: drug  council\nsession: 3\n"),
    ])
    n = site.neighbours
    assert slugs([n["d2"].earlier, n["d2"].later]) == ["m1", "d3"]
    assert slugs([n["d2"].previous_session, n["d2"].next_session]) == ["d1", "d3"]
    assert slugs([n["d1"].earlier, n["d1"].previous_session, n["d1"].next_session]) == [None, None, "d2"]
    assert slugs([n["m1"].previous_session, n["m1"].next_session]) == [None, None]
    assert site.body_count == 2


def test_country_records_count_took_part_chaired_hosted_from_one_definition():
    site = arrange([
        meeting("a", "2020-01-01", "countries: [AM, BY]\nchair: {country: AM}\n"),
        meeting("b", "2021-01-01", "countries: [BY]\nlocation: Yerevan, Armenia\n"),
        meeting("c", "2022-01-01", "countries: [BY, KZ]\nchair: {country: BY}\nlocation: Minsk, Belarus\n"),
        meeting("d", "2022-03-01", "chair: {country: KG}\nlocation: Kazakhstan\n"),
    ])
    records = {r.country.code: r for r in site.countries}
    assert [r.country.name for r in site.countries] == ["Armenia", "Belarus", "Kazakhstan",
                                                        "Kyrgyzstan"]
    armenia, belarus, kazakhstan = records["AM"], records["BY"], records["KZ"]
    assert slugs(armenia.meetings) == ["b", "a"]  # hosted b without taking part
    assert armenia.counts == RoleCounts(listed=2, took_part=1, chaired=1, hosted=1, hosted_only=1)
    assert belarus.counts == RoleCounts(listed=3, took_part=3, chaired=1, hosted=1, hosted_only=0)
    # a location that is a country alone: the host; a chair not listed: takes part
    assert kazakhstan.counts == RoleCounts(listed=2, took_part=1, chaired=0, hosted=1, hosted_only=1)
    assert records["KG"].counts == RoleCounts(1, 1, 1, 0, 0)
    assert (belarus.first.slug, belarus.last.slug) == ("a", "c")
    assert belarus.notes(belarus.meetings) == ("Took part · Chaired · Hosted", "Took part",
                                               "Took part")
    assert armenia.notes(armenia.meetings) == ("Hosted", "Took part · Chaired")


def test_timeline_by_year_and_month_newest_first():
    site = arrange([meeting("a", "2020-01-05"), meeting("b", "2020-01-20"), meeting("c", "2020-03-01"),
                    meeting("d", "2022-07-01")])
    assert site.years == (2022, 2020)
    assert [(y.year, y.count) for y in site.timeline] == [(2022, 1), (2020, 3)]
    months = site.timeline[1].months
    assert [(m.name, slugs(m.meetings)) for m in months] == [("March", ["c"]), ("January", ["b", "a"])]


def test_empty_site():
    site = arrange([])
    assert site.meetings == site.countries == site.timeline == () and site.body_count == 0


def test_a_record_many_pages_show_is_walked_once_and_keys_them_as_if_alone():
    from briefing.render.plan import Page, People, PersonPage, plan

    meetings = [meeting("a", "2020-01-01", "countries: [AM, BY]\nchair: {name: Ivan Petrov, country: AM}\n"),
                meeting("b", "2021-01-01", "countries: [BY]\nofficials: [{name: Ivan Petrov}]\n")]
    pages = list(plan(arrange(meetings), {"a": "text a", "b": "text b"}))
    walked: dict = {}
    together = [page.key("T", walked) for page in pages]
    assert together == [page.key("T") for page in pages]  # each page's key, walked alone
    assert len(set(together)) == len(pages)
    assert walked  # (the records were walked once: the people's list and each person's page)
    # the same person's record, made again from the same meetings: the same key; from a
    # site where they had one meeting less, another (on their page and on the list)
    again = arrange(meetings).people[0]
    fewer = arrange(meetings[:1]).people[0]
    assert Page("p/", "person.html", PersonPage(again, {}, None)).key("T") == \
        Page("p/", "person.html", PersonPage(again, {}, None)).key("T", walked)
    assert Page("p/", "people.html", People((again,))).key("T") != \
        Page("p/", "people.html", People((fewer,))).key("T")

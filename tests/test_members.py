"""What analysts come for: main results, who belongs and who was not listed, and the
people who chair and attend. Built from tests/fixtures/members (an organization
with joins, a departure within a year-only date and an observer; "all members";
an explicit list with members missing; a guest; an organization whose membership
is not known; one person under three spellings joined by people.yaml), and every
number on a page recounted from the releases' own lists."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import feedparser
import pytest

from briefing.commands.check import check
from briefing.problems import ContentError
from conftest import FIXTURES, build, page, project, texts, write_release

MEMBERS = FIXTURES / "members"
TODAY = dt.date(2026, 11, 29)
BODY = "bodies/csto-council-of-foreign-ministers/index.html"


def members_project(root: Path, out: Path | None = None):
    """The fixture, its registries beside the output (where `project` looks)."""
    root.mkdir(exist_ok=True)
    for name in ("organizations.yaml", "people.yaml"):
        shutil.copy(MEMBERS / name, root / name)
    content = root / "content"
    if not content.exists():
        shutil.copytree(MEMBERS / "content", content)
    return project(content, out or root / "site")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("members")
    built = members_project(root)
    build(built, today=TODAY, search=False)
    return built.out


def facts(tree) -> dict[str, str]:
    return dict(zip(texts(tree, "//section[@class='facts']//dt"),
                    texts(tree, "//section[@class='facts']//dd")))


def records(site: Path) -> dict[str, dict]:
    data = json.loads((site / "data/meetings.json").read_text())
    return {m["slug"]: m for m in data["meetings"]}


# -- main results ----------------------------------------------------------------

def test_main_results_come_first_with_their_links_and_kinds(site):
    tree = page(site, "meetings/cfm-10/index.html")
    article = tree.xpath("//article")[0]
    sections = [s.get("class") for s in article.xpath("./section")]
    assert sections[0] == "outcomes"  # before who took part and the release
    assert texts(article, "./section[@class='outcomes']/h2") == ["Main results"]
    assert texts(article, "./section[@class='outcomes']//li") == [
        "Statement on Afghanistan statement", "Plan of consultations for 2010–2011"]
    assert article.xpath("./section[@class='outcomes']//a/@href") == [
        "https://example.org/statement-afghanistan"]
    # in the part of the page the search indexes
    assert article.get("data-pagefind-body") is not None
    assert not article.xpath("./section[@class='outcomes'][@data-pagefind-ignore]")
    assert not page(site, "meetings/cfm-11/index.html").xpath("//section[@class='outcomes']")


def test_results_are_counted_on_the_body_page(site):
    tree = page(site, BODY)
    assert "3 results adopted" in texts(tree, "//p[@class='lede']")[0]
    rows = texts(tree, "//ol[@class='sessions']/li")
    assert rows[0].endswith("2 results adopted") and rows[3].endswith("1 result adopted")
    assert "adopted" not in rows[1]


def test_results_in_the_data_files_json_ld_and_feed(site):
    meeting = records(site)["cfm-10"]
    assert meeting["outcomes"] == [
        {"title": "Statement on Afghanistan", "url": "https://example.org/statement-afghanistan",
         "kind": "statement"},
        {"title": "Plan of consultations for 2010–2011", "url": None, "kind": None}]
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(
        (site / "data/meetings.csv").read_text(encoding="utf-8-sig")))}
    assert rows["cfm-10"]["outcomes"] == ("Statement on Afghanistan (statement); "
                                          "Plan of consultations for 2010–2011")
    tree = page(site, "meetings/cfm-10/index.html")
    event = json.loads(tree.xpath("//script[@type='application/ld+json']/text()")[0])
    assert event["about"] == [
        {"@type": "CreativeWork", "name": "Statement on Afghanistan",
         "url": "https://example.org/statement-afghanistan", "genre": "statement"},
        {"@type": "CreativeWork", "name": "Plan of consultations for 2010–2011"}]
    assert "about" not in json.loads(page(site, "meetings/cfm-11/index.html").xpath(
        "//script[@type='application/ld+json']/text()")[0])


def test_results_in_the_feed(tmp_path):
    built = members_project(tmp_path)
    (tmp_path / "site.yaml").write_text("base_url: https://example.org/\n")
    build(built, today=TODAY, search=False)
    feed = feedparser.parse(str(built.out / "feed.xml"))
    assert not feed.bozo
    entry = next(e for e in feed.entries if e.link.endswith("/meetings/cfm-10/"))
    html = entry.content[0].value
    assert "Main results" in html and ">Statement on Afghanistan</a> (statement)" in html
    assert "Plan of consultations for 2010–2011" in html
    assert not any("content" in e for e in feed.entries if e.link.endswith("/cfm-11/"))


@pytest.mark.parametrize("outcome, message", [
    ("[{title: A plan, url: 'javascript:alert(1)'}]",
     "8: outcomes.url: 'javascript:alert(1)' is not a web address"),
    ("[{title: A plan, kind: resolution}]", "8: outcomes.kind: unknown kind 'resolution' "
     "(expected one of: decision, statement, agreement, document, other)"),
    ("[{url: 'https://example.org/'}]", "8: outcomes: a result without a title"),
    ("\n  - {title: A plan, kinds: decision}", "9: warning: outcomes.kinds: unknown key, ignored; did you mean 'kind'?"),
])
def test_a_wrong_result_names_its_line(tmp_path, outcome, message):
    content = tmp_path / "content"
    write_release(content, "m.md", "---\ntitle: A meeting\ndate: 2021-03-01\norganization: CSTO\n"
                  "countries: [RU, BY]\nsummary: s\nsource: https://example.org/\n"
                  f"outcomes: {outcome}\n---\nText.\n")
    problems = check(project(content, tmp_path / "site"), today=TODAY)
    assert any(str(p).startswith(f"{content / 'm.md'}:{message}") or
               f"m.md:{message}" in str(p) for p in problems), [str(p) for p in problems]


# -- who belongs, and who was not listed -----------------------------------------

def test_all_members_is_the_membership_on_the_date(site):
    tree = page(site, "meetings/cfm-13/index.html")
    listed = facts(tree)["Participating countries: all members (6)"]
    assert listed.split("registry of members. ")[1].split() == [
        "Armenia", "(chair)", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "(host)",
        "Tajikistan"]  # Uzbekistan's membership was suspended in 2012
    meeting = records(site)["cfm-13"]
    assert meeting["countries_given"] == "all members"
    assert sorted(meeting["countries"]) == ["AM", "BY", "KG", "KZ", "RU", "TJ"]
    assert "Members not listed" not in " ".join(facts(tree))  # never with "all members"


def test_members_not_listed_only_where_the_release_lists_participants(site):
    tree = page(site, "meetings/cfm-11/index.html")
    assert facts(tree)["Members not listed (2)"].startswith("Kyrgyzstan Uzbekistan CSTO members on this date")
    assert "(5 of 7 named)" in facts(tree)["Members not listed (2)"]
    # a member that left within a year-only date is neither member nor not
    tree = page(site, "meetings/cfm-12/index.html")
    assert not any(dt.startswith("Members not listed") for dt in facts(tree))
    assert facts(tree)["Membership not known"].startswith("Uzbekistan joined or left")
    for quiet in ("cfm-15", "sco-2015", "cfm-13", "cfm-10"):  # no list; unknown; all; everyone
        assert not any(d.startswith("Members not listed")
                       for d in facts(page(site, f"meetings/{quiet}/index.html"))), quiet


def test_unknown_membership_leaves_all_members_unlisted(site):
    said = facts(page(site, "meetings/sco-2015/index.html"))["Participating countries"]
    assert "All members of SCO, the release says" in said and "none is listed" in said
    assert records(site)["sco-2015"]["countries"] == []


def test_guests_and_observers_are_marked_not_counted_as_members(site):
    listed = facts(page(site, "meetings/cfm-14/index.html"))["Participating countries (8)"]
    assert "Afghanistan (not a member on this date)" in listed
    assert "Serbia (observer)" in listed


def test_a_members_record_can_be_recounted_from_the_meetings(site):
    """Kyrgyzstan: its body record and its country page agree with the releases: it
    was a member at every session; the lists of 10, 12, 13 (all members) and 14
    name it, that of 11 does not, 15 lists no one."""
    meetings = records(site)
    known = ["cfm-10", "cfm-11", "cfm-12", "cfm-13", "cfm-14"]
    took = [s for s in known if "KG" in meetings[s]["countries"]]
    body = page(site, BODY)
    rows = {r[0]: r for r in (texts(tr, "./*") for tr in body.xpath(
        "//table[@aria-labelledby='members-caption']/tbody/tr"))}
    assert rows["Kyrgyzstan"] == ["Kyrgyzstan", str(len(took)), str(len(known)), "11th (XI)"]
    assert rows["Uzbekistan"] == ["Uzbekistan", "1", "2", "11th (XI)"]
    assert "Serbia" not in rows and "Afghanistan" not in rows
    country = page(site, "countries/kyrgyzstan/index.html")
    assert texts(country, "//ul[@class='member-records']/li") == [
        f"CSTO Council of Foreign Ministers: took part in {len(took)} of {len(known)} sessions "
        "held while a member; not listed at 1."]
    assert country.xpath("//h3[@id='not-listed']/following-sibling::ol[1]//a/@href") == [
        "../../meetings/cfm-11/index.html"]


def test_the_body_matrix_tells_not_listed_from_not_a_member(site):
    body = page(site, BODY)
    table = body.xpath("//table[contains(@class, 'member-years')]")[0]
    years = texts(table, ".//thead/tr/th")[1:]
    assert years == ["2015", "2014", "2013", "2012", "2011", "2010"]
    cells = {texts(tr, "./th")[0]: texts(tr, "./td") for tr in table.xpath(".//tbody/tr")}
    assert cells["Kyrgyzstan"] == ["?not known", "1/1", "1/1", "1/1", "0/1", "1/1"]
    assert cells["Uzbekistan"] == ["?not known", "–not a member", "–not a member", "?not known",
                                   "0/1", "1/1"]


def test_the_countries_matrix_shows_not_listed_apart(site):
    tree = page(site, "countries/index.html")
    rows = {texts(tr, "./th")[0]: texts(tr, "./td")
            for tr in tree.xpath("//table[@class='matrix']/tbody/tr")}
    years = texts(tree, "//table[@class='matrix']/thead/tr/th")[1:]
    kyrgyzstan = dict(zip(years, rows["Kyrgyzstan"]))
    assert kyrgyzstan["2011"] == "(1)" and kyrgyzstan["2010"] == "1"
    assert dict(zip(years, rows["Uzbekistan"]))["2014"] == ""  # not a member: nothing to say


def test_check_warns_of_guests_and_unknown_memberships(tmp_path):
    problems = [str(p) for p in check(members_project(tmp_path), today=TODAY)]
    assert any("cfm-14.md:8: warning: countries: Afghanistan was not a member of CSTO on "
               "1 April 2014: a guest?" in p for p in problems), problems
    assert any("sco-2015.md:6: warning: countries: 'all members', but the membership of SCO "
               "is not in organizations.yaml" in p for p in problems)
    assert not any("Serbia" in p for p in problems)  # an observer is no guest


@pytest.mark.parametrize("registry, message", [
    ("CSTO:\n  members:\n    - {country: Atlantis, since: 1992-05-15}\n",
     "organizations.yaml:3: CSTO.members.country: unknown country 'Atlantis'"),
    ("CSTO:\n  members:\n    - {country: AM, since: 15 May 1992}\n",
     "organizations.yaml:3: CSTO.members.since: '15 May 1992' is not a date"),
    ("CSTO:\n  members:\n    - {country: AM, since: 2000, until: 1999}\n",
     "organizations.yaml:3: CSTO.members.until: 1999 is not after 2000"),
    ("CSTO:\n  name: Collective Security Treaty Organization\n",
     "organizations.yaml:1: CSTO: no members"),
    ("CSTO:\n  members:\n    - {country: AM}\n",
     "organizations.yaml:3: CSTO.members: a member without a country or a 'since'"),
    ("CSTO: [1, 2\n", "organizations.yaml:2"),
])
def test_a_wrong_registry_of_members_names_its_line(tmp_path, registry, message):
    built = members_project(tmp_path)
    (tmp_path / "organizations.yaml").write_text(registry)
    with pytest.raises(ContentError) as failed:
        build(built, today=TODAY, search=False)
    assert any(message in str(p) for p in failed.value.problems), \
        [str(p) for p in failed.value.problems]
    assert not built.out.exists()


# -- people ----------------------------------------------------------------------

def test_one_person_under_three_spellings_has_one_page(site):
    assert sorted(p.name for p in (site / "people").iterdir() if p.is_dir()) == [
        "edward-nalbandian", "valeriy-semerikov", "valery-semerikov", "yerzhan-kazykhanov"]
    tree = page(site, "people/edward-nalbandian/index.html")
    assert texts(tree, "//h1") == ["Edward Nalbandian"]
    assert "Edward Nalbandyan" in texts(tree, "//p[@class='note']")[0]
    assert "Эдвард Налбандян" in texts(tree, "//p[@class='note']")[0]
    # grouped by body, newest first, each with the position held then
    assert texts(tree, "//section/h2") == ["CSTO Council of Foreign Ministers"]
    assert [href.split("/")[-2] for href in tree.xpath(
        "//ul[@class='appearances']//p[@class='meeting-title']/a/@href")] == [
        "cfm-15", "cfm-14", "cfm-13"]
    assert texts(tree, "//ul[@class='appearances']//p[@class='meeting-meta']")[0] == (
        "Министр иностранных дел, Armenia")
    assert texts(tree, "//ul[@class='appearances']//strong[@class='badge']") == ["Chair"] * 3


def test_a_person_named_twice_by_one_release_is_listed_once(tmp_path):
    """The page counted one meeting and listed it twice: its list must bear the count."""
    content = tmp_path / "content"
    write_release(content, "m.md", "---\ntitle: A meeting\ndate: 2021-03-01\n"
                  "officials: [Anna Petrova, Anna  Petrova]\n---\nText.\n")
    build(project(content, tmp_path / "site"))
    tree = page(tmp_path / "site", "people/anna-petrova/index.html")
    assert texts(tree, "//p[@class='lede']")[0].startswith("Named by the releases of 1 meeting.")
    assert len(tree.xpath("//ul[@class='appearances']/li")) == 1


def test_names_that_only_look_alike_stay_apart(site):
    """'Valery' and 'Valeriy' Semerikov are two pages until people.yaml joins them."""
    index = page(site, "people/index.html")
    rows = {texts(tr, "./th")[0]: texts(tr, "./td") for tr in index.xpath("//tbody/tr")}
    assert rows["Edward Nalbandian"][:2] == ["3", "3"]
    assert rows["Valery Semerikov"][:2] == ["1", "0"] and rows["Valeriy Semerikov"][:2] == ["1", "0"]
    assert texts(index, "//p[@class='lede']")[0].startswith("4 people")


def test_meeting_and_body_pages_link_their_people(site):
    tree = page(site, "meetings/cfm-14/index.html")
    assert tree.xpath("//section[@class='facts']//span[@class='person']/a/@href") == [
        "../../people/edward-nalbandian/index.html", "../../people/valeriy-semerikov/index.html"]
    body = page(site, BODY)
    chairs = [texts(tr, "./*") for tr in body.xpath(
        "//section[h2='Chairs over time']//tbody/tr")]
    assert [row[0] for row in chairs] == ["11th (XI)", "13th (XIII)", "14th (XIV)", "15th (XV)"]
    assert chairs[-1][1:] == ["Эдвард Налбандян, Министр иностранных дел", "Armenia", "3 March 2015"]
    assert body.xpath("//section[h2='Chairs over time']//tbody/tr[4]/td[1]/a/@href") == [
        "../../people/edward-nalbandian/index.html"]


def test_check_suggests_aliases_it_never_applies(tmp_path):
    problems = [str(p) for p in check(members_project(tmp_path), today=TODAY)]
    assert any("cfm-11.md:13: warning: officials: 'Valery Semerikov' is close to "
               "'Valeriy Semerikov' (1 meeting): the same person? add them to people.yaml"
               in p for p in problems), problems
    # joined through people.yaml: nothing to suggest
    assert not any("Nalband" in p for p in problems)


def test_a_wrong_registry_of_people_names_its_line(tmp_path):
    built = members_project(tmp_path)
    (tmp_path / "people.yaml").write_text(
        "Edward Nalbandian:\n  aliases: [Igor Zubov]\nIgor Zubov:\n  slug: Igor Zubov\n"
        "Oleg Krylov:\n  aliases: [Edward Nalbandian]\n")
    with pytest.raises(ContentError) as failed:
        build(built, today=TODAY, search=False)
    said = [str(p) for p in failed.value.problems]
    assert any("people.yaml:3: Igor Zubov: 'Igor Zubov' is also a name of 'Edward Nalbandian'"
               in p for p in said), said
    assert any("people.yaml:4: Igor Zubov.slug: 'Igor Zubov' cannot be a page's address" in p
               for p in said)
    assert any("people.yaml:5: Oleg Krylov: 'Edward Nalbandian' is also a name of" in p
               for p in said)


# -- the registries are inputs like any other --------------------------------------

def test_an_edited_registry_rebuilds_what_it_changes(tmp_path):
    """Kyrgyzstan removed from the members: the rebuild (cache warm) says what a clean
    build of the same inputs says, byte for byte."""
    built = members_project(tmp_path / "a")
    build(built, today=TODAY, search=False)
    registry = tmp_path / "a/organizations.yaml"
    registry.write_text(registry.read_text().replace("    - {country: KG, since: 1992-05-15}\n", ""))
    build(built, today=TODAY, search=False)
    assert "Members not listed (1)" in facts(page(built.out, "meetings/cfm-11/index.html"))
    clean = project(built.content, tmp_path / "a/clean", cache=tmp_path / "a/.clean-cache")
    build(clean, today=TODAY, search=False)
    for path in sorted(p.relative_to(clean.out) for p in clean.out.rglob("*") if p.is_file()):
        assert (built.out / path).read_bytes() == (clean.out / path).read_bytes(), path
    assert sorted(p.relative_to(built.out) for p in built.out.rglob("*") if p.is_file()) == \
        sorted(p.relative_to(clean.out) for p in clean.out.rglob("*") if p.is_file())


# -- the rules, on any membership and any listing ------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefing.model.countries import lookup  # noqa: E402
from briefing.model.meeting import ALL_MEMBERS, LISTED, Meeting, When  # noqa: E402
from briefing.model.organizations import (MEMBER, NOT_MEMBER, Memberships,  # noqa: E402
                                          Organization, Term)
from briefing.model.site import arrange  # noqa: E402

STATES = [lookup(code) for code in ("AM", "BY", "KZ", "KG", "RU", "TJ", "UZ")]
whens = st.one_of(st.integers(2010, 2014).map(When),
                  st.tuples(st.integers(2010, 2014), st.integers(1, 12)).map(lambda t: When(*t)),
                  st.dates(dt.date(2010, 1, 1), dt.date(2014, 12, 31)).map(When.of))
terms = st.builds(lambda state, since, years: Term(state, since, None if years is None else
                                                   When(since.year + years)),
                  st.sampled_from(STATES), whens, st.none() | st.integers(1, 3))
meetings = st.tuples(whens, st.sampled_from([LISTED, ALL_MEMBERS, None]),
                     st.lists(st.sampled_from(STATES), unique=True, max_size=7))


def meeting(n: int, when: When, listing: str | None, states: list) -> Meeting:
    return Meeting(f"m{n}", f"key{n}", f"m{n}.md", f"Meeting {n}", when, None, "CSTO", "Council",
                   n + 1, None, None, None, None, tuple(states if listing == LISTED else ()),
                   (), (), None, None, "en", False, listing=listing)


@settings(max_examples=150, deadline=None)
@given(members=st.lists(terms, max_size=8), held=st.lists(meetings, min_size=1, max_size=8))
def test_not_listed_only_when_certain_and_records_add_up(members, held):
    memberships = Memberships({"csto": Organization("CSTO", None, tuple(members))})
    site = arrange([meeting(n, *m) for n, m in enumerate(held)], memberships=memberships)
    organization = memberships.of("CSTO")
    for m in site.meetings:
        known = site.attendance.get(m.slug)
        if m.listing is None or (m.listing == ALL_MEMBERS and organization.members_on(
                m.first_day, m.last_day) is None):
            assert known is None
            continue
        for state in known.not_listed:  # a member on every day the date can mean, not listed
            assert m.listing == LISTED and state not in m.countries
            assert organization.status(state, m.first_day, m.last_day) == MEMBER
        for state in known.guests:
            assert organization.status(state, m.first_day, m.last_day) == NOT_MEMBER
        if m.listing == ALL_MEMBERS:  # expanded to exactly the members on the date
            assert set(m.countries) == set(organization.members_on(m.first_day, m.last_day))
    for record in site.bodies:
        for member in record.members:
            assert member.held == len(member.took_part) + len(member.not_listed)
            assert all(member.country in m.countries for m in member.took_part)
            assert all(member.country in site.attendance[m.slug].not_listed
                       for m in member.not_listed)
    for country in site.countries:  # the country's list is the body records' lists
        assert sorted(m.slug for m in country.not_listed) == sorted(
            m.slug for r in country.memberships for m in r.not_listed)


def test_check_does_not_take_a_shared_surname_for_one_person(tmp_path):
    content = tmp_path / "content"
    for n, name in enumerate(["Aida Karimova", "Zarina Karimova", "Zarina Karimova"]):
        write_release(content, f"m{n}.md", f"---\ntitle: Meeting {n}\ndate: 2021-03-0{n + 1}\n"
                      f"chair: {{name: {name}, country: KZ}}\nsummary: s\n"
                      "source: https://example.org/\n---\nText.\n")
    assert [str(p) for p in check(project(content, tmp_path / "site"), today=TODAY)] == []


# -- what a fresh-eyes review found ------------------------------------------------

@pytest.mark.parametrize("registry, said", [
    ("CSTO:\n  members: []\n", ["organizations.yaml:1: CSTO: no members"]),
    ("CSTO:\n  members:\n    - AM\n", ["organizations.yaml:3: CSTO.members: a single value where "
                                        "a mapping belongs"]),
    ("CSTO: 5\n", ["organizations.yaml:1: CSTO: a single value where a mapping belongs"]),
    ("- CSTO\n", ["organizations.yaml:1: organizations.yaml: organizations.yaml is a list"]),
    ("CSTO:\n  members:\n    - {country: AM, since: 1992, since: 1993}\n",
     ["organizations.yaml:3: CSTO.members.since: duplicate key, first given on line 3"]),
])
def test_each_mistake_in_the_registry_of_members_is_said_once(tmp_path, registry, said):
    built = members_project(tmp_path)
    (tmp_path / "organizations.yaml").write_text(registry)
    with pytest.raises(ContentError) as failed:
        build(built, today=TODAY, search=False)
    found = [str(p).split("members/", 1)[-1].split(str(tmp_path) + "/", 1)[-1]
             for p in failed.value.problems if "organizations.yaml" in str(p)]
    assert len(found) == len(said) and all(f.startswith(s) for f, s in zip(found, said)), found


def test_all_members_inside_a_list_is_said_once(tmp_path):
    content = tmp_path / "content"
    write_release(content, "m.md", "---\ntitle: M\ndate: 2021-03-01\norganization: CSTO\n"
                  "countries: [all members, RU]\n---\nText.\n")
    said = [str(p) for p in check(project(content, tmp_path / "site"), today=TODAY)
            if "countries" in str(p)]
    assert len(said) == 1 and "'all members' among states" in said[0], said


def test_a_blank_name_in_the_registry_of_people_is_refused(tmp_path):
    built = members_project(tmp_path)
    (tmp_path / "people.yaml").write_text("'   ':\n  aliases: [Igor Zubov]\n")
    with pytest.raises(ContentError) as failed:
        build(built, today=TODAY, search=False)
    assert any("people.yaml:1: people.yaml: a blank name" in str(p) for p in failed.value.problems)


def test_a_registry_named_on_the_command_line_must_exist(tmp_path):
    from briefing.commands.cli import main

    built = members_project(tmp_path)
    status = main(["build", "--content", str(built.content), "--out", str(tmp_path / "out"),
                   "--bodies", str(tmp_path / "bodies.yaml"), "--organizations",
                   str(tmp_path / "organisations.yaml"), "--today", "2026-11-29", "--no-search"])
    assert status == 1 and not (tmp_path / "out").exists()


def test_a_year_with_a_session_of_unknown_membership_is_not_called_not_a_member(tmp_path):
    """Belarus joined in June 2010: at a session of 1 March 2010 it was not a member;
    at one dated "2010-06" it is not known. The year's cell says "not known"."""
    content = tmp_path / "content"
    for n, date in enumerate(["2010-03-01", "2010-06", "2011-05-05"]):
        write_release(content, f"s{n}.md", f"---\ntitle: Session {n}\ndate: {date}\n"
                      f"organization: CSTO\nbody: Council\nsession: {n + 1}\n"
                      "countries: [RU, KZ]\n---\nText.\n")
    (tmp_path / "organizations.yaml").write_text(
        "CSTO:\n  members:\n    - {country: RU, since: 1992}\n    - {country: KZ, since: 1992}\n"
        "    - {country: BY, since: 2010-06-15}\n")
    built = project(content, tmp_path / "site")
    build(built, today=TODAY, search=False)
    table = page(built.out, "bodies/csto-council/index.html").xpath(
        "//table[contains(@class, 'member-years')]")[0]
    cells = {texts(tr, "./th")[0]: texts(tr, "./td") for tr in table.xpath(".//tbody/tr")}
    assert cells["Belarus"] == ["0/1", "?not known"] and cells["Russia"] == ["1/1", "2/2"]


def test_a_member_that_became_an_observer_within_the_date_is_not_a_member_then(tmp_path):
    ru, tm = lookup("RU"), lookup("TM")
    organization = Organization("CIS", None, (Term(ru, When(1991)), Term(tm, When(1991),
                                                                          When(2005, 8, 26))),
                                (Term(tm, When(2005, 8, 26)),))
    assert organization.members_on(dt.date(2006, 1, 1), dt.date(2006, 12, 31)) == (ru,)
    assert organization.status(tm, dt.date(2005, 1, 1), dt.date(2005, 12, 31)) is None
    # before any member joined, nothing is known of it: "all members" lists no one
    assert organization.members_on(dt.date(1980, 1, 1), dt.date(1980, 12, 31)) is None


def test_states_only_not_named_are_not_counted_among_the_countries(site):
    home = page(site, "index.html")
    counts = dict(zip(texts(home, "//dl[@class='counts']//dt"),
                      texts(home, "//dl[@class='counts']//dd")))
    involved = {c for m in records(site).values() for c in
                (*m["countries"], m["host"], m["chair_country"]) if c}
    assert counts["Countries"] == str(len(involved))


def test_check_leaves_two_people_of_the_registry_apart(tmp_path):
    built = members_project(tmp_path)
    (tmp_path / "people.yaml").write_text("Valery Semerikov:\nValeriy Semerikov:\n")
    assert not any("Semerikov" in str(p) for p in check(built, today=TODAY))


def test_a_body_of_one_session_known_by_its_year_is_in_that_year(tmp_path):
    """('1 session in the record, on 2021': a year is not a day.)"""
    content = tmp_path / "content"
    write_release(content, "s.md", "---\ntitle: Session\ndate: 2021\norganization: CSTO\n"
                  "body: Council\n---\nText.\n")
    built = project(content, tmp_path / "site")
    build(built, today=TODAY, search=False)
    assert texts(page(built.out, "bodies/csto-council/index.html"), "//p[@class='lede']") == [
        "1 session in the record, in 2021."]

"""One definition of a state's record (issue 13, point 1): on every country page,
every number equals the count of the meetings listed under its label, and equals
the countries index, the participation matrix and the data file; for any corpus,
including hosts that do not take part, chairs not listed among the countries,
locations that are a country alone, dates of every precision, upcoming meetings."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.commands.build import build
from conftest import project
from records import recount

TODAY = dt.date(2026, 11, 29)
COUNTRIES = ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"]
CITIES = {"Armenia": "Yerevan", "Belarus": "Minsk", "Kazakhstan": "Astana",
          "Kyrgyzstan": "Bishkek", "Russia": "Moscow", "Tajikistan": "Dushanbe", "China": "Beijing"}
dates = st.one_of(
    st.dates(dt.date(2019, 1, 1), dt.date(2027, 12, 31)).map(str),
    st.integers(2019, 2027).map(str),
    st.tuples(st.integers(2019, 2027), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"))
releases = st.fixed_dictionaries({
    "date": dates,
    "countries": st.lists(st.sampled_from(COUNTRIES), max_size=5, unique=True),
    "chair": st.none() | st.sampled_from(COUNTRIES),  # often not listed among the countries
    "host": st.none() | st.sampled_from([*COUNTRIES, "China"]),  # often not taking part
    "alone": st.booleans(),  # the location is the country alone: "Kazakhstan"
})


def text(number: int, release: dict) -> str:
    lines = [f"title: Meeting {number}", f"date: {release['date']}"]
    if release["countries"]:
        lines.append(f"countries: [{', '.join(release['countries'])}]")
    if release["chair"]:
        lines.append(f"chair: {{country: {release['chair']}}}")
    if release["host"]:
        host = release["host"]
        lines.append(f"location: {host if release['alone'] else f'{CITIES[host]}, {host}'}")
    return "---\n" + "\n".join(lines) + "\n---\nText.\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=st.lists(releases, min_size=1, max_size=14))
def test_every_number_of_a_country_page_can_be_recounted_from_its_list(corpus):
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        content.mkdir()
        for number, release in enumerate(corpus):
            (content / f"m{number}.md").write_text(text(number, release))
        out = Path(folder) / "site"
        build(project(content, out), search=False, today=TODAY)
        assert recount(out, TODAY.isoformat()) == []


def test_the_recount_catches_a_page_that_counts_wrong(tmp_path):
    """The checker itself can fail: a tile one off is caught."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(text(1, {"date": "2021-03-01", "countries": ["Armenia"],
                                           "chair": "Armenia", "host": "Belarus", "alone": False}))
    build(project(content, tmp_path / "site"), search=False, today=TODAY)
    assert recount(tmp_path / "site", TODAY.isoformat()) == []
    page = tmp_path / "site/countries/belarus/index.html"
    page.write_text(page.read_text().replace("<dt>Hosted</dt><dd>1</dd>", "<dt>Hosted</dt><dd>2</dd>"))
    assert recount(tmp_path / "site", TODAY.isoformat()) == [
        "belarus: tile Hosted 2, listed 1", "belarus: index Hosted 1, tile 2",
        "belarus: data Hosted 1, tile 2"]

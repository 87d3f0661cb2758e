"""countries: every usual way of writing a state gives one canonical Country."""

from __future__ import annotations

import pytest

from briefing.model.countries import UnknownCountry, lookup


@pytest.mark.parametrize("written, code, name", [
    ("Republic of Armenia", "AM", "Armenia"),
    ("Kyrgyz Republic", "KG", "Kyrgyzstan"),
    ("Kyrgyzstan", "KG", "Kyrgyzstan"),
    ("Russian Federation", "RU", "Russia"),
    ("Russia", "RU", "Russia"),
    ("Belarus", "BY", "Belarus"),
    ("Republic of Belarus", "BY", "Belarus"),
    ("the Republic of Tajikistan", "TJ", "Tajikistan"),
    ("RU", "RU", "Russia"),
    ("rus", "RU", "Russia"),
    ("KAZ", "KZ", "Kazakhstan"),
    ("  republic   of  MOLDOVA ", "MD", "Moldova"),
    ("Moldova, Republic of", "MD", "Moldova"),
    ("Viet Nam", "VN", "Vietnam"),
    ("Turkey", "TR", "Türkiye"),
    ("NO", "NO", "Norway"),
])
def test_spellings_meet_in_one_country(written, code, name):
    country = lookup(written)
    assert (country.code, country.name) == (code, name)


def test_country_carries_codes_names_and_slug():
    russia = lookup("Russia")
    assert (russia.alpha3, russia.official_name, russia.slug) == ("RUS", "Russian Federation", "russia")
    assert lookup("Russian Federation") is russia


def test_unknown_country_names_the_closest():
    with pytest.raises(UnknownCountry) as raised:
        lookup("Kazakstan")
    assert raised.value.suggestions[0] == "Kazakhstan"


def test_nonsense_has_no_suggestions():
    with pytest.raises(UnknownCountry) as raised:
        lookup("qqqqqqqqqq")
    assert raised.value.suggestions == []


def test_a_code_met_before_needs_no_registry(monkeypatch):
    from briefing.model import countries

    russia = lookup("Russia")
    monkeypatch.setattr(countries, "_registry", lambda: pytest.fail("the registry was loaded"))
    assert lookup(" ru ") is lookup("RU") is russia

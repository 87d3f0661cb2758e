"""The editors' registry of members, `organizations.yaml`: each organization's
member states (and observers) over time (see model/organizations.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..model.organizations import Memberships, Organization, Term, org_key
from ..problems import Problem
from .fields import PARTIAL_DATE, PARTIAL_EXPECTED, Fields, file_fields

ENTRY_FIELDS = ("name", "members", "observers")
TERM_FIELDS = ("country", "since", "until")


def load_memberships(path: Path) -> tuple[Memberships, list[Problem]]:
    fields = file_fields(path, "organizations.yaml")
    if not isinstance(fields, Fields):
        return Memberships({}), [fields] if fields else []
    found: dict[str, Organization] = {}
    for code in fields.fields:
        node = fields.value(code)
        entry = fields.mapping(node, code, ENTRY_FIELDS) if node is not None else {}
        title = entry.get("name") and fields.text_of(entry["name"], f"{code}.name")
        if not entry.get("members"):
            fields.problem(fields.fields[code][0], code, "no members",
                           "members: a list of {country: ..., since: ...}")
        key = org_key(code)
        if key in found:
            fields.problem(fields.fields[code][0], code, f"'{code}' is also '{found[key].code}'",
                           "each organization once")
            continue
        found[key] = Organization(" ".join(code.split()), title,
                                  _terms(fields, entry.get("members"), f"{code}.members"),
                                  _terms(fields, entry.get("observers"), f"{code}.observers"))
    return Memberships(found), fields.problems


def _terms(fields: Fields, node: yaml.Node | None, field: str) -> tuple[Term, ...]:
    terms = []
    for item in fields.list_of(node, field):
        entry = fields.mapping(item, field, TERM_FIELDS)
        country = entry.get("country") and fields.country_of(entry["country"], f"{field}.country")
        since = _when(fields, entry.get("since"), f"{field}.since")
        until = _when(fields, entry.get("until"), f"{field}.until")
        if "country" not in entry or "since" not in entry:
            fields.problem(item, field, "a member without a country or a 'since'",
                           "{country: AM, since: 1992-05-15}, and 'until:' if it left")
        elif country and since and (until is None or since.first < until.last):
            terms.append(Term(country, since, until))
        elif country and since and until:
            fields.problem(entry["until"], f"{field}.until", f"{until.iso} is not after "
                           f"{since.iso}", "the day it was no longer one, after 'since'")
    return tuple(terms)


def _when(fields: Fields, node: yaml.Node | None, field: str):
    text = node is not None and fields.text_of(node, field)
    if not text:
        return None
    if not PARTIAL_DATE.fullmatch(text):
        fields.problem(node, field, f"'{text}' is not a date", PARTIAL_EXPECTED)
        return None
    return fields.partial_date(node, field, text)

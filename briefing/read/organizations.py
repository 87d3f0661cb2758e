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
    for code, (key_node, node) in fields.fields.items():
        organization = _organization(fields, code, key_node, fields.value(code))
        if organization is None:
            continue
        if org_key(code) in found:
            fields.problem(key_node, code, f"'{code}' is also '{found[org_key(code)].code}'",
                           "each organization once")
            continue
        found[org_key(code)] = organization
    return Memberships(found), fields.problems


def _organization(fields: Fields, code: str, key_node: yaml.Node, node: yaml.Node | None
                  ) -> Organization | None:
    entry = fields.mapping(node, code, ENTRY_FIELDS) if node is not None else {}
    if node is not None and not isinstance(node, yaml.MappingNode):
        return None  # (`mapping` said what belongs)
    members, observers = (fields.list_of(entry.get(kind), f"{code}.{kind}")
                          for kind in ("members", "observers"))
    if not members:
        fields.problem(key_node, code, "no members",
                       "members: a list of {country: ..., since: ...}")
    name = entry.get("name") and fields.text_of(entry["name"], f"{code}.name")
    return Organization(" ".join(code.split()), name or None,
                        _terms(fields, members, f"{code}.members"),
                        _terms(fields, observers, f"{code}.observers"))


def _terms(fields: Fields, items: list[yaml.Node], field: str) -> tuple[Term, ...]:
    """The spells of a list of members (or observers); each mistake said once."""
    terms = []
    for item in items:
        entry = fields.mapping(item, field, TERM_FIELDS)
        if not isinstance(item, yaml.MappingNode):
            continue  # (`mapping` said what belongs)
        if "country" not in entry or "since" not in entry:
            fields.problem(item, field, "a member without a country or a 'since'",
                           "{country: AM, since: 1992-05-15}, and 'until:' if it left")
            continue
        country = fields.country_of(entry["country"], f"{field}.country")
        since = _when(fields, entry["since"], f"{field}.since")
        until = _when(fields, entry.get("until"), f"{field}.until")
        if since and until and until.last <= since.first:
            fields.problem(entry["until"], f"{field}.until", f"{until.iso} is not after "
                           f"{since.iso}", "the day it was no longer one, after 'since'")
        elif country and since and (until or "until" not in entry):
            terms.append(Term(country, since, until))
    return tuple(terms)


def _when(fields: Fields, node: yaml.Node | None, field: str):
    text = node is not None and fields.text_of(node, field)
    if not text:
        return None
    if not PARTIAL_DATE.fullmatch(text):
        fields.problem(node, field, f"'{text}' is not a date", PARTIAL_EXPECTED)
        return None
    return fields.partial_date(node, field, text)

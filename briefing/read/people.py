"""The editors' registry of people, `people.yaml`: the name the site shows for a
person and the other ways releases write it (see model/people.py)."""

from __future__ import annotations

from pathlib import Path

from ..model.meeting import slug_of
from ..model.people import Directory, Person, person_key
from ..problems import Problem
from .fields import Fields, file_fields
from .registry import registry_slug

ENTRY_FIELDS = ("slug", "aliases")


def load_directory(path: Path) -> tuple[Directory, list[Problem]]:
    fields = file_fields(path, "people.yaml")
    if not isinstance(fields, Fields):
        return Directory({}), [fields] if fields else []
    people: dict[str, Person] = {}
    slugs: dict[str, Person] = {}
    for shown, (key_node, value) in fields.fields.items():
        if not shown.strip():
            fields.problem(key_node, "people.yaml", "a blank name", "the name the site shows")
            continue
        entry = fields.mapping(value, shown, ENTRY_FIELDS) if fields.value(shown) else {}
        slug = registry_slug(fields, entry, entry.get("slug") and fields.text_of(
            entry["slug"], f"{shown}.slug"), shown)
        person = Person(slug or slug_of(shown) or "person", " ".join(shown.split()))
        if person.slug in slugs:
            fields.problem(key_node, shown, f"people/{person.slug}/ is also the page of "
                           f"'{slugs[person.slug].name}'", "a 'slug:' of its own")
            continue
        slugs[person.slug] = person
        for alias in (shown, *fields.texts(f"{shown}.aliases", entry.get("aliases"))):
            key = person_key(alias)
            if key in people and people[key] != person:
                fields.problem(key_node, shown, f"'{alias}' is also a name of "
                               f"'{people[key].name}'", "each name for one person only")
                continue
            people[key] = person
    return Directory(people), fields.problems

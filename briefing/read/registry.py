"""The editors' registry of bodies, `bodies.yaml`: each body's name, organization,
page address and the other names it goes by (see model/bodies.py)."""

from __future__ import annotations

from pathlib import Path

from ..model.bodies import Body, Key, Registry, key_of
from ..model.meeting import SLUG, SLUG_LENGTH, slug_of
from ..problems import Problem
from .fields import Fields, file_fields

ENTRY_FIELDS = ("organization", "slug", "aliases")


def load_registry(path: Path) -> tuple[Registry, list[Problem]]:
    fields = file_fields(path, "bodies.yaml")
    if not isinstance(fields, Fields):
        return Registry({}), [fields] if fields else []
    bodies: dict[Key, Body] = {}
    slugs: dict[str, Body] = {}  # (two bodies with one address: one page would go missing)
    for body_name, (key_node, value) in fields.fields.items():
        entry = fields.mapping(value, body_name, ENTRY_FIELDS) if fields.value(body_name) else {}
        texts = fields.texts_of({k: v for k, v in entry.items() if k != "aliases"}, body_name)
        organization = texts.get("organization")
        body = Body(registry_slug(fields, entry, texts.get("slug"), body_name) or
                    slug_of(f"{organization or ''} {body_name}"),
                    " ".join(body_name.split()), organization)
        if body.slug in slugs:
            fields.problem(key_node, body_name, f"bodies/{body.slug}/ is also the page of "
                           f"'{slugs[body.slug].name}'", "a 'slug:' of its own")
        slugs.setdefault(body.slug, body)
        aliases = [body_name, *fields.texts(f"{body_name}.aliases", entry.get("aliases"))]
        for alias in aliases:
            key = key_of(organization, alias)
            if key in bodies and bodies[key] != body:
                fields.problem(key_node, body_name, f"'{alias}' is also a name of "
                               f"'{bodies[key].name}'", "each name for one body only")
            bodies[key] = body
    return Registry(bodies), fields.problems


def registry_slug(fields: Fields, entry: dict, slug: str | None, name: str) -> str | None:
    """The `slug:` an entry of a registry gives, if it can be a page's address."""
    if slug and (not SLUG.fullmatch(slug) or len(slug) > SLUG_LENGTH):
        fields.problem(entry["slug"], f"{name}.slug", f"'{slug}' cannot be a page's address",
                       f"lower-case letters, digits and single hyphens, at most {SLUG_LENGTH}")
        return None
    return slug

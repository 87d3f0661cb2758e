#!/usr/bin/env python3
"""How well `import` reads raw releases: every field of the evaluation set scored.

    python bench/import_eval.py            # the table, per field and language
    python bench/import_eval.py --misses   # and every fact it got wrong

The set is tests/fixtures/import/: raw releases (NN-name.txt, .md or .html)
written from real ones, each with the facts a careful editor draws from it
(NN-name.expected.yaml), states named but not taking part among them. A fact is
scored when the expected facts or the draft give it: right if they agree (a
field the text does not support must stay empty). A non-participant listed as a
participant is counted apart: the target is none.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.model.bodies import key_of  # noqa: E402
from briefing.read import words  # noqa: E402
from briefing.read.facts import Draft, extract  # noqa: E402
from briefing.read.raw import read_raw  # noqa: E402

SET = ROOT / "tests" / "fixtures" / "import"
FIELDS = ("date", "end_date", "organization", "body", "session", "format", "location",
          "chair.name", "chair.position", "chair.country", "countries", "officials", "lang")
TARGET = 0.95  # of the facts right: the aim
FLOOR = 0.94  # what the tests hold it to: no change may read the set worse than this


@dataclass(frozen=True)
class Score:
    release: str
    lang: str
    field: str
    right: bool
    expected: object
    found: object


@dataclass(frozen=True)
class Result:
    scores: list[Score]
    intruders: list[tuple[str, str]]  # (release, state code): listed, not a participant

    def share(self, field: str | None = None, lang: str | None = None) -> tuple[int, int]:
        chosen = [s for s in self.scores if (field is None or s.field == field)
                  and (lang is None or s.lang == lang)]
        return sum(s.right for s in chosen), len(chosen)


def releases(folder: Path = SET) -> list[tuple[Path, dict]]:
    found = []
    for expected in sorted(folder.glob("*.expected.yaml")):
        stem = expected.name.removesuffix(".expected.yaml")
        raw = next(p for p in sorted(folder.glob(stem + ".*")) if not p.name.endswith(".yaml"))
        found.append((raw, yaml.safe_load(expected.read_text(encoding="utf-8"))))
    return found


def evaluate(known_bodies: dict | None = None, folder: Path = SET) -> Result:
    """Every release of the set read, as `import` reads it into this project (whose
    bodies it knows: content/ and bodies.yaml)."""
    if known_bodies is None:
        from briefing.commands.imports import known_bodies as known

        known_bodies = known(ROOT / "content", ROOT / "bodies.yaml")
    scores, intruders = [], []
    for path, expected in releases(folder):
        draft = extract(read_raw(path.name, path.read_bytes()), known_bodies or {})
        found = facts_of(draft)
        wanted = facts_of_expected(expected)
        for field in FIELDS:
            have, want = found.get(field), wanted.get(field)
            if have is None and want is None:
                continue
            scores.append(Score(path.name, expected.get("lang", draft.lang), field,
                                same(field, have, want, expected.get("organization")), want, have))
        listed = set(found.get("countries") or ()) if found.get("countries") != "all members" \
            else set()
        wrong = listed & set(expected.get("not_participants") or ())
        if isinstance(wanted.get("countries"), frozenset):
            wrong |= listed - wanted["countries"]
        intruders += [(path.name, code) for code in sorted(wrong)]
    return Result(scores, intruders)


def facts_of(draft: Draft) -> dict:
    countries = draft.countries if isinstance(draft.countries, str) else \
        frozenset(c.code for c in draft.countries) or None
    return {
        "date": draft.date.iso if draft.date else None,
        "end_date": draft.end_date.iso if draft.end_date else None,
        "organization": draft.organization, "body": draft.body, "session": draft.session,
        "format": draft.format, "location": draft.location,
        "chair.name": draft.chair.get("name"), "chair.position": draft.chair.get("position"),
        "chair.country": draft.chair.get("country"), "countries": countries,
        "officials": frozenset(o["name"] for o in draft.officials) or None, "lang": draft.lang,
    }


def facts_of_expected(expected: dict) -> dict:
    chair = expected.get("chair") or {}
    countries = expected.get("countries")
    return {
        "date": _text(expected.get("date")), "end_date": _text(expected.get("end_date")),
        "organization": expected.get("organization"), "body": expected.get("body"),
        "session": expected.get("session"), "format": expected.get("format"),
        "location": expected.get("location"), "chair.name": chair.get("name"),
        "chair.position": chair.get("position"), "chair.country": chair.get("country"),
        "countries": countries if isinstance(countries, str) else
        frozenset(countries) if countries else None,
        "officials": frozenset(o["name"] for o in expected.get("officials") or []) or None,
        "lang": expected.get("lang"),
    }


def _text(value) -> str | None:
    return None if value is None else str(value)


def same(field: str, have, want, organization: str | None) -> bool:
    if have is None or want is None:
        return have is None and want is None
    if field == "body":
        return key_of(organization, str(have)) == key_of(organization, str(want))
    if field == "chair.position":  # (the chair's state is a field of its own)
        return _folded(_stateless(have)) == _folded(_stateless(want))
    if isinstance(want, str) and isinstance(have, str):
        return _folded(have) == _folded(want)
    return have == want


def _stateless(position: str) -> str:
    """A position without the state it is of: 'Minister of Foreign Affairs of Russia',
    'министр иностранных дел России' -> 'Minister of Foreign Affairs', 'министр ...'."""
    lang = "ru" if re.search(r"[а-яё]", position, re.I) else "en"
    named = words.spans(position, lang)
    for start, end, _ in reversed(named):
        before = re.sub(r"\s+(?:of|for)\s+(?:the\s+)?$", "", position[:start]) if lang == "en" \
            else position[:start]
        position = f"{before} {position[end:]}"
    return position.strip(" ,")


def _folded(text: str) -> str:
    return " ".join(text.replace("–", "-").replace("—", "-").replace("ё", "е").casefold().split())


def table(result: Result) -> str:
    langs = sorted({s.lang for s in result.scores})
    head = "| field | " + " | ".join(langs) + " | all |"
    lines = [head, "|---|" + "---:|" * (len(langs) + 1)]

    def cell(field, lang):
        right, total = result.share(field, lang)
        return f"{right}/{total} ({100 * right / total:.0f} %)" if total else "–"

    for field in FIELDS:
        lines.append(f"| {field} | " + " | ".join(cell(field, lang) for lang in langs) +
                     f" | {cell(field, None)} |")
    lines.append("| **all facts** | " + " | ".join(cell(None, lang) for lang in langs) +
                 f" | **{cell(None, None)}** |")
    releases_ = len({s.release for s in result.scores})
    lines.append(f"\n{releases_} releases; non-participants listed as participants: "
                 f"{len(result.intruders)}" + (f" ({result.intruders})" if result.intruders else ""))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every wrong fact")
    parser.add_argument("--set", type=Path, default=SET, help="another evaluation set: "
                        "tests/fixtures/import-unseen, written without reading the importer")
    args = parser.parse_args()
    result = evaluate(folder=args.set)
    print(table(result))
    if args.misses:
        for score in result.scores:
            if not score.right:
                print(f"{score.release}: {score.field}: expected {score.expected!r}, "
                      f"found {score.found!r}")
    right, total = result.share()
    missed = total and right / total < TARGET
    if missed or result.intruders:
        print(f"TARGET MISSED: ≥ {TARGET:.0%} of facts right and no non-participant listed",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

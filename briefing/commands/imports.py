"""`build.py import FILE...`: a raw release becomes a draft with its facts filled in.

Each file (plain text, Markdown, or a web page saved as HTML; `-` for standard
input) is read (read/raw.py), its facts drawn from its text (read/facts.py), and
written as a draft release in the layout `new` writes: every field the text
supports, in the schema's forms; a field it does not, as a comment saying what
was looked for; a value to confirm, with a `# check:` comment saying why. An
existing file is never written over.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model.bodies import key_of
from ..model.meeting import slug_of
from ..problems import Problem
from ..read.facts import Draft, extract
from ..read.raw import NotARelease, read_raw
from ..model.organizations import Memberships
from ..read.organizations import load_memberships
from ..read.registry import load_registry
from ..read.release import MAX_BYTES
from ..read.sources import NotAFile, read_file, scan
from ..read.release import read_release
from ..read.schema import to_meeting


@dataclass(frozen=True)
class Imported:
    source: str  # the file read, as given
    path: Path | None  # the draft written
    problem: str | None = None  # why none was


def import_releases(files: list[tuple[str, bytes | str]], content: Path, bodies_file: Path,
                    source: str | None = None, lang: str | None = None,
                    members_file: Path | None = None) -> list[Imported]:
    """A draft in `content` for each (name, bytes) of `files`."""
    known = known_bodies(content, bodies_file)
    memberships, _ = load_memberships(members_file or bodies_file.with_name("organizations.yaml"))
    done = []
    for name, data in files:
        if isinstance(data, str):  # (it could not be read: why)
            done.append(Imported(name, None, f"{data}; nothing written"))
            continue
        try:
            raw = read_raw(name, data)
        except NotARelease as err:
            done.append(Imported(name, None, str(err)))
            continue
        if lang:
            raw = type(raw)(raw.text, lang, raw.published)
        draft = extract(raw, known, source)
        if draft.date is None:  # (a release needs one: without it, no site could be built)
            done.append(Imported(name, None, "no date in the text and none above it; nothing "
                                 "written (add a first line ' date YYYY-MM-DD')"))
            continue
        all_members_known(draft, memberships)
        path = draft_path(content, draft, name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as file:  # "x": never over a release
                file.write(front_matter(draft) + "\n" + raw.text.strip() + "\n")
        except FileExistsError:
            done.append(Imported(name, None, f"{path} already exists; nothing written"))
            continue
        except OSError as err:  # (the folder cannot be made or written)
            done.append(Imported(name, None, f"cannot write {err.filename or path}: "
                                 f"{err.strerror or err}; nothing written"))
            continue
        done.append(Imported(name, path))
    return done


def known_bodies(content: Path, bodies_file: Path) -> dict[tuple[str, str], str]:
    """Every body named in `content` or in the registry of bodies, by its key, with
    the name it is written there."""
    registry, _ = load_registry(bodies_file)
    found = {key: body.name for key, body in registry.bodies.items()}
    if not content.is_dir():  # (the first import makes it)
        return found
    for source in scan(content).sources:
        release = read_release(Path(source.path))
        if isinstance(release, Problem):
            continue
        meeting, _ = to_meeting(release)
        if meeting and meeting.body:
            found.setdefault(key_of(meeting.organization, meeting.body), meeting.body)
    return found


def all_members_known(draft: Draft, memberships: Memberships) -> None:
    """`countries: all members` only where the registry knows the members on the date
    (else the build could list no one): otherwise a comment says what the text says."""
    if draft.countries != "all members":
        return
    organization = memberships.of(draft.organization)
    if organization and draft.date and organization.members_on(draft.date.first,
                                                               draft.date.last) is not None:
        return
    draft.countries = []
    draft.missing["countries"] = (f"the text says all member states took part, but which "
                                  f"states were members of {draft.organization or 'it'} then is "
                                  "not in organizations.yaml: list them, or add the members")


def draft_path(content: Path, draft: Draft, name: str) -> Path:
    """content/<year>/<date>-<slug>.md, the date as precise as known."""
    stem = slug_of(" ".join(filter(None, [draft.organization, draft.body]))) or \
        slug_of(Path(name).stem) or "release"
    stem = "-".join(stem.split("-")[:8])
    if draft.session:
        stem += f"-{draft.session}"
    # (a draft always has a date: import writes none without one)
    return content / str(draft.date.year) / f"{draft.date.iso}-{stem}.md"


def front_matter(draft: Draft) -> str:
    """The draft's YAML front matter, with a comment for what is missing or to check."""
    lines = ["---", "# Imported from a raw release: every value below is drawn from its text.",
             "# Confirm each '# check:' and fill what the text did not say; then draft: false."]
    chair = {key: draft.chair[key] for key in ("name", "position", "country") if key in draft.chair}
    fields = [
        ("title", draft.title),
        ("date", (draft.date.year if draft.date.precision == "year" else draft.date.iso)
         if draft.date else None),
        ("end_date", draft.end_date.iso if draft.end_date else None),
        ("date_note", draft.date_note), ("organization", draft.organization),
        ("body", draft.body), ("session", draft.session), ("format", draft.format),
        ("location", draft.location), ("chair", chair or None),
        ("countries", draft.countries if isinstance(draft.countries, str) else
         [c.name for c in sorted(draft.countries, key=lambda c: c.slug)] or None),
        ("officials", [{key: o[key] for key in ("name", "position", "organization") if key in o}
                       for o in draft.officials] or None), ("source", draft.source),
        ("lang", draft.lang), ("draft", True),
    ]
    for name, value in fields:
        if value is None:
            if name in draft.missing:
                lines.append(f"# {name}: {draft.missing[name]}")
            continue
        text = yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False,
                              default_flow_style=False, width=10_000).rstrip("\n")
        if name in draft.checks:
            first, *rest = text.split("\n")
            text = "\n".join([f"{first}  # check: {draft.checks[name]}", *rest])
        lines.append(text)
    lines.append("# summary: one or two sentences for lists and search (not drawn: write it)")
    lines.append("---")
    return "\n".join(lines) + "\n"


def named_files(paths: list[str], stdin: bytes | None) -> list[tuple[str, bytes | str]]:
    """(name, bytes) of each path, or (name, why it cannot be read); '-' is standard
    input. A FIFO, a device or a huge file is refused before a byte is read."""
    found: list[tuple[str, bytes | str]] = []
    for path in paths:
        if path == "-":
            found.append(("<stdin>", stdin or b""))
            continue
        try:
            found.append((path, read_file(path, MAX_BYTES)))
        except NotAFile as refused:
            found.append((path, str(refused)))
        except OSError as err:
            found.append((path, err.strerror or str(err)))
    return found


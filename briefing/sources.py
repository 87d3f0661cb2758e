"""What a build reads: the release files, and a fingerprint of every input.

Kept free of heavy imports: when the fingerprint shows that nothing changed,
a build ends here, without loading YAML, Markdown or Jinja.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .cache import ENGINE, digest
from .problems import ContentError, Problem

if TYPE_CHECKING:
    from .build import Project


class Source(NamedTuple):
    """One release file. (A named tuple: a build makes 10,000 of them before it
    knows whether anything changed, and makes them twice as fast as dataclasses.)"""

    path: str  # kept a string: a build that finds nothing changed makes no Path at all
    mtime: int  # nanoseconds
    size: int

    @property
    def signature(self) -> tuple[int, int]:
        return self.mtime, self.size


def scan(content: Path) -> list[Source]:
    """Every `*.md` under `content` with its signature, in a stable order, skipping
    hidden files and folders (editor backups such as `.#x.md`, `.git`)."""
    if not content.is_dir():
        raise ContentError([Problem(str(content), 1, "content", "no such folder",
                                    "a folder of release .md files")])
    return [Source(path, stat.st_mtime_ns, stat.st_size)
            for path, stat in _walk(content, lambda name: name.endswith(".md"))]


def _walk(folder: Path | str, wanted=lambda name: True) -> list[tuple[str, os.stat_result]]:
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            found += _walk(entry.path, wanted)
        elif wanted(entry.name):
            try:
                found.append((entry.path, entry.stat()))
            except OSError:  # removed while we looked: it is gone
                continue
    return sorted(found) if isinstance(folder, Path) else found


def files_of(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under `folder` (templates, assets), with its stat."""
    return _walk(folder) if folder.is_dir() else []


def fingerprint(sources: list[Source], project: Project, drafts: bool, search: bool = True) -> str:
    """Changes whenever anything that decides the output may have changed."""
    parts = [ENGINE, str(drafts), str(search), str(project.out.absolute()), os.getcwd()]
    parts += [f"{s.path}\0{s.mtime}\0{s.size}" for s in sources]
    for folder in (project.templates, project.assets):
        parts.append(str(folder.absolute()))
        parts += [f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}" for path, stat in files_of(folder)]
    for settings in (project.config, project.bodies):
        try:
            stat = settings.stat()
            parts.append(f"{settings.absolute()}\0{stat.st_mtime_ns}\0{stat.st_size}")
        except OSError:
            parts.append(f"no {settings}")
    return digest(*parts)

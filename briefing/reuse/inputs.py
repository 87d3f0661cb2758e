"""The fingerprint of every input: equal fingerprints, nothing to do.

Kept free of heavy imports: when the fingerprint shows that nothing changed,
a build ends here, without loading YAML, Markdown or Jinja.
"""

from __future__ import annotations

import os

from ..keys import ENGINE, digest
from ..project import Project
from ..read.sources import Scan, files_of


def fingerprint(scanned: Scan, project: Project, drafts: bool, search: bool = True,
                today: str = "") -> str:
    """Changes whenever anything that decides the output may have changed (`today`:
    the day that divides meetings held from upcoming, or the days it may be)."""
    parts = [ENGINE, str(drafts), str(search), str(project.out.absolute()), os.getcwd(), today]
    parts += [f"{s.path}\0{s.mtime}\0{s.size}" for s in scanned.sources]
    parts += [str(problem) for problem in scanned.problems]
    for folder in (project.templates, project.assets):
        parts.append(str(folder.absolute()))
        parts += [f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}" for path, stat in files_of(folder)]
    for settings in (project.config, *project.registries.values()):
        try:
            stat = settings.stat()
            parts.append(f"{settings.absolute()}\0{stat.st_mtime_ns}\0{stat.st_size}")
        except OSError:
            parts.append(f"no {settings}")
    return digest(*parts)

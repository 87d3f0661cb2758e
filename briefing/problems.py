"""Content problems, reported the way a compiler reports them.

Every stage collects `Problem`s instead of raising on the first one, so that an
editor sees every mistake of every file in one run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in one release, at one line."""

    path: str
    line: int
    field: str
    message: str
    expected: str = ""
    warning: bool = False
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        kind = "warning: " if self.warning else ""
        hint = f" (expected {self.expected})" if self.expected else ""
        return f"{where}: {kind}{self.field}: {self.message}{hint}"

    @property
    def place(self) -> tuple:
        """Sort key: by file, then line and column, then field."""
        return (self.path, self.line, self.column or 0, self.field, self.message)


class ContentError(Exception):
    """The content cannot be built; carries every error found, sorted by place."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: p.place)
        super().__init__("\n".join(map(str, self.problems)))


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]

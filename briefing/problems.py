"""Content problems, reported the way a compiler reports them.

Every stage collects `Problem`s instead of raising on the first one, so that an
editor sees every mistake of every file in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What must not reach a terminal or a report raw: control characters (an escape
# sequence could recolour or rewrite the screen, a newline forge a line of the
# report), the bytes of a file name that is not UTF-8 (held as lone surrogates),
# and the invisible marks that reorder text (bidirectional controls).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
                         "\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in one release, at one line."""

    path: str
    line: int  # 0: the file (or folder) as a whole
    field: str
    message: str
    expected: str = ""
    warning: bool = False
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
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


def printable(text: str) -> str:
    """`text` with every character of UNPRINTABLE written as an escape (\\x1b, \\u202e):
    what a terminal shows is then what the text holds."""
    return UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (os.fsdecode's escape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 release', '2 releases'; '1 body', '2 bodies' (with `plural`)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"

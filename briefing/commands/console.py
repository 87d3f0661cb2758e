"""What the commands print: problems on stderr, reports on stdout.

Nothing from content reaches the terminal raw: every line goes through
`printable` (a release's escape sequence or a file name's newline shows as
`\x1b`, `\x0a`). Colour only when the stream is a terminal, and never with NO_COLOR set
(https://no-color.org) or TERM=dumb; `--quiet` keeps only problems,
`--verbose` adds what a build parsed, rendered and wrote.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from ..problems import Problem, printable

BOLD, RED, YELLOW, GREEN, RESET = "\033[1m", "\033[31m", "\033[33m", "\033[32m", "\033[0m"


def colour_on(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


@dataclass
class Console:
    quiet: bool = False
    verbose: bool = False

    def problem(self, problem: Problem) -> None:
        text = printable(str(problem))
        if colour_on(sys.stderr):
            place, rest = text.split(": ", 1)
            text = f"{BOLD}{place}:{RESET} {YELLOW if problem.warning else RED}{rest}{RESET}"
        print(text, file=sys.stderr, flush=True)

    def problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.problem(problem)

    def failure(self, text: str) -> None:
        """The last line of a run that failed."""
        text = printable(text)
        if colour_on(sys.stderr):
            text = f"{BOLD}{RED}{text}{RESET}"
        print(text, file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        """A line about the run while it runs (it waits for another build, ...), on stderr."""
        print(printable(text), file=sys.stderr, flush=True)

    def report(self, text: str) -> None:
        """What a run did; not with --quiet."""
        if not self.quiet:
            text = printable(text)
            if colour_on(sys.stdout):
                text = f"{GREEN}{text}{RESET}"
            print(text, flush=True)

    def detail(self, text: str) -> None:
        """More of what a run did; only with --verbose."""
        if self.verbose:
            print(printable(text), flush=True)

"""Read: decode one release file and split it into front matter and body.

Front matter is only *composed* here (YAML text -> node tree), not constructed
into Python values: the nodes keep each value's line and its text exactly as
the editor wrote it, so that `NO` stays Norway and `023` stays twenty-three.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..problems import Problem
from .sources import NotAFile, read_file

# libyaml's C parser is several times faster; fall back to pure Python without it.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 2 * 1024 * 1024  # a press release is a few KiB; this is a stray file
FENCE = "---"
# Characters no page, feed or calendar may carry: XML 1.0 refuses the C0 controls
# (a feed with one is not a feed), HTML flags every control and noncharacter, a
# calendar would pass them on raw. Tab and line feed are text; the rest is refused
# with its line, in the file as in a value written with an escape ("\x01").
# (Three expressions, not one: a character class listing the other planes'
# noncharacters takes ten times as long to search, and most text is ASCII.)
ASCII_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BMP_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                           "\ufffe\uffff]")
ASTRAL_FORBIDDEN = re.compile("[" + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}"
                                            for plane in range(0x10000, 0x110000, 0x10000)) + "]")


def forbidden(text: str) -> re.Match | None:
    """The first character of `text` that no page, feed or calendar may carry, if any."""
    if text.isascii():
        return ASCII_FORBIDDEN.search(text)
    return BMP_FORBIDDEN.search(text) or (
        ASTRAL_FORBIDDEN.search(text) if max(text) > "\uffff" else None)


@dataclass(frozen=True)
class Release:
    """One release file: where it is, its front matter nodes and its Markdown."""

    path: Path  # on disk
    name: str  # as shown to the editor in messages
    stem: str  # file name without .md, the default slug
    front: yaml.MappingNode
    first_line: int  # file line on which the YAML text starts
    body: str
    body_line: int = 1  # file line on which the Markdown starts

    def line(self, node: yaml.Node) -> int:
        """The file line of a front-matter node."""
        return node.start_mark.line + self.first_line

    def lines(self) -> dict[str, int]:
        """The line of each top-level key."""
        return {key.value: self.line(key) for key, _ in self.front.value
                if isinstance(key, yaml.ScalarNode)}


def shown_name(path: Path) -> str:
    """A path as an editor recognises it: relative to the working folder if inside it."""
    if not path.is_absolute() and ".." not in path.parts:
        return str(path)  # as given: relative to the working folder already
    try:
        return str(path.resolve().relative_to(_resolved(os.getcwd())))
    except ValueError:
        return str(path)


@functools.cache
def _resolved(folder: str) -> Path:  # resolved once per working folder, not once per release
    return Path(folder).resolve()


def read_bytes(path: Path, inside: str | None = None, what: str = "a release"
               ) -> tuple[str, bytes | Problem]:
    """(the name shown for `path`, its bytes), or a `Problem` if it cannot be read:
    not a regular file, larger than a release can be, or (with `inside`, the content
    folder's real path) a link that leads out of that folder."""
    name = shown_name(path)
    try:
        if inside and not os.path.realpath(path).startswith(inside.rstrip(os.sep) + os.sep):
            return name, Problem(name, 1, "file", "a symbolic link out of the content folder; "
                                 "not read", "a link to a file inside the content folder")
        return name, read_file(path, MAX_BYTES)
    except NotAFile as err:
        return name, Problem(name, 1, "file", f"{err}; not read",
                             f"{what}: a text file of at most {MAX_BYTES:,} bytes")
    except OSError as err:  # unreadable, or deleted while we looked
        return name, Problem(name, 1, "file", f"cannot be read: {err.strerror}", "a readable file")


def read_release(path: Path, name: str | None = None, data: bytes | None = None) -> Release | Problem:
    """Read one file; a content mistake comes back as a `Problem`, never raised."""
    if data is None:
        name, data = read_bytes(path)
        if isinstance(data, Problem):
            return data
    text = _decode(name, data)
    if isinstance(text, Problem):
        return text
    return split_release(path, name, text)


def _decode(name: str, data: bytes) -> str | Problem:
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        return Problem(name, line, "file", "binary data (a NUL byte) in a .md file",
                       "a UTF-8 text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return Problem(name, line, "file", f"invalid UTF-8: byte 0x{data[err.start]:02x}",
                       "a file saved as UTF-8")
    # A byte-order mark and Windows or old-Mac line endings are an editor's
    # choice, not a mistake; normalising them keeps every line number intact.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = forbidden(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - text.rfind("\n", 0, bad.start())
        return Problem(name, line, "file", f"{character_name(bad.group())} in the text",
                       "text without control characters: remove it", column=column)
    return text


def character_name(char: str) -> str:
    """'a control character (U+0001)', as a message names what `forbidden` finds."""
    code = ord(char)
    kind = "a noncharacter" if code >= 0xFDD0 else \
        "half a surrogate pair" if code >= 0xD800 else "a control character"
    return f"{kind} (U+{code:04X})"


def split_release(path: Path, name: str, text: str) -> Release | Problem:
    expected = "a line '---', then YAML front matter, then a closing '---'"
    if not text.strip():
        return Problem(name, 1, "file", "the file is empty", expected)
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return Problem(name, 1, "front matter", "no front matter", expected)
    end = next((i for i, l in enumerate(lines[1:], 1) if l.rstrip() in (FENCE, "...")), None)
    if end is None:
        return Problem(name, 1, "front matter", "the front matter is never closed", expected)
    front = _compose(name, "\n".join(lines[1:end]) + "\n", first_line=2)
    if isinstance(front, Problem):
        return front
    body = "\n".join(lines[end + 1:])
    return Release(path, name, path.stem, front, 2, body, body_line=end + 2)


def read_settings_file(path: Path, what: str = "settings",
                       expected: str = "a YAML mapping of settings such as 'title: ...'"
                       ) -> tuple[str, yaml.MappingNode | None | Problem]:
    """A whole file of YAML settings (site.yaml) or of a registry (`what`, as
    messages name it): its name and its mapping, None if it is absent or empty,
    or the `Problem` that stops it being read."""
    name, data = read_bytes(path, what=f"the {what}")
    if isinstance(data, Problem):
        return name, None if not path.exists() else data
    text = _decode(name, data)
    if isinstance(text, Problem) or not text.strip():
        return name, text if isinstance(text, Problem) else None
    return name, _compose(name, text, 1, what=what, expected=expected)


def _compose(name: str, text: str, first_line: int, what: str = "front matter",
             expected: str = "a YAML mapping of fields such as 'title: ...' and 'date: ...'"
             ) -> yaml.MappingNode | Problem:
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        return _syntax_problem(name, text, err, first_line, what)
    except yaml.YAMLError as err:  # e.g. a control character the reader refuses
        return Problem(name, first_line, what, f"YAML error: {err}", "valid YAML")
    finally:
        loader.dispose()
    if node is None:
        return Problem(name, first_line - 1, what, f"the {what} is empty", expected)
    if not isinstance(node, yaml.MappingNode):
        return Problem(name, node.start_mark.line + first_line, what,
                       f"{what} is a {kind_of(node)}", expected)
    return node


def _syntax_problem(name: str, text: str, err: yaml.MarkedYAMLError, first_line: int,
                    what: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    if line[mark.column:mark.column + 1] == "\t":
        message = "a tab character; YAML indents with spaces only"
        expected = "spaces instead of the tab"
    else:
        context = err.context or ""
        if err.context_mark and err.context_mark.line != mark.line:
            context += f" (opened on line {err.context_mark.line + first_line})"
        message = "YAML syntax error: " + " ".join(filter(None, [context, err.problem]))
        expected = "valid YAML"
    return Problem(name, mark.line + first_line, what, message, expected, column=mark.column + 1)


def kind_of(node: yaml.Node) -> str:
    """What an editor would call a node: a list, a mapping or a single value."""
    if isinstance(node, yaml.SequenceNode):
        return "list"
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    return "single value"

"""Content digests, the engine's version, and the key of a release.

Anything kept between builds (a parsed release, a rendered page, a list item)
is looked up by a digest of all it was made from, this engine included: a
changed byte is a new key, so nothing stale can come back. Keys are made where
what they cover is known: a release's here, a page's from what it shows
(render/plan.py), the templates' from their files (reuse/memory.py).
"""

from __future__ import annotations

import hashlib
import os
import sys

from . import __version__

# What a build's output depends on besides its inputs: the libraries that parse,
# sanitise, look up and fill in (another version may give other bytes) ...
LIBRARIES = ("markdown", "nh3", "pyyaml", "pycountry", "babel", "jinja2", "markupsafe",
             "python_slugify", "roman", "icalendar", "pagefind", "pagefind_bin", "cbor2")


def installed(names: tuple[str, ...]) -> str:
    """The installed versions of `names`, read off the names of their dist-info
    folders (their metadata would take 0.1 s to load, at every build)."""
    found = set()
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry[:-len(".dist-info")].lower().rpartition("-")
                if name.replace("-", "_").replace(".", "_") in names:
                    found.add(f"{name} {version}")
    return ", ".join(sorted(found))


# ... and this engine. Bump the number when the format of cached data or the
# meaning of a key changes. Anything cached under another ENGINE is not used.
ENGINE = f"briefing {__version__} cache 12 ({installed(LIBRARIES)})"


def digest(*parts: bytes | str) -> str:
    """A short, stable content digest of the parts (separated, so that ("ab", "c")
    and ("a", "bc") differ)."""
    # (a path's bytes that are not UTF-8 are kept by surrogateescape, as the disk gave them)
    if all(type(part) is str for part in parts):  # (one encoding for a page's many parts)
        data = "\0".join(parts).encode("utf-8", "surrogateescape")
    else:
        data = b"\0".join(part.encode("utf-8", "surrogateescape") if isinstance(part, str)
                          else part for part in parts)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def release_key(name: str, data: bytes, timezone: str = "") -> str:
    """The cache's key of a release: all that its parse result depends on."""
    return digest(ENGINE, name, data, timezone)

"""Reuse: what earlier builds kept, so that the next does only what changed.

The recipe (commands/build.py) goes through one door, `Reuse` (door.py); the
rest of this package is what stands behind it: the SQLite store (store.py),
the memory of the last site and its pages (memory.py) and the fingerprint of
every input (inputs.py).
"""

from .door import Pages, Releases, Reuse, reusing
from .inputs import fingerprint
from .memory import Memory

__all__ = ["Memory", "Pages", "Releases", "Reuse", "fingerprint", "reusing"]

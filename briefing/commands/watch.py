"""The operating system's word that an input changed, so that an idle preview costs
nothing: inotify (Linux), FSEvents (macOS), ReadDirectoryChangesW (Windows), through
watchfiles (Rust's notify). Where no such word comes (the library missing, the watch
limit reached, a file system that sends none), the preview polls as it always did.

The events only say *when* to look: what changed is still decided by the inputs'
signature (see serve.Preview), so an event lost or doubled costs a look, never a save.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import Callable

from ..project import Project

QUIET = 50  # milliseconds without a new event before a batch of them is passed on


class Changes:
    """Calls `changed()` soon after any input of `project` changes, and `failed()`
    if the operating system's events cannot be had; both from a thread of their own
    (hand them to the server's loop)."""

    def __init__(self, project: Project, changed: Callable[[], None],
                 failed: Callable[[], None]):
        self.changed, self.failed = changed, failed
        # folders watched with everything under them; files (site.yaml and the
        # registries) through their folder, for a save that writes a file and renames it
        self.folders = [f for f in (project.content, project.templates, project.assets)
                        if f.is_dir()]
        self.files = {p.absolute() for p in (project.config, *project.registries.values())}
        self.stopping = threading.Event()

    def start(self) -> bool:
        if importlib.util.find_spec("watchfiles") is None:
            return False  # (the preview polls without it)
        parents = sorted({str(f.parent) for f in self.files if f.parent.is_dir()})
        for paths, recursive in ((self.folders, True), (parents, False)):
            if paths:
                threading.Thread(target=self._watch, args=(paths, recursive), daemon=True,
                                 name="briefing-watch").start()
        return True

    def stop(self) -> None:
        self.stopping.set()

    def _watch(self, paths: list, recursive: bool) -> None:
        def wanted(change, path: str) -> bool:
            return recursive or Path(path).absolute() in self.files

        try:
            from watchfiles import watch

            for _ in watch(*paths, watch_filter=wanted, recursive=recursive, debounce=QUIET,
                           step=QUIET, stop_event=self.stopping, raise_interrupt=False):
                self.changed()
        except Exception:  # (no watch to be had: the preview polls instead)
            if not self.stopping.is_set():
                self.failed()

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
    (hand them to the server's loop).

    Two watches: one of the input folders with everything under them (content,
    templates, assets), one of the folders that hold the settings files (site.yaml
    and the registries) and the input folders themselves, for a save that writes a
    file and renames it, and for an input folder deleted and made anew (a `git
    checkout`), after which the first watch starts again on the new folder."""

    def __init__(self, project: Project, changed: Callable[[], None],
                 failed: Callable[[], None]):
        self.changed, self.failed = changed, failed
        self.folders = [f.absolute() for f in (project.content, project.templates, project.assets)]
        self.files = {p.absolute() for p in (project.config, *project.registries.values())}
        self.stopping = threading.Event()  # the whole watch
        self.inside = threading.Event()  # the watch of the folders' insides, now

    def start(self) -> bool:
        if importlib.util.find_spec("watchfiles") is None:
            return False  # (the preview polls without it)
        parents = sorted({str(p.parent) for p in (*self.files, *self.folders) if p.parent.is_dir()})
        self._thread(parents, recursive=False, stop=self.stopping)
        self._watch_inside()
        return True

    def stop(self) -> None:
        self.stopping.set()
        self.inside.set()

    def _watch_inside(self) -> None:
        self.inside.set()  # (the watch of folders that may have gone)
        self.inside = threading.Event()
        folders = [str(f) for f in self.folders if f.is_dir()]
        if folders:
            self._thread(folders, recursive=True, stop=self.inside)

    def _thread(self, paths: list[str], recursive: bool, stop: threading.Event) -> None:
        threading.Thread(target=self._watch, args=(paths, recursive, stop), daemon=True,
                         name="briefing-watch").start()

    def _watch(self, paths: list[str], recursive: bool, stop: threading.Event) -> None:
        def wanted(change, path: str) -> bool:
            return recursive or Path(path) in self.files or Path(path) in self.folders

        try:
            from watchfiles import watch  # (here: where it cannot load, the preview polls)

            for batch in watch(*paths, watch_filter=wanted, recursive=recursive, debounce=QUIET,
                               step=QUIET, stop_event=stop, raise_interrupt=False):
                if not recursive and any(Path(path) in self.folders for _, path in batch):
                    self._watch_inside()  # (an input folder made, deleted or renamed)
                self.changed()
        except Exception:  # (no watch to be had: the preview polls instead)
            if not stop.is_set():
                self.failed()

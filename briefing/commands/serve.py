"""Live preview: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

What an editor can count on, and how:

- **Every save is seen.** The preview looks at the signature (path, size, time)
  of every input: releases, templates, assets and site.yaml, the same signature
  a build checks. Whatever the editor does (write in place, write and rename, a
  `git checkout`), a new, deleted or renamed file changes it. It looks when the
  operating system says an input changed (watch.py), and every SAFETY seconds
  besides; where no such word comes, ten times a second, as it always did.
- **Idle costs nothing.** With the operating system's events, a preview nobody
  saves into looks at its inputs only every SAFETY seconds.
- **A burst is one rebuild.** A change is built once two looks in a row agree,
  so "save all" or a checkout is built once, when it is over.
- **The last save wins.** A save during a build changes the signature again;
  the next poll builds again.
- **The page follows.** After a build that changed pages, every open page
  reloads (livereload's own watcher is not used: it drops reloads that come
  within three seconds of the last); a tab that was loading a page just then
  is reloaded when it connects, if the page it got is older than the build.
- **A broken save shows, in the page, what broke.** The preview keeps its last
  good site, the server answers every page with the problems (`file:line`),
  and the next good save brings the site back by itself.

The preview is built into the cache (`.cache/preview/`), never into site/, by
one `Builder` that keeps the site in memory between builds.

It answers only what is meant for it: requests that name this server (its
address, a loopback name or an IP address: a page elsewhere whose name was
made to lead to 127.0.0.1, "DNS rebinding", still sends its own name), the
reload socket only for pages of its own origin, a malformed path with 400;
a connection idle for IDLE seconds is closed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import functools
import html
import ipaddress
import logging
import shutil
import signal
import tempfile
import time
import traceback
import weakref
from pathlib import Path

from livereload import Server
from livereload.handlers import (ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler,
                                 StaticFileHandler)
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop
from tornado.websocket import WebSocketHandler

from ..model import urls
from ..problems import ContentError, Problem
from ..project import Project
from ..publish.guard import Busy, Refused, is_ours, mark
from ..publish.write import SPARE
from ..read.sources import scan
from ..reuse import fingerprint
from .build import Builder
from .console import Console
from .watch import Changes

GENERATION = "preview-generation"  # the cookie naming the build a served page comes from
POLL = 0.1  # seconds between two looks at the inputs, at least ...
POLL_SHARE = 0.2  # ... and so that looking takes at most this share of the time
SAFETY = 30  # seconds between two looks while the operating system's events flow and
# nothing changes (they catch what no event says: a new day)
IDLE = 5  # seconds a connection may sit idle, or take over a request's head, before it is closed

# The script livereload adds to every page it serves (livereload 2.7, Server.application).
# The preview's pages allow it, and only it, by its hash in their security policy.
LIVE_SCRIPT = ('(function(){var s=document.createElement("script");'
               "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
               's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
               'document.head.appendChild(s);})();')


def serve(project: Project, host: str, port: int, drafts: bool = False,
          console: Console = Console(), today: dt.date | None = None) -> int:
    # The preview lives in the cache, so that a restarted server rebuilds only what
    # changed meanwhile; without a cache, in a folder of its own that goes at exit.
    folder = project.cache or Path(tempfile.mkdtemp(prefix="briefing-preview-"))
    out = folder / "preview" / ("drafts" if drafts else "site")
    claim(out)
    preview = Preview(dataclasses.replace(project, out=out), drafts, console, today)
    logging.getLogger("tornado.access").disabled = not console.verbose  # a line per request
    try:
        preview.start()
        server = PreviewServer(preview)
        try:
            server.application(port, host)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                console.failure(f"port {port} is already in use; try --port {port + 1}")
                return 1
            raise
        print(f"serving on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
        server.run()
        print("stopped", flush=True)
        return 0
    finally:
        if project.cache is None:
            shutil.rmtree(folder, ignore_errors=True)


def claim(out: Path) -> None:
    """The preview's folders live in the cache, which is the tool's own: those an
    earlier version made, before sites carried the marker, are marked now."""
    for folder in (out, out.parent / f".{out.name}{SPARE}"):
        if folder.is_dir() and not folder.is_symlink() and not is_ours(folder):
            mark(folder)


class Preview:
    """The preview's builds: when to build, and what the last build left."""

    def __init__(self, project: Project, drafts: bool, console: Console,
                 today: dt.date | None = None):
        self.project, self.drafts, self.console = project, drafts, console
        # The search index is made at the first build only: at thousands of releases
        # it takes seconds, and a preview is for reading pages (`build` makes it anew).
        # It never waits for another build (of the same cache: a `build` or a `check`):
        # the server would stop answering meanwhile. It tries again at the next look.
        self.builder = Builder(project, drafts, live_script=LIVE_SCRIPT, index_once=True, wait=0,
                               today=today)
        self.waiting = False  # for another build to finish (said once)
        self.problems: list[Problem] = []  # of the last build, shown instead of pages
        # What the browser shows changes with each build that changed pages: each such
        # build is a generation. A page served carries its generation in a cookie, so
        # that a tab that loaded the page while a reload was sent (and so missed it)
        # is reloaded when it connects: no save is lost, however fast they come.
        self.generation = 0
        self.connected: weakref.WeakSet = weakref.WeakSet()  # tabs whose generation was checked
        self.seen = self.built = ""  # signatures of the inputs: last polled, last built
        self.building = False
        self.events = False  # whether the operating system says when inputs change
        self.next_look = None  # the loop's handle of the look to come

    def start(self) -> None:
        self.seen = self.built = self.inputs()
        self.build()

    def watch(self) -> Changes:
        """Looks when the operating system says an input changed (from now on)."""
        loop = IOLoop.current()
        changes = Changes(self.project, lambda: loop.add_callback(self.on_change),
                          lambda: loop.add_callback(self.on_watch_failed))
        self.events = changes.start()
        return changes

    def on_change(self) -> None:
        if self.seen == self.built:  # (while a change settles, its looks are already due)
            self.look_in(0)

    def on_watch_failed(self) -> None:
        self.events = False  # back to looking ten times a second
        self.look_in(POLL)

    def look_in(self, seconds: float) -> None:
        """The next look, in `seconds` (one look due at a time)."""
        loop = IOLoop.current()
        if self.next_look is not None:
            loop.remove_timeout(self.next_look)
        self.next_look = loop.call_later(seconds, self.poll)

    def inputs(self) -> str:
        try:
            today = self.builder.today_for(self.builder.timezone)  # (a new day: a new look)
            return fingerprint(scan(self.project.content), self.project, self.drafts,
                               today=today.isoformat())
        except ContentError:  # no content folder (yet): the build will say so
            return "no content"

    def poll(self) -> None:
        """Look at the inputs; build when they changed and have settled."""
        started, looking = time.monotonic(), 0.0
        try:
            current = self.inputs()
            looking = time.monotonic() - started  # (the build's time is not the look's)
            if current != self.seen:
                self.seen = current  # still changing, perhaps: look again soon
            elif current != self.built:
                self.built = current
                if self.build():
                    self.generation += 1
                    LiveReloadHandler.reload_waiters("*")
            self.reload_late_tabs()
        finally:  # whatever happened, keep watching; a change not built yet, closely
            settling = self.seen != self.built
            self.look_in(POLL if settling else SAFETY if self.events else
                         max(POLL, looking / POLL_SHARE))

    def reload_late_tabs(self) -> None:
        """Reload the tabs that connected showing a page older than the last build."""
        for tab in list(LiveReloadHandler.waiters):
            if tab in self.connected:
                continue
            self.connected.add(tab)
            shown = tab.get_cookie(GENERATION, "")
            if shown.isdigit() and int(shown) < self.generation:
                tab.send_message({"command": "reload", "path": "*", "liveCSS": True, "liveImg": True})

    def build(self) -> bool:
        """Build; True if what the browser shows has changed."""
        failed_before = bool(self.problems)
        self.building = True  # (a Ctrl-C now cuts the build short: see stop_on_signals)
        try:
            report = self.builder.build()
            self.problems, self.waiting = [], False
        except Busy as busy:  # the last good site stays; the next look builds again
            if not self.waiting:
                self.console.note(f"{_now()} another build of {busy.what}{busy.holder} is "
                                  "running: the preview builds once it is done")
            self.waiting, self.built = True, ""
            return False
        except ContentError as failed:
            self.problems = failed.problems
        except Refused as refused:  # another build holds the cache too long, a disk full, ...
            self.problems = [Problem(str(self.project.out), 0, "build", str(refused))]
        except Exception as err:  # a bug, or a disk full: shown too, and the server lives on
            traceback.print_exc()
            self.problems = [Problem("build.py", 1, "internal error", f"{type(err).__name__}: {err}",
                                     "no error: the terminal running serve has the details")]
        finally:
            self.building = False
        if self.problems:
            self.console.problems(self.problems)
            self.console.failure(f"{_now()} the build failed: the browser shows why")
            return True
        self.console.problems(report.warnings)
        self.console.report(f"{_now()} {report}")
        self.console.detail(report.details())
        return failed_before or report.written > 0


class PreviewServer(Server):
    """livereload's server, serving the preview through `PreviewFiles` and
    watching through the preview's own poll."""

    def __init__(self, preview: Preview):
        super().__init__(watcher=OwnPolling(preview))
        self.preview = preview
        self.root = str(preview.project.out)

    def get_web_handlers(self, script):
        return [(r"/(.*)", PreviewFiles, {"path": self.root, "default_filename": "index.html",
                                          "preview": self.preview})]

    def application(self, port: int, host: str, liveport=None, debug=None, live_css=True) -> None:
        """livereload's application (its Server.application), assembled from its own
        handlers with the preview's guards (see the module's doc); its script, the
        one the pages' security policy allows, added to every page."""
        LiveReloadHandler.watcher, LiveReloadHandler.live_css = self.watcher, live_css
        ReloadSocket.preview = self.preview

        class AddScript(LiveScriptInjector):
            script = f'<script type="text/javascript">{LIVE_SCRIPT}</script>'.encode()

        handlers = [(r"/livereload", ReloadSocket), (r"/forcereload", ForceReload),
                    (r"/livereload.js", ReloadScript), *self.get_web_handlers(None)]
        app = web.Application(handlers, transforms=[AddScript],
                              host_allowed=functools.partial(host_allowed, listening=host))
        app.listen(port, address=host, idle_connection_timeout=IDLE, max_buffer_size=1 << 20)

    def run(self) -> None:
        LiveReloadHandler.start_tasks()
        stop_on_signals(self.preview)
        changes = self.preview.watch()
        try:
            IOLoop.current().start()
        except KeyboardInterrupt:  # Ctrl-C during a build: it undid itself
            pass
        finally:
            changes.stop()


def stop_on_signals(preview: Preview) -> None:
    """Ctrl-C (or a TERM) stops the server between two steps of its loop.

    Python's own Ctrl-C raises KeyboardInterrupt wherever the server happens to
    be, and some places swallow it: a finalizer or a weak reference's callback
    (run when a closed tab's connection is collected), livereload's bare
    `except:` around a message. The server then ran on, deaf to Ctrl-C. So the
    signal only asks the loop to stop; a build in progress, which can take
    seconds, is cut short by the interrupt as before (it undoes itself), and
    should that interrupt be swallowed, the loop stops when the build ends."""
    loop = IOLoop.current().asyncio_loop

    def stop(signum, frame) -> None:
        loop.call_soon_threadsafe(loop.stop)
        if preview.building:
            raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)


class OwnPolling(Watcher):
    """Hands livereload's polling over to `Preview.poll`."""

    def __init__(self, preview: Preview):
        super().__init__()
        self.preview = preview

    def start(self, callback) -> bool:
        self.preview.look_in(POLL)
        return True  # livereload starts no poll of its own

    def examine(self):
        return None, None


def host_allowed(name: str, listening: str) -> bool:
    """Whether a request's Host names this server: the address it listens on, a
    loopback name or an IP address (an address cannot be made to lead elsewhere)."""
    name = name.strip("[]").rstrip(".").lower()
    if name in (listening.lower(), "localhost") or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


class OwnHostOnly(web.RequestHandler):
    """Answers only requests that name this server (see the module's doc)."""

    def prepare(self) -> None:
        if not self.settings["host_allowed"](self.request.host_name):
            self.set_status(403)
            self.finish("This preview answers only requests to its own address.\n")


class ReloadSocket(OwnHostOnly, LiveReloadHandler):
    preview: Preview | None = None  # (set by PreviewServer.application)

    def check_origin(self, origin: str) -> bool:  # (livereload lets any page connect)
        return WebSocketHandler.check_origin(self, origin)  # tornado's: the same origin only

    def on_message(self, message) -> None:
        """livereload's handshake; then, a tab that shows a page older than the last
        build is reloaded at once (the preview looks at its inputs seldom now)."""
        super().on_message(message)
        if self.preview is not None:
            self.preview.reload_late_tabs()


class ForceReload(OwnHostOnly, ForceReloadHandler):
    pass


class ReloadScript(OwnHostOnly, LiveReloadJSHandler):
    pass


class PreviewFiles(OwnHostOnly, StaticFileHandler):
    """The preview's files; while the last build failed, its problems instead of
    any page; the site's own 404 page for a missing one."""

    def initialize(self, path: str, default_filename: str | None = None, preview: Preview = None):
        super().initialize(path, default_filename)
        self.preview = preview

    async def get(self, path: str, include_body: bool = True) -> None:
        if "\0" in path:  # (no file has one; the file system would raise)
            self.send_error(400)
            return
        page = _is_page(path)
        if page:  # the generation of what this page shows (see Preview)
            self.set_cookie(GENERATION, str(self.preview.generation), samesite="Strict")
        if page and self.preview.problems:
            self.set_status(500, "Build failed")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(error_page(self.preview.problems))
            return
        await super().get(path, include_body)

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")  # a file may change at any save

    def write_error(self, status_code: int, **kwargs) -> None:
        missing = Path(self.root) / urls.NOT_FOUND
        if status_code == 404 and missing.is_file():
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(missing.read_bytes())
        else:
            super().write_error(status_code, **kwargs)


def _is_page(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return not name or name.endswith(".html") or "." not in name


def _now() -> str:
    return time.strftime("%H:%M:%S")


def error_page(problems: list[Problem]) -> str:
    items = "\n".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
h1{{color:#a1341c}}code{{white-space:pre-wrap;font-size:0.95rem}}li{{margin:0.5rem 0}}</style>
</head>
<body><main><h1>The build failed</h1>
<p>Fix what is listed here and save: this page reloads by itself.</p>
<ul>
{items}
</ul></main></body></html>
"""

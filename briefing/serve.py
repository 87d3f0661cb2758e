"""Live preview: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

The preview is built into a folder of its own in the cache, never into site/.
A save that breaks the build replaces every preview page with the error report, so the
browser shows what is wrong instead of a stale page; the next good save puts
the site back.
"""

from __future__ import annotations

import dataclasses
import errno
import html
import shutil
import sys
import tempfile
from pathlib import Path

from .build import Builder, Project
from .problems import ContentError
from .write import publish


def serve(project: Project, host: str, port: int, drafts: bool = False) -> int:
    from livereload import Server

    # The preview lives in the cache, so that a restarted server rebuilds only what
    # changed meanwhile; without a cache, in a folder of its own that goes at exit.
    folder = project.cache or Path(tempfile.mkdtemp(prefix="briefing-preview-"))
    preview = dataclasses.replace(project, out=folder / "preview" / "drafts" if drafts
                                  else folder / "preview" / "site")

    builder = Builder(preview, drafts=drafts, again=True)

    def rebuild() -> None:
        try:
            print(builder.build(), flush=True)
        except ContentError as failed:
            for problem in failed.problems:
                print(problem, file=sys.stderr, flush=True)
            show_errors(failed, preview.out)

    rebuild()
    server = Server()
    for watched in (project.content, project.templates, project.assets):
        server.watch(str(watched), rebuild, delay=0.2)
    print(f"serving on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve(host=host, port=port, root=str(preview.out), open_url_delay=None)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            print(f"port {port} is already in use; try --port {port + 1}", file=sys.stderr)
            return 1
        raise
    except KeyboardInterrupt:
        pass
    finally:
        if project.cache is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


def show_errors(failed: ContentError, out: Path) -> None:
    """Put the error report at every page the browser might be showing."""
    page = error_page(failed).encode("utf-8")
    paths = {p.relative_to(out).as_posix() for p in out.rglob("*.html")} if out.is_dir() else set()
    publish([(path, page) for path in sorted(paths | {"index.html"})], out)


def error_page(failed: ContentError) -> str:
    items = "\n".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in failed.problems)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>
<body><main><h1>The build failed</h1>
<p>Fix these and save; this page reloads by itself.</p>
<ul>
{items}
</ul></main></body></html>
"""

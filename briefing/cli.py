"""The command line: `python build.py [build|serve] ...`."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from .build import Project, build, counted
from .problems import ContentError, errors_in

# Templates and assets ship with the tool; a site may bring its own.
TOOL_ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("build", "serve")


# The packages of requirements.txt, by the name they are imported as.
REQUIRED = ("jinja2", "markdown", "yaml", "livereload", "pycountry", "babel", "slugify", "roman",
            "nh3")


def main(argv: list[str] | None = None) -> int:
    missing = [name for name in REQUIRED if importlib.util.find_spec(name) is None]
    if missing:
        print(f"missing Python packages ({', '.join(missing)}): run "
              "python3 -m pip install -r requirements.txt", file=sys.stderr)
        return 2
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS + ("-h", "--help"):
        argv = ["build", *argv]  # plain `python build.py` builds
    args = parser().parse_args(argv)
    project = Project(
        content=Path(args.content),
        templates=_own_or_tool(args.templates, "templates"),
        assets=_own_or_tool(args.assets, "assets"),
        out=Path(args.out),
        cache=None if args.no_cache else Path(".cache"),
    )
    if args.command == "serve":
        from .serve import serve  # livereload and tornado load only when serving

        return serve(project, host=args.host, port=args.port, drafts=args.drafts)
    return run_build(project, drafts=args.drafts, quiet=args.quiet, verbose=args.verbose)


def run_build(project: Project, drafts: bool = False, quiet: bool = False,
              verbose: bool = False) -> int:
    try:
        report = build(project, drafts=drafts)
    except ContentError as failed:
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        errors = errors_in(failed.problems)
        files = len({p.path for p in errors})
        print(f"{counted(len(errors), 'error')} in {counted(files, 'file')}; "
              f"{project.out}/ left as it was", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    if not quiet:
        print(f"{report}, into {project.out}/")
    if verbose:
        print(report.details())
    return 0


def _own_or_tool(given: str | None, name: str) -> Path:
    if given:
        return Path(given)
    return Path(name) if Path(name).is_dir() else TOOL_ROOT / name


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="build.py",
        description="Build a briefing site from Markdown press releases about meetings.",
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in [("build", "build content/ into site/ (the default)"),
                            ("serve", "build, serve on 127.0.0.1 and rebuild on every save")]:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--content", default="content", help="folder of releases (content)")
        command.add_argument("--out", default="site", help="output folder (site)")
        command.add_argument("--templates", help="Jinja2 templates (templates)")
        command.add_argument("--assets", help="CSS and icons copied to out/assets (assets)")
        command.add_argument("--drafts", action="store_true", help="include releases with draft: true")
        command.add_argument("--no-cache", action="store_true",
                             help="ignore and keep no build cache (.cache/): a cold build")
        command.add_argument("--quiet", "-q", action="store_true", help="print only problems")
        command.add_argument("--verbose", "-v", action="store_true",
                             help="also say what was parsed, rendered and written")
        if name == "serve":
            command.add_argument("--host", default="127.0.0.1", help="address to serve on (127.0.0.1)")
            command.add_argument("--port", type=int, default=8000, help="port (8000)")
    return top

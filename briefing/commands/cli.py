"""The command line: `python build.py [build|serve|check|new] ...`."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from pathlib import Path

from .. import __version__
from ..problems import ContentError, counted, errors_in
from ..project import Project, today_in
from ..publish.guard import WAIT, Refused
from .build import build
from .console import Console

# Templates and assets ship with the tool; a site may bring its own.
TOOL_ROOT = Path(__file__).resolve().parents[2]
COMMANDS = {
    "build": "build content/ into site/ (the default command)",
    "serve": "build, serve on http://127.0.0.1:8000/ and rebuild on every save",
    "check": "report every error and warning; write no site",
    "new": "start a new release, every field present and explained",
    "import": "make draft releases of raw ones (text, Markdown or a saved web page), "
              "their facts filled in from the text",
}
EPILOG = """\
examples:
  python build.py                      build content/ into site/
  python build.py serve --drafts       preview, drafts included, at http://127.0.0.1:8000/
  python build.py check                every error and warning, nothing written
  python build.py new "XXIV meeting of the Council" --date 2022-03-01
  python build.py import release.txt page.html    drafts with the facts filled in

Run 'python build.py COMMAND --help' for a command's options.
Settings live in site.yaml (title, base_url, language, timezone, home_meetings).
Colour is used on a terminal only, and never with NO_COLOR set."""

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
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help", "--version"):
        argv = ["build", *argv]  # plain `python build.py` builds
    args = parser().parse_args(argv)
    console = Console(quiet=args.quiet, verbose=args.verbose)
    try:
        return run(args, console)
    except KeyboardInterrupt:  # Ctrl-C: a build's writes undid themselves, or went in whole
        where = f"; {args.out}/ holds the last complete build" if args.command == "build" else ""
        console.failure(f"interrupted{where}")
        return 130  # as a shell reports a command stopped by Ctrl-C


def run(args: argparse.Namespace, console: Console) -> int:
    if args.command == "new":
        return run_new(args, console)
    if args.command == "import":
        return run_import(args, console)
    project = Project(
        content=Path(args.content),
        templates=_own_or_tool(args.templates, "templates"),
        assets=_own_or_tool(args.assets, "assets"),
        out=Path(getattr(args, "out", "site")),
        bodies=Path(args.bodies),
        organizations=args.organizations and Path(args.organizations),
        people=args.people and Path(args.people),
        cache=None if args.no_cache else Path(".cache"),
        config=Path(args.config),
    )
    if args.command == "serve":
        from .serve import serve  # livereload and tornado load only when serving

        return serve(project, args.host, args.port, args.drafts, console, args.today)
    if args.command == "check":
        return run_check(project, args.drafts, console, args.wait, args.today)
    return run_build(project, args.drafts, console, search=not args.no_search, wait=args.wait,
                     today=args.today)


def run_build(project: Project, drafts: bool, console: Console, search: bool = True,
              wait: float = WAIT, today: dt.date | None = None) -> int:
    from ..publish.search import SearchFailed  # (each command loads only what it runs)

    try:
        report = build(project, drafts=drafts, search=search, wait=wait, waiting=console.note,
                       today=today)
    except SearchFailed as failed:
        console.failure(f"{failed}; {project.out}/ left as it was")
        return 1
    except Refused as refused:  # not this folder, not now, or the disk said no
        console.failure(str(refused))
        return 1
    except ContentError as failed:
        console.problems(failed.problems)
        errors = errors_in(failed.problems)
        files = len({p.path for p in errors})
        console.failure(f"{counted(len(errors), 'error')} in {counted(files, 'file')}; "
                        f"{project.out}/ left as it was")
        return 1
    console.problems(report.warnings)
    console.report(f"{report}, into {project.out}/")
    console.detail(report.details())
    return 0


def run_check(project: Project, drafts: bool, console: Console, wait: float = WAIT,
              today: dt.date | None = None) -> int:
    from .check import check, summary  # (each command loads only what it runs)

    try:
        problems = check(project, drafts, today, wait=wait, waiting=console.note)
    except Refused as refused:
        console.failure(str(refused))
        return 1
    console.problems(problems)
    if errors_in(problems):
        console.failure(summary(problems))
        return 1
    console.report(f"{summary(problems)}; nothing written")
    return 0


def run_new(args: argparse.Namespace, console: Console) -> int:
    from .new import new_release  # (each command loads only what it runs)

    try:
        date = args.date or _today(Path(args.config))
        path = new_release(Path(args.content), args.title, date, args.body)
    except FileExistsError as err:
        console.failure(f"{err.filename} already exists; nothing written "
                        "(choose another title or --date)")
        return 1
    except ValueError as err:
        console.failure(f"{err}; nothing written")
        return 1
    print(path)
    console.detail("It is a draft: see it with 'python build.py serve --drafts'; "
                   "set 'draft: false' to publish it.")
    return 0


def run_import(args: argparse.Namespace, console: Console) -> int:
    from .imports import import_releases, named_files  # (each command loads only what it runs)

    files = named_files(args.files, sys.stdin.buffer.read() if "-" in args.files else None)
    failed = 0
    for done in import_releases(files, Path(args.content), Path(args.bodies), args.source,
                                args.lang, args.organizations and Path(args.organizations)):
        if done.path:
            print(done.path)
        else:
            failed += 1
            console.failure(f"{done.source}: {done.problem}")
    console.detail("Drafts: confirm each '# check:', then see them with "
                   "'python build.py serve --drafts'.")
    return 1 if failed else 0


def _today(config_path: Path) -> dt.date:
    """Today in the site's time zone, for `new`."""
    from ..read.settings import load_config  # (YAML, for `new` only)

    return today_in(load_config(config_path)[0].timezone)


def _own_or_tool(given: str | None, name: str) -> Path:
    if given:
        return Path(given)
    return Path(name) if Path(name).is_dir() else TOOL_ROOT / name


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="build.py", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build a briefing site from Markdown press releases about meetings.",
        epilog=EPILOG)
    top.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, help_text in COMMANDS.items():
        command = commands.add_parser(name, help=help_text, description=help_text[0].upper() +
                                      help_text[1:] + ".")
        if name == "new":
            _new_options(command)
        elif name == "import":
            _import_options(command)
        else:
            _site_options(command, name)
        command.add_argument("--config", default="site.yaml", help="the site's settings (site.yaml)")
        if name != "new":
            command.add_argument("--bodies", default="bodies.yaml",
                                 help="the registry of bodies' names (bodies.yaml)")
            command.add_argument("--organizations", help="the registry of members "
                                 "(default: organizations.yaml beside the registry of bodies)")
            command.add_argument("--people", help="the registry of people "
                                 "(default: people.yaml beside the registry of bodies)")
        command.add_argument("--quiet", "-q", action="store_true", help="print only problems")
        command.add_argument("--verbose", "-v", action="store_true",
                             help="say more: what was parsed, rendered and written")
    return top


def _site_options(command: argparse.ArgumentParser, name: str) -> None:
    command.add_argument("--content", default="content", help="folder of releases (content)")
    if name == "build":
        command.add_argument("--out", default="site", help="output folder (site)")
        command.add_argument("--no-search", action="store_true",
                             help="make no search index (a faster build; the search page finds nothing)")
    command.add_argument("--templates", help="Jinja2 templates (templates)")
    command.add_argument("--assets", help="CSS and icons copied to <out>/assets (assets)")
    command.add_argument("--drafts", action="store_true",
                         help="include releases with draft: true" +
                         (", marked with a banner" if name == "serve" else ""))
    command.add_argument("--no-cache", action="store_true",
                         help="ignore and keep no build cache (.cache/): a cold build")
    command.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                         help="the day that divides meetings held from upcoming (default: "
                         "today, in the site's time zone); the same day gives the same site")
    if name != "serve":
        command.add_argument("--wait", type=float, default=WAIT, metavar="SECONDS",
                             help="how long to wait for another build of the same folder or "
                             f"cache to finish ({WAIT:g})")
    if name == "serve":
        command.add_argument("--host", default="127.0.0.1",
                             help="address to serve on (127.0.0.1: this computer only)")
        command.add_argument("--port", type=int, default=8000, help="port (8000)")


def _new_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("title", help='the meeting\'s title, e.g. "XXIV meeting of the Council"')
    command.add_argument("--date", type=_date, help="the meeting's date, YYYY-MM-DD (today)")
    command.add_argument("--body", help='the body that met, e.g. "Council of Foreign Ministers"')
    command.add_argument("--content", default="content", help="folder of releases (content)")


def _import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("files", nargs="+", metavar="FILE",
                         help="raw releases: .txt, .md or a saved .html page; - for standard input")
    command.add_argument("--content", default="content", help="folder of releases (content)")
    command.add_argument("--source", help="the web address of the original release")
    command.add_argument("--lang", choices=("en", "ru"),
                         help="the release's language (default: from its letters)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (expected YYYY-MM-DD)") from None


def _version() -> str:
    return __version__

"""The package's shape, read from its own imports: stages on floors, arrows one way.

    floor 0  the root: problems, keys, project, parallel, collector
    floor 1  model/     meetings, countries, bodies, the site, its addresses
    floor 2  read/      files -> releases -> meetings; settings
    floor 3  render/    which pages, and their HTML and data files
    floor 4  publish/   the output folder: guard, write, search
    floor 5  reuse/     what earlier builds kept (the one door: reuse.Reuse)
    floor 6  commands/  build (the recipe), check, serve, new, the command line

A module may import its own floor or lower ones, never a higher one; no two
modules import each other, however far round; the pure stages (model, read,
render) import nothing of reuse/ and no pickle or SQLite; only collector.py
touches the garbage collector; and an import inside a function says why.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
FLOORS = {"": 0, "model": 1, "read": 2, "render": 3, "publish": 4, "reuse": 5, "commands": 6}
PURE = ("model", "read", "render")


def modules() -> dict[str, Path]:
    """Every module, by its dotted name inside the package ('read.schema')."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def floor(module: str) -> int:
    first = module.split(".")[0] if "." in module or module in FLOORS else ""
    return FLOORS[first]


def imports(module: str, path: Path) -> list[tuple[str, ast.AST]]:
    """(the imported name as the package knows it, or 'library:name'; the node)."""
    tree = ast.parse(path.read_text(), str(path))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = [p for p in package if p]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(f"library:{alias.name}", node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.append((f"library:{node.module}", node))
                continue
            base = package[:len(package) - node.level + 1] if node.level > 1 else package
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            known = modules()
            for alias in node.names:  # `from . import urls` names a module
                sub = f"{target}.{alias.name}".lstrip(".")
                found.append((sub if sub in known else target, node))
    return found


GRAPH = {module: imports(module, path) for module, path in modules().items()}
INTERNAL = {module: sorted({name for name, _ in found if not name.startswith("library:")})
            for module, found in GRAPH.items()}


def test_the_folders_are_the_stages():
    assert {module.split(".")[0] for module in modules() if "." in module} == \
        {"model", "read", "render", "publish", "reuse", "commands"}
    assert set(FLOORS) - {""} == {p.name for p in PACKAGE.iterdir() if p.is_dir()
                                  and p.name != "__pycache__"}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_arrow_runs_back_up(module):
    upward = [f"{module} (floor {floor(module)}) imports {name} (floor {floor(name)})"
              for name in INTERNAL[module] if name and floor(name) > floor(module)]
    assert upward == []


def test_no_import_circle():
    circles, done, path = [], set(), []

    def visit(module: str) -> None:
        if module in path:
            circles.append(" -> ".join([*path[path.index(module):], module]))
            return
        if module in done:
            return
        path.append(module)
        for name in INTERNAL.get(module, ()):
            if name and name != module and not module.startswith(name + "."):
                visit(name)  # (a module's own package is not an arrow back: it holds it)
        path.pop()
        done.add(module)

    for module in sorted(INTERNAL):
        visit(module)
    assert circles == []


def test_the_pure_stages_import_nothing_that_keeps_state():
    kept = [f"{module} imports {name}" for module, found in GRAPH.items()
            if module.split(".")[0] in PURE for name, _ in found
            if name.startswith("reuse") or name in ("library:pickle", "library:sqlite3")]
    assert kept == []


def test_only_the_collector_touches_the_garbage_collector():
    users = sorted({module for module, found in GRAPH.items()
                    for name, _ in found if name == "library:gc"})
    assert users == ["collector"]


def test_an_import_inside_a_function_says_why():
    """Imports live at the top; a lazy one (a start-up cost a build that finds nothing
    changed would pay, a server's libraries) carries its reason in a comment."""
    silent = []
    for module, path in modules().items():
        lines = path.read_text().splitlines()
        tree = ast.parse("\n".join(lines))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    # a comment on its line, or between the function's head and it
                    if not any("#" in line for line in lines[function.lineno:node.lineno]):
                        silent.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert silent == []


def test_the_checker_finds_an_arrow_up_and_a_circle(tmp_path):
    """The checks above can fail: a lower floor importing a higher one is caught."""
    global INTERNAL
    saved = INTERNAL
    INTERNAL = {**saved, "model.site": [*saved["model.site"], "commands.build"]}
    try:
        with pytest.raises(AssertionError):
            test_no_arrow_runs_back_up("model.site")
        with pytest.raises(AssertionError):
            test_no_import_circle()
    finally:
        INTERNAL = saved


def test_the_readme_shows_the_recipe_as_it_reads():
    import inspect
    import textwrap

    from briefing.commands.build import Builder

    readme = (PACKAGE.parent / "README.md").read_text()
    assert textwrap.dedent(inspect.getsource(Builder.attempt)) in readme
    for room in FLOORS:
        if room:
            assert f"| `{room}/` |" in readme

"""The package's layout is its architecture: data flows one way, and a test keeps it so.

Every ``import`` in ``src/cjmap`` is read with ``ast`` — at module level, inside functions and
under ``TYPE_CHECKING`` alike, since a cycle through a type-only import is still two modules that
cannot be understood apart. Two things must hold: no module reaches itself through its imports,
and no module imports a stage that comes after its own (the parse and format layers know nothing
of lint, renders, reports or the command line; rules never import renderers or reporters).
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "cjmap"

# Each stage and the stages it may import (itself included). The order is the data flow:
# file → parse → format (the model) → lint / render → report, with files/ as the plumbing the
# commands share and cli/ on top. ``core`` is the vocabulary every stage speaks.
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "parse": {"core", "parse"},
    "format": {"core", "parse", "format"},
    "loader": {"core", "parse", "format", "loader"},
    "files": {"core", "parse", "loader", "files"},
    "lint": {"core", "parse", "format", "loader", "files", "lint"},
    "render": {"core", "parse", "format", "loader", "files", "render"},
    "report": {"core", "parse", "format", "loader", "files", "lint", "report"},
    "author": {"core", "parse", "format", "loader", "files", "lint", "author"},
    "portfolio": {"core", "parse", "format", "loader", "files", "lint", "render", "report",
                  "portfolio"},
    "compare": {"core", "parse", "format", "loader", "files", "render", "report", "compare"},
    "site": {"core", "parse", "format", "loader", "files", "lint", "render", "report",
             "portfolio", "site"},
    "cli": {"core", "parse", "format", "loader", "files", "lint", "render", "report",
            "author", "portfolio", "compare", "site", "cli"},
    "api": {"core", "parse", "format", "loader", "cli", "api"},
}
# cjmap.i18n is core too: parse, format, lint, render, report and the CLI all word messages,
# so the module that translates them must be one every stage may import.
CORE = {"cjmap.diagnostics", "cjmap.exitcodes", "cjmap.i18n", "cjmap.safetext"}
API = {"cjmap", "cjmap.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> str:
    if module in API:
        return "api"
    if module in CORE:
        return "core"
    if module == "cjmap.loader":
        return "loader"
    return module.split(".")[1]


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(module: str) -> Iterator[tuple[str, int]]:
    """The cjmap modules ``module`` imports, with the line of each import."""
    path = MODULES[module]
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cjmap."):
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            if base != "cjmap" and not base.startswith("cjmap."):
                continue
            for alias in node.names:
                target = f"{base}.{alias.name}"
                # `from cjmap import __version__` names the package every module lives in,
                # not its lazy public API: it is no dependency on a stage.
                if target in MODULES:
                    yield target, node.lineno
                elif base != "cjmap":
                    yield base, node.lineno


GRAPH = {module: sorted({target for target, _ in imports(module)}) for module in MODULES}


def test_every_import_names_a_module_that_exists() -> None:
    missing = [(module, target) for module, targets in GRAPH.items() for target in targets
               if target not in MODULES]
    assert not missing


def test_no_import_cycle() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in GRAPH.get(module, []):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in GRAPH:
        if module not in state:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def test_imports_follow_the_flow() -> None:
    against = [
        f"{MODULES[module].relative_to(ROOT)}:{line}: {module} ({stage(module)}) imports "
        f"{target} ({stage(target)})"
        for module in MODULES
        for target, line in imports(module)
        if target in MODULES and stage(target) not in ALLOWED[stage(module)]
    ]
    assert not against, "imports against the flow:\n" + "\n".join(against)


def test_every_folder_is_a_known_stage() -> None:
    folders = {path.parent.relative_to(PACKAGE).parts[0] for path in PACKAGE.rglob("*.py")
               if path.parent != PACKAGE}
    assert folders <= set(ALLOWED), folders - set(ALLOWED)


@pytest.mark.parametrize("source", [
    "from cjmap.lint.rules.base import Context\n",
    "import cjmap.render.html\n",
])
def test_the_checker_sees_a_forbidden_import(tmp_path: Path, source: str) -> None:
    """A layer check that cannot fail is no check: a parse module importing lint or render is
    caught."""
    tree = ast.parse(source)
    node = tree.body[0]
    target = (node.module if isinstance(node, ast.ImportFrom) else node.names[0].name) or ""
    assert stage(target) not in ALLOWED["parse"]

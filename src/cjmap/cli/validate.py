"""``cjmap validate``: check maps against the format and report every problem."""

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cjmap.cli.console import say
from cjmap.diagnostics import FILE_START, Diagnostic, FileReport, Span, display_path
from cjmap.exitcodes import ExitCode

if TYPE_CHECKING:
    from cjmap.files.cache import Cache
    from cjmap.files.discovery import Discovery, NearMiss
    from cjmap.files.transport import Packed

NO_MAPS_HINT = "a map is a .yaml or .yml file with a top-level 'cjmap:' key"


@dataclass
class ValidateOptions:
    paths: list[Path] = field(default_factory=lambda: [Path()])
    format: str = "text"
    quiet: bool = False
    jobs: int | None = None
    cache: bool = True


def check_file(path: Path) -> "Packed":
    """Load one map; a worker process runs this for each file it is given."""
    from cjmap.files.transport import pack
    from cjmap.loader import load

    return pack(load(path).report())


def missing_report(path: Path) -> FileReport:
    """The report of a path given on the command line that does not exist."""
    name = display_path(path)
    return FileReport(name, (Diagnostic(name, FILE_START, "file", "no such file or directory",
                                        hint="check the path"),), unreadable=True)


NOT_A_MAP = "not-a-map"


def near_miss_report(miss: "NearMiss") -> FileReport:
    """The warning for a file found in a directory that looks like a map but lacks the marker:
    it was not checked, and saying nothing would drop it out of CI unnoticed."""
    name = display_path(miss.path)
    if miss.written is None:
        diagnostic = Diagnostic(
            name, FILE_START, NOT_A_MAP, "this file looks like a journey map (it has 'title' "
            "and 'steps' or 'stages') but has no 'cjmap:' key, so it was not checked",
            severity="warning", hint="add 'cjmap: 1' as its first line; if it is no map, "
            "leave it out with 'exclude' in the configuration or .gitignore")
    else:
        diagnostic = Diagnostic(
            name, Span.point(miss.line or 1, 1), NOT_A_MAP,
            f"'{miss.written}' looks like a misspelling of 'cjmap', so this map was not checked",
            severity="warning", hint="write 'cjmap: 1'")
    return FileReport(name, (diagnostic,))


def warm_up() -> None:
    """What loading a map imports, imported once before worker processes are forked."""
    import cjmap.format.model
    import cjmap.format.references
    import cjmap.loader  # noqa: F401


def find_maps(paths: Sequence[Path], stderr: TextIO, *, maps_only: bool = False) -> "Discovery":
    """The maps under ``paths`` (as validate, lint and render find them), telling ``stderr`` of
    each directory that holds none."""
    from cjmap.files.discovery import discover

    found = discover(paths, maps_only=maps_only)
    for directory in found.empty_dirs:
        say(stderr, f"no journey maps found in {display_path(directory)} ({NO_MAPS_HINT})")
    return found


def collect(paths: Sequence[Path], jobs: int | None, stderr: TextIO,
            store: "Cache | None" = None) -> tuple[list[FileReport], bool]:
    """Reports for every map under ``paths``, and whether a directory held no map."""
    from cjmap.files.cache import reports

    found = find_maps(paths, stderr)
    checked = reports(check_file, found.files, store, jobs, warm_up=warm_up)
    near = [near_miss_report(miss) for miss in found.near_misses]
    return ([missing_report(path) for path in found.missing] + near + checked,
            bool(found.empty_dirs))


def open_cache(cwd: Path) -> "Cache":
    """Validate's cache, where lint keeps its own (see cjmap.files.cache)."""
    from cjmap.files.cache import Cache, location, run_key
    from cjmap.lint.config import find

    source = find(cwd)
    directory = location(source.path if source else None, cwd)
    return Cache(directory, run_key(None, []), "validate").load()


def exit_code(reports: Sequence[FileReport], usage_problem: bool) -> ExitCode:
    if usage_problem or any(r.unreadable for r in reports):
        return ExitCode.USAGE
    return ExitCode.OK if all(r.ok for r in reports) else ExitCode.FINDINGS


def run(options: ValidateOptions, stdout: TextIO = sys.stdout,
        stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap.report import REPORTERS

    store = open_cache(Path.cwd()) if options.cache else None
    reports, no_maps = collect(options.paths, options.jobs, stderr, store)
    if store is not None:
        store.save({})
    if not reports:
        return ExitCode.USAGE
    # A map fails validate by its errors (exit_code below), as it fails the report.
    REPORTERS[options.format]()(reports, stdout, command="validate", quiet=options.quiet,
                                fail_on="error")
    return exit_code(reports, usage_problem=no_maps)

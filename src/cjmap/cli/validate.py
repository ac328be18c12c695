"""``cjmap validate``: check maps against the format and report every problem."""

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cjmap.cli.console import say
from cjmap.diagnostics import FILE_START, Diagnostic, FileReport, Span, display_path
from cjmap.exitcodes import ExitCode
from cjmap.i18n import _

if TYPE_CHECKING:
    from cjmap.files.cache import Cache
    from cjmap.files.discovery import Discovery, NearMiss
    from cjmap.files.transport import Packed
    from cjmap.lint.config import Source




@dataclass
class ValidateOptions:
    paths: list[Path] = field(default_factory=lambda: [Path()])
    format: str = "text"
    quiet: bool = False
    jobs: int | None = None
    cache: bool = True
    lang: str | None = None  # None: the configuration's, else the user's locale


def check_file(path: Path, lang: str) -> "Packed":
    """Load one map; a worker process runs this for each file it is given, in the run's
    language (a worker started afresh, not forked, knows no other)."""
    from cjmap import i18n
    from cjmap.files.transport import pack
    from cjmap.loader import load

    i18n.use(lang)
    return pack(load(path).report())


def missing_report(path: Path) -> FileReport:
    """The report of a path given on the command line that does not exist."""
    name = display_path(path)
    return FileReport(name, (Diagnostic(name, FILE_START, "file", _("no such file or directory"),
                                        hint=_("check the path")),), unreadable=True)


NOT_A_MAP = "not-a-map"


def near_miss_report(miss: "NearMiss") -> FileReport:
    """The warning for a file found in a directory that looks like a map but lacks the marker:
    it was not checked, and saying nothing would drop it out of CI unnoticed."""
    name = display_path(miss.path)
    if miss.written is None:
        diagnostic = Diagnostic(
            name, FILE_START, NOT_A_MAP, _("this file looks like a journey map (it has 'title' "
                                           "and 'steps' or 'stages') but has no 'cjmap:' key, "
                                           "so it was not checked"),
            severity="warning", hint=_("add 'cjmap: 1' as its first line; if it is no map, "
                                       "leave it out with 'exclude' in the configuration or "
                                       ".gitignore"))
    else:
        diagnostic = Diagnostic(
            name, Span.point(miss.line or 1, 1), NOT_A_MAP,
            _("'{written}' looks like a misspelling of 'cjmap', so this map was not "
              "checked").format(written=miss.written),
            severity="warning", hint=_("write 'cjmap: 1'"))
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
        say(stderr, _("no journey maps found in {directory} (a map is a .yaml or .yml file "
                      "with a top-level 'cjmap:' key)").format(directory=display_path(directory)))
    return found


def collect(paths: Sequence[Path], jobs: int | None, stderr: TextIO,
            store: "Cache | None" = None, lang: str | None = None
            ) -> tuple[list[FileReport], bool]:
    """Reports for every map under ``paths``, and whether a directory held no map."""
    from functools import partial

    from cjmap import i18n
    from cjmap.files.cache import reports

    found = find_maps(paths, stderr)
    task = partial(check_file, lang=lang or i18n.current())
    checked = reports(task, found.files, store, jobs, warm_up=warm_up, known=found.contents)
    near = [near_miss_report(miss) for miss in found.near_misses]
    return ([missing_report(path) for path in found.missing] + near + checked,
            bool(found.empty_dirs))


def open_cache(source: "Source | None", cwd: Path, lang: str | None) -> "Cache":
    """Validate's cache, where lint keeps its own (see cjmap.files.cache). The configuration
    and the locale are in its key: they choose the messages' language."""
    from cjmap import i18n
    from cjmap.files.cache import Cache, location, run_key

    directory = location(source.path if source else None, cwd)
    config = None if source is None else (str(source.path.absolute()), source.data)
    key = run_key(config, [lang, i18n.from_environment()])
    return Cache(directory, key, "validate").load()


def language(flag: str | None, source: "Source | None", store: "Cache | None") -> str:
    """The messages' language: ``--lang``, the configuration's ``lang`` (remembered by the
    cache, so that a hit parses no configuration), or the user's locale."""
    from cjmap import i18n
    from cjmap.lint.config import configured_language

    if flag:
        return flag
    if store is not None and store.settings is not None:
        cached = store.settings.get("lang")
        if cached in i18n.LANGUAGES:
            return str(cached)
    return i18n.choose(None, configured_language(source))


def exit_code(reports: Sequence[FileReport], usage_problem: bool) -> ExitCode:
    if usage_problem or any(r.unreadable for r in reports):
        return ExitCode.USAGE
    return ExitCode.OK if all(r.ok for r in reports) else ExitCode.FINDINGS


def run(options: ValidateOptions, stdout: TextIO = sys.stdout,
        stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap import i18n
    from cjmap.lint.config import find
    from cjmap.report import REPORTERS

    cwd = Path.cwd()
    source = find(cwd)
    store = open_cache(source, cwd, options.lang) if options.cache else None
    lang = language(options.lang, source, store)
    i18n.use(lang)
    reports, no_maps = collect(options.paths, options.jobs, stderr, store, lang)
    if store is not None:
        store.save({"lang": lang})
    if not reports:
        return ExitCode.USAGE
    # A map fails validate by its errors (exit_code below), as it fails the report.
    REPORTERS[options.format]()(reports, stdout, command="validate", quiet=options.quiet,
                                fail_on="error")
    return exit_code(reports, usage_problem=no_maps)

"""``cjmap lint``: find the gaps in journey maps, with the configured rules, in CI formats."""

import contextlib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cjmap.cli.console import lines, say
from cjmap.cli.validate import find_maps, missing_report, near_miss_report
from cjmap.diagnostics import FileReport, Severity, display_path, fails
from cjmap.exitcodes import ExitCode
from cjmap.i18n import _
from cjmap.lint.config import ConfigError, Settings, Source, UsageError, find, read

if TYPE_CHECKING:
    from cjmap.files.cache import Cache
    from cjmap.files.discovery import Discovery
    from cjmap.files.transport import Packed


@dataclass
class LintOptions:
    paths: list[Path] = field(default_factory=lambda: [Path()])
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity | None = None  # None: the configuration's (default: warning)
    exit_zero: bool = False
    config: Path | None = None
    show_config: bool = False
    show_files: bool = False
    statistics: bool = False
    today: date | None = None
    cache: bool = True
    format: str | None = None  # None: github under GitHub Actions, else text
    outputs: list[tuple[str, Path]] = field(default_factory=list)
    force: bool = False  # replace read-only --output files
    quiet: bool = False
    jobs: int | None = None
    maps_only: bool = False  # named files too must look like maps, and match include
    lang: str | None = None  # None: the configuration's, else the user's locale


def run(options: LintOptions, stdout: TextIO = sys.stdout,
        stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap import i18n

    cwd = Path.cwd()
    source: Source | None = None
    # The configuration's lang is known once it is read; its own errors speak the flag's or
    # the locale's language.
    i18n.use(i18n.choose(options.lang))
    try:
        _check_formats(options)
        source = read(options.config) if options.config else find(cwd)
        today = options.today or date.today()
        store = _cache(options, source, cwd, today)
        settings = _settings(store, source, cwd, options)
        i18n.use(i18n.choose(options.lang, settings.lang))
    except ConfigError as error:
        _report_config_error(error, source, options, stdout, stderr)
        return ExitCode.USAGE
    except UsageError as error:
        for message in error.messages:
            say(stderr, message)
        return ExitCode.USAGE
    if options.show_config:
        from cjmap.cli.showconfig import show

        show(settings, options.paths, options.format or "text", stdout)
        return ExitCode.OK
    files, found = _files(options.paths, settings, stderr, maps_only=options.maps_only)
    usage_problem = bool(found.empty_dirs)
    missing = [missing_report(path) for path in found.missing]
    near = [near_miss_report(miss) for miss in found.near_misses
            if not settings.excluded(miss.path, explicit=False)]
    if options.show_files:
        lines(stdout, map(display_path, files))
        for report in missing:
            say(stderr, _("{path}: no such file or directory").format(path=report.path))
        for path, kind in found.special:
            say(stderr, _("{path}: skipped: {kind}, not a regular file").format(
                path=display_path(path), kind=kind))
        for report in near:
            say(stderr, _("{path}: skipped: {reason}").format(
                path=report.path, reason=report.diagnostics[0].message))
        return ExitCode.USAGE if usage_problem or missing else ExitCode.OK
    if not files and not missing and not near and not usage_problem:
        say(stderr, _("no maps to lint: none of the files given is a journey map")
            if not found.files else
            _("no maps to lint: the configuration excludes every map given"))
    reports = missing + near + _lint(files, settings, today, store, options.jobs, i18n.current(),
                                     found.contents)
    if store is not None:
        store.save(settings.to_dict())
    return _report(reports, settings, options, usage_problem, stdout, stderr)


def _check_formats(options: LintOptions) -> None:
    from cjmap.report import REPORTERS

    unknown = [name for name, _ in options.outputs if name not in REPORTERS]
    if unknown:
        raise UsageError([_("unknown format '{format}' in --output; choose from "
                            "{formats}").format(format=name, formats=", ".join(REPORTERS))
                          for name in unknown])
    for flag, given in (("--statistics", options.statistics),
                        ("--show-config", options.show_config)):
        if given and (options.format or "text") not in ("text", "json"):
            raise UsageError([_("{option} prints text or JSON, not {format}").format(
                option=flag, format=options.format)])


def _cache(options: LintOptions, source: Source | None, cwd: Path,
           today: date) -> "Cache | None":
    if not options.cache:
        return None
    from cjmap.files.cache import Cache, location, run_key

    config = None if source is None else (str(source.path.absolute()), source.data)
    from cjmap import i18n

    # The language is the flag's, the configuration's (its bytes are in the key) or the
    # locale's: all three make the key.
    key = run_key(config, [options.select, sorted(options.ignore), today.isoformat(),
                           str(cwd.absolute()), options.lang, i18n.from_environment()])
    return Cache(location(source.path if source else None, cwd), key).load()


def _settings(store: "Cache | None", source: Source | None, cwd: Path,
              options: LintOptions) -> Settings:
    if store is not None and store.settings is not None:
        try:
            return Settings.from_dict(store.settings)
        except (KeyError, TypeError, ValueError):
            pass  # a cache from elsewhere: resolve again
    from cjmap.lint.config import resolve

    return resolve(source, cwd, select=options.select, ignore=options.ignore)


def _report_config_error(error: ConfigError, source: Source | None, options: LintOptions,
                         stdout: TextIO, stderr: TextIO) -> None:
    """Tell people on stderr, and put the problems in the reports CI asked for (SARIF,
    annotations, JUnit…), so that a broken configuration shows where the findings would."""
    from cjmap.report import REPORTERS

    text = None
    if source is not None:
        with contextlib.suppress(ConfigError):
            text = source.text()
    reports = [error.report(text)]
    # A configuration's problems are errors, failures whatever the threshold.
    fail_on: Severity = "error"
    REPORTERS["text"]()(reports, stderr, command="lint", quiet=True, fail_on=fail_on)
    _write_outputs(reports, options, fail_on, stderr)
    name = options.format or _default_format()
    if name != "text" and not options.statistics:
        REPORTERS[name]()(reports, stdout, command="lint", quiet=options.quiet, fail_on=fail_on)
    where = error.diagnostics[0].path
    say(stderr, _("the configuration in {file} is invalid; nothing was linted").format(
        file=where))


def _files(paths: Sequence[Path], settings: Settings, stderr: TextIO, *,
           maps_only: bool) -> tuple[list[Path], "Discovery"]:
    """The files to lint, and what finding them found (missing paths, empty directories…).

    A file named on the command line escapes ``include``, unless ``maps_only`` asks for it to
    be taken as if found in a directory.
    """
    found = find_maps(paths, stderr, maps_only=maps_only)
    explicit = set() if maps_only else {path for path in paths if not path.is_dir()}
    files = [path for path in found.files if str(path) == "-"
             or not settings.excluded(path, explicit=path in explicit)]
    return files, found


def _warm_up() -> None:
    from cjmap.cli.validate import warm_up

    warm_up()
    import cjmap.lint.engine
    import cjmap.lint.rules  # noqa: F401


def _lint_file(path: Path, settings: Settings, today: date, lang: str) -> "Packed":
    # Imported here: a run whose reports all come from the cache loads no rule.
    from cjmap import i18n
    from cjmap.lint.engine import lint_packed

    i18n.use(lang)  # a worker started afresh, not forked, knows no other language
    return lint_packed(path, settings, today)


def _lint(files: Sequence[Path], settings: Settings, today: date, store: "Cache | None",
          jobs: int | None, lang: str, known: Mapping[Path, bytes]) -> list[FileReport]:
    from cjmap.files.cache import reports

    task = partial(_lint_file, settings=settings, today=today, lang=lang)
    return reports(task, files, store, jobs, warm_up=_warm_up, known=known)


def _write_outputs(reports: list[FileReport], options: LintOptions, fail_on: Severity,
                   stderr: TextIO) -> bool:
    """Write the ``--output`` reports, each whole or not at all; whether all were written."""
    from cjmap.files.atomicfile import write_text_atomically
    from cjmap.report import REPORTERS

    written = True
    for name, path in options.outputs:
        buffer = StringIO()
        REPORTERS[name]()(reports, buffer, command="lint", quiet=False, fail_on=fail_on)
        try:
            write_text_atomically(path, buffer.getvalue(), force=options.force)
        except OSError as error:
            say(stderr, _("cannot write {path}: {reason}").format(
                path=path, reason=error.strerror or error))
            written = False
    return written


def failing(reports: Sequence[FileReport], fail_on: Severity) -> bool:
    return any(fails(d.severity, fail_on) for report in reports for d in report.diagnostics)


def _report(reports: list[FileReport], settings: Settings, options: LintOptions,
            usage_problem: bool, stdout: TextIO, stderr: TextIO) -> ExitCode:
    from cjmap.report import REPORTERS

    fail_on = options.fail_on or settings.fail_on
    if not _write_outputs(reports, options, fail_on, stderr):
        usage_problem = True
    if options.statistics:
        from cjmap.cli.statistics import show

        show(reports, options.format or "text", stdout)
    elif reports:
        name = options.format or _default_format()
        REPORTERS[name]()(reports, stdout, command="lint", quiet=options.quiet, fail_on=fail_on)
    if usage_problem or any(report.unreadable for report in reports):
        return ExitCode.USAGE
    if options.exit_zero:
        return ExitCode.OK
    return ExitCode.FINDINGS if failing(reports, fail_on) else ExitCode.OK


def _default_format() -> str:
    from cjmap.report import REPORTERS

    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS:
        return "github"
    return "text"

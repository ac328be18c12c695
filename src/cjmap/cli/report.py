"""``cjmap report``: one portfolio of every map found, as tables in text, JSON, Markdown, CSV or
HTML (docs/portfolio.md).

Maps are found as ``lint`` finds them (discovery, then the configuration's ``exclude``). Each map
is loaded and turned into plain data in the worker processes (cjmap.portfolio.collect); each
table is computed when first read, in this process or, for a large report drawn as text,
Markdown or HTML, in the forked processes that draw it (cjmap.portfolio.sheets.drawn). An
invalid map does not stop the report: it is listed with its first problem, and the run exits 1.
Messages speak ``--lang``, else the configuration's ``lang``, else the user's locale.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from cjmap.cli.console import say
from cjmap.exitcodes import ExitCode
from cjmap.i18n import _, ngettext
from cjmap.lint.config import ConfigError, Source, UsageError, find, read
from cjmap.portfolio import DEFAULT_DUE_WITHIN
from cjmap.portfolio.names import TABLES, TableName

if TYPE_CHECKING:
    from cjmap.lint.config import Settings
    from cjmap.portfolio.tables import Portfolio



@dataclass
class ReportCommandOptions:
    paths: list[Path] = field(default_factory=lambda: [Path()])
    format: str = "text"
    tables: list[TableName] = field(default_factory=list)  # empty: every table
    today: date | None = None
    due_within: int = DEFAULT_DUE_WITHIN
    lang: str | None = None
    output: Path | None = None
    config: Path | None = None
    force: bool = False
    jobs: int | None = None


def today_of(given: date | None, environ: os._Environ[str] | dict[str, str]) -> date:
    """``--today``, else the day of ``SOURCE_DATE_EPOCH`` (UTC, for reproducible builds), else
    today."""
    if given is not None:
        return given
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    except (ValueError, OverflowError, OSError) as error:
        raise UsageError([_("SOURCE_DATE_EPOCH={value} is not a time in seconds since "
                            "1970-01-01").format(value=repr(epoch))]) from error


def run(options: ReportCommandOptions, stdout: BinaryIO | None = None,
        stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap import i18n
    from cjmap.lint.config import resolve

    out = stdout or sys.stdout.buffer
    tables = tuple(table for table in TABLES if table in options.tables) or TABLES
    source: Source | None = None
    # The configuration's lang is known once it is read; its own errors speak the flag's or
    # the locale's language.
    i18n.use(i18n.choose(options.lang))
    try:
        today = today_of(options.today, os.environ)
        _check(options, tables)
        source = read(options.config) if options.config else find(Path.cwd())
        settings = resolve(source, Path.cwd())
        i18n.use(i18n.choose(options.lang, settings.lang))
        files, usage_problem = _files(options, settings, stderr)
    except (ConfigError, UsageError) as error:
        return usage_problem_of(error, source, stderr)
    if not files[0] and not files[1]:
        return ExitCode.USAGE
    from cjmap.portfolio import portfolio_of

    maps, missing = files
    portfolio = portfolio_of(maps, today, due_within=options.due_within, lang=options.lang,
                             missing=missing, jobs=options.jobs)
    from cjmap.report.style import wants_color

    # Colour only on the real standard output, and only when it is a terminal.
    terminal = stdout is None and wants_color(sys.stdout)
    if not _write(portfolio, options, tables, out, terminal, stderr):
        return ExitCode.USAGE
    invalid = portfolio.invalid
    if invalid:
        say(stderr, ngettext(
            "{count} of {maps} maps is invalid and left out of the tables; 'cjmap validate' "
            "shows every problem",
            "{count} of {maps} maps are invalid and left out of the tables; 'cjmap validate' "
            "shows every problem", len(invalid)).format(
                count=len(invalid), maps=len(portfolio.maps) + len(invalid)))
    if usage_problem or any(m.unreadable for m in invalid):
        return ExitCode.USAGE
    return ExitCode.FINDINGS if invalid else ExitCode.OK


def _check(options: ReportCommandOptions, tables: tuple[TableName, ...]) -> None:
    if options.due_within < 0:
        raise UsageError([_("--due-within must be 0 or more days, not {days}").format(
            days=options.due_within)])
    if options.format == "csv" and len(tables) != 1 and options.output is None:
        raise UsageError([_("CSV holds one table: choose it with --table (coverage, weakest, "
                            "emotions, backlog, metrics, freshness), or write one file per "
                            "table with -o DIR")])


def _files(options: ReportCommandOptions, settings: Settings,
           stderr: TextIO) -> tuple[tuple[list[Path], list[Path]], bool]:
    """(the maps to report on, the paths that do not exist), and whether a directory held no
    map or the configuration excluded every map."""
    from cjmap.cli.validate import find_maps

    found = find_maps(options.paths, stderr)
    explicit = {path for path in options.paths if not path.is_dir()}
    files = [path for path in found.files if str(path) == "-"
             or not settings.excluded(path, explicit=path in explicit)]
    if not files and not found.missing and found.files:
        say(stderr, _("no maps to report on: the configuration excludes every map given"))
    return (files, found.missing), bool(found.empty_dirs)


def usage_problem_of(error: ConfigError | UsageError, source: Source | None,
                     stderr: TextIO) -> ExitCode:
    """Say what is wrong with the options or the configuration; the exit code of that."""
    if isinstance(error, ConfigError):
        config_error(error, source, stderr)
    else:
        for message in error.messages:
            say(stderr, message)
    return ExitCode.USAGE


def config_error(error: ConfigError, source: Source | None, stderr: TextIO) -> None:
    from cjmap.report import REPORTERS

    text = None
    if source is not None:
        with contextlib.suppress(ConfigError):
            text = source.text()
    REPORTERS["text"]()([error.report(text)], stderr, command="lint", quiet=True,
                       fail_on="error")
    say(stderr, _("the configuration in {file} is invalid").format(
        file=error.diagnostics[0].path))


def _write(portfolio: Portfolio, options: ReportCommandOptions,
           tables: tuple[TableName, ...], out: BinaryIO, terminal: bool,
           stderr: TextIO) -> bool:
    """Write the report to standard output, to ``-o FILE``, or (CSV of several tables) one
    file per table into ``-o DIR``; whether every file could be written."""
    from cjmap.files.atomicfile import write_bytes_atomically
    from cjmap.files.runner import worker_count
    from cjmap.portfolio.formats import ReportOptions, formatter

    write = formatter(options.format)
    color = options.output is None and options.format == "text" and terminal
    targets: list[tuple[Path | None, tuple[TableName, ...]]] = [(options.output, tables)]
    if options.format == "csv" and len(tables) > 1 and options.output is not None:
        targets = [(options.output / f"{table}.csv", (table,)) for table in tables]
    written = True
    for target, shown in targets:
        data = write(portfolio, ReportOptions(
            tables=shown, color=color, width=shutil.get_terminal_size((100, 24)).columns,
            workers=worker_count(len(portfolio.maps), options.jobs)))
        if target is None:
            out.write(data)
            out.flush()
            continue
        try:
            write_bytes_atomically(target, data, force=options.force)
        except OSError as error:
            say(stderr, _("cannot write {path}: {reason}").format(
                path=target, reason=error.strerror or error))
            written = False
    return written


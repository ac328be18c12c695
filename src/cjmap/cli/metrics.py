"""``cjmap metrics update``: dated values from a CSV file into the maps' metrics.

Everything is read and planned first (:mod:`cjmap.author.metrics`); one problem in the CSV or
in a map and nothing is written. ``--dry-run`` prints the changes as a unified diff instead of
writing them.
"""

import codecs
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cjmap.cli.console import lines, say
from cjmap.diagnostics import display_path
from cjmap.exitcodes import ExitCode
from cjmap.i18n import _, ngettext

if TYPE_CHECKING:
    from cjmap.author.metrics import MapFile, Plan
    from cjmap.author.metricscsv import Problem


@dataclass
class UpdateOptions:
    maps: list[Path] = field(default_factory=list)
    source: Path = Path("-")  # the CSV file; '-' reads standard input
    dry_run: bool = False
    lang: str | None = None
    force: bool = False


def run(options: UpdateOptions, stdout: TextIO = sys.stdout,
        stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap import i18n
    from cjmap.lint.config import configured_language, find

    i18n.use(i18n.choose(options.lang, configured_language(find(Path.cwd()))))
    if any(str(path) == "-" for path in options.maps):
        say(stderr, _("a map cannot be read from standard input here: the update is written "
                      "back to the map's file"))
        return ExitCode.USAGE
    csv_text, csv_name = _read_csv(options.source, stderr)
    maps = _read_maps(options.maps, stderr)
    if csv_text is None or maps is None:
        return ExitCode.USAGE
    from cjmap.author.metrics import plan
    from cjmap.author.metricscsv import read_rows

    invalid = [m for m in maps if m.result.journey is None]
    if invalid:
        _refuse(invalid, stderr)
        return ExitCode.FINDINGS
    rows, problems = read_rows(csv_text, csv_name)
    # The rows that read well are resolved too, so that one run reports every problem.
    planned = plan(maps, rows, csv_name)
    problems += planned.problems
    if problems:
        _problems(sorted(problems, key=lambda p: (p.path != csv_name, p.path, p.line)),
                  stderr)
        say(stderr, _("nothing was written"))
        return ExitCode.FINDINGS
    return _carry_out(planned, maps, options, stdout, stderr)


def _read_csv(source: Path, stderr: TextIO) -> tuple[str | None, str]:
    from cjmap.parse.source import STDIN_NAME, SourceError, decode, read_bytes, read_stream

    name = STDIN_NAME if str(source) == "-" else display_path(source)
    try:
        data = read_stream(sys.stdin.buffer) if str(source) == "-" else read_bytes(source)
        return decode(data, name), name
    except SourceError as error:
        d = error.diagnostic
        say(stderr, f"{d.path}:{d.span.line}: {d.message}")
        return None, name


def _read_maps(paths: Sequence[Path], stderr: TextIO) -> "list[MapFile] | None":
    from cjmap.author.metrics import MapFile
    from cjmap.loader import load_text
    from cjmap.parse.source import SourceError, decode, read_bytes

    if not paths:
        say(stderr, _("name the maps to update: cjmap metrics update MAP... --from FILE.csv"))
        return None
    maps: list[MapFile] = []
    seen: set[Path] = set()
    failed = False
    for path in paths:
        name = display_path(path)
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            data = read_bytes(path)
            text = decode(data, name)
        except SourceError as error:
            say(stderr, f"{name}: {error.diagnostic.message}")
            failed = True
            continue
        # Patched with LF line breaks, written back with the file's own.
        crlf = "\r\n" in text
        maps.append(MapFile(path, name, text.replace("\r\n", "\n") if crlf else text,
                            data.startswith(codecs.BOM_UTF8), crlf, load_text(text, name)))
    return None if failed else maps


def _refuse(invalid: "Sequence[MapFile]", stderr: TextIO) -> None:
    from cjmap.report import REPORTERS

    REPORTERS["text"]()([m.result.report() for m in invalid], stderr, command="validate",
                        quiet=True, fail_on="error")
    say(stderr, ngettext("{count} map is invalid: fix it first, nothing was written",
                         "{count} maps are invalid: fix them first, nothing was written",
                         len(invalid)).format(count=len(invalid)))


def _problems(problems: "Sequence[Problem]", stderr: TextIO) -> None:
    from cjmap.report.style import printable

    for problem in problems:
        stderr.write(printable(str(problem)) + "\n")
        if problem.hint:
            stderr.write(f"  {_('hint:')} {printable(problem.hint)}\n")


def _carry_out(planned: "Plan", maps: "list[MapFile]", options: UpdateOptions,
               stdout: TextIO, stderr: TextIO) -> ExitCode:
    from cjmap.author.metricpatch import PatchError
    from cjmap.author.metrics import apply, describe

    texts: dict[int, str] = {}
    for index, map_file in enumerate(maps):
        changes = [c for c in planned.changes if c.map == index]
        if not changes:
            continue
        try:
            texts[index] = apply(map_file, changes)
        except PatchError as error:
            say(stderr, _("{map}: cannot update it safely: {reason}; nothing was written").format(
                map=map_file.name, reason=error))
            return ExitCode.FINDINGS
    lines(stdout, [describe(change, maps) for change in planned.changes])
    if options.dry_run:
        from cjmap.cli.fmt import unified_diff

        for index, text in texts.items():
            stdout.write(unified_diff(maps[index].text, text, maps[index].name,
                                      _("updated")))
    elif not _write(maps, texts, options.force, stderr):
        return ExitCode.USAGE
    _summary(planned, options.dry_run, stdout)
    return ExitCode.FINDINGS if options.dry_run and texts else ExitCode.OK


def _write(maps: "list[MapFile]", texts: dict[int, str], force: bool, stderr: TextIO) -> bool:
    import os

    from cjmap.files.atomicfile import write_text_atomically

    # Every map is checked writable before the first is written, so that a read-only one
    # stops the run before it has changed anything.
    for index in texts:
        path = maps[index].path
        if not force and not os.access(path, os.W_OK):
            say(stderr, _("{map}: the file is read-only; --force replaces it; nothing was "
                          "written").format(map=maps[index].name))
            return False
    for index, text in texts.items():
        map_file = maps[index]
        if map_file.crlf:
            text = text.replace("\n", "\r\n")
        try:
            write_text_atomically(map_file.path, ("\ufeff" if map_file.bom else "") + text,
                                  force=force)
        except OSError as error:
            say(stderr, f"{map_file.name}: {error.strerror or error}")
            return False
    return True


def _summary(planned: "Plan", dry_run: bool, stdout: TextIO) -> None:
    from cjmap.author.metrics import summary_counts

    counts = summary_counts(planned)
    if not planned.changes:
        say(stdout, _("nothing to update: the maps have every value of the file already"))
        return
    text = (ngettext("would update {maps} map (values: {added} to add, {corrected} to correct)",
                     "would update {maps} maps (values: {added} to add, {corrected} to "
                     "correct)", counts["maps"]) if dry_run else
            ngettext("updated {maps} map (values: {added} added, {corrected} corrected)",
                     "updated {maps} maps (values: {added} added, {corrected} corrected)",
                     counts["maps"]))
    say(stdout, text.format(**counts))

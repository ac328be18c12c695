"""``cjmap import``: journeys kept elsewhere (Mermaid, CSV, Excel, OpenJourney) as maps.

The source's format comes from ``--from``, else from its file name, else from its content.
One journey goes to ``-o FILE``, to standard output, or into ``-d DIR``; a source holding
several writes each into ``-d DIR`` (named from its title), while ``-o`` and standard output
take the first and say how many were left. Nothing is overwritten without ``--force``, and no
file is written when any of them cannot be. What an importer could not carry over is listed
on standard error: a sentence starting ``LINE:COLUMN:`` is shown at that place of the source.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from cjmap.author.importers import IMPORTERS
from cjmap.cli.console import say
from cjmap.exitcodes import ExitCode

if TYPE_CHECKING:
    from cjmap.author.importers.base import Imported, Reader

STDIN = "-"
_PLACED = re.compile(r"(\d+):(\d+): ")


@dataclass(frozen=True)
class ImportCommandOptions:
    source: str
    output: str | None = None
    out_dir: Path | None = None
    format: str | None = None
    lang: str = "en"
    columns: tuple[tuple[str, str], ...] = ()
    every: bool | None = None  # --all / --first; None: every one with -d, else the first
    force: bool = False


class _Usage(Exception):
    """A usage problem: exit 2 with this message."""


def run(options: ImportCommandOptions, stdin: BinaryIO | None = None,
        stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap.author.importers.base import ImportOptions, SourceError
    from cjmap.parse.source import SourceError as Unreadable

    name = "<stdin>" if options.source == STDIN else options.source
    try:
        _check(options)
        data = _read(options.source, stdin)
        format = options.format or _guess(options.source, data)
        reader = _reader(format)
        journeys = reader.read(data, name, ImportOptions(format, options.lang, options.columns))
    except _Usage as error:
        say(stderr, str(error))
        return ExitCode.USAGE
    except Unreadable as error:
        diagnostic = error.diagnostic
        say(stderr, f"{diagnostic.path}: {diagnostic.message}; {diagnostic.hint}")
        return ExitCode.USAGE
    except SourceError as error:
        stderr.write(_placed(name, error.line, error.column, "error", error.message))
        if error.hint:
            stderr.write(f"  hint: {_printable(error.hint)}\n")
        return ExitCode.FINDINGS
    return _write(journeys, name, format, options, stdout, stderr)


def _printable(text: str) -> str:
    from cjmap.report.style import printable

    return printable(text)


def _placed(name: str, line: int, column: int, severity: str, message: str) -> str:
    return f"{_printable(name)}:{line}:{column}: {severity}: {_printable(message)}\n"


def _check(options: ImportCommandOptions) -> None:
    if options.output is not None and options.out_dir is not None:
        raise _Usage("-o and -d cannot be used together: -o writes one map, -d one per journey")
    if options.every and options.out_dir is None:
        raise _Usage("--all writes a map per journey: name their directory with -d DIR")


def _read(source: str, stdin: BinaryIO | None) -> bytes:
    from cjmap.parse.source import read_bytes, read_stream

    if source == STDIN:
        return read_stream(stdin or sys.stdin.buffer)
    return read_bytes(Path(source))


def _modules() -> Iterator[tuple[str, Reader]]:
    """Each ``--from`` format and its reader, in the registry's order, imported as needed."""
    from cjmap.author.importers import reader

    for format, module in IMPORTERS.items():
        try:
            yield format, reader(format)
        except ModuleNotFoundError as error:
            # An importer left out of this build (not a missing dependency of one, which
            # must fail loudly): the others still guess.
            if error.name != module:
                raise


def _guess(source: str, data: bytes) -> str:
    """The format of ``source``: the one whose file name ending it has, else the first whose
    ``sniff`` recognises the content."""
    lowered = source.lower()
    if source != STDIN:
        for format, module in _modules():
            if lowered.endswith(module.SUFFIXES):
                return format
    for format, module in _modules():
        sniff = getattr(module, "sniff", None)
        # A module that reads one format says yes or no; one that reads several (csv and
        # xlsx) says which it recognised.
        found = sniff(data) if sniff is not None else None
        if found is True or found == format:
            return format
    shown = "standard input" if source == STDIN else source
    raise _Usage(f"cannot tell the format of {shown}: name it with --from "
                 f"({', '.join(IMPORTERS)})")


def _reader(format: str) -> Reader:
    from cjmap.author.importers import reader

    if format not in IMPORTERS:
        raise _Usage(f"unknown format '{format}': use one of {', '.join(IMPORTERS)}")
    return reader(format)


def _write(journeys: list[Imported], name: str, format: str, options: ImportCommandOptions,
           stdout: TextIO, stderr: TextIO) -> ExitCode:
    from cjmap.author.importers.build import map_text

    every = options.every if options.every is not None else options.out_dir is not None
    chosen = journeys if every else journeys[:1]
    texts = [map_text(journey, _origin(name, format, journey, len(journeys)))
             for journey in chosen]
    try:
        targets = _targets(chosen, options)
    except _Usage as error:
        say(stderr, str(error))
        return ExitCode.USAGE
    if targets is not None:
        code = _save(dict(zip(targets, texts, strict=True)), options.force, stderr)
        if code != ExitCode.OK:
            return code
    _notes(chosen, name, stderr)
    left = len(journeys) - len(chosen)
    if left:
        say(stderr, f"{name} holds {len(journeys)} journeys: imported the first, "
                    f"'{_printable(chosen[0].title)}'; {left} left (-d DIR imports each)")
    if targets is None:
        stdout.write(texts[0])
        return ExitCode.OK
    for target, journey in zip(targets, chosen, strict=True):
        stdout.write(f"✓ wrote {_printable(str(target))} ('{_printable(journey.title)}', "
                     f"{len(journey.data.get('steps', []))} steps); "
                     f"next: 'cjmap lint {_printable(str(target))}'\n")
    return ExitCode.OK


def _notes(journeys: list[Imported], name: str, stderr: TextIO) -> None:
    """What could not be carried over, at its place in the source when the importer says."""
    for journey in journeys:
        for sentence in journey.dropped:
            placed = _PLACED.match(sentence)
            if placed:
                stderr.write(_placed(name, int(placed[1]), int(placed[2]), "note",
                                     sentence[placed.end():]))
            else:
                stderr.write(f"{_printable(name)}: note: {_printable(sentence)}\n")


def _origin(name: str, format: str, journey: Imported, count: int) -> str:
    where = f", line {journey.line}" if count > 1 else ""
    return f"{Path(name).name if name != '<stdin>' else name} ({format}{where})"


def _targets(journeys: list[Imported], options: ImportCommandOptions) -> list[Path] | None:
    """Where each journey goes; None: standard output."""
    from cjmap.author.importers.build import slug

    if options.out_dir is not None:
        if options.out_dir.exists() and not options.out_dir.is_dir():
            raise _Usage(f"{options.out_dir} is not a directory")
        names: list[Path] = []
        for journey in journeys:
            stem = slug(journey.title) or "journey"
            candidate, number = stem, 1
            while options.out_dir / f"{candidate}.yaml" in names:
                number += 1
                candidate = f"{stem}-{number}"
            names.append(options.out_dir / f"{candidate}.yaml")
        return names
    if options.output in (None, STDIN):
        return None
    return [Path(options.output)]


def _save(texts: dict[Path, str], force: bool, stderr: TextIO) -> ExitCode:
    from cjmap.files.atomicfile import write_text_atomically

    existing = [str(path) for path in texts if path.exists()]
    if existing and not force:
        say(stderr, f"{', '.join(existing)} already {'exists' if len(existing) == 1 else 'exist'}"
                    "; use --force to overwrite")
        return ExitCode.USAGE
    for target, text in texts.items():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(target, text, force=force)
        except OSError as error:
            say(stderr, f"cannot write {target}: {error.strerror or error}; check the path and "
                        "its permissions")
            return ExitCode.USAGE
    return ExitCode.OK

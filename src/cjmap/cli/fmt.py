"""``cjmap fmt``: rewrite maps in the canonical style, or (``--check``, ``--diff``) say which
would change.

Files are found as validate and lint find them, with the configuration's ``exclude``. A file
known from the cache (``.cjmap_cache/fmt-*.json``) to be canonical, by its name and content, is
not read again beyond its bytes; the cache also keeps the resolved settings and the format's key
order, so that such a run imports neither pydantic nor the model. The other files go to the
worker processes of :mod:`cjmap.files.runner`, each of which formats, checks and writes its own.
"""

import difflib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cjmap.cli.console import say
from cjmap.diagnostics import display_path
from cjmap.exitcodes import ExitCode

if TYPE_CHECKING:
    from cjmap.author.style import Shape
    from cjmap.files.cache import Cache
    from cjmap.lint.config import Settings

# What can change fmt's answer for a file: its own code, and the format and parser it reads.
FMT_CODE = ("author/*.py", "parse/*.py", "format/*.py", "lint/suppressions.py", "diagnostics.py")

# (status, message or diff, line, column, code, hint, key of the new content)
Outcome = tuple[str, str, int, int, str, str | None, str | None]


@dataclass
class FmtOptions:
    paths: list[Path] = field(default_factory=lambda: [Path()])
    check: bool = False
    diff: bool = False
    upgrade: bool = False
    config: Path | None = None
    quiet: bool = False
    jobs: int | None = None
    cache: bool = True

    @property
    def writes(self) -> bool:
        return not (self.check or self.diff)


def run(options: FmtOptions, stdout: TextIO = sys.stdout,
        stderr: TextIO = sys.stderr) -> ExitCode:
    if any(str(path) == "-" for path in options.paths):
        if len(options.paths) > 1:
            say(stderr, "'-' (standard input) cannot be mixed with other paths")
            return ExitCode.USAGE
        return _stdin(options, stdout, stderr)
    from cjmap.lint.config import ConfigError, UsageError

    try:
        store, settings, shape = _setup(options)
    except ConfigError as error:
        for d in error.diagnostics:
            say(stderr, f"{d.path}:{d.span.line}:{d.span.column}: {d.message}")
        return ExitCode.USAGE
    except UsageError as error:
        for message in error.messages:
            say(stderr, message)
        return ExitCode.USAGE
    from cjmap.cli.lint import _files

    files, found = _files(options.paths, settings, stderr, maps_only=False)
    no_maps = bool(found.empty_dirs)
    missing = [display_path(path) for path in found.missing]
    for name in missing:
        say(stderr, f"{name}: no such file or directory")
    outcomes = _outcomes(files, store, shape, options, found.contents)
    if store is not None:
        store.save({"settings": settings.to_dict(), "shape": shape.to_json()})
    code = _report(files, outcomes, options, stdout, stderr)
    return ExitCode.USAGE if no_maps or missing else code


def _setup(options: FmtOptions) -> "tuple[Cache | None, Settings, Shape]":
    from cjmap.author.style import Shape
    from cjmap.lint.config import Settings, find, read, resolve

    cwd = Path.cwd()
    source = read(options.config) if options.config else find(cwd)
    store = None
    if options.cache:
        from cjmap.files.cache import Cache, location, run_key

        config = None if source is None else (str(source.path.absolute()), source.data)
        key = run_key(config, ["fmt", options.upgrade, str(cwd.absolute())], code=FMT_CODE)
        store = Cache(location(source.path if source else None, cwd), key, "fmt").load()
        if store.settings is not None:
            try:
                return (store, Settings.from_dict(store.settings["settings"]),
                        Shape.from_json(store.settings["shape"]))
            except (KeyError, TypeError, ValueError):
                pass  # a cache from elsewhere: resolve again
    from cjmap.author.fmt import default_shape

    return store, resolve(source, cwd), default_shape()


def _outcomes(files: Sequence[Path], store: "Cache | None", shape: "Shape",
              options: FmtOptions, known: Mapping[Path, bytes]) -> list[Outcome]:
    from cjmap.diagnostics import FileReport
    from cjmap.files.cache import file_bytes

    found: list[Outcome | None] = [None] * len(files)
    if store is not None:
        for index, path in enumerate(files):
            data = file_bytes(path, known)  # None: the task reports why
            if data is not None and store.find(str(path), data)[0] is not None:
                found[index] = ("same", "", 0, 0, "", None, None)
    pending = [index for index, outcome in enumerate(found) if outcome is None]
    if pending:
        from cjmap.files import runner

        task = partial(format_file, shape=shape, write=options.writes, upgrade=options.upgrade,
                       diff=options.diff)
        done = runner.run(task, [files[index] for index in pending], options.jobs,
                          warm_up=_warm_up, failed=crashed)
        for index, outcome in zip(pending, done, strict=True):
            found[index] = outcome
            new_key = outcome[6]
            if store is not None and new_key is not None:
                store.put(new_key, FileReport(str(files[index])))
    return [outcome for outcome in found if outcome is not None]


def _warm_up() -> None:
    """What formatting imports, imported once before worker processes are forked."""
    import cjmap.author.fmt
    import cjmap.author.verify  # noqa: F401


def crashed(path: Path, error: Exception) -> Outcome:
    """The outcome of a file on which fmt failed (a bug): reported, the file left untouched."""
    from cjmap.files.runner import INTERNAL_ERROR

    return ("error", f"cjmap failed on this file: {type(error).__name__}: {error}", 1, 1,
            INTERNAL_ERROR, "this is a bug in cjmap: please report it with the file "
            "(CJMAP_DEBUG=1 shows the traceback)", None)


def format_file(path: Path, shape: "Shape", write: bool, upgrade: bool,
                diff: bool) -> Outcome:
    """Format one file (a worker process runs this): ``same``, ``formatted`` (written),
    ``would`` (not written: ``--check``, ``--diff``) or ``error``."""
    from cjmap.author.fmt import FormatError, format_source
    from cjmap.files.cache import file_key
    from cjmap.parse.source import SourceError, decode, read_bytes

    name = str(path)
    try:
        data = read_bytes(path)
        text = decode(data, name)
    except SourceError as error:
        d = error.diagnostic
        return ("error", d.message, d.span.line, d.span.column, d.code, d.hint, None)
    if data.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text  # decode drops the mark; fmt keeps what the file has
    try:
        result = format_source(text, shape, upgrade=upgrade)
    except FormatError as error:
        return ("error", error.message, error.span.line, error.span.column, error.code,
                error.hint, None)
    if not result.changed:
        return ("same", "", 0, 0, "", None, file_key(name, data))
    patch = unified_diff(text, result.text, name) if diff else ""
    if not write:
        return ("would", patch, 0, 0, "", None, None)
    from cjmap.files.atomicfile import write_bytes_atomically

    new = result.text.encode("utf-8")
    try:
        write_bytes_atomically(path, new)
    except OSError as error:
        return ("error", f"cannot write the file: {error.strerror or error}", 1, 1, "file",
                "check the file's permissions", None)
    return ("formatted", patch, 0, 0, "", None, file_key(name, new))


def unified_diff(old: str, new: str, name: str, new_label: str = "formatted") -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"{name}\t(original)", tofile=f"{name}\t({new_label})")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def _report(files: Sequence[Path], outcomes: Sequence[Outcome], options: FmtOptions,
            stdout: TextIO, stderr: TextIO) -> ExitCode:
    from cjmap.report.style import Style, wants_color

    style = Style(wants_color(stdout))
    err_style = Style(wants_color(stderr))
    counts = {"same": 0, "formatted": 0, "would": 0, "error": 0}
    for path, outcome in zip(files, outcomes, strict=True):
        status = outcome[0]
        counts[status] += 1
        if status == "error":
            _error(str(path), outcome, stderr, err_style)
        elif status == "would" and options.diff:
            stdout.write(colour_diff(outcome[1], style))
        elif status == "would":
            stdout.write(f"would reformat {style('path', str(path))}\n")
        elif status == "formatted" and not options.quiet:
            stdout.write(f"formatted {style('path', str(path))}\n")
    if not options.quiet:
        summary = _summary(counts, options)
        (stderr if options.diff else stdout).write(summary + "\n")
    if counts["error"] or counts["would"]:
        return ExitCode.FINDINGS
    return ExitCode.OK


def _summary(counts: dict[str, int], options: FmtOptions) -> str:
    def maps(number: int) -> str:
        return f"{number} map{'s' if number != 1 else ''}"

    parts = []
    if counts["formatted"]:
        parts.append(f"{maps(counts['formatted'])} formatted")
    if counts["would"]:
        parts.append(f"{maps(counts['would'])} would be formatted")
    if counts["same"]:
        parts.append(f"{maps(counts['same'])} already formatted")
    if counts["error"]:
        parts.append(f"{maps(counts['error'])} left untouched (see above)")
    return ", ".join(parts) or "no maps to format"


def _error(name: str, outcome: Outcome, stream: TextIO, style: Any) -> None:
    _, message, line, column, code, hint, _ = outcome
    stream.write(f"{style('path', f'{name}:{line}:{column}')}: {style('error', 'error')}: "
                 f"{message} [{code}]\n")
    if hint:
        stream.write(f"  {style('hint', 'hint')}: {hint}\n")


def colour_diff(patch: str, style: Any) -> str:
    colours = (("+++", "bold"), ("---", "bold"), ("@@", "info"), ("+", "ok"), ("-", "error"))
    out = []
    for line in patch.splitlines(keepends=True):
        name = next((colour for prefix, colour in colours if line.startswith(prefix)), None)
        out.append(style(name, line.rstrip("\n")) + "\n" if name else line)
    return "".join(out)


def _stdin(options: FmtOptions, stdout: TextIO, stderr: TextIO) -> ExitCode:
    """``cjmap fmt -``: the map on standard input, formatted on standard output."""
    from cjmap.author.fmt import FormatError, format_source
    from cjmap.parse.source import STDIN_NAME, SourceError, decode, read_stream
    from cjmap.report.style import Style, wants_color

    style = Style(wants_color(stderr))
    try:
        data = read_stream(sys.stdin.buffer)
        text = ("\ufeff" if data.startswith(b"\xef\xbb\xbf") else "") + decode(data, STDIN_NAME)
        result = format_source(text, upgrade=options.upgrade)
    except SourceError as error:
        d = error.diagnostic
        _error(STDIN_NAME, ("error", d.message, d.span.line, d.span.column, d.code, d.hint,
                            None), stderr, style)
        return ExitCode.FINDINGS
    except FormatError as error:
        _error(STDIN_NAME, ("error", error.message, error.span.line, error.span.column,
                            error.code, error.hint, None), stderr, style)
        return ExitCode.FINDINGS
    if options.diff:
        stdout.write(colour_diff(unified_diff(text, result.text, STDIN_NAME),
                                 Style(wants_color(stdout))))
    elif not options.check:
        stdout.buffer.write(result.text.encode("utf-8")) if hasattr(stdout, "buffer") \
            else stdout.write(result.text)
        stdout.flush()
    elif not options.quiet and result.changed:
        stderr.write(f"would reformat {STDIN_NAME}\n")
    return ExitCode.FINDINGS if result.changed and not options.writes else ExitCode.OK

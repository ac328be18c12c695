"""``cjmap render``: draw valid maps in one format, into files or onto standard output.

Each map is loaded as ``validate`` loads it; an invalid map is not drawn, and its problems are
reported exactly as ``validate`` reports them (on standard error, since standard output may be
carrying a drawing). Files go into ``--out-dir`` (``rendered/`` by default) under the map's own
path, so ``maps/a/journey.yaml`` becomes ``rendered/maps/a/journey.svg`` and two maps can never
overwrite each other; ``-o FILE`` names the file of a single map, ``-o -`` writes it to standard
output. Every file is written whole or not at all; under the output directory no symbolic link is
written through (see cjmap.files.atomicfile), and a read-only file is replaced only with --force.
"""

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from cjmap.cli.console import lines, say
from cjmap.cli.validate import exit_code, find_maps, warm_up
from cjmap.diagnostics import FileReport, display_path
from cjmap.exitcodes import ExitCode
from cjmap.render import EXTENSIONS, RenderOptions

DEFAULT_OUT_DIR = Path("rendered")
STDOUT = "-"
# Formats that would fill a terminal with bytes, not text.
BINARY = frozenset({"png", "pdf", "xlsx"})
# Formats that draw a future-state map against the current-state map it improves.
COMPARING = frozenset({"html", "md"})


@dataclass
class RenderCommandOptions:
    # No path: every map under the current directory.
    paths: list[Path] = field(default_factory=list)
    # One or more of RENDERERS, in the order given.
    formats: tuple[str, ...] = ("svg",)
    # One output file for one map; "-" is standard output.
    output: str | None = None
    out_dir: Path | None = None
    lang: str | None = None
    show: frozenset[str] = frozenset()
    layout: str = "lr"
    scale: float = 1.0
    mermaid: bool = False
    # The day an overdue review is judged by; None: SOURCE_DATE_EPOCH's day, else today.
    today: date | None = None
    quiet: bool = False
    jobs: int | None = None
    force: bool = False


@dataclass(frozen=True)
class _Job:
    """What every map of a run is drawn with (sent to worker processes, so plain data)."""

    formats: tuple[str, ...]
    renderer_options: RenderOptions
    output: str | None
    out_dir: Path
    # Below it no link is followed: the --out-dir given, else the working directory, since
    # cjmap chose the default rendered/ itself.
    root: Path
    force: bool


@dataclass(frozen=True)
class Outcome:
    """What happened to one map: drawn (``written``, or ``data`` for standard output), invalid
    (``report`` has errors), or not drawable here (``error``)."""

    report: FileReport
    written: tuple[Path, ...] = ()
    data: bytes | None = None
    error: str | None = None
    # Drawn all the same: an improves that names no valid map, so no comparison was drawn.
    warnings: tuple[str, ...] = ()


def run(options: RenderCommandOptions, stdout: BinaryIO | None = None,
        stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap.files import runner
    from cjmap.report import REPORTERS

    if options.output is not None and options.out_dir is not None:
        return _usage(stderr, "-o/--output and --out-dir cannot be used together")
    if options.output is not None and len(options.formats) > 1:
        return _usage(stderr, f"-o names one output file but {len(options.formats)} formats "
                              "were given; use --out-dir DIR to render several formats")
    terminal = stdout or sys.stdout.buffer
    binary = BINARY.intersection(options.formats)
    if options.output == STDOUT and binary and terminal.isatty():
        return _usage(stderr, f"not writing {min(binary).upper()} data to a terminal; "
                              "redirect it (-o - > map.png) or name a file with -o FILE")
    found = find_maps(options.paths or [Path()], stderr)
    # A missing path is loaded like the others so that it is reported as validate reports it.
    maps = [*found.missing, *found.files]
    if not maps:
        return ExitCode.USAGE
    if options.output is not None and len(maps) > 1:
        return _usage(stderr, f"-o names one output file but {len(maps)} maps were given; "
                              "use --out-dir DIR to render several maps")
    job = _Job(
        formats=options.formats,
        renderer_options=RenderOptions(lang=options.lang, show=options.show,
                                       layout=options.layout, scale=options.scale,
                                       mermaid=options.mermaid,
                                       today=options.today or build_date()),
        output=options.output,
        out_dir=options.out_dir or DEFAULT_OUT_DIR,
        root=options.out_dir or Path(),
        force=options.force,
    )
    outcomes: list[Outcome] = runner.run(partial(render_map, job), maps, options.jobs,
                                         warm_up=partial(_warm_up, options.formats),
                                         failed=_crashed)
    invalid = [o.report for o in outcomes if not o.report.ok or o.report.unreadable]
    if invalid:
        REPORTERS["text"]()(invalid, stderr, command="validate", quiet=True, fail_on="error")
    for outcome in outcomes:
        if outcome.data is not None:
            terminal.write(outcome.data)
            terminal.flush()
    for outcome in outcomes:
        for warning in outcome.warnings:
            say(stderr, warning)
    _report_errors(outcomes, stderr)
    if not options.quiet and options.output != STDOUT:
        lines(stderr, [summary(outcomes, job)])
    return exit_code([o.report for o in outcomes],
                     usage_problem=bool(found.empty_dirs) or any(o.error for o in outcomes))


def build_date() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` (UTC) when it is set, as reproducible builds
    ask: a page rendered in CI then depends on the commit, not on the day of the run."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    return date.today()


def _report_errors(outcomes: Sequence[Outcome], stderr: TextIO) -> None:
    # A missing Graphviz fails every map the same way: say it once, not once per map.
    failed: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.error is not None:
            failed.setdefault(outcome.error, []).append(outcome.report.path)
    for error, paths in failed.items():
        where = paths[0] if len(paths) == 1 else f"{len(paths)} maps"
        say(stderr, f"{where}: {error}")


def render_map(job: _Job, path: Path) -> Outcome:
    """Load, draw and write one map (a worker process runs this for each map it is given)."""
    from cjmap.loader import load
    from cjmap.render import RENDERERS, RenderError

    result = load(path)
    report = result.report()
    if result.journey is None:
        return Outcome(report)
    options = replace(job.renderer_options, source=_display(path))
    warnings: tuple[str, ...] = ()
    # Only a map that improves another one pays for importing the comparison.
    if COMPARING.intersection(job.formats) and result.journey.improves is not None:
        from cjmap.compare.baseline import NoBaseline, baseline

        try:
            options = replace(options, baseline=baseline(result))
        except NoBaseline as warning:
            warnings = (str(warning),)
    written: list[Path] = []
    errors: list[str] = []
    for format in job.formats:
        try:
            data = RENDERERS[format]()(result.journey, options)
        except RenderError as error:
            errors.append(str(error))
            continue
        if job.output == STDOUT:
            return Outcome(report, data=data, warnings=warnings)
        # A file the user named may be a link they made; a file cjmap names is never written
        # through one.
        if job.output:
            target, root = Path(job.output), None
        else:
            target = output_path(path, job.out_dir, EXTENSIONS[format],
                                 result.journey.id or "journey")
            root = job.root
        try:
            from cjmap.files.atomicfile import write_bytes_atomically

            write_bytes_atomically(target, data, root=root, force=job.force)
        except OSError as error:
            errors.append(f"cannot write {display_path(target)}: {error.strerror or error}")
            continue
        written.append(target)
    return Outcome(report, written=tuple(written), error="; ".join(errors) or None,
                   warnings=warnings)


def _crashed(path: Path, error: Exception) -> Outcome:
    from cjmap.files.runner import crash_report

    return Outcome(crash_report(path, error))


def output_path(map_path: Path, out_dir: Path, extension: str, journey_id: str) -> Path:
    """Where ``--out-dir`` puts the drawing of ``map_path``: its path mirrored under
    ``out_dir`` (relative to the current directory when inside it), the suffix replaced."""
    if str(map_path) == STDOUT:
        return out_dir / f"{journey_id}{extension}"
    # resolve(), unlike absolute(), folds "..", which must never climb out of out_dir.
    absolute = map_path.resolve()
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        # Outside the working directory: the whole absolute path, so no two maps collide.
        relative = Path(*absolute.parts[1:])
    return out_dir / relative.with_suffix(extension)


def summary(outcomes: Sequence[Outcome], job: _Job) -> str:
    written = [o.written for o in outcomes if o.written]
    failed = len(outcomes) - len(written)
    if not written:
        return "no map rendered"
    if job.output is not None:
        return f"rendered {outcomes[0].report.path} to {display_path(written[0][0])}"
    plural = "" if len(written) == 1 else "s"
    formats = f" as {', '.join(job.formats)}" if len(job.formats) > 1 else ""
    text = f"rendered {len(written)} map{plural}{formats} to {display_path(job.out_dir)}/"
    return text + (f"; {failed} not rendered" if failed else "")


def _warm_up(formats: tuple[str, ...]) -> None:
    from cjmap.render import RENDERERS

    warm_up()
    for format in formats:
        RENDERERS[format]()


def parse_formats(values: Sequence[str]) -> tuple[str, ...]:
    """``-f html,svg -f md`` → ``("html", "svg", "md")``; ``all`` is every format. Raises
    ValueError naming an unknown format."""
    from cjmap.render import RENDERERS

    chosen: list[str] = []
    for value in values:
        for name in (part.strip().lower() for part in value.split(",")):
            names = list(RENDERERS) if name == "all" else [name]
            if name not in RENDERERS and name != "all":
                raise ValueError(f"unknown format '{name}'; choose from "
                                 f"{', '.join(RENDERERS)} or all")
            chosen += [n for n in names if n not in chosen]
    return tuple(chosen) or ("svg",)


def parse_show(values: Sequence[str]) -> frozenset[str]:
    """``--show opportunities,metrics``: what Graphviz boxes also list. Raises ValueError."""
    from cjmap.render import SHOWABLE

    shown = {part.strip().lower() for value in values for part in value.split(",")} - {""}
    unknown = sorted(shown - set(SHOWABLE))
    if unknown:
        raise ValueError(f"unknown --show item '{unknown[0]}'; choose from "
                         f"{', '.join(SHOWABLE)}")
    return frozenset(shown)


def _display(path: Path) -> str:
    return "<stdin>" if str(path) == STDOUT else display_path(path.as_posix())


def _usage(stderr: TextIO, message: str) -> ExitCode:
    say(stderr, message)
    return ExitCode.USAGE

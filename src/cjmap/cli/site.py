"""``cjmap site``: the static site of every map (docs/portfolio.md), built by
:func:`cjmap.site.build_site`.

This module only turns options into :class:`~cjmap.site.SiteOptions`, shows a progress bar on
a terminal, and words the outcome: one summary line, the invalid maps, an exit code (1 when a
map is invalid, the site still written; 2 for a usage problem or a file that cannot be read).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit

from cjmap.cli.console import say
from cjmap.exitcodes import ExitCode
from cjmap.i18n import _, ngettext
from cjmap.lint.config import ConfigError, Source, UsageError, find, read

if TYPE_CHECKING:
    from cjmap.site.options import Progress, SiteBuild, SiteOptions

# Fewer maps than this build in about a second: no progress bar.
PROGRESS_FROM = 50
DEFAULT_OUTPUT = Path("_site")


@dataclass
class SiteCommandOptions:
    paths: list[Path] = field(default_factory=lambda: [Path()])
    output: Path = DEFAULT_OUTPUT
    base_url: str | None = None
    today: date | None = None
    due_within: int = 30
    lang: str | None = None
    svg: bool = False
    config: Path | None = None
    jobs: int | None = None


def run(options: SiteCommandOptions, stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap.site import SiteError, build_site

    prepared = site_options(options, stderr)
    if isinstance(prepared, ExitCode):
        return prepared
    try:
        with _progress(stderr) as progress:
            built = build_site(prepared, progress=progress)
    except SiteError as error:
        say(stderr, str(error))
        return ExitCode.USAGE
    return outcome(built, options.output, stderr)


def site_options(options: SiteCommandOptions, stderr: TextIO) -> SiteOptions | ExitCode:
    """The builder's options (the configuration read, the language chosen), or the exit code
    of a usage or configuration problem, told on ``stderr``."""
    from cjmap import i18n
    from cjmap.cli.report import today_of, usage_problem_of
    from cjmap.lint.config import resolve
    from cjmap.site import SiteOptions

    source: Source | None = None
    try:
        if any(str(path) == "-" for path in options.paths):
            raise UsageError([_("cjmap site builds pages from map files; standard input (-) "
                                "has no path to give a page: name the files")])
        base_url = _base_url(options.base_url)
        today = today_of(options.today, os.environ)
        source = read(options.config) if options.config else find(Path.cwd())
        settings = resolve(source, Path.cwd())
    except (ConfigError, UsageError) as error:
        return usage_problem_of(error, source, stderr)
    i18n.use(i18n.choose(options.lang, settings.lang))
    if options.svg and shutil.which("dot") is None:
        say(stderr, _("--svg draws the maps with Graphviz, which is not installed: install "
                      "it (https://graphviz.org/download/) or leave --svg out"))
        return ExitCode.USAGE
    return SiteOptions(
        paths=options.paths, output=options.output, settings=settings, today=today,
        base_url=base_url, lang=options.lang, due_within=options.due_within, svg=options.svg,
        jobs=options.jobs)


def _base_url(given: str | None) -> str | None:
    """``--base-url`` as the sitemap writes it: an http(s) URL ending in ``/``."""
    if given is None:
        return None
    parts = urlsplit(given)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise UsageError([_("--base-url must be an http:// or https:// URL without a query, "
                            "such as https://example.org/maps/, not {url!r}").format(url=given)])
    return given if given.endswith("/") else given + "/"


@contextlib.contextmanager
def _progress(stderr: TextIO) -> Iterator[Progress | None]:
    """A rich progress bar on a terminal (and not in CI) once the build has enough maps;
    nothing otherwise."""
    if not (stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=Console(file=stderr), transient=True)
    task = bar.add_task(_("building maps"), total=None)
    started = False

    def advance(done: int, total: int) -> None:
        nonlocal started
        if total < PROGRESS_FROM:
            return
        if not started:
            bar.start()
            started = True
        bar.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if started:
            bar.stop()


def outcome(built: SiteBuild, output: Path, stderr: TextIO) -> ExitCode:
    """Tell what a build did: the directories without maps, the invalid maps, the paths that
    cannot be read and one summary line; and the exit code it makes."""
    from cjmap.diagnostics import display_path

    for directory in built.empty:
        say(stderr, _("no journey maps found in {directory} (a map is a .yaml or .yml file "
                      "with a top-level 'cjmap:' key)").format(directory=directory))
    invalid_maps(built, stderr)
    for source in built.unreadable:
        if source not in built.problems:
            say(stderr, _("{file}: no such file or directory").format(file=source))
    invalid = len(built.problems)
    say(stderr, ngettext("site: {maps} map ({invalid} invalid), {written} files written, "
                         "{removed} removed, in {output}",
                         "site: {maps} maps ({invalid} invalid), {written} files written, "
                         "{removed} removed, in {output}", built.maps).format(
        maps=built.maps, invalid=invalid, written=len(built.written),
        removed=len(built.removed), output=display_path(output)))
    if built.unreadable or built.empty or not built.maps:
        return ExitCode.USAGE
    return ExitCode.FINDINGS if invalid else ExitCode.OK


def invalid_maps(built: SiteBuild, stderr: TextIO, among: Collection[str] | None = None
                 ) -> None:
    """The first problem of each map the build found invalid (of those ``among``, named as on
    the command line, when given), at the path it was named by."""
    for source, found in built.problems.items():
        given = built.given.get(source, source)
        if among is None or given in among:
            first = found[0]
            say(stderr, _("{file}:{line}:{column}: invalid map: {message}").format(
                file=given, line=first.line, column=first.column, message=first.message))

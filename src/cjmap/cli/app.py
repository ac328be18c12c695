"""The ``cjmap`` command. Each command imports its implementation when it runs, so that
``cjmap --help`` and a one-file ``cjmap validate`` start fast."""

import datetime
import enum
import gc
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cjmap import __version__
from cjmap.author.importers import IMPORTERS
from cjmap.compare.formats import FORMATS as DIFF_FORMATS
from cjmap.diagnostics import SEVERITIES
from cjmap.exitcodes import ExitCode
from cjmap.format.presets import DEFAULT_PRESET, PRESETS
from cjmap.i18n import LANGUAGES, from_environment
from cjmap.portfolio.names import FORMATS as PORTFOLIO_FORMATS
from cjmap.portfolio.names import TABLES
from cjmap.render import LAYOUTS, RENDERERS
from cjmap.report import REPORTERS

app = typer.Typer(
    name="cjmap",
    help="Customer journey maps as code: validate, lint and render journey maps written in YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

# The choices below are the tables of the core (mypy cannot follow an Enum built from a
# comprehension, hence the ignores). ReportFormat serves validate and lint alike (docs/ci.md),
# so CI can validate with annotations or SARIF too.
ReportFormat = enum.Enum(  # type: ignore[misc]
    "ReportFormat", {name: name for name in REPORTERS}, type=str)

Paths = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
    typer.Argument(
        help="Map files or directories to search for maps ('-' reads standard input). "
        "Defaults to the current directory.",
        show_default=False,
    ),
]
Jobs = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--jobs", "-j", min=1, help="Processes to use (default: as many as pay off)."),
]
Lang = enum.Enum("Lang", {lang: lang for lang in LANGUAGES}, type=str)  # type: ignore[misc]
MessageLang = Annotated[Optional[Lang], typer.Option(  # noqa: UP045
    "--lang", show_default=False,
    help="Language of the messages and hints: en or es [default: the configuration's lang, "
    "else the locale in LC_ALL, LC_MESSAGES or LANG, else en].")]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only problems, no summary line.")
]
NoCache = Annotated[bool, typer.Option(
    "--no-cache", help="Check every file again, neither reading nor writing .cjmap_cache/.")]
Force = Annotated[bool, typer.Option(
    "--force", help="Replace output files that are read-only (otherwise exit 2, as a shell "
    "redirection refuses them).")]


def _version(value: bool) -> None:
    if value:
        print(f"cjmap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit.")
    ] = False,
) -> None:
    """Customer journey maps as code."""


@app.command()
def validate(
    paths: Paths = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format (see docs/ci.md).")
    ] = ReportFormat.text,  # type: ignore[attr-defined]
    quiet: Quiet = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    lang: MessageLang = None,
) -> None:
    """Check journey maps against the format and report every problem at file:line:col.

    A directory is searched for maps: .yaml and .yml files with a top-level 'cjmap:' key,
    skipping hidden directories and what .gitignore ignores. Reports are cached in
    .cjmap_cache/: an unchanged file is not checked again.

    Exit status: 0 all maps are valid, 1 a map is invalid, 2 a path cannot be read or holds
    no map.

    Examples:

      cjmap validate journey.yaml

      cjmap validate maps/ --format json

      cat journey.yaml | cjmap validate -

      cjmap validate journey.yaml --lang es
    """
    from cjmap.cli import validate as command

    options = command.ValidateOptions(
        paths=paths or [Path()], format=format.value, quiet=quiet, jobs=jobs,
        cache=not no_cache, lang=lang.value if lang else None,
    )
    raise typer.Exit(command.run(options))


def _rule_ids(values: Optional[list[str]]) -> Optional[list[str]]:  # noqa: UP045
    """``--select a,b --select c`` → ``[a, b, c]``."""
    if values is None:
        return None
    return [rule.strip() for value in values for rule in value.split(",") if rule.strip()]


def _outputs(values: Optional[list[str]]) -> list[tuple[str, Path]]:  # noqa: UP045
    outputs = []
    for value in values or []:
        name, equals, file = value.partition("=")
        if not equals or not name or not file:
            raise typer.BadParameter(f"'{value}' is not FORMAT=FILE, e.g. sarif=cjmap.sarif")
        outputs.append((name.strip(), Path(file)))
    return outputs


FailOn = enum.Enum(  # type: ignore[misc]
    "FailOn", {name: name for name in SEVERITIES}, type=str)


@app.command()
def lint(
    paths: Paths = None,
    select: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        metavar="RULE[,RULE...]", show_default=False,
        help="Run only these rules (comma-separated or repeated), whatever the configuration "
        "enables.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        metavar="RULE[,RULE...]", show_default=False,
        help="Do not run these rules (comma-separated or repeated).")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(  # noqa: UP045
        "--fail-on", show_default=False,
        help="Exit 1 when a finding has this severity or a higher one "
        "[default: the configuration's fail-on, else warning].")] = None,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even when there are findings (2 still means an error).")
    ] = False,
    config: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--config", "-c", metavar="FILE", show_default=False,
        help="Use this .cjmap.yaml or pyproject.toml instead of searching for one.")] = None,
    show_config: Annotated[bool, typer.Option(
        "--show-config", help="Print which configuration file applies and the effective "
        "settings (for one FILE: with its overrides), then exit; as JSON with --format "
        "json.")] = False,
    show_files: Annotated[bool, typer.Option(
        "--show-files", help="Print the files that would be linted, then exit.")] = False,
    maps_only: Annotated[bool, typer.Option(
        "--maps-only", help="Take named files as files found in a directory: skip those that "
        "are not maps (no top-level 'cjmap:' key) and those 'include' leaves out, for hooks "
        "that pass any staged file.")] = False,
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Print how many findings each rule made instead of the "
        "findings.")] = False,
    today: Annotated[Optional[datetime.datetime], typer.Option(  # noqa: UP045
        "--today", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", show_default=False,
        help="The date review rules compare with [default: today].")] = None,
    no_cache: NoCache = False,
    format: Annotated[Optional[ReportFormat], typer.Option(  # noqa: UP045
        "--format", "-f", show_default=False,
        help="Output format [default: github when GITHUB_ACTIONS=true, else text].")] = None,
    output: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--output", "-o", metavar="FORMAT=FILE", show_default=False,
        help="Also write a report to FILE in FORMAT (repeatable), e.g. sarif=cjmap.sarif; "
        "missing directories are created.")
    ] = None,
    force: Force = False,
    quiet: Quiet = False,
    jobs: Jobs = None,
    lang: MessageLang = None,
) -> None:
    """Find the gaps in journey maps: every validation problem plus the lint rules.

    Rules, severities, options and the files to lint come from .cjmap.yaml or pyproject.toml
    [tool.cjmap] (searched upward from the current directory); '# cjmap: ignore[RULE]'
    comments silence a rule for a line or the node below. Results are cached in .cjmap_cache/.
    See docs/lint.md.

    Exit status: 0 no finding at or above --fail-on, 1 findings, 2 a usage or configuration
    error, a path that cannot be read, or a directory with no map.

    Examples:

      cjmap lint

      cjmap lint maps/ --ignore missing-review --fail-on error

      cjmap lint --output sarif=cjmap.sarif

      cjmap lint --maps-only $(git diff --cached --name-only)

      LANG=es_ES.UTF-8 cjmap lint maps/
    """
    from cjmap.cli import lint as command

    options = command.LintOptions(
        paths=paths or [Path()], select=_rule_ids(select), ignore=_rule_ids(ignore) or [],
        fail_on=fail_on.value if fail_on else None, exit_zero=exit_zero, config=config,
        show_config=show_config, show_files=show_files, statistics=statistics,
        today=today.date() if today else None, cache=not no_cache,
        format=format.value if format else None, outputs=_outputs(output), force=force,
        quiet=quiet, jobs=jobs, maps_only=maps_only, lang=lang.value if lang else None,
    )
    raise typer.Exit(command.run(options))

@app.command()
def fmt(
    paths: Paths = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; list the maps that would change (exit 1 if any).")
    ] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Write nothing; print the changes as a unified diff (exit 1 if any).")
    ] = False,
    upgrade: Annotated[bool, typer.Option(
        "--upgrade", help="Also rewrite shorthand spellings into the canonical ones "
        "(persona: {name: X} → persona: X, next: id → next: [id]).")] = False,
    config: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--config", "-c", metavar="FILE", show_default=False,
        help="Use this .cjmap.yaml or pyproject.toml (for exclude) instead of searching.")
    ] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print only problems and the files that would change.")] = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Rewrite journey maps in the canonical style, keeping every comment and blank line.

    Keys follow the format's order, two spaces indent each level, quotes stay only where
    they are needed (docs/format.md, "Canonical style"). A file that would not read back to
    the same data with the same comments is left untouched, and the reason printed. Files
    that do not change are not touched; unchanged files are remembered in .cjmap_cache/.

    Exit status: 0 all is well, 1 a map would change (--check, --diff) or could not be
    formatted, 2 a usage error, a path that cannot be read, or a directory with no map.

    Examples:

      cjmap fmt

      cjmap fmt --check maps/

      cjmap fmt --diff journey.yaml

      cat journey.yaml | cjmap fmt - > formatted.yaml
    """
    from cjmap.cli import fmt as command

    options = command.FmtOptions(
        paths=paths or [Path()], check=check, diff=diff, upgrade=upgrade, config=config,
        quiet=quiet, jobs=jobs, cache=not no_cache,
    )
    raise typer.Exit(command.run(options))


RenderLayout = enum.Enum(  # type: ignore[misc]
    "RenderLayout", {name: name for name in LAYOUTS}, type=str)


@app.command()
def render(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(help="Map files or directories to search for maps ('-' reads standard "
                       "input). Defaults to every map under the current directory.",
                       show_default=False),
    ] = None,
    format: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--format", "-f", metavar="FORMAT",
                     help=f"Output format: {', '.join(RENDERERS)}, or all [default: svg]; "
                     "repeat it or give a list (-f html,svg,md) for several in one run.",
                     show_default=False),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write the one map to FILE ('-' for standard output); missing "
                     "directories are created, and a symbolic link FILE is followed."),
    ] = None,
    out_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out-dir", "-d", metavar="DIR", show_default=False,
                     help="Directory for the rendered files, which mirror the maps' paths "
                     "[default: rendered]; no symbolic link inside it is written through."),
    ] = None,
    lang: Annotated[
        Optional[Lang],  # noqa: UP045
        typer.Option("--lang", help="Language of the labels cjmap adds (default: the map's "
                     "lang).", show_default=False),
    ] = None,
    show: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--show", metavar="ITEMS", show_default=False,
                     help="Graphviz formats: also list each step's touchpoints, "
                     "opportunities and/or metrics (--show opportunities,metrics)."),
    ] = None,
    touchpoints: Annotated[
        bool, typer.Option("--touchpoints", help="Same as --show touchpoints.")
    ] = False,
    layout: Annotated[
        RenderLayout, typer.Option("--layout", help="Graphviz formats: lr (left to right), "
                                   "tb (top down) or wrap (stages in rows, for slides).")
    ] = RenderLayout.lr,  # type: ignore[attr-defined]
    scale: Annotated[
        float, typer.Option("--scale", min=0.25, max=8.0, help="png: size relative to 96 dpi "
                            "(2 gives 192 dpi, for slides and high-density screens).")
    ] = 1.0,
    mermaid: Annotated[
        bool, typer.Option("--mermaid", help="md: embed the Mermaid journey diagram.")
    ] = False,
    today: Annotated[Optional[datetime.datetime], typer.Option(  # noqa: UP045
        "--today", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", show_default=False,
        help="html: the date an overdue review is judged by [default: SOURCE_DATE_EPOCH's "
        "date when set, else today].")] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line on standard error.")
    ] = False,
    force: Force = False,
    jobs: Jobs = None,
) -> None:
    """Draw journey maps as SVG, PNG, PDF, Graphviz DOT, HTML, Mermaid or Markdown.

    Each map becomes DIR/<the map's path>.<format> (DIR is 'rendered' unless --out-dir says
    otherwise); -o writes a single map to one file. Invalid maps are reported as validate
    reports them and are not rendered. svg, png and pdf need Graphviz's dot program.

    Exit status: 0 every map was rendered, 1 a map is invalid, 2 usage error, unreadable path
    or a format that cannot be produced here (e.g. Graphviz missing).

    Examples:

      cjmap render --format svg

      cjmap render journey.yaml --format html -o journey.html

      cjmap render journey.yaml --format mermaid -o -

      cjmap render maps/ -f html,svg,md

      cjmap render journey.yaml -f png --layout wrap --scale 2 -o slide.png
    """
    from cjmap.cli import render as command

    try:
        formats = command.parse_formats(format or [])
        shown = command.parse_show([*(show or []), *(["touchpoints"] if touchpoints else [])])
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    options = command.RenderCommandOptions(
        paths=paths or [], formats=formats, output=output, out_dir=out_dir,
        lang=lang.value if lang else None, show=shown, layout=layout.value, scale=scale,
        mermaid=mermaid, today=today.date() if today else None, quiet=quiet, jobs=jobs,
        force=force,
    )
    raise typer.Exit(command.run(options))


@app.command()
def schema(
    config: Annotated[bool, typer.Option(
        "--config", help="Print the schema of the lint configuration (.cjmap.yaml, "
        "[tool.cjmap]) instead.")] = False,
    report: Annotated[bool, typer.Option(
        "--report", help="Print the schema of 'cjmap report --format json' instead.")] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Print the schema of 'cjmap diff --format json' instead.")] = False,
) -> None:
    """Print the JSON Schema of the map format (for editors and other validators).

    Examples:

      cjmap schema > cjmap-1.schema.json

      cjmap schema --config > cjmap-config.schema.json

      cjmap schema --report > cjmap-report.schema.json

      cjmap schema --diff > cjmap-diff.schema.json
    """
    from cjmap.cli import schema as command

    raise typer.Exit(command.run(config=config, report=report, diff=diff))


PortfolioFormat = enum.Enum(  # type: ignore[misc]
    "PortfolioFormat", {name: name for name in PORTFOLIO_FORMATS}, type=str)
PortfolioTable = enum.Enum(  # type: ignore[misc]
    "PortfolioTable", {name: name for name in TABLES}, type=str)


# The day reviews are due against, and how close counts as due: report and site.
ReviewDay = Annotated[Optional[datetime.datetime], typer.Option(  # noqa: UP045
    "--today", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", show_default=False,
    help="The date reviews are due against [default: SOURCE_DATE_EPOCH's day, else today].")]
DueWithin = Annotated[int, typer.Option(
    "--due-within", metavar="DAYS", min=0,
    help="A review due within this many days is 'due soon'.")]
SiteLang = Annotated[Optional[Lang], typer.Option(  # noqa: UP045
    "--lang", show_default=False, help="Language of the site's labels (default: the "
    "configuration's, else the language most maps are written in).")]
Svg = Annotated[bool, typer.Option(
    "--svg", help="Also draw each map as SVG with Graphviz (about 65 ms a map).")]
SiteConfig = Annotated[Optional[Path], typer.Option(  # noqa: UP045
    "--config", "-c", metavar="FILE", show_default=False,
    help="Use this .cjmap.yaml or pyproject.toml (lint rules, exclude) instead of searching.")]


@app.command()
def report(
    paths: Paths = None,
    format: Annotated[
        PortfolioFormat, typer.Option("--format", "-f", help="Output format.")
    ] = PortfolioFormat.text,  # type: ignore[attr-defined]
    table: Annotated[Optional[list[PortfolioTable]], typer.Option(  # noqa: UP045
        "--table", "-t", show_default=False,
        help="Show only this table (repeatable) [default: every table]. CSV holds one "
        "table, or writes one file per table with -o DIR.")] = None,
    today: ReviewDay = None,
    due_within: DueWithin = 30,
    lang: Annotated[
        Optional[Lang],  # noqa: UP045
        typer.Option("--lang", help="Language of the labels (default: the language most "
                     "maps are written in).", show_default=False),
    ] = None,
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", metavar="FILE|DIR", show_default=False,
        help="Write the report to FILE instead of standard output; with --format csv and "
        "several tables, DIR gets one TABLE.csv per table.")] = None,
    config: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--config", "-c", metavar="FILE", show_default=False,
        help="Use this .cjmap.yaml or pyproject.toml (for exclude) instead of searching.")
    ] = None,
    force: Force = False,
    jobs: Jobs = None,
) -> None:
    """Report across every map found: coverage of channels by phase and stage, the weakest
    touchpoints, emotion lows and moments of truth, the opportunity backlog, off-target
    metrics and review freshness. See docs/portfolio.md.

    Maps are found as lint finds them (.cjmap.yaml's exclude applies). An invalid map is
    listed with its first problem and left out of the tables.

    Exit status: 0 every map is valid, 1 a map is invalid, 2 a usage or configuration
    error, a path that cannot be read, a directory with no map, or an output that cannot be
    written.

    Examples:

      cjmap report maps/

      cjmap report --table backlog --table freshness --format md > portfolio.md

      cjmap report --format csv --table weakest > weakest.csv

      cjmap report --format csv -o tables/

      cjmap report --format html -o portfolio.html --today 2026-06-30
    """
    from cjmap.cli import report as command

    options = command.ReportCommandOptions(
        paths=paths or [Path()], format=format.value,
        tables=[choice.value for choice in table or []], today=today.date() if today else None,
        due_within=due_within, lang=lang.value if lang else None, output=output,
        config=config, force=force, jobs=jobs)
    raise typer.Exit(command.run(options))


@app.command()
def site(
    paths: Paths = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="DIR", help="The directory the site is written to (kept up "
        "to date: a rebuild writes only what changed).")] = Path("_site"),
    base_url: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--base-url", metavar="URL", show_default=False,
        help="Where the site is published, for the sitemap's absolute URLs (every link of "
        "the pages stays relative).")] = None,
    today: ReviewDay = None,
    due_within: DueWithin = 30,
    lang: SiteLang = None,
    svg: Svg = False,
    config: SiteConfig = None,
    jobs: Jobs = None,
) -> None:
    """Build a static site of every map: an index with filters and search, a page per map
    (with its lint findings), per persona and per tag, and the portfolio tables. See
    docs/portfolio.md.

    The site needs no server and no network: open index.html, or publish the directory.
    Invalid maps do not stop the build; their pages show their problems.

    Exit status: 0 every map is valid, 1 a map is invalid (the site is still written), 2 a
    usage or configuration error, a path that cannot be read or a directory with no map.

    Examples:

      cjmap site maps/ -o _site

      cjmap site --base-url https://example.org/maps/ --today 2026-06-30
    """
    from cjmap.cli import site as command

    options = command.SiteCommandOptions(
        paths=paths or [Path()], output=output, base_url=base_url,
        today=today.date() if today else None, due_within=due_within,
        lang=lang.value if lang else None, svg=svg, config=config, jobs=jobs)
    raise typer.Exit(command.run(options))


@app.command()
def serve(
    paths: Paths = None,
    port: Annotated[int, typer.Option(
        "--port", "-p", min=0, max=65535,
        help="The port to listen on (0: a free one, printed).")] = 8000,
    host: Annotated[str, typer.Option(
        "--host", help="The address to listen on. Anything but loopback makes the preview "
        "visible to the network (a warning says so).")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option(
        "--open", help="Open the preview in the web browser once it is built.")] = False,
    poll: Annotated[bool, typer.Option(
        "--poll", help="Poll for changes instead of waiting for the system's file events "
        "(Docker volumes, network mounts, where those never come).")] = False,
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", metavar="DIR", show_default=False,
        help="Build the site into DIR and keep it [default: a temporary directory, removed "
        "on exit].")] = None,
    today: ReviewDay = None,
    due_within: DueWithin = 30,
    lang: SiteLang = None,
    svg: Svg = False,
    config: SiteConfig = None,
    jobs: Jobs = None,
) -> None:
    """Preview the site while editing: build it, serve it on http://127.0.0.1:8000/, and
    build again when a map or the configuration is saved; open pages update in place,
    keeping their scroll position. See docs/portfolio.md.

    A map that no longer validates keeps its last good render in the browser, under an
    overlay listing its problems at file:line:col. Ctrl-C stops. Needs
    pip install 'cjmap[serve]'.

    Exit status: 0 stopped, 2 a usage or configuration error, a path that cannot be read,
    a directory with no map, or a port that cannot be used.

    Examples:

      cjmap serve maps/ --open

      cjmap serve --port 0 --poll
    """
    from cjmap.cli import serve as command
    from cjmap.cli.site import SiteCommandOptions

    site_options = SiteCommandOptions(
        paths=paths or [Path()], today=today.date() if today else None, due_within=due_within,
        lang=lang.value if lang else None, svg=svg, config=config, jobs=jobs)
    raise typer.Exit(command.run(command.ServeCommandOptions(
        site=site_options, output=output, host=host, port=port, open=open_browser, poll=poll)))


RulesFormat = enum.Enum(
    "RulesFormat", {"text": "text", "json": "json", "markdown": "markdown"}, type=str)


@app.command()
def rules(
    format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = RulesFormat.text,
) -> None:
    """List the lint rules: id, default severity and what each one flags.

    Examples:

      cjmap rules

      cjmap rules --format markdown > docs/rules.md
    """
    from cjmap.cli import rules as command

    raise typer.Exit(command.run_list(format.value))


@app.command()
def rule(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule id, e.g. stage-order.")],
) -> None:
    """Show one lint rule in full: what it checks, why it matters, a failing and a passing map.

    Example: cjmap rule unknown-channel
    """
    from cjmap.cli import rules as command

    raise typer.Exit(command.run_show(rule_id))


@app.command()
def init(
    path: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        metavar="[PATH]", show_default=False,
        help="The map to write ('-' for standard output; a directory gets a file named after "
        "the title) [default: journey.yaml]; with --repo, the directory [default: .].")] = None,
    stages: Annotated[str, typer.Option(
        "--stages", "-s", metavar="MODEL",
        help=f"The stage model: {', '.join(PRESETS)} ('cjmap stages' shows them).")
    ] = DEFAULT_PRESET,
    lang: Annotated[Optional[Lang], typer.Option(  # noqa: UP045
        "--lang", show_default=False,
        help="Language of the map's comments, placeholders and stage names, and of the "
        "questions [default: your locale's (LC_ALL, LC_MESSAGES, LANG), else en].")
    ] = None,
    full: Annotated[bool, typer.Option(
        "--full/--minimal", help="Every section, commented (lints clean), or only what a "
        "valid map needs.")] = True,
    title: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--title", "-t", show_default=False, help="The map's title (not asked for).")] = None,
    persona: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--persona", "-p", show_default=False, help="The persona's name (not asked for).")
    ] = None,
    schema: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--schema", metavar="URL|PATH", show_default=False,
        help="Where the modeline points editors for the schema [default: the schema on "
        "cjmap's main branch].")] = None,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Ask nothing: take the defaults for what options leave out.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
    repo: Annotated[bool, typer.Option(
        "--repo", help="Lay out a map repository: .cjmap.yaml, .pre-commit-config.yaml, a "
        "GitHub workflow, personas/ and a first map in maps/.")] = False,
) -> None:
    """Start a new journey map (or, with --repo, a repository of maps).

    The map has the schema modeline for editors, the chosen stage model, and a commented
    skeleton of every section in the chosen language; it validates, and --full lints clean.
    At a terminal, the title and persona are asked for unless given or --yes.

    Exit status: 0 written, 2 a file exists (use --force), an unknown stage model, or a path
    that cannot be written.

    Examples:

      cjmap init --stages six-phases --lang es viaje.yaml

      cjmap init --minimal --yes --title "Booking a haircut" -

      cjmap init --repo journeys/
    """
    from cjmap.cli import init as command

    options = command.InitOptions(
        path=path, stages=stages, lang=lang.value if lang else from_environment(), full=full,
        title=title, persona=persona, schema=schema, yes=yes, force=force, repo=repo)
    raise typer.Exit(command.run(options))


ImportFormat = enum.Enum(  # type: ignore[misc]
    "ImportFormat", {name: name for name in IMPORTERS}, type=str)


@app.command(name="import")
def import_(
    source: Annotated[str, typer.Argument(
        metavar="SOURCE", show_default=False,
        help="The file to import ('-' reads standard input).")],
    output: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--output", "-o", metavar="FILE", show_default=False,
        help="Write the map to FILE ('-' for standard output); of several journeys, the "
        "first [default: standard output].")] = None,
    out_dir: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--out-dir", "-d", metavar="DIR", show_default=False,
        help="Write each journey to DIR/<its title>.yaml (created if missing).")] = None,
    from_: Annotated[Optional[ImportFormat], typer.Option(  # noqa: UP045
        "--from", "-F", show_default=False,
        help="The source's format [default: guessed from the file name, then the content].")
    ] = None,
    lang: Annotated[Lang, typer.Option(
        "--lang", help="Language of the map written: its 'lang' and the stage names cjmap "
        "adds.")] = Lang.en,  # type: ignore[attr-defined]
    every: Annotated[Optional[bool], typer.Option(  # noqa: UP045
        "--all/--first", show_default=False,
        help="Of a source holding several journeys, import every one (needs -d) or only the "
        "first [default: --all with -d, else --first].")] = None,
    column: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--column", metavar="NAME=FIELD", show_default=False,
        help="A lane or column the importer does not know, and the step field it holds "
        "(repeatable), e.g. --column 'Gut feeling=thoughts'.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")
                     ] = False,
) -> None:
    """Turn a journey kept elsewhere into a map: a Mermaid journey diagram (.mmd, or the
    ```mermaid blocks of a Markdown file), a spreadsheet (CSV, Excel) or an OpenJourney file
    (.ojf).

    The map is valid and in the canonical fmt style, with a comment naming its source; steps
    where a value had to be inferred say 'evidence: assumed'. What cannot be carried over is
    listed on standard error (and kept under 'x-import:' where that keeps information). See
    docs/authoring.md.

    Exit status: 0 imported, 1 the source is not what it claims to be (file:line:col), 2 a
    usage error, a file that cannot be read, or one that exists (use --force).

    Examples:

      cjmap import journey.mmd -o journey.yaml

      cjmap import docs/journeys.md -d maps/

      cjmap import export.ojf --lang es -o viaje.yaml

      pbpaste | cjmap import - --from mermaid
    """
    from cjmap.cli import importing as command

    columns = []
    for value in column or []:
        name, equals, field = value.partition("=")
        if not equals or not name.strip() or not field.strip():
            raise typer.BadParameter(f"'{value}' is not NAME=FIELD", param_hint="--column")
        columns.append((name.strip(), field.strip()))
    options = command.ImportCommandOptions(
        source=source, output=output, out_dir=out_dir,
        format=from_.value if from_ else None, lang=lang.value, columns=tuple(columns),
        every=every, force=force)
    raise typer.Exit(command.run(options))


DiffFormat = enum.Enum(  # type: ignore[misc]
    "DiffFormat", {name: name for name in DIFF_FORMATS}, type=str)


@app.command(context_settings={"allow_interspersed_args": True})
def diff(
    args: Annotated[Optional[list[str]], typer.Argument(  # noqa: UP045
        metavar="[OLD NEW | REV [REV]] [-- PATHS...]", show_default=False,
        help="Two map files; or git revisions (none: HEAD against the files on disk; "
        "A...B: B against the merge base of A and B) and the paths to look under.")] = None,
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.text,  # type: ignore[attr-defined]
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when there are changes, as 'git diff --exit-code'.")] = False,
    textconv: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--textconv", metavar="FILE", show_default=False,
        help="Print one map as normalised lines, for git's diff.cjmap.textconv.")] = None,
    lang: MessageLang = None,
) -> None:
    """Show what changed in the customer's experience: steps added, removed, renamed or moved,
    emotions, touchpoints and their scores, pain points opened or closed, opportunities,
    metrics, the review. Whitespace, comments, key order and shorthands are no change. A
    future-state map beside the current-state map it improves shows the design change: kept,
    changed, new and eliminated steps. See docs/change.md.

    Exit status: 0 done (with --exit-code: no change), 1 changes with --exit-code, 2 a map
    that does not validate, a bad revision, not a git repository.

    Examples:

      cjmap diff old.yaml new.yaml

      cjmap diff HEAD~1 -- maps/

      cjmap diff main...HEAD --format markdown

      cjmap diff current.yaml future.yaml
    """
    from cjmap.cli import diff as command

    given = args or []
    # typer drops the '--'; what followed it are paths, whatever they look like.
    after = len(sys.argv) - sys.argv.index("--") - 1 if "--" in sys.argv else 0
    options = command.DiffOptions(
        args=given, after_dashdash=min(after, len(given)), format=format.value,
        exit_code=exit_code, textconv=textconv, lang=lang.value if lang else None)
    raise typer.Exit(command.run(options))


metrics_app = typer.Typer(
    name="metrics", help="Keep the maps' metrics current: record dated values from a CSV file.",
    no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None)
app.add_typer(metrics_app)


@metrics_app.command("update")
def metrics_update(
    maps: Annotated[list[Path], typer.Argument(
        metavar="MAP...", show_default=False,
        help="The map files whose metrics the CSV file names.")],
    from_: Annotated[Path, typer.Option(
        "--from", metavar="FILE.csv", show_default=False,
        help="The CSV file: a header row naming the columns metric, date (YYYY-MM-DD) and "
        "value, and map or step where a metric's id is not enough (Spanish headers too: "
        "métrica, fecha, valor, mapa, paso); '-' reads standard input.")],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", "--check", help="Write nothing: print what would change, as a unified "
        "diff, and exit 1 if anything would.")] = False,
    force: Force = False,
    lang: MessageLang = None,
) -> None:
    """Record dated metric values from a CSV file in the maps, keeping their comments and
    layout.

    Each row's value joins the metric's history; the newest becomes its 'actual' and 'as_of'.
    A value the map has on that day already changes nothing (importing a file twice adds
    nothing); a different one replaces it. Any problem in the file or in a map is reported at
    FILE:LINE and nothing is written. See docs/metrics.md.

    Exit status: 0 the maps are up to date, 1 a problem in the CSV file or a map (or, with
    --dry-run, something would change), 2 a file cannot be read or written.

    Examples:

      cjmap metrics update running-shoes.yaml --from analytics.csv

      cjmap metrics update maps/*.yaml --from export.csv --dry-run

      export-kpis | cjmap metrics update journey.yaml --from -
    """
    from cjmap.cli import metrics as command

    options = command.UpdateOptions(maps=maps, source=from_, dry_run=dry_run, force=force,
                                    lang=lang.value if lang else None)
    raise typer.Exit(command.run(options))


StagesFormat = enum.Enum("StagesFormat", {"text": "text", "json": "json"}, type=str)


@app.command()
def stages(
    name: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        metavar="[MODEL]", show_default=False, help="Show only this stage model.")] = None,
    format: Annotated[
        StagesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StagesFormat.text,
    lang: MessageLang = None,
) -> None:
    """List the stage models a map can name in 'stages:': their stage ids, names in English
    and Spanish, and each stage's purchase phase.

    Examples:

      cjmap stages

      cjmap stages six-phases --format json
    """
    from cjmap.cli import stages as command
    from cjmap.i18n import choose, use

    use(choose(lang.value if lang else None))
    raise typer.Exit(command.run(name, format.value))


def _terminated(signum: int, frame: object) -> None:
    sys.exit(128 + signum)


def _without_pydantic_plugins() -> None:
    # With every plugin disabled, pydantic's plugin loader only answers "none"; importing it
    # would still import importlib.metadata (and email, zipfile, csv…), 5% of a one-file run.
    # It is imported on the first model built, so this stand-in must be in place before that.
    # Anything else a later pydantic asks of the module comes from the real one, so that an
    # upgrade costs the saving, never a failure.
    import types

    name = "pydantic.plugin._loader"
    loader = types.ModuleType(name)
    loader.get_plugins = tuple  # type: ignore[attr-defined]

    def real(attribute: str) -> object:
        import importlib

        if attribute.startswith("__"):  # the import system asking what kind of module it is
            raise AttributeError(attribute)

        del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    loader.__getattr__ = real  # type: ignore[method-assign]
    sys.modules.setdefault(name, loader)


def main() -> None:
    """Entry point: runs the app and turns anything unexpected into a short message, exit 2."""
    # pydantic looks for plugins through every installed package's metadata on first use;
    # cjmap uses none, and the search is a tenth of a one-file run.
    if os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__") == "__all__":
        _without_pydantic_plugins()
    # A SIGTERM (a CI job cancelled, a container stopped) unwinds like Ctrl-C does, so that the
    # finally blocks on the way out stop the programs cjmap started (Graphviz's dot).
    signal.signal(signal.SIGTERM, _terminated)
    try:
        app(prog_name="cjmap")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (``cjmap ... | head``); nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitCode.FINDINGS)
    except Exception as error:
        if os.environ.get("CJMAP_DEBUG"):
            raise
        from cjmap.cli.console import say
        from cjmap.i18n import _

        say(sys.stderr, _("internal error: {error}\nThis is a bug in cjmap; set CJMAP_DEBUG=1 "
                          "to see the traceback and report it.").format(error=repr(error)))
        sys.exit(ExitCode.USAGE)
    finally:
        # The interpreter's last collection, on the way out, would go through every object
        # of the run (modules, the model's validators, the maps) only to find no garbage: a
        # tenth of a one-file validate's time. Frozen objects are left out of it.
        gc.freeze()

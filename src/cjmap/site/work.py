"""One map's share of the site, made in the worker processes of :mod:`cjmap.files.runner`.

A map is loaded once and everything the site needs of it is made from that: its portfolio
contribution (:mod:`cjmap.portfolio.collect`), its lint findings (the lint engine with the
repository's configuration), the words the search finds, and its rendered files (the HTML map,
Markdown, optionally SVG). Only plain data and bytes cross back to the main process.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from cjmap.portfolio.collect import Contribution
from cjmap.site.options import Problem

if TYPE_CHECKING:
    from cjmap.format.model import Journey
    from cjmap.lint.config import Settings
    from cjmap.loader import LoadResult

# A step's first and last line in its file, and its id.
StepLines = tuple[int, int, str]

# What the search finds, by kind; the index page words each kind.
SEARCHED = ("title", "step", "touchpoint", "pain_point", "opportunity")


@dataclass(frozen=True)
class Work:
    """What every map is built with (sent once to each worker)."""

    settings: Settings
    today: date
    due_within: int
    lang: str
    svg: bool


@dataclass(frozen=True)
class Entry:
    """A map as the index, persona and tag pages list it."""

    title: str
    personas: tuple[tuple[str, str], ...]  # (id, name)
    tags: tuple[str, ...]
    errors: int
    warnings: int


@dataclass(frozen=True)
class MapRecord:
    """Everything the site makes of one map. Its own pages are written from it as it comes
    in; the pages made from every map read its ``parts`` (:mod:`cjmap.site.parts`), which the
    site keeps between builds, with their hashes."""

    digest: str
    contribution: Contribution
    entry: Entry
    problems: tuple[Problem, ...]  # validation problems, or else the lint findings
    search: tuple[tuple[int, str], ...]  # (index in SEARCHED, text)
    rendered: dict[str, bytes] | None = None  # "html", "md", "svg" → bytes
    # Each step's first and last line in the file, and its id: a row of the portfolio pages
    # links to the step of the map's page it comes from.
    steps: tuple[StepLines, ...] = ()
    # Made in the worker, beside the map's pages: after the maps, one core would be idle.
    parts: dict[str, Any] | None = None
    part_digests: dict[str, str] | None = None


def warm_up() -> None:
    """What building a map imports, imported once before the workers are forked."""
    import cjmap.format.model
    import cjmap.format.references
    import cjmap.lint.rules
    import cjmap.loader
    import cjmap.render.html
    import cjmap.render.markdown  # noqa: F401


def build_map(path: Path, source: str, work: Work, digest: str) -> MapRecord:
    """Load, lint and render the map at ``path``, named ``source`` on the site (its path in
    the repository, :func:`~cjmap.site.paths.names_from`). The map is loaded and linted by
    its path, which its ``improves`` and the configuration's per-file rules are relative to;
    what the site shows of it names ``source``."""
    from cjmap import i18n
    from cjmap.loader import load
    from cjmap.portfolio.collect import contribution_of

    i18n.use(work.lang)
    result = load(path)
    contribution = contribution_of(result, source)
    journey = result.journey
    if journey is None or result.document is None or result.text is None:
        problems = tuple(Problem(source, d.line, d.column, d.code, d.severity, d.message,
                                 d.hint) for d in result.with_source_lines(result.diagnostics))
        entry = Entry(_title(result), (), (), len(problems), 0)
        return MapRecord(digest, contribution, entry, problems, ())
    problems = _lint(result, source, journey, work)
    entry = Entry(journey.title,
                  tuple((persona.id or "", persona.name) for persona in journey.all_personas()),
                  tuple(journey.tags),
                  sum(p.severity == "error" for p in problems),
                  sum(p.severity == "warning" for p in problems))
    return MapRecord(digest, contribution, entry, problems, _searched(journey),
                     _render(journey, source, work), steps=_step_lines(result, journey))


def _step_lines(result: LoadResult, journey: Journey) -> tuple[StepLines, ...]:
    assert result.document is not None
    spans = result.document.values
    # Every step of a valid map has an id (its name made a slug, when not written).
    return tuple((span[0], span[2], step.id) for index, step in enumerate(journey.steps)
                 if step.id and (span := spans.get(("steps", index))) is not None)


def _title(result: LoadResult) -> str:
    """An invalid map's title when its YAML has one, else its file name."""
    document = result.document
    title = document.data.get("title") if document and isinstance(document.data, dict) else None
    return title if isinstance(title, str) and title.strip() else Path(result.path).name


def _lint(result: LoadResult, source: str, journey: Journey, work: Work
          ) -> tuple[Problem, ...]:
    from cjmap.lint.engine import run_rules
    from cjmap.lint.rules.base import Context

    assert result.document is not None and result.text is not None
    found = run_rules(Context(journey, result.document, result.path, work.today), result.text,
                      work.settings)
    rows = sorted(found, key=lambda row: (row[3].line, row[3].column, row[0]))
    return tuple(Problem(source, span.line, span.column, rule, severity, finding.message,
                         finding.hint) for rule, severity, finding, span in rows)


def _searched(journey: Journey) -> tuple[tuple[int, str], ...]:
    kinds = {kind: index for index, kind in enumerate(SEARCHED)}
    texts: list[tuple[int, str]] = [(kinds["title"], journey.title)]
    for step in journey.steps:
        texts.append((kinds["step"], step.name))
        texts += [(kinds["pain_point"], pain.text) for pain in step.pain_points]
        texts += [(kinds["opportunity"], opportunity.text) for opportunity in step.opportunities]
    texts += [(kinds["touchpoint"], touchpoint.name) for _, touchpoint, _ in journey.touchpoints()]
    return tuple(dict.fromkeys(texts))


def _render(journey: Journey, source: str, work: Work) -> dict[str, bytes]:
    from cjmap.render import RENDERERS, RenderError, RenderOptions
    from cjmap.site.paths import map_paths, root_of, slug

    # On its site page, each tag of the map leads to the page of the maps with that tag.
    root = root_of(map_paths(source).page)
    options = RenderOptions(source=PurePosixPath(source).name, today=work.today, tag_pages=tuple(
        (tag, f"{root}tags/{slug(tag)}.html") for tag in journey.tags))
    rendered = {name: RENDERERS[name]()(journey, options) for name in ("html", "md")}
    if work.svg:
        # The command checked that Graphviz is there; a map dot fails on gets no SVG link.
        with contextlib.suppress(RenderError):
            rendered["svg"] = RENDERERS["svg"]()(journey, options)
    return rendered

"""The portfolio laid out as titled tables of display text, shared by the text, Markdown and
HTML formats: each format draws the same cells its own way (aligned text, pipe tables, an HTML
page), so a word or a figure never differs between them. Numbers and dates are written as the
single-map renders write them (``format_number``, ``signed``, ISO dates), in the report's
language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Literal, TypeVar

from cjmap.portfolio.model import (
    Counts,
    CoverageGrid,
    EmotionGrid,
    Feeling,
    Freshness,
    Measurement,
    Place,
)
from cjmap.portfolio.names import TABLES, TableName
from cjmap.portfolio.words import words
from cjmap.render.formatting import format_number, signed, with_unit
from cjmap.render.sparkline import trend

if TYPE_CHECKING:
    from cjmap.portfolio.tables import Portfolio

# How a cell stands out: a gap or a problem (bad), something to look at (warn), fine (good),
# secondary (muted).
Tone = Literal["bad", "warn", "good", "muted"]


# Not frozen: a thousand maps' tables make about 185,000 cells, and a frozen dataclass's
# __init__ (object.__setattr__ per field) took a third of the layout's time.
@dataclass(slots=True)
class Cell:
    text: str
    tone: Tone | None = None
    # Coverage cells: the share of the grid's fullest cell (0–1), for the HTML heat map.
    heat: float | None = None
    # Emotion cells: the average, for the HTML page's emotion colours.
    emotion: float | None = None
    # Where the row comes from (file:line), for formats that can show it on the side.
    where: str | None = None


@dataclass(frozen=True)
class Sheet:
    table: TableName | Literal["invalid"]
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    numeric: list[bool]  # right-aligned columns
    footer: list[Cell] | None = None
    note: str | None = None
    kind: Literal["list", "grid"] = "list"
    empty: str = ""
    # Its name in a page (an HTML id): its table's, numbered when the table has several
    # sheets, so that a link to it stays right whichever other tables are shown.
    anchor: str = ""


@dataclass(frozen=True)
class Layout:
    title: str
    summary: str
    sheets: list[Sheet]
    invalid: Sheet | None
    lang: str
    words: dict[str, str] = field(repr=False)


def layout(portfolio: Portfolio, tables: Sequence[TableName] = TABLES) -> Layout:
    """The sheets of the tables asked for, in the order of :data:`TABLES`, and the invalid
    maps."""
    lang = portfolio.lang
    w = words(lang)
    sheets: list[Sheet] = []
    for table in TABLES:
        if table in tables:
            made = _BUILDERS[table](portfolio, w, lang)
            sheets += [replace(sheet, anchor=table if len(made) == 1 else f"{table}-{number}")
                       for number, sheet in enumerate(made, start=1)]
    # Counted here rather than read from the summary, which would compute every table.
    invalid = len(portfolio.invalid)
    summary = w["maps_summary"].format(maps=_maps(portfolio.valid + invalid, w),
                                       invalid=invalid,
                                       today=portfolio.today.isoformat())
    return Layout(w["report_title"], summary, sheets, _invalid(portfolio, w), lang, w)


Drawn = TypeVar("Drawn")

# A portfolio with fewer steps and touchpoints than this is drawn in one process: forking
# would cost more than it saves. A thousand generated maps have about 50,000.
APART_FROM = 10000


def drawn(portfolio: Portfolio, tables: Sequence[TableName], draw: Callable[[Sheet], Drawn],
          workers: int = 1) -> tuple[Layout, list[Drawn]]:
    """The page without its sheets (title, summary, invalid maps), and ``draw`` of each sheet of
    the ``tables`` asked for, in order. In a large portfolio each table is computed, laid out
    and drawn in a forked process, ``workers`` at a time: after the maps are loaded, that is
    most of a report's time, with the other cores idle."""
    from cjmap.files.runner import made_apart

    shown = [table for table in TABLES if table in tables]
    # The size of the tables, told without computing them (each step's emotions and each
    # touchpoint are rows).
    rows = sum(info.steps + info.touchpoints for info in portfolio.maps)
    parts = made_apart([partial(_drawn_table, portfolio, table, draw) for table in shown],
                       workers if rows >= APART_FROM else 1)
    return layout(portfolio, ()), [each for part in parts for each in part]


def _drawn_table(portfolio: Portfolio, table: TableName, draw: Callable[[Sheet], Drawn]
                 ) -> list[Drawn]:
    return [draw(sheet) for sheet in layout(portfolio, (table,)).sheets]


def where(at: Place) -> str:
    return f"{at.file}:{at.line}"


def _dash(w: dict[str, str], tone: Tone | None = "muted") -> Cell:
    return Cell(w["none"], tone)


def _text(value: str | None, w: dict[str, str], missing: Tone | None = "muted") -> Cell:
    return Cell(value) if value else _dash(w, missing)


def _number(value: float, lang: str, digits: int = 1) -> str:
    return format_number(round(value, digits), lang)


def _days(days: int, w: dict[str, str]) -> str:
    return w["day_count_1"] if days == 1 else w["day_count"].format(n=days)


def _maps(count: int, w: dict[str, str]) -> str:
    return w["map_count_1"] if count == 1 else w["map_count"].format(n=count)


def _model_title(grid_axis: str, w: dict[str, str]) -> str:
    return w["model_custom"] if grid_axis == "custom" else grid_axis


def _coverage(portfolio: Portfolio, w: dict[str, str], lang: str) -> list[Sheet]:
    return [_coverage_sheet(grid, w, lang) for grid in portfolio.coverage] or [Sheet(
        "coverage", w["coverage"], [], [], [], empty=w["nothing"])]


def _coverage_sheet(grid: CoverageGrid, w: dict[str, str], lang: str) -> Sheet:
    fullest = max((cell.touchpoints for row in grid.rows for cell in row.cells), default=0)
    # Each split is counted where a touchpoint (or its channel) says which side it is on:
    # 0 and 0 for touchpoints that say nothing would read as no touchpoints at all, so a row
    # shows a dash for both, and a grid in which none says leaves the pair out.
    presence = bool(grid.total.online or grid.total.offline)
    pairs = (("direct", "indirect"), *((("online", "offline"),) if presence else ()))

    def counts(total: Counts) -> list[Cell]:
        return [Cell(format_number(getattr(total, name), lang))
                if getattr(total, pair[0]) or getattr(total, pair[1]) or not total.touchpoints
                else _dash(w) for pair in pairs for name in pair]

    rows = []
    for row in grid.rows:
        named = row.channel is not None
        cells = [Cell(row.channel) if row.channel is not None else
                 Cell(w["no_channel"], "muted")]
        cells += [Cell(format_number(c.touchpoints, lang), heat=c.touchpoints / fullest)
                  if c.touchpoints else Cell("0" if not named else w["none"],
                                             "bad" if named else "muted", heat=0.0)
                  for c in row.cells]
        cells.append(Cell(format_number(row.total.touchpoints, lang)))
        cells += counts(row.total)
        rows.append(cells)
    footer = [Cell(w["total"]), *(Cell(format_number(c.touchpoints, lang)) for c in grid.totals),
              Cell(format_number(grid.total.touchpoints, lang)), *counts(grid.total)]
    title = (w["coverage_phase"] if grid.axis == "phase" else w["coverage_model"].format(
        model=_model_title(grid.axis, w), maps=_maps(grid.maps, w)))
    gaps = len(grid.gaps)
    note = w["no_gaps"] if not gaps else f"{format_number(gaps, lang)} {w['gaps']}"
    if not presence and grid.total.touchpoints:
        note += f"; {w['no_presence']}"
    headers = [w["channel"], *(c.name for c in grid.columns), w["total"], w["direct"],
               w["indirect"], *((w["online"].capitalize(), w["offline"].capitalize())
                                if presence else ())]
    return Sheet("coverage", title, headers, rows, [False, *[True] * (len(headers) - 1)],
                 footer=footer, note=note, kind="grid", empty=w["nothing"])


def _weakest(portfolio: Portfolio, w: dict[str, str], lang: str) -> list[Sheet]:
    rows = []
    for row in portfolio.weakest:
        low = min(row.scores.values())
        weak = ", ".join(w[f"q_{name}"] for name in row.weakest)
        owner = (Cell(row.owner) if row.owner else Cell(w["external"], "muted")
                 if row.external else _dash(w, "warn"))
        rows.append([
            Cell(str(row.rank)), Cell(row.name, where=where(row.at)),
            Cell(_number(row.average, lang), "bad" if row.average < 3 else None),
            Cell(f"{weak} ({low})"), Cell(row.at.map), Cell(row.at.stage_name),
            _text(row.at.step, w), owner])
    headers = [w["rank"], w["touchpoint"], w["average"], w["weakest_qualities"], w["map"],
               w["stage"], w["step"], w["owner"]]
    return [Sheet("weakest", w["weakest"], headers, rows,
                  [True, False, True, False, False, False, False, False], empty=w["nothing"])]


def _feelings(feelings: Sequence[Feeling], w: dict[str, str]) -> str:
    # Persona names hold commas ("Sam, the busy parent"): a middle dot separates them.
    return " · ".join(
        f"{f.persona_name + ' ' if f.persona_name and len(feelings) > 1 else ''}"
        f"{signed(f.score)}{' ' + f.label if f.label else ''}" for f in feelings) or w["none"]


def _emotions(portfolio: Portfolio, w: dict[str, str], lang: str) -> list[Sheet]:
    emotions = portfolio.emotions
    lows = [[Cell(signed(low.score), "bad", emotion=low.score),
             _text(low.label, w), Cell(low.step, where=where(low.at)), _text(low.persona, w),
             Cell(low.at.map),
             Cell(low.at.stage_name), Cell("✓" if low.moment_of_truth else "")]
            for low in emotions.lows]
    moments = [[Cell(m.step, where=where(m.at)), Cell(_feelings(m.feelings, w)),
                Cell(m.at.map), Cell(m.at.stage_name)] for m in emotions.moments_of_truth]
    sheets = [
        Sheet("emotions", w["emotion_lows"],
              [w["score"], w["emotion"], w["step"], w["persona"], w["map"], w["stage"],
               w["moment_of_truth"]], lows, [True, *[False] * 6], empty=w["nothing"]),
        Sheet("emotions", w["moments_of_truth"], [w["step"], w["emotion"], w["map"],
                                                   w["stage"]], moments, [False] * 4,
              empty=w["nothing"]),
    ]
    return sheets + [_emotion_sheet(grid, w, lang) for grid in emotions.by_stage]


def _emotion_sheet(grid: EmotionGrid, w: dict[str, str], lang: str) -> Sheet:
    rows = []
    for row in grid.rows:
        cells = [Cell(row.persona_name) if row.persona_name else Cell(w["no_persona"], "muted")]
        for cell in row.cells:
            if cell.average is None:
                cells.append(_dash(w))
                continue
            shown = signed(0) if round(cell.average, 1) == 0 else (
                ("+" if cell.average > 0 else "−") + _number(abs(cell.average), lang))
            tone: Tone | None = "bad" if cell.average <= -1 else "good" \
                if cell.average >= 1 else None
            cells.append(Cell(f"{shown} ({cell.steps})", tone, emotion=cell.average))
        rows.append(cells)
    title = (w["emotion_phase"] if grid.axis == "phase" else w["emotion_model"].format(
        model=_model_title(grid.axis, w), maps=_maps(grid.maps, w)))
    return Sheet("emotions", title, [w["persona"], *(c.name for c in grid.columns)], rows,
                 [False, *[True] * len(grid.columns)], note=w["emotion_legend"], kind="grid",
                 empty=w["nothing"])


def _backlog(portfolio: Portfolio, w: dict[str, str], lang: str) -> list[Sheet]:
    rows = []
    for item in portfolio.backlog:
        addresses = "; ".join(f"{w[a.kind]}: {a.text}" for a in item.addresses)
        flags = [w[flag] for flag in ("unowned", "unlinked") if getattr(item, flag)]
        priority = item.priority
        rows.append([
            Cell(w[priority], "bad" if priority == "high" else None) if priority
            else _dash(w), Cell(item.text, where=where(item.at)),
            Cell(w[item.lever]) if item.lever else _dash(w),
            _text(item.owner, w, "warn"), _text(addresses, w, "warn"), Cell(item.at.map),
            Cell(item.at.stage_name), Cell(", ".join(flags), "warn" if flags else None)])
    headers = [w["priority"], w["opportunity"], w["lever"], w["owner"], w["addresses"],
               w["map"], w["stage"], w["flags"]]
    return [Sheet("backlog", w["backlog"], headers, rows, [False] * 8, empty=w["nothing"])]


def _history(history: Sequence[Measurement], unit: str | None, lang: str) -> str | None:
    return trend([(entry.as_of, entry.actual) for entry in history], unit, lang)


def _metrics(portfolio: Portfolio, w: dict[str, str], lang: str) -> list[Sheet]:
    rows = [[
        Cell(row.name, where=where(row.at)), Cell(row.at.map), Cell(row.at.stage_name),
        Cell(with_unit(row.actual, row.unit, lang), "bad"),
        Cell(with_unit(row.target, row.unit, lang)),
        Cell(("+" if row.gap > 0 else "−") + with_unit(abs(row.gap), row.unit, lang)),
        Cell(row.as_of.isoformat()) if row.as_of else _dash(w),
        _text(_history(row.history, row.unit, lang), w),
    ] for row in portfolio.metrics]
    headers = [w["metric_name"], w["map"], w["stage"], w["actual"], w["target"], w["gap"],
               w["as_of"], w["history"]]
    return [Sheet("metrics", w["metrics"], headers, rows,
                  [False, False, False, True, True, True, False, False], empty=w["nothing"])]


def status_text(row: Freshness, w: dict[str, str]) -> Cell:
    if row.status == "overdue" and row.days is not None:
        return Cell(w["status_overdue"].format(days=_days(row.days, w)), "bad")
    if row.status == "due" and row.days is not None:
        text = w["status_due_today"] if row.days == 0 else \
            w["status_due"].format(days=_days(row.days, w))
        return Cell(text, "warn")
    if row.status == "ok":
        return Cell(w["status_ok"], "good")
    return Cell(w[f"status_{row.status}"], "warn")


def _freshness(portfolio: Portfolio, w: dict[str, str], lang: str) -> list[Sheet]:
    rows = [[
        Cell(row.map, where=f"{row.file}:{row.line}"), _text(row.owner, w, "warn"),
        Cell(row.last_reviewed.isoformat()) if row.last_reviewed else _dash(w),
        _text(row.cadence, w), Cell(row.due.isoformat()) if row.due else _dash(w),
        status_text(row, w)] for row in portfolio.freshness]
    headers = [w["map"], w["owner"], w["last_reviewed"], w["cadence"], w["due"], w["status"]]
    return [Sheet("freshness", w["freshness"], headers, rows, [False] * 6, empty=w["nothing"])]


def _invalid(portfolio: Portfolio, w: dict[str, str]) -> Sheet | None:
    if not portfolio.invalid:
        return None
    rows = [[Cell(f"{m.file}:{m.line}:{m.column}", "bad"), Cell(m.code), Cell(m.message)]
            for m in portfolio.invalid]
    return Sheet("invalid", w["invalid_maps"], [w["file"], w["code"], w["problem"]], rows,
                 [False] * 3, anchor="invalid")


_BUILDERS = {"coverage": _coverage, "weakest": _weakest, "emotions": _emotions,
             "backlog": _backlog, "metrics": _metrics, "freshness": _freshness}

"""Each map's share of the pages made from every map (its *parts*), and those pages put together
from every map's parts.

The index, the persona and tag pages, the search index and the portfolio pages are each the
sum of what every map gives them: rows drawn, texts, a few counts. A map's parts are made with
the map, in the process that builds it, and the site keeps every map's parts between builds
(:mod:`cjmap.site.build`). After one map changed, a page it now gives something else is put
together again from the parts kept of the others (joined, merged in the page's order, counts
added up) without reading them, and a page it gives the same is not touched. A page is put
together the same way whether one map or every map was just built, so a rebuild writes the
bytes a cold build writes.

The parts of a family (:data:`FAMILIES`) are what its pages read of a map:

- ``maps``: the map's validation problem (``None`` for a valid map): every portfolio page
  counts the maps and lists the invalid ones;
- ``index``: the map's row of the table of maps, and that row drawn for the index and for the
  persona and tag pages, one folder down;
- ``search``: what the search index holds of the map;
- a portfolio table's name: the map's rows of that table drawn (:mod:`cjmap.portfolio.formats.html`
  draws them), each with what orders it among every map's; for the coverage and the emotion
  grids, the map's counts that the grids add up, and its stage model and stages.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from cjmap.portfolio.model import Emotions, InvalidMap, MapData, MapInfo, Phase, StageInfo
from cjmap.portfolio.names import TABLES, TableName
from cjmap.site import pages as p
from cjmap.site.paths import href, map_paths
from cjmap.site.work import MapRecord, StepLines

if TYPE_CHECKING:
    from cjmap.portfolio.formats import Link
    from cjmap.portfolio.sheets import Sheet
    from cjmap.portfolio.tables import Channels, Felt, Portfolio

FAMILIES: tuple[str, ...] = ("maps", "index", "search", *TABLES)

# A family's part of one map: plain tuples, strings and numbers (they are pickled, and hashed
# to tell whether a map's part changed).
Part = Any


def family_of(page: str) -> str | None:
    """The family whose parts make the site's page ``page``; ``None`` for the pages made on
    every build (the stylesheet, the script, the sitemap)."""
    if page == p.INDEX or page.startswith(("personas/", "tags/")):
        return "index"
    if page == p.SEARCH_INDEX:
        return "search"
    if page.startswith("portfolio/"):
        return page.removeprefix("portfolio/").removesuffix(".html")
    return None


def made_again(changed: set[str]) -> set[str]:
    """The families whose pages are made again when the parts of ``changed`` changed: every
    portfolio page lists the invalid maps."""
    return changed | set(TABLES) if "maps" in changed else set(changed)


def read_by(families: set[str]) -> set[str]:
    """The families whose parts the pages of ``families`` read."""
    return families | {"maps"} if families & set(TABLES) else set(families)


def parts_of(source: str, record: MapRecord, today: date, due_within: int, lang: str
             ) -> dict[str, Part]:
    """Every family's part of the map ``source`` (in the site's language ``lang``)."""
    from cjmap.portfolio.tables import build

    contribution = record.contribution
    one = build([contribution], today, due_within, lang)
    review = one.freshness[0] if one.freshness else None
    row = p.row(source, record, review, lang)
    parts: dict[str, Part] = {
        "maps": contribution if isinstance(contribution, InvalidMap) else None,
        "index": (row, p.row_html(row, "", lang), p.row_html(row, "../", lang)),
        "search": p.search_part(source, record),
    }
    if isinstance(contribution, MapData):
        parts.update(_table_parts(one, contribution, map_links({source: record.steps})))
    else:
        parts.update(dict.fromkeys(TABLES))
    return parts


def map_links(steps: Mapping[str, Sequence[StepLines]]) -> Link:
    """What gives, from a portfolio page, the address a row links to (from its ``file:line``):
    the page of its map, at the step the line is in (``steps``: each map's, in file order)."""
    from cjmap.render.html import step_anchor

    starts = {source: [first for first, _, _ in lines] for source, lines in steps.items()}

    def link(where: str) -> str:
        file, _, number = where.rpartition(":")
        page = href("../", map_paths(file).page)
        line = int(number)
        # The last step that starts at or before the line, if the line is within it (a
        # stage's touchpoints, a map's review, lie outside every step).
        index = bisect_right(starts.get(file, []), line) - 1
        if index >= 0:
            _, last, step = steps[file][index]
            if line <= last:
                return f"{page}#{quote(step_anchor(step))}"
        return page

    return link


def _table_parts(one: Portfolio, m: MapData, link: Link) -> dict[str, Part]:
    """The map's part of each portfolio table, from the portfolio of that map alone: its rows
    are the rows it has among every map's, in the same order, and what each row is (a
    touchpoint, an opportunity, a metric, the map's review) links, with ``link``, to the map's
    page, at its step."""
    from cjmap.portfolio.formats.html import cells_drawer, row_drawer
    from cjmap.portfolio.sheets import layout
    from cjmap.portfolio.tables import PRIORITY_ORDER, channels, felt, freshness_key, scored

    listed: list[TableName] = ["weakest", "emotions", "backlog", "metrics", "freshness"]
    sheets: dict[str, list[Sheet]] = {table: [] for table in listed}
    # Not the coverage: its grids are only ever added up from every map's counts.
    for sheet in layout(one, listed).sheets:
        sheets[str(sheet.table)].append(sheet)

    def drawn(table: str, number: int = 0) -> list[str]:
        sheet = sheets[table][number]
        return list(map(row_drawer(sheet.numeric, link), sheet.rows))

    weakest = sheets["weakest"][0]
    # A rank depends on every map's touchpoints: drawn when the ranking is put together.
    cells = cells_drawer(weakest.numeric, link)
    emotions = one.emotions
    staged = (m.info.stage_model, tuple((stage.id, stage.name, stage.phase)
                                        for stage in m.info.stages))
    return {
        "coverage": (staged, channels(m)),
        "weakest": [(average, scores, cells(row[1:])) for (average, scores, *_), row
                    in zip(scored([m]), weakest.rows, strict=True)],
        "emotions": (staged, felt(m),
                     [(low.score, html) for low, html in zip(emotions.lows, drawn("emotions"),
                                                             strict=True)],
                     drawn("emotions", 1)),
        "backlog": [(PRIORITY_ORDER[item.priority], html)
                    for item, html in zip(one.backlog, drawn("backlog"), strict=True)],
        "metrics": drawn("metrics"),
        "freshness": [(freshness_key(row), html)
                      for row, html in zip(one.freshness, drawn("freshness"), strict=True)],
    }


def pages(parts: Mapping[str, Sequence[Part]], families: set[str], today: date,
          due_within: int, lang: str) -> dict[str, bytes]:
    """The pages of ``families``, from every map's parts (``parts``: by family, the maps' parts
    in the order of their files)."""
    made: dict[str, bytes] = {}
    if "index" in families:
        made.update(_index_pages(parts["index"], lang))
    if "search" in families:
        made[p.SEARCH_INDEX] = p.search_index(parts["search"])
    tables = [table for table in TABLES if table in families]
    if tables:
        invalid = [problem for problem in parts["maps"] if problem is not None]
        page = _Page(today, due_within, lang, len(parts["maps"]) - len(invalid), invalid)
        for table in tables:
            html = _TABLE_PAGES[table](parts[table], page)
            made[f"portfolio/{table}.html"] = p.portfolio_page(table, html, lang)
    return made


def _index_pages(parts: Sequence[Part], lang: str) -> dict[str, bytes]:
    listed = [row for row, _, _ in parts]
    made = {p.INDEX: p.index_page(listed, [html for _, html, _ in parts], lang)}
    below = [html for _, _, html in parts]
    for kind, directory in (("personas", p.PERSONAS), ("tags", p.TAGS)):
        found = p.groups(listed, below, kind)
        made[directory] = p.directory_page(found, kind, lang)
        made.update((group.page, p.group_page(group, kind, lang)) for group in found)
    return made


class _Page:
    """What every portfolio page shows besides its table: the maps counted, the invalid ones."""

    def __init__(self, today: date, due_within: int, lang: str, valid: int,
                 invalid: list[InvalidMap]) -> None:
        self.today, self.due_within, self.lang = today, due_within, lang
        self.valid, self.invalid = valid, invalid

    def drawn(self, table: str, rows: Sequence[str | None], **computed: object) -> bytes:
        """The page of ``table``, its sheets laid out from the ``computed`` tables (the grids,
        added up) and ``rows`` giving, sheet by sheet, the rows put together (``None``: the
        sheet's own, as laid out)."""
        from cjmap.portfolio.formats.html import page_of, section
        from cjmap.portfolio.sheets import layout
        from cjmap.portfolio.tables import assembled

        # A table not given is computed from no map: empty, as its rows come in ``rows``.
        portfolio = assembled(self.today, self.due_within, self.lang, self.valid, self.invalid,
                              **computed)
        sheets = layout(portfolio, (table,)).sheets  # type: ignore[arg-type]
        given = [*rows, *[None] * (len(sheets) - len(rows))]
        return page_of(layout(portfolio, ()),
                       [section(sheet, drawn) for sheet, drawn in zip(sheets, given,
                                                                      strict=True)])


# What the grids read of a map besides its counts: its stage model and its stages. A part
# holds only these, so that a map's title or owner changed does not change its grids' parts.
# (Plain tuples: they are read back faster than dataclasses.)
Staged = tuple[str, tuple[tuple[str, str, Phase | None], ...]]


def _skeletons(staged: Sequence[Staged]) -> list[MapData]:
    """Maps that hold what the grids read of them, and nothing else."""
    return [MapData(MapInfo("", "", "", "", "current", None, False, model,
                            [StageInfo(*stage) for stage in stages], 0, 0),
                    [], [], [], [], [], None) for model, stages in staged]


def _coverage(parts: Sequence[Part], page: _Page) -> bytes:
    from cjmap.portfolio.tables import coverage_grids

    present: list[tuple[Staged, Channels]] = [part for part in parts if part is not None]
    grids = coverage_grids(_skeletons([staged for staged, _ in present]),
                           [counted for _, counted in present], page.lang)
    return page.drawn("coverage", [], coverage=grids)


def _weakest(parts: Sequence[Part], page: _Page) -> bytes:
    from cjmap.portfolio.formats.html import row_start
    from cjmap.portfolio.sheets import Cell

    # Sorted stably, in the maps' order: equal averages keep it, as in the ranking of all.
    ranked = sorted((row for part in parts if part for row in part), key=itemgetter(0, 1))
    # A rank is digits, which nothing escapes: the rank's cell is drawn once, around a mark.
    before, after = row_start(Cell("RANK"), True).split("RANK")
    return page.drawn("weakest", ["".join(
        f"{before}{rank}{after}{cells}" for rank, (_, _, cells) in enumerate(ranked, start=1))])


def _emotions(parts: Sequence[Part], page: _Page) -> bytes:
    from cjmap.portfolio.tables import emotion_grids

    present: list[tuple[Staged, Felt, list[tuple[int, str]], list[str]]] = [
        part for part in parts if part is not None]
    grids = emotion_grids(_skeletons([staged for staged, *_ in present]),
                          [felt for _, felt, _, _ in present], page.lang)
    lows = sorted((low for _, _, lows, _ in present for low in lows), key=itemgetter(0))
    return page.drawn("emotions", [
        "".join(html for _, html in lows),
        "".join(html for *_, moments in present for html in moments)],
        emotions=Emotions([], [], grids))


def _ordered(table: str) -> Callable[[Sequence[Part], _Page], bytes]:
    """The page of a table whose rows each have what orders them."""
    def page_of(parts: Sequence[Part], page: _Page) -> bytes:
        rows = sorted((row for part in parts if part for row in part), key=itemgetter(0))
        return page.drawn(table, ["".join(html for _, html in rows)])

    return page_of


def _metrics(parts: Sequence[Part], page: _Page) -> bytes:
    return page.drawn("metrics", ["".join(html for part in parts if part for html in part)])


_TABLE_PAGES: dict[str, Callable[[Sequence[Part], _Page], bytes]] = {
    "coverage": _coverage, "weakest": _weakest, "emotions": _emotions,
    "backlog": _ordered("backlog"), "metrics": _metrics, "freshness": _ordered("freshness")}

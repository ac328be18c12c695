"""HTML: one self-contained page (inline CSS, no script, no request) with every table of the
report, the coverage grids drawn as heat maps.

:func:`portfolio_page` is the entry point a static site embeds. The heat map uses ColorBrewer's
sequential Blues, which stays readable with the common forms of colour blindness and in grey;
every cell also shows its number, and a gap is hatched as well as empty, so nothing rests on
colour alone. Average emotions use the maps' own emotion palette (RdBu).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from html import escape
from typing import TYPE_CHECKING

from cjmap.portfolio.formats import Link, ReportOptions
from cjmap.portfolio.sheets import Cell, Layout, Sheet, drawn
from cjmap.render.palette import EMOTION
from cjmap.safetext import html_safe

if TYPE_CHECKING:
    from cjmap.portfolio.tables import Portfolio

# ColorBrewer Blues, five classes, with a text colour of at least 4.5:1 contrast on each.
HEAT = (("#eff3ff", "#1a1a1a"), ("#bdd7e7", "#1a1a1a"), ("#6baed6", "#1a1a1a"),
        ("#3182bd", "#ffffff"), ("#08519c", "#ffffff"))

CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #595959; --line: #d0d0d0; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); margin: 0 auto; padding: 1.5rem; max-width: 90rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
.summary, .note { color: var(--muted); margin: 0 0 .5rem; }
a { color: #24527a; text-underline-offset: .15em; }
a:hover { color: #163854; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left;
  vertical-align: top; }
th { font-weight: 600; }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
.bad { color: #b2182b; font-weight: 600; }
.warn { color: #8a4b00; }
.good { color: #1b6b2f; }
.muted { color: var(--muted); }
.grid td.num { min-width: 4.5rem; border: 2px solid #fff; }
td.gap { background: repeating-linear-gradient(135deg, #fff 0 5px, #f4d4d4 5px 7px);
  color: #b2182b; font-weight: 600; }
"""


def write(portfolio: Portfolio, options: ReportOptions) -> bytes:
    return portfolio_page(portfolio, options)


def portfolio_page(portfolio: Portfolio, options: ReportOptions | None = None) -> bytes:
    """The report as a self-contained HTML page (UTF-8)."""
    options = options or ReportOptions()
    return page_of(*drawn(portfolio, options.tables, partial(section, link=options.link),
                          options.workers))


def page_of(page: Layout, sections: list[Section]) -> bytes:
    """The page of these sections (with the invalid maps first, when there are any)."""
    if page.invalid:
        sections = [section(page.invalid), *sections]
    # A page of one table (a site's portfolio page, a report of one --table) needs no
    # table of contents.
    body = [f"<h1>{_e(page.title)}</h1>", f'<p class="summary">{_e(page.summary)}</p>',
            *([_nav(sections)] if len(sections) > 1 else []),
            *(html for _, _, html in sections)]
    return (f'<!DOCTYPE html>\n<html lang="{page.lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(page.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<main>\n{chr(10).join(body)}\n</main>\n<footer class=\"note\">"
            f"{_e(_generated(page))}</footer>\n</body>\n</html>\n").encode()


def _generated(page: Layout) -> str:
    return page.words["generated"]


@lru_cache(maxsize=8192)
def _e(text: str) -> str:
    # Cached: a report's cells repeat the same few texts (figures, channels, owners, "none")
    # tens of thousands of times.
    return escape(html_safe(text))


# A sheet drawn: its anchor, its title and its section of the page.
Section = tuple[str, str, str]


def _nav(sections: list[Section]) -> str:
    links = "".join(f'<li><a href="#{anchor}">{_e(title)}</a></li>'
                    for anchor, title, _ in sections)
    return f"<nav><ul>{links}</ul></nav>"


def section(sheet: Sheet, rows: str | None = None, link: Link | None = None) -> Section:
    """A sheet drawn, its rows by :func:`row_drawer` (with ``link``) unless ``rows`` gives them
    drawn (a site keeps each map's rows drawn)."""
    return sheet.anchor, sheet.title, _section_html(sheet, rows, link)


def _section_html(sheet: Sheet, rows: str | None, link: Link | None) -> str:
    heading = f'<h2 id="{sheet.anchor}">{_e(sheet.title)}</h2>'
    if rows is None:
        rows = "".join(map(row_drawer(sheet.numeric, link), sheet.rows))
    if not rows:
        return f'<section>{heading}<p class="note">{_e(sheet.empty)}</p></section>'
    head = "".join(f'<th scope="col"{_num(numeric)}>{_e(header)}</th>'
                   for header, numeric in zip(sheet.headers, sheet.numeric, strict=True))
    foot = ""
    if sheet.footer:
        foot = "<tfoot><tr>" + "".join(
            _td(cell, numeric, first=False)
            for cell, numeric in zip(sheet.footer, sheet.numeric, strict=True)) + "</tr></tfoot>"
    note = f'<p class="note">{_e(sheet.note)}</p>' if sheet.note else ""
    return (f'<section>{heading}<div class="scroll"><table class="{sheet.kind}">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>{foot}</table></div>"
            f"{note}</section>")


def _num(numeric: bool) -> str:
    return ' class="num"' if numeric else ""


def row_drawer(numeric: list[bool], link: Link | None = None) -> Callable[[list[Cell]], str]:
    """What draws a row of a sheet whose columns are ``numeric`` or not: its first cell the
    row's header, the others cells. With ``link``, a cell that says where in a map it comes
    from links to the address ``link`` gives for that place."""
    rest = cells_drawer(numeric, link)

    def row_of(row: list[Cell]) -> str:
        return row_start(row[0], numeric[0], link) + rest(row[1:])

    return row_of


def row_start(cell: Cell, numeric: bool, link: Link | None = None) -> str:
    """A row's opening and its first cell, its header (a ranking's rank)."""
    return "<tr>" + _td(cell, numeric, first=True, link=link)


def cells_drawer(numeric: list[bool], link: Link | None = None
                 ) -> Callable[[list[Cell]], str]:
    """What draws a row's cells after the first, and the row's end; as :func:`row_drawer`,
    with ``link``."""
    opening = [f"<td{_num(right)}>" for right in numeric[1:]]
    later = list(zip(numeric[1:], opening, strict=True))

    def cells_of(row: list[Cell]) -> str:
        # Most cells are plain text (no tone, colour or place): drawn here, without a call of
        # _td for each of the hundreds of thousands of cells of a thousand maps.
        cells = []
        for cell, (right, tag) in zip(row, later, strict=True):
            if cell.tone is None and cell.heat is None and cell.emotion is None \
                    and cell.where is None:
                cells.append(f"{tag}{_e(cell.text)}</td>")
            else:
                cells.append(_td(cell, right, first=False, link=link))
        return "".join(cells) + "</tr>"

    return cells_of


def _td(cell: Cell, numeric: bool, *, first: bool, link: Link | None = None) -> str:
    tone = cell.tone
    classes = ("num " + tone if tone else "num") if numeric else tone or ""
    style = ""
    if cell.heat is not None:
        if cell.heat == 0 and tone == "bad":
            classes = "num gap"
        else:
            fill, ink = HEAT[min(int(cell.heat * len(HEAT)), len(HEAT) - 1)]
            style = f' style="background:{fill};color:{ink}"'
    elif cell.emotion is not None:
        swatch = EMOTION[max(-2, min(2, round(cell.emotion)))]
        style = f' style="background:{swatch.fill};color:{swatch.text}"'
        if tone in ("bad", "good"):  # the colour says it already
            classes = "num" if numeric else ""
    title = f' title="{_e(cell.where)}"' if cell.where else ""
    attributes = f' class="{classes}"' if classes else ""
    text = _e(cell.text)
    if link is not None and cell.where:
        text = f'<a href="{_e(link(cell.where))}">{text}</a>'
    if first:
        return f'<th scope="row"{attributes}{style}{title}>{text}</th>'
    return f"<td{attributes}{style}{title}>{text}</td>"

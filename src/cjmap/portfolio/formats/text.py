"""Text: rich tables on a terminal; plain tables when piped or under ``NO_COLOR``.

The plain tables are laid out here, column by column, because rich measures every cell of
every row: on a thousand maps (tens of thousands of rows) it takes several times as long as
loading the maps, while the plain layout takes a fraction of a second. Both draw the same
sheets in the same shape: title, header, a rule, the rows, the totals, the note.

Every string from a map is shown through :func:`~cjmap.report.style.printable` (and, for rich,
as ``Text``, never as markup), so a name with ``[bold]`` or an escape sequence prints as
written.
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from cjmap.portfolio.formats import ReportOptions
from cjmap.portfolio.sheets import Cell, Sheet, columns_of, layout, min_widths
from cjmap.report.style import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from cjmap.portfolio.tables import Portfolio

# What a rich column takes besides its text: padding and the gap between columns.
_COLUMN_PADDING = 3
_TONES = {"bad": "bold red", "warn": "yellow", "good": "green", "muted": "dim"}


def write(portfolio: Portfolio, options: ReportOptions) -> bytes:
    if not options.color:
        from cjmap.portfolio.formats.plain import plain

        return plain(portfolio, options.tables, options.width or 100,
                     options.workers).encode("utf-8")
    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, force_terminal=options.color, no_color=not options.color,
                      highlight=False, width=options.width, emoji=False)
    page = layout(portfolio, options.tables)
    console.print(_text(page.title, "bold"), _text(f"— {page.summary}", "dim"))
    if page.invalid is not None:
        _sheet(console, page.invalid)
    for sheet in page.sheets:
        _sheet(console, sheet)
    return buffer.getvalue().encode("utf-8")


def _text(text: str, style: str | None = None) -> Text:
    from rich.text import Text

    return Text(printable(text), style=style or "")


def _cell(cell: Cell) -> Text:
    return _text(cell.text, _TONES.get(cell.tone or ""))


def _sheet(console: Console, sheet: Sheet) -> None:
    from rich import box
    from rich.table import Table

    console.print()
    if not sheet.rows:
        console.print(_text(sheet.title, "bold"), _text(f"— {sheet.empty}", "dim"))
        return
    table = Table(title=_text(sheet.title, "bold"), title_justify="left", box=box.SIMPLE_HEAD,
                  header_style="bold", pad_edge=False, show_edge=False,
                  show_footer=sheet.footer is not None, footer_style="bold")
    footer = sheet.footer or []
    widths = min_widths(columns_of(sheet), console.width, _COLUMN_PADDING)
    for index, (header, numeric) in enumerate(zip(sheet.headers, sheet.numeric, strict=True)):
        table.add_column(_text(header), justify="right" if numeric else "left",
                         footer=_cell(footer[index]) if index < len(footer) else "",
                         min_width=widths[index], overflow="fold")
    for row in sheet.rows:
        table.add_row(*map(_cell, row))
    console.print(table)
    if sheet.note:
        console.print(_text(sheet.note, "dim"))

"""Text: rich tables, coloured on a terminal and plain when piped or under ``NO_COLOR``.

Every string from a map is shown through :func:`~cjmap.report.style.printable` and as rich
``Text``, never as markup, so a name with ``[bold]`` or an escape sequence prints as written.
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from cjmap.portfolio.formats import ReportOptions
from cjmap.portfolio.sheets import Cell, Sheet, layout
from cjmap.report.style import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from cjmap.portfolio.model import Portfolio

# What a column takes besides its text (padding and the gap between columns), and the width
# below which no column is squeezed.
_COLUMN_PADDING = 3
_NARROWEST = 6
_TONES = {"bad": "bold red", "warn": "yellow", "good": "green", "muted": "dim"}


def write(portfolio: Portfolio, options: ReportOptions) -> bytes:
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


def _min_widths(sheet: Sheet, width: int) -> list[int]:
    """Each column's narrowest width: its longest word, so that a narrow terminal wraps cells
    between words rather than inside them; the widest give way first when the words of every
    column do not fit side by side."""
    widths = [max(len(word) for text in [header, *(row[index].text for row in sheet.rows)]
                  for word in [*text.split(), ""])
              for index, header in enumerate(sheet.headers)]
    room = width - _COLUMN_PADDING * len(widths)
    while sum(widths) > room and max(widths) > _NARROWEST:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


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
    widths = _min_widths(sheet, console.width)
    for index, (header, numeric) in enumerate(zip(sheet.headers, sheet.numeric, strict=True)):
        table.add_column(_text(header), justify="right" if numeric else "left",
                         footer=_cell(footer[index]) if index < len(footer) else "",
                         min_width=widths[index], overflow="fold")
    for row in sheet.rows:
        table.add_row(*map(_cell, row))
    console.print(table)
    if sheet.note:
        console.print(_text(sheet.note, "dim"))

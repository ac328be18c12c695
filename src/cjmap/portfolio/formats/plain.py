"""Plain text tables, for a pipe, a file or ``NO_COLOR``: each column as wide as its widest
cell, narrowed (widest first, never below its longest word while it can be helped) until the
table fits the width; cells wrap between words."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, partial
from itertools import zip_longest
from typing import TYPE_CHECKING

from cjmap.portfolio.sheets import Sheet, drawn, min_widths
from cjmap.report.style import needs_printable, printable, printable_all

if TYPE_CHECKING:
    from cjmap.portfolio.names import TableName
    from cjmap.portfolio.tables import Portfolio

GAP = "  "


def plain(portfolio: Portfolio, tables: Sequence[TableName], width: int,
          workers: int = 1) -> str:
    page, sheets = drawn(portfolio, tables, partial(sheet_text, width=width), workers)
    blocks = [f"{printable(page.title)} — {printable(page.summary)}"]
    if page.invalid is not None:
        blocks.append(sheet_text(page.invalid, width))
    return "\n\n".join(blocks + sheets) + "\n"


def sheet_text(sheet: Sheet, width: int) -> str:
    """The sheet as a block of lines at most ``width`` wide (where its words allow)."""
    title = printable(sheet.title)
    if not sheet.rows:
        return f"{title} — {printable(sheet.empty)}"
    # Each cell's text read once, and made printable up front when any of the sheet needs it
    # (one search over each column instead of one per row): a control character must not
    # split words when a cell wraps, and printable changes no length.
    rows = [[cell.text for cell in row] for row in sheet.rows]
    footer = [cell.text for cell in sheet.footer] if sheet.footer else None
    headers = list(sheet.headers)
    columns = [list(column) for column in zip(headers, *rows, strict=True)]
    if any(map(needs_printable, columns)) or (footer and needs_printable(footer)):
        rows = [printable_all(texts) for texts in rows]
        headers = printable_all(headers)
        footer = printable_all(footer) if footer else None
        columns = [printable_all(column) for column in columns]
    widths = _fit(columns, footer, width)
    # One str.format per line pads every column at once (ljust or rjust by code points).
    template = GAP.join(f"{{:{'>' if right else '<'}{width}}}"
                        for width, right in zip(widths, sheet.numeric, strict=True))
    rule = "─" * (sum(widths) + len(GAP) * (len(widths) - 1))
    lines = [title, *_row(headers, widths, template), rule]
    for texts in rows:
        lines += _row(texts, widths, template)
    if footer:
        lines += [rule, *_row(footer, widths, template)]
    if sheet.note:
        lines.append(printable(sheet.note))
    return "\n".join(lines)


def _fit(columns: list[list[str]], footer: list[str] | None, width: int) -> list[int]:
    natural = [max(map(len, column)) for column in columns]
    if footer:
        natural = [max(wide, len(text)) for wide, text in zip(natural, footer, strict=True)]
    room = width - len(GAP) * (len(natural) - 1)
    if sum(natural) <= room:
        return natural
    floor = min_widths(columns, width, len(GAP))
    widths = list(natural)
    while sum(widths) > room:
        # Narrow the column with the most to spare above its floor; then, with none to
        # spare, the widest one (its long words fold).
        spare = [w - f for w, f in zip(widths, floor, strict=True)]
        column = spare.index(max(spare)) if max(spare) > 0 else widths.index(max(widths))
        if widths[column] <= 1:
            break
        widths[column] -= 1
    return widths


def _row(texts: list[str], widths: list[int], template: str) -> list[str]:
    """The lines of a row whose texts are printable already."""
    if all(map(int.__le__, map(len, texts), widths)):
        return [template.format(*texts).rstrip()]
    wrapped = [(text,) if len(text) <= width else _wrap(text, width)
               for text, width in zip(texts, widths, strict=True)]
    return [template.format(*line).rstrip() for line in zip_longest(*wrapped, fillvalue="")]


@lru_cache(maxsize=8192)
def _wrap(text: str, width: int) -> tuple[str, ...]:
    """``text`` in lines of at most ``width``, broken between words; a longer word is folded.
    (textwrap does the same at a third of the speed, which a thousand maps' rows feel.)
    Cached: the same names and owners wrap to the same column width row after row (a
    thousand maps wrap about 50,000 cells, 6,000 of them different)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    return (*lines, current) if current or not lines else tuple(lines)

"""Plain text tables, for a pipe, a file or ``NO_COLOR``: each column as wide as its widest
cell, narrowed (widest first, never below its longest word while it can be helped) until the
table fits the width; cells wrap between words."""

from __future__ import annotations

from cjmap.portfolio.sheets import Cell, Layout, Sheet, min_widths
from cjmap.report.style import printable

GAP = "  "


def plain(page: Layout, width: int) -> str:
    blocks = [f"{printable(page.title)} — {printable(page.summary)}"]
    sheets = ([page.invalid] if page.invalid is not None else []) + page.sheets
    blocks += [_sheet(sheet, width) for sheet in sheets]
    return "\n\n".join(blocks) + "\n"


def _sheet(sheet: Sheet, width: int) -> str:
    title = printable(sheet.title)
    if not sheet.rows:
        return f"{title} — {printable(sheet.empty)}"
    widths = _fit(sheet, width)
    rule = "─" * (sum(widths) + len(GAP) * (len(widths) - 1))
    lines = [title, *_row([Cell(h) for h in sheet.headers], widths, sheet.numeric), rule]
    for row in sheet.rows:
        lines += _row(row, widths, sheet.numeric)
    if sheet.footer:
        lines += [rule, *_row(sheet.footer, widths, sheet.numeric)]
    if sheet.note:
        lines.append(printable(sheet.note))
    return "\n".join(lines)


def _fit(sheet: Sheet, width: int) -> list[int]:
    cells = [sheet.headers[i:i + 1] + [row[i].text for row in sheet.rows]
             + ([sheet.footer[i].text] if sheet.footer else [])
             for i in range(len(sheet.headers))]
    natural = [max(map(len, column)) for column in cells]
    floor = min_widths(sheet, width, len(GAP))
    room = width - len(GAP) * (len(natural) - 1)
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


def _row(row: list[Cell], widths: list[int], numeric: list[bool]) -> list[str]:
    # Most cells fit their column: textwrap only for those that do not.
    texts = [printable(cell.text) for cell in row]
    wrapped = [[text] if len(text) <= width and "\n" not in text else _wrap(text, width)
               for text, width in zip(texts, widths, strict=True)]
    height = max(map(len, wrapped))
    return [GAP.join(
        (parts[line] if line < len(parts) else "").rjust(width) if right
        else (parts[line] if line < len(parts) else "").ljust(width)
        for parts, width, right in zip(wrapped, widths, numeric, strict=True)).rstrip()
        for line in range(height)]


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width``, broken between words; a longer word is folded.
    (textwrap does the same at a third of the speed, which a thousand maps' rows feel.)"""
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
    return [*lines, current] if current or not lines else lines

"""Text tables: each column as wide as its widest cell, narrowed (widest first, never below its
longest word while it can be helped) until the table fits the width; cells wrap between words.
Widths are terminal cells: a table whose text holds wide characters (CJK, most emoji) or
combining marks is measured, wrapped and padded by cells, so that its columns still line up.
On a terminal the same tables are coloured: titles and headers bold, each cell in its tone
(a gap or a problem bold red, something to look at yellow, fine green, secondary dim); the
text is the one a pipe gets, character for character, once the colour codes are taken out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from itertools import zip_longest
from typing import TYPE_CHECKING

from cjmap.portfolio.sheets import Sheet, drawn
from cjmap.report.style import needs_printable, printable, printable_all

if TYPE_CHECKING:
    from cjmap.portfolio.names import TableName
    from cjmap.portfolio.tables import Portfolio

GAP = "  "


# SGR codes: the tones as the terminal shows them, and the titles' weights.
_TONES = {"bad": "1;31", "warn": "33", "good": "32", "muted": "2"}
_BOLD, _DIM = "1", "2"


def plain(portfolio: Portfolio, tables: Sequence[TableName], width: int,
          workers: int = 1, *, color: bool = False) -> str:
    page, sheets = drawn(portfolio, tables, partial(sheet_text, width=width, color=color),
                         workers)
    blocks = [_titled(printable(page.title), printable(page.summary), _sgr if color else _plain)]
    if page.invalid is not None:
        blocks.append(sheet_text(page.invalid, width, color=color))
    return "\n\n".join(blocks + sheets) + "\n"


def _sgr(code: str | None, text: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if code and text else text


def _plain(code: str | None, text: str) -> str:
    return text


def _titled(title: str, after: str, style: Callable[[str | None, str], str]) -> str:
    return f"{style(_BOLD, title)} {style(_DIM, '— ' + after)}"


def sheet_text(sheet: Sheet, width: int, *, color: bool = False) -> str:
    """The sheet as a block of lines at most ``width`` wide (where its words allow), in colour
    with ``color``."""
    style = _sgr if color else _plain
    title = printable(sheet.title)
    if not sheet.rows:
        return _titled(title, printable(sheet.empty), style)
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
    measure = _measure(columns, footer)
    widths = _fit(columns, footer, width, measure)
    # One str.format per line pads every column at once (ljust or rjust by code points): right
    # for every table whose characters each take one cell.
    template = GAP.join(f"{{:{'>' if right else '<'}{width}}}"
                        for width, right in zip(widths, sheet.numeric, strict=True))
    rule = "─" * (sum(widths) + len(GAP) * (len(widths) - 1))
    plain_codes = [None] * len(widths)

    def row_lines(texts: list[str], codes: Sequence[str | None] | None) -> list[str]:
        # A row with no colour, nearly every row, is padded by the one template.
        if measure is not len:
            return _painted(texts, widths, sheet.numeric, codes or plain_codes, measure)
        if codes is None or not any(codes):
            return [template.format(*line).rstrip() for line in _lines(texts, widths, len)]
        return _painted(texts, widths, sheet.numeric, codes, len)

    bold = [_BOLD] * len(widths) if color else None
    lines = [style(_BOLD, title), *row_lines(headers, bold), rule]
    for texts, row in zip(rows, sheet.rows, strict=True):
        lines += row_lines(texts, [_TONES.get(cell.tone or "") for cell in row]
                           if color else None)
    if footer:
        lines += [rule, *row_lines(footer, bold)]
    if sheet.note:
        lines.append(style(_DIM, printable(sheet.note)))
    return "\n".join(lines)


def _measure(columns: list[list[str]], footer: list[str] | None) -> Callable[[str], int]:
    """How the sheet's texts are measured: by code points (``len``) when each of their
    characters takes one terminal cell, as in every English or Spanish text, else by cells."""
    from cjmap.diagnostics import cells, even

    texts = "".join("".join(column) for column in columns) + "".join(footer or ())
    return len if even(texts) else cells


def _fit(columns: list[list[str]], footer: list[str] | None, width: int,
         measure: Callable[[str], int]) -> list[int]:
    natural = [max(map(measure, column)) for column in columns]
    if footer:
        natural = [max(wide, measure(text)) for wide, text in zip(natural, footer, strict=True)]
    room = width - len(GAP) * (len(natural) - 1)
    if sum(natural) <= room:
        return natural
    floor = _min_widths(columns, width, len(GAP), measure)
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


# The width below which no column is squeezed when a table is fitted to a terminal.
_NARROWEST = 6


def _min_widths(columns: Sequence[Sequence[str]], width: int, padding: int,
               measure: Callable[[str], int]) -> list[int]:
    """Each column's narrowest width in a table ``width`` wide whose columns (their texts: the
    header, then the rows' cells) take ``padding`` more each: its longest word, so that cells
    wrap between words rather than inside them; the widest give way first when the words of
    every column do not fit side by side. ``measure`` tells a text's width (its terminal
    cells, where some characters take two or none)."""
    widths = [_longest_word(column, measure) for column in columns]
    room = width - padding * len(widths)
    while sum(widths) > room and max(widths) > _NARROWEST:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def _longest_word(texts: Iterable[str], measure: Callable[[str], int]) -> int:
    # One split of the column's texts joined: a loop over the cells costs half as much again.
    return max(map(measure, " ".join(texts).split()), default=0)


def _lines(texts: list[str], widths: list[int], measure: Callable[[str], int]
           ) -> Sequence[Sequence[str]]:
    """The texts of each line of a row (printable already): one line when every cell fits its
    column, else each cell wrapped to its width."""
    if all(map(int.__le__, map(measure, texts), widths)):
        return [texts]
    return list(zip_longest(*[(text,) if measure(text) <= width else _wrap(text, width, measure)
                              for text, width in zip(texts, widths, strict=True)],
                            fillvalue=""))


def _painted(texts: list[str], widths: list[int], numeric: list[bool],
             codes: Sequence[str | None], measure: Callable[[str], int]) -> list[str]:
    """The lines of a row, each cell's part in its colour (if any): padded outside the colour
    codes, by the cells each text takes, so that the columns line up on the screen."""
    drawn_lines = []
    for line in _lines(texts, widths, measure):
        parts = []
        for text, width, right, code in zip(line, widths, numeric, codes, strict=True):
            pad = " " * (width - measure(text))
            parts.append(pad + _sgr(code, text) if right else _sgr(code, text) + pad)
        drawn_lines.append(GAP.join(parts).rstrip())
    return drawn_lines


@lru_cache(maxsize=8192)
def _wrap(text: str, width: int, measure: Callable[[str], int]) -> tuple[str, ...]:
    """``text`` in lines of at most ``width`` (as ``measure`` tells), broken between words; a
    longer word is folded. (textwrap does the same at a third of the speed, which a thousand
    maps' rows feel.) Cached: the same names and owners wrap to the same column width row
    after row (a thousand maps wrap about 50,000 cells, 6,000 of them different)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while measure(word) > width:
            if current:
                lines.append(current)
                current = ""
            head = _head(word, width, measure)
            lines.append(head)
            word = word[len(head):]
        if not current:
            current = word
        elif measure(current) + 1 + measure(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    return (*lines, current) if current or not lines else tuple(lines)


def _head(word: str, width: int, measure: Callable[[str], int]) -> str:
    """The longest start of ``word`` that is at most ``width`` wide, one character at least (a
    wide character in a column one cell wide still has to go somewhere)."""
    if measure is len:
        return word[:width]
    end = 1
    while end < len(word) and measure(word[:end + 1]) <= width:
        end += 1
    return word[:end]

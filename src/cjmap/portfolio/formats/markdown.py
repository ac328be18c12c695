"""Markdown for a wiki page or a pull-request comment: a heading per table, GitHub pipe tables,
every string escaped as the single-map Markdown render escapes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.portfolio.formats import ReportOptions
from cjmap.portfolio.sheets import Cell, Sheet, drawn
from cjmap.render.markdown import inline, span

if TYPE_CHECKING:
    from cjmap.portfolio.tables import Portfolio


def write(portfolio: Portfolio, options: ReportOptions) -> bytes:
    page, sheets = drawn(portfolio, options.tables, _sheet, options.workers)
    blocks = [f"# {inline(page.title)}", f"*{span(page.summary)}*"]
    if page.invalid is not None:
        blocks += _sheet(page.invalid)
    for sheet in sheets:
        blocks += sheet
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _cell(cell: Cell) -> str:
    text = span(cell.text)
    # A gap or a problem is bold, so it stands out where no colour is shown.
    return f"**{text}**" if cell.tone == "bad" and text else text


def _sheet(sheet: Sheet) -> list[str]:
    heading = f"## {inline(sheet.title)}"
    if not sheet.rows:
        return [heading, f"*{span(sheet.empty)}*"]
    lines = ["| " + " | ".join(span(h) for h in sheet.headers) + " |",
             "|" + "|".join("---:" if numeric else "---" for numeric in sheet.numeric) + "|"]
    lines += ["| " + " | ".join(map(_cell, row)) + " |" for row in sheet.rows]
    if sheet.footer:
        lines.append("| " + " | ".join(f"**{span(c.text)}**" for c in sheet.footer) + " |")
    blocks = [heading, "\n".join(lines)]
    if sheet.note:
        blocks.append(f"*{span(sheet.note)}*")
    return blocks

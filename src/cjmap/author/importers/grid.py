"""A spreadsheet as a grid of cells, whatever file it came from: CSV (any encoding Excel
writes, any delimiter) or each worksheet of an .xlsx workbook (read with openpyxl, imported
only here).

Every cell keeps where it was, so a message can name it as the user sees it: ``sheet.csv:3:2``
(the line the row starts on, the field) or ``Journey!B3``.
"""

import codecs
import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from cjmap.author.importers.base import SourceError

Value = str | int | float
ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls
_DELIMITERS = ("\t", ";", ",", "|")
# Characters no cell means (what a binary file or a stray escape leaves); tabs and line breaks
# are the user's.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
# A text cell a spreadsheet shows as text though it starts like a formula: the renderer writes
# it with an apostrophe in front, as Excel does, and the apostrophe is not part of the text.
_QUOTED_FORMULA = re.compile(r"^'(?=[=+\-@\t\r])")
# Sheets templates keep beside the journey: they are not reported as skipped.
_HELPER_SHEETS = re.compile(r"^(?:sheet|hoja|hoja de c[aá]lculo)\s*\d*$", re.IGNORECASE)


@dataclass
class Grid:
    """One sheet: its rows of cells (``""`` for an empty one) and where each came from."""

    source: str  # the file name
    sheet: str | None  # the worksheet's title; None for CSV
    rows: list[list[Value]]
    # CSV: the line each row starts on (a quoted cell may span lines).
    lines: list[int] = field(default_factory=list)
    # Merged ranges, 0-based and inclusive: (first row, first column, last row, last column).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def cell(self, row: int, column: int) -> Value:
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[column] if column < len(cells) else ""

    def position(self, row: int, column: int) -> tuple[int, int]:
        """The 1-based line and column a :class:`SourceError` names."""
        return (self.lines[row] if self.lines else row + 1), column + 1

    def where(self, row: int, column: int) -> str:
        """The cell as its spreadsheet names it."""
        if self.sheet is None:
            line, col = self.position(row, column)
            return f"{self.source}:{line}:{col}"
        return f"{self.source}: {self.sheet}!{column_letter(column)}{row + 1}"

    def generic_name(self) -> bool:
        return self.sheet is None or bool(_HELPER_SHEETS.match(self.sheet.strip()))


def column_letter(column: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``: the column as a spreadsheet names it."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def clean(text: str) -> str:
    r"""A cell's text: line breaks as ``\n``, no control characters, no outer spaces. An outer
    line break stays: it makes a cell of one item that holds a ``;`` a list of that one."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        return ""
    return _QUOTED_FORMULA.sub("", text.strip(" \t")).strip(" \t")


def decode(data: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
    "Unicode text"), else Windows-1252 (what Excel writes for "CSV" on Windows in Western
    European locales)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode(data[len(bom):], codec, name, len(bom))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "cp1252", name, 0)
    return _text_only(text, name)


def _decode(data: bytes, codec: str, name: str, offset: int) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            f"{name} is not text in {'UTF-8' if codec == 'cp1252' else codec.upper()} or "
            f"Windows-1252 (byte {error.start + offset + 1})", line, column,
            "save the sheet as 'CSV UTF-8' or as an .xlsx workbook") from None
    return _text_only(text, name)


def _text_only(text: str, name: str) -> str:
    if "\x00" in text:
        prefix = text[:text.index("\x00")]
        raise SourceError(f"{name} holds NUL characters: it is not a CSV file",
                          prefix.count("\n") + 1, len(prefix) - (prefix.rfind("\n") + 1) + 1,
                          "export the sheet as CSV, or give the .xlsx workbook itself")
    return text


def delimiter(text: str, name: str) -> str:
    """The delimiter of a CSV text: a tab for .tsv; else the one of ``\\t ; , |`` found outside
    quotes on the most of the first lines (Excel writes ``;`` where the decimal mark is a
    comma)."""
    if name.lower().endswith(".tsv"):
        return "\t"
    lines = [line for line in text.split("\n", 50)[:50] if line.strip()]
    best, best_score = ",", (0, 0)
    for candidate in _DELIMITERS:
        counts = [_outside_quotes(line).count(candidate) for line in lines]
        score = (sum(1 for count in counts if count), sum(counts))
        if score > best_score:
            best, best_score = candidate, score
    return best


def _outside_quotes(line: str) -> str:
    return "".join(part for index, part in enumerate(line.split('"')) if index % 2 == 0)


def csv_grid(data: bytes, name: str) -> Grid:
    text = decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text, name),
                        strict=True)
    grid = Grid(name, None, [])
    try:
        start = 1
        for row in reader:
            grid.rows.append([clean(value) for value in row])
            grid.lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        raise SourceError(f"{name} is not a well-formed CSV file: {error}",
                          reader.line_num or 1, 1,
                          'check the quotes on this line: a quote inside a cell is written '
                          'twice ("")') from None
    return grid


def xlsx_grids(data: bytes, name: str) -> tuple[list[Grid], list[str]]:
    """Every visible worksheet as a grid, and the names of the hidden ones (not read)."""
    try:
        import openpyxl
    except ImportError:  # a dependency of cjmap, but an environment may lack it
        raise SourceError(f"reading {name} needs openpyxl, which is not installed",
                          hint="pip install openpyxl") from None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts of a workbook it does not keep (data validation,
            # slicers): none of them hold the journey.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl's own errors: all mean "not one"
        raise SourceError(f"{name} is not an .xlsx workbook openpyxl can read "
                          f"({type(error).__name__}: {str(error)[:200]})",
                          hint="open it in a spreadsheet and save it again as .xlsx") from None
    grids: list[Grid] = []
    hidden: list[str] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            hidden.append(sheet.title)
            continue
        rows = [[_value(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        merged = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                  for r in sheet.merged_cells.ranges]
        grids.append(Grid(name, sheet.title, rows, merged=merged))
    return grids, hidden


def _value(value: object) -> Value:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return clean(str(value))


def is_old_xls(data: bytes) -> bool:
    return data.startswith(_OLE)

"""The CSV file ``cjmap metrics update --from`` reads: dated values of metrics, one a row.

A spreadsheet or an analytics export writes it, so the file is read as they write it: UTF-8 with
or without a byte-order mark, ``,`` between columns or ``;`` (what spreadsheets in Spanish
locales write, with a decimal comma: ``12,5``), headers in English or Spanish in any case, and
columns in any order; columns it does not know (a note, a source) are left alone. Dates are ISO
``YYYY-MM-DD`` only: ``03/04/2026`` is the 3rd of April in Madrid and the 4th of March in New
York, and a file of monthly figures taken on the 1st never says which it means.

Every problem is collected with its line, so that one run lists them all.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from cjmap.i18n import _

# Each column by the headers that name it (compared in lower case, spaces trimmed).
HEADERS: dict[str, tuple[str, ...]] = {
    "metric": ("metric", "métrica", "metrica"),
    "date": ("date", "fecha"),
    "value": ("value", "valor"),
    "map": ("map", "mapa"),
    "step": ("step", "paso"),
}
REQUIRED = ("metric", "date", "value")
_DELIMITERS = (",", ";", "\t")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SLASHED_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_NUMBER = re.compile(r"^[-+−]?(\d+([.,]\d*)?|[.,]\d+)$")
# 1.234 or 1.234.567 where ',' is the decimal mark: a thousands separator, or three decimals?
_GROUPED = re.compile(r"^[-+−]?\d{1,3}(\.\d{3})+(,\d+)?$")


@dataclass(frozen=True)
class Problem:
    """Something wrong in the CSV (or, from :mod:`cjmap.author.metrics`, in a map), at a line."""

    path: str
    line: int
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Row:
    """One dated value, and the line of the CSV it came from."""

    line: int
    metric: str
    day: date
    value: float
    map: str | None = None
    step: str | None = None


def read_rows(text: str, path: str) -> tuple[list[Row], list[Problem]]:
    """The rows of the CSV ``text``, and every problem found in it."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return [], [Problem(path, 1, _("the file is empty"),
                            _("write a header row (metric,date,value), then one row per "
                              "value"))]
    delimiter = _delimiter(lines[first])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = iter(reader)
    header: list[str] = []
    header_line = 1
    for header in records:
        header_line = reader.line_num
        if any(cell.strip() for cell in header):
            break
    columns, problems = _columns(header, header_line, path)
    if problems:
        return [], problems
    rows: list[Row] = []
    line = header_line
    for record in records:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        row = _row(record, columns, start, path, delimiter, problems)
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.append(Problem(path, header_line, _("the file has a header but no values"),
                                _("add one row per value below the header")))
    return rows, problems


def _delimiter(header: str) -> str:
    """The delimiter that splits the header into the most columns cjmap knows."""
    known = {name for names in HEADERS.values() for name in names}

    def score(delimiter: str) -> int:
        return sum(cell.strip().strip('"').lower() in known for cell in header.split(delimiter))

    return max(_DELIMITERS, key=score)


Columns = dict[str, tuple[int, str]]  # each column: its index, and its header as written


def _columns(header: list[str], line: int, path: str) -> tuple[Columns, list[Problem]]:
    by_name = {name: column for column, names in HEADERS.items() for name in names}
    columns: Columns = {}
    problems = []
    for index, cell in enumerate(header):
        column = by_name.get(cell.strip().lower())
        if column is None:
            continue
        if column in columns:
            problems.append(Problem(path, line, _("the header names the column '{column}' "
                                                  "twice").format(column=cell.strip()),
                                    _("keep one of them")))
        columns.setdefault(column, (index, cell.strip()))
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        problems.append(Problem(
            path, line, _("the header has no column {columns}").format(
                columns=", ".join(f"'{column}'" for column in missing)),
            _("the first row names the columns: metric, date, value (or métrica, fecha, "
              "valor), and map or step where a metric id is not enough")))
    return columns, problems


def _row(record: list[str], columns: Columns, line: int, path: str, delimiter: str,
         problems: list[Problem]) -> Row | None:
    def cell(column: str) -> str | None:
        if column not in columns:
            return None
        index = columns[column][0]
        return record[index].strip() if index < len(record) else ""

    found = len(problems)
    metric, day_text, value_text = cell("metric") or "", cell("date") or "", cell("value") or ""
    for column, written in (("metric", metric), ("date", day_text), ("value", value_text)):
        if not written:
            problems.append(Problem(path, line, _("this row has no '{column}'").format(
                column=columns[column][1]), _("every row needs a metric, a date and a value")))
    day = _date(day_text, line, path, problems) if day_text else None
    value = _number(value_text, delimiter, line, path, problems) if value_text else None
    if len(problems) > found or day is None or value is None:
        return None
    return Row(line, metric, day, value, cell("map") or None, cell("step") or None)


def _date(text: str, line: int, path: str, problems: list[Problem]) -> date | None:
    iso = _ISO_DATE.match(text)
    if iso is not None:
        try:
            return date(*(int(part) for part in iso.groups()))
        except ValueError:
            problems.append(Problem(path, line, _("'{date}' is no day of the calendar").format(
                date=text), _("check the month and the day (YYYY-MM-DD)")))
            return None
    slashed = _SLASHED_DATE.match(text)
    if slashed is not None:
        first, second, year = slashed.groups()
        readings = sorted({f"{year}-{int(b):02d}-{int(a):02d}" for a, b in
                           ((first, second), (second, first)) if int(b) <= 12 and int(a) <= 31})
        hint = _("write it as {dates}").format(dates=_(" or ").join(readings)) if readings \
            else _("write dates as YYYY-MM-DD")
        problems.append(Problem(path, line, _("'{date}' is not an ISO date: day and month may "
                                              "be either way round").format(date=text), hint))
        return None
    problems.append(Problem(path, line, _("'{date}' is not a date").format(date=text),
                            _("write dates as YYYY-MM-DD, e.g. 2026-11-01")))
    return None


def _number(text: str, delimiter: str, line: int, path: str,
            problems: list[Problem]) -> float | None:
    compact = text.replace(" ", "").replace("\u00a0", "").replace("−", "-")
    decimal_comma = delimiter == ";"
    if decimal_comma and _GROUPED.match(compact) and "," not in compact:
        problems.append(Problem(path, line, _("'{value}' could be a number with three decimals "
                                              "or one with a thousands separator").format(
            value=text), _("write it without the separator (1234) or with a decimal comma "
                           "(1,234)")))
        return None
    if decimal_comma and _GROUPED.match(compact):
        compact = compact.replace(".", "")
    if _NUMBER.match(compact) is None or (not decimal_comma and "," in compact):
        hint = (_("with ',' between columns, write decimals with a point: 12.5")
                if "," in compact and _NUMBER.match(compact) else
                _("write the figure alone, e.g. 48 or 12.5: the unit is the metric's"))
        problems.append(Problem(path, line, _("'{value}' is not a number").format(value=text),
                                hint))
        return None
    # The pattern admits digits only: no 'nan' nor 'inf' gets this far.
    return float(compact.replace(",", "."))

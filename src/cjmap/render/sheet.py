"""The journey as a spreadsheet, CSV or Excel .xlsx, in the lanes-as-rows layout of journey-map
templates: a column per step, the stage row on top, one row per lane.

What it writes, ``cjmap import`` reads back to the same steps, stages, emotions, actions,
touchpoints, pain points, opportunities and metrics (docs/authoring.md has the cell syntax):

- rows above the grid say what the whole map is: title, persona, start, end, language;
- the lanes every template has are always there (Stage, Step, Actions, Touchpoints, Thoughts,
  Emotion, Pain points, Opportunities, Metrics); the others (Id, Description, Needs, Feeling,
  the blueprint layers, Duration, Moment of truth, Evidence, Next, the stage's own touchpoints)
  only when the map uses them;
- a stage with no step gets a column of its own (a touchpoint audit is a row of stages);
- a list cell holds one item per line; an item's details follow it in parentheses
  (``Size guide (Website, direct, owner: E-commerce team)``).

A sheet carries less than the YAML: touchpoint quality scores, metric history, the labels of
``next`` and the emotions of personas other than the main one are not written.

CSV is UTF-8 with a byte-order mark (so that Excel reads the accents), ``;``-separated for a
Spanish map (what Excel expects where the decimal mark is a comma), ``,`` otherwise; a text that
would start a formula (``=``, ``+``, ``-``, ``@``) gets Excel's text apostrophe. The workbook is
written with fixed dates, so the same map gives the same bytes.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmap.format.model import (
    Action,
    Journey,
    Metric,
    Opportunity,
    PainPoint,
    Stage,
    Step,
    Touchpoint,
    slugify,
)
from cjmap.render import RenderError, RenderOptions
from cjmap.render.labels import labels
from cjmap.render.palette import EMOTION

Value = str | int | float
# The keys of the details of an item, in the sheet's language (the importer reads both).
_KEYS = {
    "en": {"owner": "owner", "id": "id", "addresses": "addresses", "target": "target",
           "source": "source", "unit": "unit", "as_of": "as of", "actor": "actor",
           "channel": "channel"},
    "es": {"owner": "responsable", "id": "id", "addresses": "resuelve", "target": "objetivo",
           "source": "fuente", "unit": "unidad", "as_of": "fecha", "actor": "responsable",
           "channel": "canal"},
}
_WORDS = {
    "en": {"lower": "lower", "higher": "higher"},
    "es": {"lower": "menor", "higher": "mayor"},
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Bare details the importer reads as a field's value, so a channel spelled like one is keyed.
_RESERVED = re.compile(r"^(?:direct[oa]?|indirect[oa]?|online|offline|en l[ií]nea|"
                       r"fuera de l[ií]nea|presencial|extern[oa]|external|third party|"
                       r"de terceros)$", re.IGNORECASE)
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass
class Table:
    """The sheet: rows of cells, and the stage cells to merge (row, first and last column)."""

    rows: list[list[Value]] = field(default_factory=list)
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    # The row of the emotion scores, for the colours of a workbook.
    emotion_row: int = -1


def table(journey: Journey, options: RenderOptions) -> Table:
    """The lanes-as-rows sheet of ``journey``, in the labels of ``options.lang`` (the map's own
    by default)."""
    lang = options.lang or journey.lang
    words = labels(lang)
    sheet = Table()
    sheet.rows.append([words["title"], journey.title])
    if journey.persona is not None:
        sheet.rows.append([words["persona"], journey.persona.name])
    for key, point in (("start", journey.start), ("end", journey.end)):
        if point is not None:
            sheet.rows.append([words[key], point.name])
    sheet.rows.append([words["language"], journey.lang])
    sheet.rows.append([])
    columns = _columns(journey)
    stage_names = {stage.id: stage.name or stage.id for stage in journey.stages}
    first = len(sheet.rows)
    sheet.rows.append([words["stage"], *(stage_names[stage.id] for stage, _ in columns)])
    start = 0
    for index in range(1, len(columns) + 1):
        if index == len(columns) or columns[index][0].id != columns[start][0].id:
            if index - start > 1:
                sheet.spans.append((first, start + 1, index))
            start = index
    steps = [step for _, step in columns]
    details = _Details(lang)
    lanes: list[tuple[str, Callable[[Step], Value], bool]] = [
        ("step", lambda s: s.name, True),
        ("step_id", lambda s: s.id if s.id and s.id != slugify(s.name) else "", False),
        ("description", lambda s: s.description or "", False),
        ("actions", lambda s: _cell(s.actions), True),
        ("needs", lambda s: _cell(s.needs), False),
        ("touchpoints", lambda s: _cell(map(details.touchpoint, s.touchpoints)), True),
        ("thoughts", lambda s: _cell(s.thoughts), True),
        ("emotion", lambda s: s.emotion.score if s.emotion is not None else "", True),
        ("feeling", lambda s: (s.emotion.label or "") if s.emotion is not None else "", False),
        ("pain_points", lambda s: _cell(map(details.pain_point, s.pain_points)), True),
        ("opportunities", lambda s: _cell(map(details.opportunity, s.opportunities)), True),
        ("metrics", lambda s: _cell(map(details.metric, s.metrics)), True),
        ("frontstage", lambda s: _cell(map(details.action, s.frontstage)), False),
        ("backstage", lambda s: _cell(map(details.action, s.backstage)), False),
        ("support", lambda s: _cell(map(details.action, s.support)), False),
        ("duration", lambda s: _duration(s, lang), False),
        ("moment_of_truth", lambda s: words["yes"] if s.moment_of_truth else "", False),
        ("evidence", lambda s: words[s.evidence] if s.evidence else "", False),
        ("next", lambda s: " ".join(s.next) if s.next is not None else "", False),
    ]
    for key, value, always in lanes:
        values = [value(step) if step is not None else "" for step in steps]
        if always or any(v != "" for v in values):
            if key == "emotion":
                sheet.emotion_row = len(sheet.rows)
            sheet.rows.append([words[key], *values])
    if any(stage.touchpoints for stage in journey.stages):
        sheet.rows.append([words["stage_touchpoints"], *_stage_touchpoints(columns, details)])
    return sheet


def _columns(journey: Journey) -> list[tuple[Stage, Step | None]]:
    """A column per step, in the journey's order, and one for each stage without a step, where
    the stage order puts it."""
    stages = {stage.id: stage for stage in journey.stages}
    order = {stage.id: index for index, stage in enumerate(journey.stages)}
    columns: list[tuple[Stage, Step | None]] = [(stages[step.stage or ""], step)
                                                for step in journey.steps]
    used = {step.stage for step in journey.steps}
    for stage in journey.stages:
        if stage.id in used:
            continue
        at = max((index + 1 for index, (other, _) in enumerate(columns)
                  if order[other.id] < order[stage.id]), default=0)
        columns.insert(at, (stage, None))
    return columns


def _stage_touchpoints(columns: list[tuple[Stage, Step | None]], details: "_Details"
                       ) -> list[Value]:
    seen: set[str] = set()
    cells: list[Value] = []
    for stage, _ in columns:
        cells.append("" if stage.id in seen else _cell(map(details.touchpoint,
                                                           stage.touchpoints)))
        seen.add(stage.id)
    return cells


def _cell(items: Any) -> str:
    """A list cell: one item per line. A lone item with a ``;`` or `` | `` (which the importer
    would split) ends with a line break, which makes it one."""
    texts = [" ".join(str(item).split()) for item in items]
    if len(texts) == 1 and (";" in texts[0] or " | " in texts[0]):
        return texts[0] + "\n"
    return "\n".join(texts)


def _duration(step: Step, lang: str) -> str:
    duration = step.duration
    if duration is None:
        return ""
    from cjmap.render.formatting import format_duration

    return format_duration(duration, lang)


def _figure(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


class _Details:
    """Items as the importer reads them: the text, then its details in parentheses."""

    def __init__(self, lang: str) -> None:
        self.words = labels(lang)
        self.keys = _KEYS["es" if lang == "es" else "en"]
        self.better = _WORDS["es" if lang == "es" else "en"]

    def _item(self, text: str, details: list[str]) -> str:
        text = " ".join(text.split())
        if details:
            return f"{text} ({', '.join(details)})"
        # A text that ends in a parenthesis of its own says it has no details.
        return f"{text} ()" if text.endswith(")") else text

    def _keyed(self, key: str, value: str | None) -> list[str]:
        return [f"{self.keys[key]}: {' '.join(value.split())}"] if value else []

    def touchpoint(self, touchpoint: Touchpoint) -> str:
        details: list[str] = []
        if touchpoint.channel:
            channel = " ".join(touchpoint.channel.split())
            details += [channel] if not _RESERVED.match(channel) and ":" not in channel else \
                self._keyed("channel", channel)
        if touchpoint.kind:
            details.append(self.words[touchpoint.kind].lower())
        if touchpoint.online is not None:
            details.append(self.words["online" if touchpoint.online else "offline"])
        if touchpoint.external:
            details.append(self.words["external"])
        details += self._keyed("owner", touchpoint.owner)
        return self._item(touchpoint.name, details)

    def pain_point(self, pain: PainPoint) -> str:
        details = [self.words[pain.severity]] if pain.severity else []
        return self._item(pain.text, details + self._keyed("id", pain.id))

    def opportunity(self, opportunity: Opportunity) -> str:
        details = [self.words[opportunity.priority]] if opportunity.priority else []
        if opportunity.lever:
            details.append(self.words[opportunity.lever].lower())
        details += self._keyed("owner", opportunity.owner) + self._keyed("id", opportunity.id)
        details += self._keyed("addresses", " ".join(opportunity.addresses))
        return self._item(opportunity.text, details)

    def metric(self, metric: Metric) -> str:
        text = " ".join(metric.name.split())
        details: list[str] = []
        if metric.actual is not None:
            text += f": {_figure(metric.actual)}" + (f" {metric.unit}" if metric.unit else "")
        else:
            details += self._keyed("unit", metric.unit)
        if metric.target is not None:
            details.append(f"{self.keys['target']}: {_figure(metric.target)}")
        if metric.kind != "custom":
            details.append(metric.kind)
        if metric.better != "higher":
            details.append(self.better[metric.better])
        details += self._keyed("source", metric.source) + self._keyed("id", metric.id)
        details += self._keyed("as_of", metric.as_of.isoformat() if metric.as_of else None)
        return self._item(text, details)

    def action(self, action: Action) -> str:
        return self._item(action.text, self._keyed("actor", action.actor))


def render_csv(journey: Journey, options: RenderOptions) -> bytes:
    """The sheet as CSV: UTF-8 with a byte-order mark, CRLF line ends (as Excel writes)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if (options.lang or journey.lang) == "es" else ",",
                        lineterminator="\r\n")
    for row in table(journey, options).rows:
        writer.writerow([_text_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text_cell(value: Value) -> Value:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def render_xlsx(journey: Journey, options: RenderOptions) -> bytes:
    """The sheet as an Excel workbook: scores as numbers coloured as on every rendering, the
    stage merged over its steps, the lane names frozen on the left."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise RenderError("the xlsx format needs openpyxl: pip install openpyxl") from None
    from cjmap.safetext import xml_safe

    sheet = table(journey, options)
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None  # a new workbook has its one sheet
    worksheet.title = _sheet_title(labels(options.lang or journey.lang)["journey_map"])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.rows:
        worksheet.append([xml_safe(v) if isinstance(v, str) else v for v in row])
    for cells in worksheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts like a formula
                cell.alignment = wrap
        if cells:
            cells[0].font = Font(bold=True)
    for top, left, right in sheet.spans:
        worksheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=top + 1,
                              end_column=right + 1)
        worksheet.cell(top + 1, left + 1).alignment = Alignment(horizontal="center",
                                                                vertical="top")
    if sheet.emotion_row >= 0:
        for cell in worksheet[sheet.emotion_row + 1][1:]:
            if isinstance(cell.value, int):
                swatch = EMOTION[cell.value]
                cell.fill = PatternFill("solid", fgColor=swatch.fill[1:].upper())
                cell.font = Font(color=swatch.text[1:].upper())
                cell.alignment = Alignment(horizontal="center", vertical="top")
    worksheet.column_dimensions["A"].width = 24
    for column in range(2, worksheet.max_column + 1):
        worksheet.column_dimensions[get_column_letter(column)].width = 32
    worksheet.freeze_panes = "B1"
    return _workbook_bytes(workbook, journey)


def _sheet_title(text: str) -> str:
    # Excel refuses these characters in a sheet's name, and names longer than 31.
    return re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip() or "Journey"


def _workbook_bytes(workbook: Any, journey: Journey) -> bytes:
    """The workbook's bytes, the same for the same map: openpyxl stamps the time of writing in
    the document's properties and in every zip entry."""
    from datetime import datetime
    from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

    from openpyxl.writer.excel import ExcelWriter

    review = journey.review
    stamp = datetime(1970, 1, 1)
    if review is not None and review.last_reviewed is not None:
        stamp = datetime.combine(review.last_reviewed, datetime.min.time())
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "cjmap"

    class FixedTimes(ZipFile):
        def writestr(self, zinfo_or_arcname: str | ZipInfo, data: Any,
                     compress_type: int | None = None, compresslevel: int | None = None
                     ) -> None:
            if isinstance(zinfo_or_arcname, str):
                zinfo_or_arcname = ZipInfo(zinfo_or_arcname, date_time=_EPOCH)
                zinfo_or_arcname.compress_type = ZIP_DEFLATED
            super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

        def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
            self.writestr(arcname or filename, Path(filename).read_bytes())

    buffer = io.BytesIO()
    with FixedTimes(buffer, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()

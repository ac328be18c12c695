"""Spreadsheets (CSV, TSV, Excel .xlsx) in the two layouts journey-map templates use.

- **Lanes as rows**: the first column names the lanes (Stage, Step, Actions, Touchpoints,
  Thoughts, Emotion, Pain points, Opportunities, Metrics…), and each further column is a step.
- **One row per step**: a header row of those names, and a row per step below it.

The layout is the one whose names are found: lane names down the first column, or across a row
(the one of the first 30 with the most). Rows above the grid may say what the whole map is
(``Title | …``, ``Persona | …``, ``Start``, ``End``, ``Language``); a lone text there is the
title. A workbook gives one journey per visible sheet with a grid; other sheets (instructions,
legends, lookups) are skipped and named in ``dropped``. See docs/authoring.md, "Spreadsheets".
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from cjmap.author.importers import cells
from cjmap.author.importers.base import Imported, ImportOptions, SourceError
from cjmap.author.importers.grid import Grid, Value, csv_grid, is_old_xls, xlsx_grids
from cjmap.author.importers.lanes import IGNORE, MAP_FIELDS, STEP_FIELDS, field_of, lane, words

SUFFIXES = (".csv", ".tsv", ".xlsx")
EXTENSION = "x-import"
ASSUMED = "assumed"
_HEADER_ROWS = 30
_SINGLE = ("id", "name", "emotion", "feeling", "duration", "moment_of_truth", "evidence")
_LISTS = ("actions", "needs", "thoughts")
_QUOTES = "\"'“”‘’«»"

_FACES = {"😫": -2, "😣": -2, "😡": -2, "😠": -2, "😭": -2, "😞": -1, "🙁": -1, "☹": -1,
          "😟": -1, "😕": -1, "😐": 0, "😶": 0, "🙂": 1, "😊": 1, "😀": 2, "😃": 2, "😄": 2,
          "😁": 2, "😍": 2, "🤩": 2}
# Feelings written as words only: their score is a guess (``evidence: assumed``).
_FEELINGS: dict[str, int] = {
    **dict.fromkeys(("very negative", "furious", "angry", "frustrated", "desperate", "awful",
                     "muy negativo", "furioso", "enfadado", "frustrado", "desesperado",
                     "fatal"), -2),
    **dict.fromkeys(("negative", "anxious", "worried", "confused", "annoyed", "unsure", "sad",
                     "bored", "negativo", "ansioso", "preocupado", "confundido", "molesto",
                     "inseguro", "triste", "aburrido", "dudoso"), -1),
    **dict.fromkeys(("neutral", "ok", "indifferent", "calm", "neutro", "indiferente",
                     "tranquilo"), 0),
    **dict.fromkeys(("positive", "happy", "pleased", "satisfied", "confident", "reassured",
                     "curious", "hopeful", "positivo", "contento", "satisfecho", "confiado",
                     "tranquilizado", "curioso", "esperanzado"), 1),
    **dict.fromkeys(("very positive", "delighted", "excited", "thrilled", "relieved",
                     "muy positivo", "encantado", "entusiasmado", "emocionado", "aliviado"), 2),
}
_SCORE = r"[+\-−]?\d+(?:[.,]\d+)?"
_SCORE_FIRST = re.compile(rf"^({_SCORE})(?:\s*/\s*(\d+))?(?:\s*[·:,|–—-]?\s+|$)(.*)$",
                          re.DOTALL)
_SCORE_LAST = re.compile(rf"^(.*?)\s*\(\s*({_SCORE})(?:\s*/\s*(\d+))?\s*\)$", re.DOTALL)
_STATED_RANGE = re.compile(r"(-?\d+)\s*(?:-|–|—|to|a|\.\.)\s*\+?(-?\d+)")
_STATED_TOP = re.compile(r"/\s*(\d+)")


def sniff(data: bytes, name: str = "<stdin>") -> str | None:
    """``xlsx`` for a zip (an .xlsx is one), ``csv`` for a text whose first lines name journey
    lanes, else None: this module reads both formats, so it says which."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    try:
        grid = csv_grid(data[:16_384], name)
    except SourceError:
        return None
    first_column = sum(1 for row in grid.rows[:_HEADER_ROWS]
                       if row and isinstance(row[0], str) and _is_lane(row[0]))
    across = max((sum(1 for value in row if isinstance(value, str) and _is_lane(value))
                  for row in grid.rows[:_HEADER_ROWS]), default=0)
    return "csv" if max(first_column, across) >= 2 else None


def _is_lane(text: str) -> bool:
    found = lane(text) if len(text) < 80 else None
    return found is not None and found[0] in STEP_FIELDS


def read(data: bytes, name: str, options: ImportOptions) -> list[Imported]:
    """The journey of a CSV file, or of each sheet of a workbook with one."""
    columns = _columns(options)
    if is_old_xls(data):
        raise SourceError(f"{name} is an old binary Excel workbook (.xls)",
                          hint="save it as .xlsx (Excel Workbook) or as CSV UTF-8")
    if data.startswith(b"PK\x03\x04"):
        grids, hidden = xlsx_grids(data, name)
        dropped = [f"{name}: sheet '{title}' is hidden: not read" for title in hidden]
    else:
        grids, dropped = [csv_grid(data, name)], []
    journeys: list[Imported] = []
    problems: list[SourceError] = []
    for grid in grids:
        try:
            journeys.append(_Sheet(grid, columns, options).journey())
        except SourceError as error:
            if len(grids) == 1:
                raise
            problems.append(error)
            if any(value != "" for row in grid.rows for value in row):
                dropped.append(f"{name}: sheet '{grid.sheet}' holds no journey "
                               f"({error.message}): not imported")
    if not journeys:
        raise problems[0] if problems else SourceError(
            f"{name} has no visible sheet with a journey",
            hint="a journey sheet names its lanes (Step, Actions, Touchpoints…) down its first "
                 "column or across a header row")
    journeys[0].dropped[:0] = dropped
    return journeys


def _columns(options: ImportOptions) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for name, target in options.columns:
        found = field_of(target)
        if found is None:
            raise SourceError(
                f"--column {name}={target}: '{target}' is not a field cjmap can fill",
                hint=f"use one of {', '.join(STEP_FIELDS + MAP_FIELDS)}, an x- key, "
                     f"or {IGNORE}")
        chosen[words(name)] = found
    return chosen


@dataclass
class _Cell:
    value: Value
    row: int
    column: int

    @property
    def raw(self) -> str:
        """The text as written, line breaks around it included (list cells split on them)."""
        if isinstance(self.value, str):
            return self.value
        return str(cells.whole(float(self.value)))

    @property
    def text(self) -> str:
        return self.raw.strip()


@dataclass
class _Track:
    """A step (a column of a lanes-as-rows sheet, a row of the other layout), by lane."""

    cells: dict[str, list[_Cell]] = field(default_factory=dict)

    def add(self, key: str, cell: _Cell) -> None:
        self.cells.setdefault(key, []).append(cell)

    def first(self, key: str) -> _Cell | None:
        found = self.cells.get(key)
        return found[0] if found else None


@dataclass
class _Lane:
    key: str  # a field, an ``x-`` key, or ``x-import:LABEL`` for a lane nobody named
    label: str
    row: int
    column: int


class _Sheet:
    """One grid read into a journey."""

    def __init__(self, grid: Grid, columns: dict[str, str], options: ImportOptions) -> None:
        self.grid = grid
        self.columns = columns
        self.options = options
        self.dropped: list[str] = []
        self.meta: dict[str, _Cell] = {}
        self.lanes: dict[str, _Lane] = {}
        self.langs: list[str] = []
        self.title_lines: list[_Cell] = []

    # Reading the grid

    def _key(self, label: str) -> str | None:
        """The field (or ``x-`` key) a lane's name stands for; None for an unknown lane."""
        chosen = self.columns.get(words(label))
        if chosen is not None:
            return chosen
        found = lane(label) if len(label) < 80 else None
        if found is None:
            return None
        self.langs.append(found[1])
        return found[0]

    def _known(self, value: Value) -> bool:
        if not isinstance(value, str) or not value or len(value) >= 80:
            return False
        chosen = self.columns.get(words(value))
        found = chosen or (lane(value) or (None, ""))[0]
        return found is not None and found not in MAP_FIELDS

    def journey(self) -> Imported:
        grid = self.grid
        down = [row for row in range(min(len(grid.rows), 200)) if self._known(grid.cell(row, 0))]
        across = [(sum(1 for value in grid.rows[row] if self._known(value)), -row)
                  for row in range(min(len(grid.rows), _HEADER_ROWS))]
        best, header = max(across, default=(0, 0))
        if max(len(down), best) < 2 and not self._names_steps(down, -header):
            raise SourceError(
                "no lanes found: no Step, Actions, Touchpoints… down the first column or "
                "across a header row", hint="name the lanes as the import documentation "
                "lists them, or map yours with --column 'NAME=field'")
        by_rows = len(down) >= best
        tracks = self._lanes_as_rows(down[0]) if by_rows else self._rows_as_steps(-header)
        return _Builder(self, tracks).build()

    def _names_steps(self, down: list[int], header: int) -> bool:
        # A sheet of one lane is a journey only if that lane is the steps.
        labels = [self.grid.cell(row, 0) for row in down[:1]]
        labels += self.grid.rows[header] if self.grid.rows else []
        return any(isinstance(value, str) and self._key(value) == "name" for value in labels)

    def _preamble(self, end: int) -> None:
        """The rows above the grid: what they say of the map, a lone text as the title."""
        for row in range(end):
            filled = [_Cell(value, row, column) for column, value in
                      enumerate(self.grid.rows[row]) if value != ""]
            if not filled:
                continue
            label = filled[0].text
            key = self._key(label) if len(filled) > 1 else None
            if key in MAP_FIELDS and filled[0].column == 0:
                self.meta.setdefault(key, filled[1])
            elif len(filled) == 1:
                self.title_lines.append(filled[0])
            else:
                self._drop(filled[0], f"the row above the grid ('{_short(label)}') is not a "
                           "lane: not imported", None)

    def _lane(self, label: str, row: int, column: int) -> str:
        key = self._key(label)
        if key is None:
            key = f"{EXTENSION}:{label}"
        self.lanes.setdefault(key, _Lane(key, label, row, column))
        return key

    def _lanes_as_rows(self, first: int) -> list[_Track]:
        grid = self.grid
        self._preamble(first)
        tracks = [_Track() for _ in range(max(grid.width - 1, 0))]
        key: str | None = None
        for row in range(first, len(grid.rows)):
            label = grid.cell(row, 0)
            if label != "":
                text = _Cell(label, row, 0).text
                found = self._key(text)
                if found in MAP_FIELDS and found is not None:
                    given = next((_Cell(v, row, c) for c, v in enumerate(grid.rows[row])
                                  if c and v != ""), None)
                    if given is not None:
                        self.meta.setdefault(found, given)
                    key = None
                    continue
                key = self._lane(text, row, 0)
            for column in range(1, len(grid.rows[row])):
                value = grid.rows[row][column]
                if value == "":
                    continue
                if key is None:  # cells under a map row, on a row without a name
                    self._drop(_Cell(value, row, column), "this cell is on no lane: not "
                               "imported", None)
                    continue
                tracks[column - 1].add(key, _Cell(value, row, column))
        for top, left, _, right in grid.merged:
            # A stage merged across steps names the stage of each of them.
            for key in [k for k, lane_ in self.lanes.items() if lane_.row == top]:
                if key == "stage" and left >= 1:
                    spanned = _Cell(grid.cell(top, left), top, left)
                    for column in range(left + 1, right + 1):
                        if column - 1 < len(tracks) and tracks[column - 1].first(key) is None:
                            tracks[column - 1].add(key, spanned)
        return tracks

    def _rows_as_steps(self, header: int) -> list[_Track]:
        grid = self.grid
        self._preamble(header)
        keys: dict[int, str] = {}
        for column, label in enumerate(grid.rows[header]):
            if label != "":
                found = self._key(_Cell(label, header, column).text)
                if found in MAP_FIELDS:
                    found = None
                keys[column] = found or self._lane(_Cell(label, header, column).text,
                                                   header, column)
                self.lanes.setdefault(keys[column], _Lane(keys[column], str(label), header,
                                                          column))
        merged_stage = {(row, left): (top, left) for top, left, bottom, right in grid.merged
                        if keys.get(left) == "stage" for row in range(top + 1, bottom + 1)}
        tracks: list[_Track] = []
        for row in range(header + 1, len(grid.rows)):
            track = _Track()
            for column, value in enumerate(grid.rows[row]):
                if (row, column) in merged_stage:
                    top, left = merged_stage[row, column]
                    value, row_of = grid.cell(top, left), top
                else:
                    row_of = row
                if value == "":
                    continue
                key = keys.get(column)
                if key is None:
                    key = self._lane(f"column {column + 1}", header, column)
                track.add(key, _Cell(value, row_of, column))
            if not track.cells:
                continue
            if tracks and "name" not in track.cells and "stage" not in track.cells:
                for key, more in track.cells.items():  # more items of the step above
                    for cell in more:
                        tracks[-1].add(key, cell)
            else:
                tracks.append(track)
        return tracks

    def _drop(self, cell: _Cell, why: str, keep: dict[str, Any] | None,
              key: str | None = None) -> None:
        """Say what is not carried over, at its cell; keep its text under ``x-import`` of
        ``keep`` (a step, an item, the map) when that keeps information."""
        self.dropped.append(f"{self.grid.where(cell.row, cell.column)}: {why}")
        if keep is not None and key is not None:
            extension = keep.setdefault(EXTENSION, {})
            previous = extension.get(key)
            extension[key] = cell.text if previous is None else f"{previous}\n{cell.text}"


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass
class _Scale:
    low: float
    high: float
    why: str  # where the scale comes from, for the comment

    def score(self, value: float) -> int | None:
        if not self.low <= value <= self.high:
            return None
        return math.floor((value - self.low) / (self.high - self.low) * 4 - 2 + 0.5)

    @property
    def native(self) -> bool:
        return (self.low, self.high) == (-2, 2)

    def describe(self) -> str:
        return f"{self.low:g}-{self.high:g} mapped to -2..+2 ({self.why})"


NATIVE = _Scale(-2, 2, "the format's own")


def _scale_of_label(label: str) -> _Scale | None:
    match = _STATED_RANGE.search(label)
    if match is not None and int(match.group(1)) < int(match.group(2)):
        return _Scale(int(match.group(1)), int(match.group(2)),
                      f"from the lane name '{_short(label)}'")
    top = _STATED_TOP.search(label)
    if top is not None and int(top.group(1)) > 2:
        high = int(top.group(1))
        return _Scale(0 if high >= 10 else 1, high, f"from the lane name '{_short(label)}'")
    return None


def _guess_scale(values: list[float]) -> _Scale | None:
    """The scale the scores are on, from their range; None when no scale fits."""
    if not values:
        return NATIVE
    low, high = min(values), max(values)
    seen = f"guessed from the scores, {low:g} to {high:g}; name the lane e.g. 'Emotion (1-10)' " \
        "to say otherwise"
    if low >= -2 and high <= 2:
        return NATIVE
    if low < 0:
        bound = next((b for b in (3, 5, 10, 100) if max(-low, high) <= b), None)
        return _Scale(-bound, bound, seen) if bound else None
    for top in (5, 7, 10, 100):
        if high <= top:
            return _Scale(0 if low < 1 or top == 100 else 1, top, seen)
    return None


class _Builder:
    """The tracks of a sheet as the plain data of a map."""

    def __init__(self, sheet: _Sheet, tracks: list[_Track]) -> None:
        self.sheet = sheet
        self.tracks = tracks
        self.lang = "en"
        self.stages: dict[str, dict[str, Any]] = {}  # words(name) → the stage entry
        self.stage_names: dict[str, str] = {}  # words(name) → the name as first written
        self.ids: set[str] = set()  # pain point and metric ids (one namespace)
        self.opportunity_ids: set[str] = set()
        self.data: dict[str, Any] = {"cjmap": 1}

    def drop(self, cell: _Cell, why: str, keep: dict[str, Any] | None = None,
             key: str | None = None) -> None:
        self.sheet._drop(cell, why, keep, key)

    def build(self) -> Imported:
        from cjmap.format.model import slugify

        sheet = self.sheet
        self.lang = self._lang()
        title = self._title()
        data = self.data
        data["title"] = title
        data["lang"] = self.lang
        for key in ("persona", "start", "end"):
            if key in sheet.meta:
                data[key] = sheet.meta[key].text
        scale = self._scale()
        steps: list[dict[str, Any]] = []
        current: str | None = None
        for track in self.tracks:
            stage = track.first("stage")
            if stage is not None:
                current = self._stage(stage.text)
            touchpoints = self._objects(track, "stage_touchpoints", None)
            if touchpoints and current is None:
                current = self._stage("Stage" if self.lang == "en" else "Etapa")
            if current is not None and touchpoints:
                entry = self.stages[current]
                entry.setdefault("touchpoints", []).extend(touchpoints)
            step = self._step(track, current, scale, len(steps) + 1)
            if step is not None:
                steps.append(step)
        if not steps and not any("touchpoints" in s for s in self.stages.values()):
            raise SourceError("no steps: every step column (or row) is empty",
                              *self._origin(), hint="write the step names in the Step lane")
        self._unique_ids(steps, slugify)
        self._check_references(steps)
        if self.stages:
            data["stages"] = self._stage_list()
        data["steps"] = steps
        if scale is not None and not scale.native:
            data.setdefault(EXTENSION, {})["score-scale"] = scale.describe()
        unknown = [lane for key, lane in sheet.lanes.items() if key.startswith(EXTENSION)]
        for found in unknown:
            sheet.dropped.append(
                f"{sheet.grid.where(found.row, found.column)}: lane '{_short(found.label)}' is "
                "no field of the format: kept under x-import on each step (map it with "
                f"--column '{_short(found.label)}=FIELD')")
        line, _ = self._origin()
        return Imported(title, data, sheet.dropped, line)

    def _origin(self) -> tuple[int, int]:
        first = min(((lane.row, lane.column) for lane in self.sheet.lanes.values()),
                    default=(0, 0))
        return self.sheet.grid.position(*first)

    def _lang(self) -> str:
        said = self.sheet.meta.get("lang")
        if said is not None:
            word = words(said.text)
            if word in ("es", "espanol", "spanish", "castellano"):
                return "es"
            if word in ("en", "english", "ingles"):
                return "en"
            self.drop(said, f"language '{_short(said.text)}' is neither en nor es: the map is "
                      f"in {self.sheet.options.lang}")
        langs = self.sheet.langs
        if self.sheet.options.lang == "en" and langs.count("es") > langs.count("en"):
            return "es"  # lanes named in Spanish: the text is Spanish
        return "es" if self.sheet.options.lang == "es" else "en"

    def _title(self) -> str:
        sheet = self.sheet
        if "title" in sheet.meta:
            return sheet.meta["title"].text
        lines = sheet.title_lines
        if lines:
            if len(lines) > 1:
                self.data["description"] = "\n".join(cell.text for cell in lines[1:])
            return lines[0].text
        if not sheet.grid.generic_name() and sheet.grid.sheet:
            return sheet.grid.sheet
        stem = PurePath(sheet.grid.source).stem
        return stem.replace("_", " ").replace("-", " ").strip() or "Imported journey"

    # Stages

    def _stage(self, name: str) -> str:
        """The key of the stage ``name``, declared on first sight: a stage of the stage models
        when the name is one's id or name (in English or Spanish), else a stage of its own."""
        from cjmap.format.model import SLUG_PATTERN, slugify
        from cjmap.format.presets import KNOWN_STAGES

        key = words(name)
        if key in self.stages:
            return key
        slug = slugify(name)
        known = next((stage for stage in KNOWN_STAGES.values() if slug in (
            stage.id, slugify(stage.name["en"]), slugify(stage.name["es"]))), None)
        taken = {str(entry["id"]) for entry in self.stages.values()}
        if known is not None and known.id not in taken:
            entry: dict[str, Any] = {"id": known.id}
            if known.name[self.lang] != name:
                entry["name"] = name
        else:
            base = slug if re.fullmatch(SLUG_PATTERN, slug) and slug not in (
                "start", "end") else f"stage-{len(self.stages) + 1}"
            stage_id, number = base, 2
            while stage_id in taken or stage_id in KNOWN_STAGES:
                stage_id, number = f"{base}-{number}", number + 1
            entry = {"id": stage_id, "name": name}
        self.stages[key] = entry
        self.stage_names[key] = name
        return key

    def _stage_list(self) -> str | list[Any]:
        from cjmap.format.presets import PRESETS

        entries = list(self.stages.values())
        plain = [entry["id"] for entry in entries if entry.keys() == {"id"}]
        for preset, stages in PRESETS.items():
            if plain == [stage.id for stage in stages] and len(plain) == len(entries):
                return preset
        return [entry["id"] if entry.keys() == {"id"} else entry for entry in entries]

    # Emotions

    def _scale(self) -> _Scale | None:
        lane_ = self.sheet.lanes.get("emotion")
        stated = _scale_of_label(lane_.label) if lane_ is not None else None
        if stated is not None:
            return stated
        values = []
        for track in self.tracks:
            cell = track.first("emotion")
            if cell is not None:
                figure, of, _ = _emotion_parts(cell)
                if figure is not None and of is None:
                    values.append(figure)
        return _guess_scale(values)

    def _emotion(self, cell: _Cell | None, feeling: _Cell | None, scale: _Scale | None,
                 step: dict[str, Any]) -> None:
        label = feeling.text if feeling is not None else None
        if cell is None:
            if feeling is not None:
                guess = _FEELINGS.get(words(feeling.text))
                if guess is None:
                    self.drop(feeling, f"feeling '{_short(feeling.text)}' has no score: kept "
                              "under x-import (give it a score in the Emotion lane)", step,
                              self.sheet.lanes["feeling"].label)
                    return
                step["emotion"] = {"score": guess, "label": label}
                step["evidence"] = ASSUMED
            return
        figure, of, text = _emotion_parts(cell)
        inferred = False
        score: int | None = None
        if figure is not None:
            used = scale
            if of is not None:
                used = _Scale(0 if of >= 10 else 1, of, "")
            score = used.score(figure) if used is not None else None
            if score is None:
                where = used.describe().split(" (")[0] if used is not None else "any scale"
                self.drop(cell, f"score {cell.text} is outside {where}: kept under x-import "
                          "(state the scale in the lane name, e.g. 'Emotion (0-100)')", step,
                          "emotion")
                return
            inferred = (used is not None and not used.native and of is None and
                        used.why.startswith("guessed")) or (used is NATIVE and
                                                            not float(figure).is_integer())
            if used is not None and not used.native:
                step.setdefault(EXTENSION, {})["emotion"] = cell.text
        face = next((_FACES[c] for c in text if c in _FACES), None) if text else None
        if face is not None:
            text = "".join(c for c in text if c not in _FACES and c != "\ufe0f").strip()
            score = face if score is None else score
        if score is None and text:
            score = _FEELINGS.get(words(text))
            inferred = score is not None
        if score is None:
            self.drop(cell, f"emotion '{_short(cell.text)}' is not a score: kept under x-import "
                      "(write a number from -2 to 2, or state the scale in the lane name)",
                      step, "emotion")
            return
        emotion: dict[str, Any] = {"score": score}
        if label or text:
            emotion["label"] = label or text
        step["emotion"] = emotion
        if inferred:
            step["evidence"] = ASSUMED

    # Steps

    def _step(self, track: _Track, stage: str | None, scale: _Scale | None,
              number: int) -> dict[str, Any] | None:
        content = {k for k in track.cells if k not in ("stage", "stage_touchpoints")}
        if not content:
            return None
        step: dict[str, Any] = {}
        name = track.first("name")
        if name is not None:
            step["name"] = name.text
        else:
            step["name"] = self._inferred_name(track, stage, number)
            step["evidence"] = ASSUMED
        if stage is not None:
            step["stage"] = self.stages[stage]["id"]
        for key, found in track.cells.items():
            self._fill(step, key, found)
        self._emotion(track.first("emotion"), track.first("feeling"), scale, step)
        evidence = track.first("evidence")
        if evidence is not None:
            chosen = cells.EVIDENCE.get(words(evidence.text))
            if chosen is None:
                self.drop(evidence, f"evidence '{_short(evidence.text)}' is not observed, "
                          "assumed or proposed: kept under x-import", step, "evidence")
            elif step.get("evidence") == ASSUMED and chosen != ASSUMED:
                self.drop(evidence, f"evidence '{chosen}' stands under x-import: a value of "
                          "this step was inferred on import, so it is 'assumed'", step,
                          "evidence")
            else:
                step["evidence"] = chosen
        return step

    def _inferred_name(self, track: _Track, stage: str | None, number: int) -> str:
        for key in ("actions", "touchpoints", "description"):
            cell = track.first(key)
            if cell is not None:
                found = cells.items(cell.raw)
                if found:
                    return found[0]
        if stage is not None:
            return self.stage_names[stage]
        return f"Step {number}" if self.lang == "en" else f"Paso {number}"

    def _fill(self, step: dict[str, Any], key: str, found: list[_Cell]) -> None:
        if key in ("stage", "stage_touchpoints", "name", "emotion", "feeling", "evidence"):
            for extra in found[1:]:
                if key not in ("stage", "stage_touchpoints"):
                    self.drop(extra, f"a second {key.replace('_', ' ')} for one step: kept "
                              "under x-import", step, key)
            return
        if key == "description":
            step["description"] = "\n".join(cell.text for cell in found)
        elif key in _LISTS:
            step[key] = [_unquoted(item) if key == "thoughts" else item
                         for cell in found for item in cells.items(cell.raw)]
        elif key in cells.PARSERS:
            step[key] = self._objects_of(found, key, step)
        elif key in ("id", "duration", "moment_of_truth", "next"):
            self._single(step, key, found)
        elif key.startswith(f"{EXTENSION}:"):
            label = key.split(":", 1)[1]
            step.setdefault(EXTENSION, {})[label] = "\n".join(cell.text for cell in found)
        elif key.startswith("x-"):
            step[key] = "\n".join(cell.text for cell in found)

    def _single(self, step: dict[str, Any], key: str, found: list[_Cell]) -> None:
        from cjmap.format.model import SLUG_PATTERN, Duration

        cell = found[0]
        for extra in found[1:]:
            self.drop(extra, f"a second {key.replace('_', ' ')} for one step: kept under "
                      "x-import", step, key)
        text = cell.text
        if key == "id":
            if re.fullmatch(SLUG_PATTERN, text) and text not in ("start", "end"):
                step["id"] = text
            else:
                self.drop(cell, f"id '{_short(text)}' is not an id (lower-case letters, digits, "
                          "- and _): kept under x-import", step, "id")
        elif key == "duration":
            if isinstance(cell.value, int | float):
                text = f"{text} days" if self.lang == "en" else f"{text} días"
            try:
                Duration.expand(text)
            except ValueError:
                self.drop(cell, f"duration '{_short(text)}' is not a number and a unit "
                          "('3 days', '2 weeks'): kept under x-import", step, "duration")
            else:
                step["duration"] = text
        elif key == "moment_of_truth":
            value = cells.flag(text)
            if value is None:
                self.drop(cell, f"moment of truth '{_short(text)}' is not yes or no: kept "
                          "under x-import", step, "moment_of_truth")
            elif value:
                step["moment_of_truth"] = True
        else:
            step["next"] = [(cell, target) for target in re.split(r"[\s,;|]+", text) if target]

    def _objects(self, track: _Track, key: str, keep: dict[str, Any] | None
                 ) -> list[dict[str, Any]]:
        return self._objects_of(track.cells.get(key, []), key, keep)

    def _objects_of(self, found: list[_Cell], key: str, keep: dict[str, Any] | None
                    ) -> list[dict[str, Any]]:
        parse = cells.PARSERS[key]
        made: list[dict[str, Any]] = []
        for cell in found:
            if key == "metrics" and not isinstance(cell.value, str):
                lane_ = self.sheet.lanes.get(key)
                named = lane_.label if lane_ is not None else "Metric"
                made.append(_metric_named(named, cell.value))
                continue
            for item in cells.items(cell.raw):
                made.append(self._identified(parse(item), cell, key))
        return made

    def _identified(self, item: dict[str, Any], cell: _Cell, key: str) -> dict[str, Any]:
        from cjmap.format.model import SLUG_PATTERN

        wanted = item.get("id")
        if wanted is None:
            return item
        ids = self.opportunity_ids if key == "opportunities" else self.ids
        if re.fullmatch(SLUG_PATTERN, wanted) and wanted not in ids:
            ids.add(wanted)
            return item
        del item["id"]
        self.drop(cell, f"id '{_short(wanted)}' is {'taken' if wanted in ids else 'not an id'}: "
                  "kept under x-import", item, "id")
        return item

    def _unique_ids(self, steps: list[dict[str, Any]], slugify: Any) -> None:
        seen: set[str] = {str(s["id"]) for s in steps if "id" in s}
        for index, step in enumerate(steps, start=1):
            if "id" in step:
                continue
            base = slugify(step["name"]) or f"step-{index}"
            if base in ("start", "end"):
                base = f"{base}-step"
            if base not in seen:
                seen.add(base)
                if base != slugify(step["name"]):
                    step["id"] = base
                continue
            number = 2
            while f"{base}-{number}" in seen:
                number += 1
            step["id"] = f"{base}-{number}"
            seen.add(step["id"])

    def _check_references(self, steps: list[dict[str, Any]]) -> None:
        from cjmap.format.model import slugify

        step_ids = {str(step.get("id") or slugify(step["name"])) for step in steps}
        targets = step_ids | {str(entry["id"]) for entry in self.stages.values()} | {"end"}
        for step in steps:
            if "next" in step:
                kept = []
                for cell, target in step.pop("next"):
                    if target in targets:
                        kept.append(target)
                    else:
                        self.drop(cell, f"next '{_short(target)}' names no step or stage: kept "
                                  "under x-import", step, "next")
                if kept:
                    step["next"] = kept
            for opportunity in step.get("opportunities", []):
                addresses = opportunity.pop("addresses", [])
                known = [a for a in addresses if a in self.ids]
                if known:
                    opportunity["addresses"] = known
                if len(known) < len(addresses):
                    missing = " ".join(a for a in addresses if a not in self.ids)
                    opportunity.setdefault(EXTENSION, {})["addresses"] = missing
                    self.sheet.dropped.append(
                        f"{self.sheet.grid.source}: opportunity '{_short(opportunity['text'])}' "
                        f"addresses {missing}, which no pain point or metric is: kept under "
                        "x-import")


def _emotion_parts(cell: _Cell) -> tuple[float | None, int | None, str]:
    """A score cell's figure, the top of the scale it states (``7/10``), and its words."""
    if not isinstance(cell.value, str):
        return float(cell.value), None, ""
    text = cell.text
    match = _SCORE_FIRST.match(text)
    if match is not None:
        figure = cells.number(match.group(1))
        return figure, _top(match.group(2)), match.group(3).strip()
    match = _SCORE_LAST.match(text)
    if match is not None:
        figure = cells.number(match.group(2))
        return figure, _top(match.group(3)), match.group(1).strip()
    return None, None, text


def _top(text: str | None) -> int | None:
    return int(text) if text and 2 < int(text) <= 1_000_000 else None


def _metric_named(label: str, value: float) -> dict[str, Any]:
    """A figure alone in a metrics lane: the lane's name is the metric's (``NPS | 42``)."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip() or label
    kind = words(name)
    found: dict[str, Any] = {"name": name, "actual": cells.whole(float(value))}
    if kind in ("nps", "csat", "ces"):
        found["kind"] = kind
    return found


def _unquoted(text: str) -> str:
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        return text[1:-1].strip() or text
    return text


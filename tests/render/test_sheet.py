"""The csv and xlsx renderers: what they write imports back to the same map (every example and
test map, both formats), opens as a spreadsheet (the workbook read by openpyxl, as Excel lays
it out), and is the same bytes for the same map."""

import csv
import io
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from cjmap import load, load_text
from cjmap.author.fmt import format_text
from cjmap.author.importers.base import ImportOptions
from cjmap.author.importers.lanes import lane
from cjmap.author.importers.sheet import read
from cjmap.format.model import Journey, Step
from cjmap.render import RENDERERS, RenderOptions
from cjmap.render.labels import LABELS
from cjmap.render.sheet import table
from tests.conftest import EXAMPLES, ROOT

MAPS = sorted([*EXAMPLES.glob("*.yaml"), *(ROOT / "tests" / "maps" / "valid").glob("*.yaml")])


def journey(path: Path) -> Journey:
    found = load(path).journey
    assert found is not None
    return found


def reimported(data: bytes, name: str) -> Journey:
    [imported] = read(data, name, ImportOptions(name.rsplit(".", 1)[1]))
    text = format_text(yaml.safe_dump(imported.data, allow_unicode=True, sort_keys=False))
    result = load_text(text)
    assert result.journey is not None, [d.message for d in result.diagnostics]
    return result.journey


def _step(step: Step, stages: dict[str, str]) -> tuple[object, ...]:
    return (
        step.id, step.name, stages[step.stage or ""], step.description,
        step.emotion.model_dump() if step.emotion else None,
        step.actions, step.needs, step.thoughts,
        # Quality scores are the one part of a touchpoint a sheet does not carry.
        [t.model_dump(exclude={"quality"}) for t in step.touchpoints],
        [p.model_dump() for p in step.pain_points],
        [o.model_dump() for o in step.opportunities],
        [m.model_dump(exclude={"history"}) for m in step.metrics],
        step.frontstage, step.backstage, step.support, step.duration, step.moment_of_truth,
        step.evidence, step.next,
    )


def summary(found: Journey) -> tuple[object, ...]:
    stages = {stage.id: stage.name or stage.id for stage in found.stages}
    return (
        found.title, found.lang, found.persona.name if found.persona else None,
        found.start.name if found.start else None, found.end.name if found.end else None,
        [(stage.name, [t.model_dump(exclude={"quality"}) for t in stage.touchpoints])
         for stage in found.stages],
        [_step(step, stages) for step in found.steps],
    )


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_rendered_sheet_imports_back_to_the_same_map(path: Path, fmt: str) -> None:
    original = journey(path)
    data = RENDERERS[fmt]()(original, RenderOptions())
    assert summary(reimported(data, f"{path.stem}.{fmt}")) == summary(original)


def test_the_csv_is_what_excel_opens() -> None:
    data = RENDERERS["csv"]()(journey(EXAMPLES / "zapatillas-de-correr.yaml"), RenderOptions())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][0] == "Título"
    stage_row = next(row for row in rows if row and row[0] == "Etapa")
    assert stage_row[1] == "Consideración"
    english = RENDERERS["csv"]()(journey(EXAMPLES / "minimal.yaml"), RenderOptions())
    assert b"\r\nStep,Asks friends for a good salon," in english


def test_text_that_starts_like_a_formula_stays_text() -> None:
    text = ("cjmap: 1\ntitle: T\nsteps:\n  - name: '=HYPERLINK(\"http://x\")'\n"
            "    actions: ['-1 item', '@x']\n")
    found = load_text(text).journey
    assert found is not None
    csv_data = RENDERERS["csv"]()(found, RenderOptions())
    assert b"'=HYPERLINK" in csv_data
    workbook = load_workbook(io.BytesIO(RENDERERS["xlsx"]()(found, RenderOptions())))
    sheet = workbook.active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    for fmt, data in (("csv", csv_data), ("xlsx", RENDERERS["xlsx"]()(found, RenderOptions()))):
        back = reimported(data, f"t.{fmt}")
        assert back.steps[0].name == '=HYPERLINK("http://x")'
        assert back.steps[0].actions == ["-1 item", "@x"]


def test_the_workbook_has_numbers_merged_stages_and_fixed_bytes() -> None:
    shoes = journey(EXAMPLES / "running-shoes.yaml")
    data = RENDERERS["xlsx"]()(shoes, RenderOptions())
    assert data == RENDERERS["xlsx"]()(shoes, RenderOptions())
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    rows = {row[0].value: row for row in sheet.iter_rows()}
    assert [cell.value for cell in rows["Emotion"][1:4]] == [0, 1, 1]
    merged = [str(r) for r in sheet.merged_cells.ranges]
    stage_row = rows["Stage"][0].row
    assert f"B{stage_row}:D{stage_row}" in merged  # consideration spans its three steps
    assert sheet.freeze_panes == "B1"


def test_an_audit_map_is_a_row_of_stages() -> None:
    audit = journey(ROOT / "tests" / "maps" / "valid" / "audit.yaml")
    sheet = table(audit, RenderOptions())
    lanes = [row[0] for row in sheet.rows if row]
    assert "Touchpoints of the stage" in lanes
    stage_row = next(row for row in sheet.rows if row and row[0] == "Stage")
    assert len(stage_row) - 1 == len(audit.stages)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_lane_the_renderer_names_is_one_the_importer_knows(lang: str) -> None:
    words = LABELS[lang]
    for key in ("stage", "step", "description", "actions", "needs", "touchpoints", "thoughts",
                "emotion", "feeling", "pain_points", "opportunities", "metrics", "frontstage",
                "backstage", "support", "duration", "moment_of_truth", "evidence", "next",
                "stage_touchpoints", "title", "persona", "start", "end", "language"):
        expected = {"step": "name", "language": "lang"}.get(key, key)
        found = lane(words[key])
        assert found is not None and found[0] == expected, (lang, key, words[key])
    assert lane(words["step_id"]) == ("id", "en")


def test_the_lang_option_names_the_lanes() -> None:
    minimal = journey(EXAMPLES / "minimal.yaml")
    data = RENDERERS["csv"]()(minimal, RenderOptions(lang="es"))
    assert "Paso;" in data.decode("utf-8-sig")
    assert reimported(data, "m.csv").steps[0].name == minimal.steps[0].name

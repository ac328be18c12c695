"""The spreadsheet importer on real files: CSV as Excel writes it (UTF-8 with and without a
byte-order mark, Windows-1252, ``;`` and ``,``, quoted cells with line breaks) and .xlsx
workbooks made with openpyxl (several sheets, merged stage cells, numbers as numbers). Every
journey read must validate as a map once formatted."""

import io
from random import Random
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

from cjmap import load_text
from cjmap.author.fmt import format_text
from cjmap.author.importers import reader
from cjmap.author.importers.base import Imported, ImportOptions, SourceError
from cjmap.author.importers.sheet import read, sniff
from cjmap.format.model import Journey


def journey_of(imported: Imported) -> Journey:
    """The imported data as the command writes it, read back as a map: it must validate."""
    text = format_text(yaml.safe_dump(imported.data, allow_unicode=True, sort_keys=False))
    result = load_text(text)
    assert result.journey is not None, [d.message for d in result.diagnostics]
    return result.journey


def read_one(data: bytes, name: str, **options: Any) -> Imported:
    [imported] = read(data, name, ImportOptions(name.rsplit(".", 1)[1], **options))
    return imported


SPANISH = """\
Compra de zapatillas
Persona;Laura, la corredora novata
Etapa;Consideración;Consideración;Evaluación;Compra
Paso;Busca información;Pregunta a amigos;Compara modelos;Compra online
Acciones del cliente;"Lee blogs
Busca reseñas";Pregunta a dos amigos;Compara | Se prueba dos pares;
Puntos de contacto;Blog (Blog, directo);Amigos (Boca a boca, indirecto);Web;"Tienda online (\
Web, responsable: E-commerce)"
Experiencia (1-10);5;8;3;10
Puntos de dolor;;;"Difícil comparar (alta, id: dificil)";
Oportunidades;;;"Buscador de zapatillas (alta, personalización, resuelve: dificil)";
Métricas;"Visitas: 12000 visitas/mes (objetivo: 10000, count)";;;"Conversión: 2,4 % (conversion)"
Notas internas;revisar;;;
"""


def test_lanes_as_rows_in_spanish_excel_csv_with_bom() -> None:
    imported = read_one(b"\xef\xbb\xbf" + SPANISH.replace("\n", "\r\n").encode(), "mapa.csv")
    journey = journey_of(imported)
    assert journey.title == "Compra de zapatillas"
    assert journey.lang == "es"
    assert journey.persona is not None and journey.persona.name.startswith("Laura")
    assert imported.data["stages"] == "consideration-evaluation-purchase"
    assert [s.name for s in journey.steps] == ["Busca información", "Pregunta a amigos",
                                               "Compara modelos", "Compra online"]
    assert [s.stage for s in journey.steps] == ["consideration", "consideration", "evaluation",
                                                "purchase"]
    first, _, third, fourth = journey.steps
    assert first.actions == ["Lee blogs", "Busca reseñas"]
    assert third.actions == ["Compara", "Se prueba dos pares"]
    assert (first.touchpoints[0].channel, first.touchpoints[0].kind) == ("Blog", "direct")
    assert fourth.touchpoints[0].owner == "E-commerce"
    # 1-10 stated in the lane name: 5 → 0, 8 → +1, 3 → −1, 10 → +2; nothing is guessed.
    assert [s.emotion.score for s in journey.steps if s.emotion] == [0, 1, -1, 2]
    assert all(s.evidence is None for s in journey.steps)
    assert imported.data["x-import"]["score-scale"].startswith("1-10 mapped to -2..+2")
    assert imported.data["steps"][1]["x-import"]["emotion"] == "8"
    assert third.pain_points[0].id == "dificil" and third.pain_points[0].severity == "high"
    assert third.opportunities[0].addresses == ["dificil"]
    assert third.opportunities[0].lever == "personalization"
    assert first.metrics[0].actual == 12000 and first.metrics[0].target == 10000
    assert first.metrics[0].unit == "visitas/mes" and first.metrics[0].kind == "count"
    assert fourth.metrics[0].actual == 2.4
    # The unknown lane is kept on the step and named, at its cell, in what was dropped.
    assert imported.data["steps"][0]["x-import"]["Notas internas"] == "revisar"
    assert any(d.startswith("mapa.csv:12:1: lane 'Notas internas'") for d in imported.dropped)


def test_the_same_sheet_in_windows_1252_reads_the_same() -> None:
    utf8 = read_one(SPANISH.encode(), "mapa.csv")
    cp1252 = read_one(SPANISH.encode("cp1252"), "mapa.csv")
    assert utf8.data == cp1252.data


ROWS = """\
Customer journey: Renewing a passport
Step,Stage,Customer actions,Touchpoints,Emotion score,Feelings,Pain points,Channel notes
Looks up requirements,Discovery,Reads the government page,Gov website (online),80,curious,,
Books an appointment,Discovery,"Picks a slot; pays the fee",Booking site,35,annoyed,\
"Few slots (high)",peak in June
,,,,,,Site is slow,
Goes to the office,Conversion,,Office (offline),"20",,Long queue,
Gets the passport,Satisfaction,,,95,relieved,,
"""


def test_one_row_per_step_with_a_guessed_scale() -> None:
    imported = read_one(ROWS.encode(), "passport.csv")
    journey = journey_of(imported)
    assert journey.title == "Customer journey: Renewing a passport"
    assert [s.name for s in journey.steps] == ["Looks up requirements", "Books an appointment",
                                               "Goes to the office", "Gets the passport"]
    assert [s.stage for s in journey.steps] == ["discovery", "discovery", "conversion",
                                                "satisfaction"]
    # 0-100, from the range of the numbers: a guess, so the scored steps are assumed.
    assert [s.emotion.score for s in journey.steps if s.emotion] == [1, -1, -1, 2]
    assert [s.emotion.label for s in journey.steps if s.emotion] == [
        "curious", "annoyed", None, "relieved"]
    assert all(s.evidence == "assumed" for s in journey.steps)
    assert "guessed from the scores, 20 to 95" in imported.data["x-import"]["score-scale"]
    # A row with neither a step nor a stage adds to the step above.
    assert [p.text for p in journey.steps[1].pain_points] == ["Few slots", "Site is slow"]
    assert journey.steps[1].actions == ["Picks a slot", "pays the fee"]
    assert journey.steps[0].touchpoints[0].online is True
    assert imported.data["steps"][1]["x-import"]["Channel notes"] == "peak in June"


def test_column_maps_a_lane_nobody_named() -> None:
    imported = read_one(ROWS.encode(), "passport.csv", columns=(("Channel notes", "needs"),))
    journey = journey_of(imported)
    assert journey.steps[1].needs == ["peak in June"]
    assert not any("Channel notes" in d for d in imported.dropped)
    ignored = read_one(ROWS.encode(), "passport.csv", columns=(("channel notes", "ignore"),))
    assert "Channel notes" not in ignored.data["steps"][1]["x-import"]


def test_a_column_option_naming_no_field_is_refused() -> None:
    with pytest.raises(SourceError, match="'colour' is not a field"):
        read_one(ROWS.encode(), "passport.csv", columns=(("Channel notes", "colour"),))


def test_emotion_cells_as_templates_write_them() -> None:
    sheet = ("Step,A,B,C,D,E,F\nEmotion,-1 anxious,😄,frustrated,happy (1),meh,7/10\n")
    imported = read_one(sheet.encode(), "e.csv")
    journey = journey_of(imported)
    emotions = [(s.emotion.score, s.emotion.label) if s.emotion else None
                for s in journey.steps]
    assert emotions == [(-1, "anxious"), (2, None), (-2, "frustrated"), (1, "happy"), None,
                        (1, None)]
    # A word alone is a guess; a number or a face is what the sheet says.
    assert [s.evidence for s in journey.steps] == [None, None, "assumed", None, None, None]
    assert imported.data["steps"][4]["x-import"]["emotion"] == "meh"
    assert any(d.startswith("e.csv:2:6: emotion 'meh' is not a score") for d in imported.dropped)


def test_quoted_cells_with_line_breaks_keep_the_positions_right() -> None:
    sheet = 'Step,"Reads\nthe page",Calls\nEmotion,1,x\n'
    imported = read_one(sheet.encode(), "q.csv")
    assert journey_of(imported).steps[0].name == "Reads\nthe page"
    # The Emotion row starts on line 3: the quoted cell spans two lines.
    assert any(d.startswith("q.csv:3:3:") for d in imported.dropped)


def test_a_sheet_without_step_names_gets_them_from_the_actions() -> None:
    sheet = "Stage;Awareness;Visit;Sale\nActions;Sees an ad;;Pays\nEmotions;0;1;2\n"
    journey = journey_of(read_one(sheet.encode(), "s.csv"))
    assert [s.name for s in journey.steps] == ["Sees an ad", "Visit", "Pays"]
    assert all(s.evidence == "assumed" for s in journey.steps)
    assert [stage.id for stage in journey.stages][:3] == ["awareness", "visit", "sale"]


def test_custom_stages_keep_their_names() -> None:
    sheet = "Stage,Free trial,Free trial,Onboarding\nStep,Signs up,Invites the team,Gets help\n"
    imported = read_one(sheet.encode(), "s.csv")
    assert imported.data["stages"] == [{"id": "free-trial", "name": "Free trial"},
                                       {"id": "onboarding", "name": "Onboarding"}]
    journey_of(imported)


def _workbook() -> bytes:
    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "Instructions"
    notes.append(["Fill one column per step."])
    shoes = workbook.create_sheet("Running shoes")
    shoes.append(["Title", "Buying running shoes"])
    shoes.append([])
    shoes.append(["Stage", "Consideration", None, "Purchase"])
    shoes.append(["Step", "Searches online", "Asks friends", "Buys"])
    shoes.append(["Emotion", -1, 1.0, 2])
    shoes.append(["Metrics", "Visits: 12000", None, 3.5])
    shoes.append(["Moment of truth", None, None, True])
    shoes.merge_cells("B3:C3")
    tent = workbook.create_sheet("Tent")
    tent.append(["Step", "Stage", "NPS"])
    tent.append(["Sees the campaign", "Before", 30])
    tent.append(["Pitches the tent", "After", 55])
    hidden = workbook.create_sheet("Lookup")
    hidden.append(["Step", "Stage"])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_workbook_gives_a_journey_per_sheet_with_one() -> None:
    data = _workbook()
    assert sniff(data, "book") == "xlsx"
    found = read(data, "book.xlsx", ImportOptions("xlsx", columns=(("NPS", "metrics"),)))
    assert [i.title for i in found] == ["Buying running shoes", "Tent"]
    shoes, tent = (journey_of(i) for i in found)
    # The stage merged over two steps is the stage of both.
    assert [s.stage for s in shoes.steps] == ["consideration", "consideration", "purchase"]
    assert [s.emotion.score for s in shoes.steps if s.emotion] == [-1, 1, 2]
    assert shoes.steps[2].moment_of_truth is True
    assert shoes.steps[2].metrics[0].name == "Metrics"
    assert shoes.steps[2].metrics[0].actual == 3.5
    assert tent.steps[1].metrics[0].model_dump(include={"name", "actual", "kind"}) == {
        "name": "NPS", "actual": 55, "kind": "nps"}
    assert [s.stage for s in tent.steps] == ["before", "after"]
    dropped = found[0].dropped
    assert "book.xlsx: sheet 'Lookup' is hidden: not read" in dropped
    assert any("sheet 'Instructions' holds no journey" in d for d in dropped)


def test_a_bad_cell_of_a_workbook_is_named_as_excel_names_it() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Journey"
    sheet.append(["Step", "A", "B"])
    sheet.append(["Duration", "3 days", "soon"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    imported = read_one(buffer.getvalue(), "j.xlsx")
    assert any(d.startswith("j.xlsx: Journey!C2: duration 'soon'") for d in imported.dropped)
    assert journey_of(imported).steps[0].duration is not None


@pytest.mark.parametrize(("data", "message", "line"), [
    (b'Step,"unclosed\nEmotion,1\n', "not a well-formed CSV", 2),
    (b"Step,A\nEmotion\x00,1\n", "NUL", 2),
    (b"just some words\nnothing more\n", "no lanes found", 1),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old binary Excel", 1),
    (b"PK\x03\x04garbage", "not an .xlsx workbook", 1),
    (b"\xff\xfeS\x00\xd8", "not text", 1),
    (b"Stage,Awareness\nStep\n", "no steps", 1),
])
def test_bad_sources_are_a_source_error(data: bytes, message: str, line: int) -> None:
    with pytest.raises(SourceError, match=message) as raised:
        read(data, "bad.csv", ImportOptions("csv"))
    assert raised.value.line == line
    assert raised.value.hint


def test_sniff_tells_sheets_from_other_text() -> None:
    assert sniff(SPANISH.encode(), "x") == "csv"
    assert sniff(ROWS.encode(), "x") == "csv"
    assert sniff(b"cjmap: 1\ntitle: A, B\nsteps: [a]\n", "x") is None
    assert sniff(b"journey\n  title My day\n  section Go\n", "x") is None


def test_the_registry_reaches_this_module() -> None:
    assert reader("csv").SUFFIXES == reader("xlsx").SUFFIXES == (".csv", ".tsv", ".xlsx")


def test_a_tsv_is_read_with_tabs() -> None:
    data = b"Step\tSearches, compares\tBuys\nEmotion\t1\t2\n"
    journey = journey_of(read_one(data, "j.tsv"))
    assert journey.steps[0].name == "Searches, compares"


def test_mutated_csv_is_read_or_refused_never_crashed() -> None:
    """The fuzzer's byte and line mutators on rendered and hand-written sheets: the reader
    raises SourceError or gives journeys that validate."""
    from cjmap import load
    from cjmap.render import RENDERERS, RenderOptions
    from tests.conftest import EXAMPLES
    from tests.fuzzing import _byte, _line

    seeds = [SPANISH.encode(), ROWS.encode(), SPANISH.encode("cp1252")]
    for path in sorted(EXAMPLES.glob("*.yaml")):
        journey = load(path).journey
        assert journey is not None
        seeds.append(RENDERERS["csv"]()(journey, RenderOptions()))
    rng = Random(11)
    for _ in range(80):
        data = rng.choice(seeds)
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.5:
                data = _byte(rng, data)[1]
            else:
                text = data.decode("utf-8", "replace")
                data = _line(rng, text)[1].encode("utf-8") if text.strip() else data
        try:
            found = read(data, "m.csv", ImportOptions("csv"))
        except SourceError as error:
            assert error.message and error.line >= 1 and error.column >= 1
            continue
        for imported in found:
            # Validated unformatted: the formatter's own checks would triple the run.
            result = load_text(yaml.safe_dump(imported.data, allow_unicode=True))
            assert result.journey is not None, [d.message for d in result.diagnostics]


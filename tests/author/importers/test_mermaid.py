"""The Mermaid importer reads what Mermaid's own parser reads: for each source file (written
with the quirks real diagrams have), the imported map holds the sections, tasks, scores and
actors Mermaid read, and cjmap's own export of every example comes back."""

import re
from pathlib import Path
from typing import Any

import pytest

import cjmap
from cjmap.author.importers import mermaid
from cjmap.author.importers.base import ImportOptions, SourceError
from cjmap.author.importers.build import map_text
from cjmap.format.model import Journey
from cjmap.render import RenderOptions
from cjmap.render.mermaid import render
from tests.conftest import example_maps, parse_mermaid, require_mermaid

SOURCES = Path(__file__).parent / "sources"
GOOD = ["working-day.mmd", "crlf-front-matter.mmd", "languages.md"]


def _imported(name: str, lang: str = "en") -> list[Journey]:
    journeys = []
    for item in mermaid.read((SOURCES / name).read_bytes(), name, ImportOptions("mermaid", lang)):
        result = cjmap.load_text(map_text(item, name), "imported.yaml")
        assert result.journey is not None, [d.message for d in result.diagnostics]
        journeys.append(result.journey)
    return journeys


def _diagrams(name: str) -> list[str]:
    text = (SOURCES / name).read_text(encoding="utf-8")
    if name.endswith(".md"):
        return [re.sub(r"(?m)^  ", "", body) for body in
                re.findall(r"(?ms)^ *(?:```|~~~)mermaid\n(.*?)^ *(?:```|~~~)$", text)]
    return [text]


def _shown(text: str) -> str:
    """A Mermaid label as it is drawn: entity stand-ins decoded, <br> a space, one line."""
    text = text.replace("ﬂ°quot¶ß", '"')
    return " ".join(re.sub(r"<br\s*/?>", " ", text).split())


def _read(journey: Journey) -> dict[str, Any]:
    names = {stage.id: stage.name for stage in journey.stages}
    people = {person.id: person.name for person in [*journey.all_personas(),
                                                    *journey.participants]}
    return {"tasks": [{
        "section": names[step.stage or ""], "task": step.name,
        "score": step.emotion.score + 3 if step.emotion else None,
        "people": [people[id_] for id_ in step.participants]
        or ([journey.persona.name] if journey.persona and not any(
            s.participants for s in journey.steps) else [])}
        for step in journey.steps]}


@pytest.mark.node
@pytest.mark.parametrize("name", GOOD)
def test_the_map_holds_what_mermaid_reads(name: str) -> None:
    require_mermaid()
    read = [found for found in parse_mermaid(_diagrams(name)) if found.get("type") == "journey"]
    journeys = _imported(name)
    assert len(read) == len(journeys)
    for found, journey in zip(read, journeys, strict=True):
        assert "error" not in found
        ours = _read(journey)["tasks"]
        assert [_shown(task["task"]) for task in found["tasks"]] == [t["task"] for t in ours]
        assert [min(max(round(task["score"]), 1), 5) for task in found["tasks"]] == \
            [t["score"] for t in ours]
        for theirs, mine in zip(found["tasks"], ours, strict=True):
            assert [p for p in map(_shown, theirs["people"]) if p] == mine["people"]
            if theirs["section"]:
                assert _shown(theirs["section"]) == mine["section"]
        assert _shown(found["title"] or "") in ("", journey.title)


def test_quirks_are_read_and_reported() -> None:
    items = mermaid.read((SOURCES / "working-day.mmd").read_bytes(), "working-day.mmd",
                         ImportOptions("mermaid"))
    data = items[0].data
    assert data["description"] == "How the team feels from breakfast to the sofa"
    assert data["persona"] == "Me" and data["participants"] == ["Cat"]
    steps = data["steps"]
    assert steps[0] == {"name": "Wake up", "emotion": 0, "evidence": "assumed"}
    # Two tasks "Pay": two distinct ids.
    assert [step.get("id") for step in steps if step["name"] == "Pay"] == [None, "pay-2"]
    assert data["x-import"] == {"accTitle": "A working day"}
    assert any("rendering settings" in note for note in items[0].dropped)
    crlf = _imported("crlf-front-matter.mmd")[0]
    assert crlf.title == "Ordering food"
    assert [stage.id for stage in crlf.stages] == ["consideration", "evaluation", "purchase"]
    assert [step.name for step in crlf.steps][-1] == 'Pays "online"'
    assert [step.evidence for step in crlf.steps] == [None, "assumed", "assumed"]


def test_spanish_section_names_are_the_stage_model_in_a_spanish_map() -> None:
    item = mermaid.read((SOURCES / "languages.md").read_bytes(), "languages.md",
                        ImportOptions("mermaid", "es"))[-1]
    assert item.data["stages"] == "consideration-evaluation-purchase"
    assert item.data["lang"] == "es"


@pytest.mark.parametrize(("name", "place", "words"), [
    ("semicolon.mmd", (4, 9), "no ';'"),
    ("no-score.mmd", (4, 20), "has no score"),
    ("not-journeys.md", (1, 1), "no journey diagram found: its 2 mermaid blocks hold a "
                                "flowchart diagram, a sequenceDiagram diagram"),
])
def test_what_is_not_a_journey_is_an_error_at_its_place(name: str, place: tuple[int, int],
                                                        words: str) -> None:
    with pytest.raises(SourceError) as raised:
        mermaid.read((SOURCES / name).read_bytes(), name, ImportOptions("mermaid"))
    assert (raised.value.line, raised.value.column) == place
    assert words in raised.value.message


@pytest.mark.parametrize("score", ["0", "-1", "7", "2.5", "0x4", " "])
def test_scores_out_of_range_are_clamped_and_marked(score: str) -> None:
    text = f"journey\n  section S\n    Task: {score}: Me\n".encode()
    item = mermaid.read(text, "x.mmd", ImportOptions("mermaid"))[0]
    step = item.data["steps"][0]
    expected = {"0": -2, "-1": -2, "7": 2, "2.5": -1, "0x4": 1, " ": -2}[score]
    assert step["emotion"] == expected
    assert (step.get("evidence") == "assumed") == (score not in ("0x4",))


def test_a_score_that_is_no_number_is_an_error() -> None:
    with pytest.raises(SourceError, match="not a number") as raised:
        mermaid.read(b"journey\n  section S\n    Task: high: Me\n", "x.mmd",
                     ImportOptions("mermaid"))
    assert (raised.value.line, raised.value.column) == (3, 10)


@pytest.mark.parametrize("example", example_maps(), ids=lambda path: path.name)
def test_cjmaps_own_export_comes_back(example: Path) -> None:
    journey = cjmap.load(example).journey
    assert journey is not None
    exported = render(journey, RenderOptions())
    back = cjmap.load_text(map_text(mermaid.read(exported, "x.mmd", ImportOptions(
        "mermaid"))[0], "x.mmd"), "back.yaml").journey
    assert back is not None
    assert [step.name for step in back.steps] == [step.name for step in journey.steps]
    names = {stage.id: stage.name for stage in journey.stages}
    back_names = {stage.id: stage.name for stage in back.stages}
    assert [back_names[s.stage or ""] for s in back.steps] == \
        [names[s.stage or ""] for s in journey.steps]
    assert [s.emotion.score if s.emotion else None for s in back.steps] == \
        [s.emotion.score if s.emotion else 0 for s in journey.steps]

"""The docs stay true to the format: every map they show validates (or fails, when marked
``# invalid``), docs/format.md mentions every key of every model and lists the stage models as
presets.py defines them, and links into the docs land on a heading that exists."""

import inspect
import re
import textwrap
from pathlib import Path

import pytest
from pydantic import BaseModel

import cjmap
from cjmap.format import model
from cjmap.format.presets import PRESETS
from tests.conftest import EXAMPLES, ROOT, example_maps

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FORMAT = ROOT / "docs" / "format.md"
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
# '# invalid' marks a map shown as a mistake; '# invalid: CODE …' also names the expected code.
INVALID = re.compile(r"^# invalid(?::\s*([a-z-]+))?")


def _blocks(path: Path, language: str) -> list[tuple[int, str]]:
    """The fenced blocks of ``language`` in ``path``: (line of the fence, dedented text)."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, match.start()) + 1, textwrap.dedent(match.group(3)))
            for match in FENCE.finditer(text) if match.group(2) == language]


MAP_BLOCKS = [
    pytest.param(block, id=f"{path.name}:{line}")
    for path in DOCS for line, block in _blocks(path, "yaml")
    if re.search(r"^cjmap: 1\s*$", block, re.MULTILINE)
]


def test_the_docs_show_maps() -> None:
    assert len(MAP_BLOCKS) >= 4


@pytest.mark.parametrize("block", MAP_BLOCKS)
def test_map_in_docs_validates_or_fails_as_marked(block: str) -> None:
    result = cjmap.load_text(block, "docs-example.yaml")
    marked = INVALID.match(block)
    if marked is None:
        assert result.ok, [f"{d.line}:{d.column} {d.message}" for d in result.diagnostics]
        return
    assert not result.ok, "the block is marked '# invalid' but validates"
    if marked.group(1):
        assert marked.group(1) in {d.code for d in result.diagnostics}


def test_minimal_map_in_format_md_is_the_minimal_example() -> None:
    first = _blocks(FORMAT, "yaml")[0][1]
    assert first == (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")


def test_format_md_presents_every_example() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    for path in example_maps():
        assert f"(../examples/{path.name})" in text, path.name


def _without_code(text: str) -> str:
    return FENCE.sub("", text)


def _sections(text: str) -> dict[str, str]:
    """Each heading's text (without '#') → the text up to the next heading."""
    parts = re.split(r"^#{1,6} (.+)$", _without_code(text), flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


# The heading of the reference section for each model, where it is not the class name.
SECTION = {"Journey": "The map", "Endpoint": "Start and end points", "Quality": "Quality scores",
           "PainPoint": "Pain point"}


def _format_models() -> list[type[BaseModel]]:
    return [cls for _, cls in inspect.getmembers(model, inspect.isclass)
            if issubclass(cls, BaseModel) and cls.__module__ == model.__name__
            and cls.model_fields]


def test_every_model_is_found() -> None:
    names = {cls.__name__ for cls in _format_models()}
    assert {"Journey", "Step", "Touchpoint", "Metric", "Quality", "Duration"} <= names


@pytest.mark.parametrize("cls", _format_models(), ids=lambda cls: cls.__name__)
def test_format_md_documents_every_key(cls: type[BaseModel]) -> None:
    heading = SECTION.get(cls.__name__, cls.__name__)
    sections = _sections(FORMAT.read_text(encoding="utf-8"))
    assert heading in sections, f"docs/format.md has no '### {heading}' section for {cls.__name__}"
    internal = getattr(cls, "internal_fields", frozenset())
    missing = [name for name in cls.model_fields
               if name not in internal and f"`{name}`" not in sections[heading]]
    assert not missing, f"'{heading}' in docs/format.md does not describe {missing}"


def test_format_md_lists_the_stage_models_of_presets() -> None:
    rows = re.findall(r"^\|(.*)\|$", _sections(FORMAT.read_text(encoding="utf-8"))["Stage models"],
                      re.MULTILINE)
    table: dict[str, list[tuple[str, str, str, str]]] = {}
    current = ""
    for row in rows[2:]:
        preset, stage, english, spanish, phase = (cell.strip() for cell in row.split("|"))
        current = preset.split("`")[1] if preset else current
        table.setdefault(current, []).append((stage.strip("`"), english, spanish, phase))
    assert table == {
        name: [(s.id, s.name["en"], s.name["es"], s.phase) for s in stages]
        for name, stages in PRESETS.items()
    }


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


LINK = re.compile(r"\]\(([\w./-]*\.md)?#([\w-]+)\)")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_links_to_headings_resolve(doc: Path) -> None:
    for target, anchor in LINK.findall(_without_code(doc.read_text(encoding="utf-8"))):
        linked = (doc.parent / target).resolve() if target else doc
        if not linked.exists():
            continue  # a missing file is for a link checker; here only anchors are checked
        anchors = {_anchor(h) for h in _sections(linked.read_text(encoding="utf-8"))}
        assert anchor in anchors, f"{doc.name}: no heading for '{target}#{anchor}'"


def test_cli_md_links_to_editor_support() -> None:
    assert "format.md#editor-support" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "editor-support" in {_anchor(h) for h in _sections(FORMAT.read_text(encoding="utf-8"))}

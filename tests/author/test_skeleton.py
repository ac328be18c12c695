"""The skeleton `cjmap init` writes: valid and lint-clean for every stage model, language and
size, spelling out the format's own fields (read from the models), commented in both languages."""

import datetime
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from cjmap import load_text
from cjmap.author import yamltext
from cjmap.author.skeleton import Skeleton, _model_in, render, walk_fields
from cjmap.author.words import COMMENTS, EXAMPLES, HEADER, LANGS, TEXT
from cjmap.format.model import Duration, Journey, Persona, Quality, Stage
from cjmap.format.presets import PRESETS
from cjmap.lint.config import Settings
from cjmap.lint.engine import lint_file

TODAY = datetime.date(2026, 3, 14)
COMBINATIONS = list(itertools.product(PRESETS, LANGS, (True, False)))
# Written in their shorthand on purpose: durations as '3 weeks' or '1-3 days'.
SHORTHANDS = {Duration}
# What a map writes instead of what the skeleton shows, so only in its commented examples: several
# personas instead of one, a persona file (which must exist), its own stages instead of a model.
ALTERNATIVES = {"Journey.personas", "Persona.ref", "Journey.improves", "Step.replaces",
                *(f"{Stage.__name__}.{name}" for name in Stage.model_fields)}


def _lint(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "journey.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint_file(path, Settings(root=str(tmp_path)), TODAY)
    return [(d.code, d.severity) for d in report.diagnostics]


@pytest.mark.parametrize(("stages", "lang", "full"), COMBINATIONS,
                         ids=[f"{s}-{lang}-{'full' if f else 'minimal'}"
                              for s, lang, f in COMBINATIONS])
def test_every_skeleton_validates_and_lints(stages: str, lang: str, full: bool,
                                            tmp_path: Path) -> None:
    text = render(Skeleton(today=TODAY, stages=stages, lang=lang, full=full))  # type: ignore[arg-type]
    result = load_text(text)
    assert result.ok, result.diagnostics
    assert result.journey is not None
    assert result.journey.stage_ids() == [stage.id for stage in PRESETS[stages]]
    assert result.journey.lang == lang
    findings = _lint(tmp_path, text)
    if full:
        # Every rule, infos included: the full skeleton is what the method asks for.
        assert findings == []
    else:
        assert findings and all(severity != "error" for _, severity in findings)


def _models(model: type[BaseModel]) -> set[type[BaseModel]]:
    found = {model}
    for field in model.model_fields.values():
        nested = _model_in(field.annotation)
        if nested is not None and nested not in found and nested not in SHORTHANDS:
            found |= _models(nested)
    return found


_KEY = re.compile(r"^( *)(- )?([\w-]+):")
_EXAMPLE = "#   "  # a comment's line indented further: YAML, not prose


def _commented_examples(text: str) -> list[tuple[type[BaseModel], dict[str, Any]]]:
    """The YAML examples in the comments of ``text``, each with the model of the mapping it is
    written in (the model of the key that follows it)."""
    found: list[tuple[type[BaseModel], dict[str, Any]]] = []
    keys: list[tuple[int, str]] = []  # the keys enclosing the line, with their columns
    pending: list[list[str]] = []  # the examples above the next key, each as its lines
    in_example = False
    for line in text.splitlines():
        comment = line.lstrip()
        if comment.startswith(_EXAMPLE):
            if not in_example:
                pending.append([])
            pending[-1].append(comment[len(_EXAMPLE):])
            in_example = True
            continue
        in_example = False
        match = _KEY.match(line)
        if comment.startswith("#") or match is None:
            continue
        column = len(match.group(1)) + len(match.group(2) or "")
        while keys and keys[-1][0] >= column:
            keys.pop()
        model: type[BaseModel] = Journey
        for _, key in keys:
            nested = _model_in(model.model_fields[key].annotation)
            assert nested is not None, key
            model = nested
        for example in pending:
            data = yaml.safe_load("\n".join(example))
            assert isinstance(data, dict), example
            found.append((model, data))
        pending = []
        keys.append((column, match.group(3)))
    assert not pending, "an example comes after the last key"
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_full_skeleton_spells_out_every_field_of_the_format(lang: str) -> None:
    text = render(Skeleton(today=TODAY, lang=lang))  # type: ignore[arg-type]
    internal = {f"{model.__name__}.{name}" for model in _models(Journey)
                for name in getattr(model, "internal_fields", ())}
    every = {f"{model.__name__}.{name}" for model in _models(Journey)
             for name in model.model_fields} - internal
    written = walk_fields(yaml.safe_load(text))
    examples = _commented_examples(text)
    shown = set().union(*(walk_fields(data, model) for model, data in examples))
    assert written | shown == every
    # As data, everything that can be written together; the alternatives only as examples.
    assert every - written == ALTERNATIVES
    # An emotion per persona and labelled arrows are shown too, beside what they stand for.
    step = [data for model, data in examples if model.__name__ == "Step"]
    assert {"emotion", "next"} <= {key for data in step for key in data}
    assert any(isinstance(entry, dict) and {"to", "label"} <= entry.keys()
               for data in step for entry in data.get("next", []))


def test_the_commented_examples_are_valid_where_they_stand() -> None:
    text = render(Skeleton(today=TODAY))
    data = yaml.safe_load(text)
    for model, example in _commented_examples(text):
        if model is Journey and "persona" in example:  # a persona file, which must exist
            assert set(example["persona"]) == {"ref"}
            Persona.model_validate({**example["persona"], "name": "from the file"})
            continue
        if model is Journey:
            changed = {key: value for key, value in data.items()
                       if not (key == "persona" and "personas" in example)}
            changed.update(example)
        else:
            changed = {**data, "steps": [{**data["steps"][0], **example}, *data["steps"][1:]]}
            if "emotion" in example:  # an emotion per persona needs the personas
                personas = next(e for m, e in _commented_examples(text) if "personas" in e)
                changed = {key: value for key, value in changed.items() if key != "persona"}
                changed.update(personas)
        result = load_text(yaml.safe_dump(changed, allow_unicode=True))
        assert result.ok, (example, result.diagnostics)


def test_every_field_written_has_a_comment_in_both_languages() -> None:
    written = walk_fields(yaml.safe_load(render(Skeleton(today=TODAY))))
    # The six qualities are explained together, in the comment of 'quality'.
    expected = {key for key in written if not key.startswith(f"{Quality.__name__}.")}
    assert set(COMMENTS) == expected
    for table in (COMMENTS, TEXT, EXAMPLES):
        for key, words in table.items():
            assert set(words) == set(LANGS) and all(words.values()), key
    assert set(HEADER) == set(LANGS)


def test_comments_follow_the_language() -> None:
    english = render(Skeleton(today=TODAY, lang="en"))
    spanish = render(Skeleton(today=TODAY, lang="es", stages="six-phases"))
    assert COMMENTS["Step.actions"]["en"] in english
    assert COMMENTS["Step.actions"]["es"] in spanish
    assert "Intención de compra" in spanish and "Qué hace el cliente." in spanish


def test_the_modeline_comes_first_and_can_point_elsewhere() -> None:
    default = render(Skeleton(today=TODAY))
    assert default.startswith(
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/cjmap/cjmap/main/"
        "schemas/cjmap-1.schema.json\n")
    local = render(Skeleton(today=TODAY, schema="../schemas/cjmap-1.schema.json"))
    assert local.splitlines()[0] == "# yaml-language-server: $schema=../schemas/cjmap-1.schema.json"


@pytest.mark.parametrize("text", [
    "Comprar: \"zapatillas\" #1", "- a list?", "yes", "null", "2024", "1.5", "2026-01-02",
    "  spaces  ", "tab\there", "{not a map}", "Ünïcödé 🏃 señal", "ends with:", "@home", "",
    "a # b", "%x", "0x1F", "~", "line\nbreak", "'single'",
])
def test_any_title_and_persona_reads_back_as_written(text: str) -> None:
    skeleton = Skeleton(today=TODAY, title=text or None, persona=text or None, full=False)
    journey = load_text(render(skeleton)).journey
    assert journey is not None
    assert journey.title == (text or "Customer journey")
    assert journey.persona is not None and journey.persona.name == (text or "Alex, the customer")
    assert yaml.safe_load(yamltext.scalar(text)) == text


def test_dump_places_comments_above_their_keys() -> None:
    data: dict[str, Any] = {"a": 1, "b": [{"c": "x", "d": []}, "z"], "e": {}}
    text = yamltext.dump(data, {("a",): "first", ("b", 0, "c"): "in a list", ("b",): "list"})
    assert text == ("# first\na: 1\n\n# list\nb:\n  # in a list\n  - c: x\n    d: []\n  - z\n"
                    "e: {}\n")
    assert yaml.safe_load(text) == data

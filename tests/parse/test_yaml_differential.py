"""The fast parse path (libyaml events) and the reference (ruamel.yaml round-trip, YAML 1.2)
must read every map to the same data, and place every value and key at the same spot."""

import math
import sys
from pathlib import Path

import pytest

from cjmap.parse import yamlfast, yamlref
from tests.conftest import ROOT, example_maps

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate

MAPS = example_maps() + sorted((ROOT / "tests" / "maps").rglob("*.yaml"))
SCALARS = """\
plain: [yes, no, on, off, y, n, Yes, NO, "true", true, True, FALSE, null, Null, ~, ""]
numbers: [1, -2, +3, 0, 007, 0o17, 0x1F, 0b101, 1_000, 1.5, -.5, 1e3, 2.5E-2, .inf, -.INF, .nan]
times: [1:20, 12:30:45, 2026-01-15, 2026-1-5, 2026-01-15T10:20:30, 2026-01-15 10:20:30.5 +02:00]
text:
  - a b
  - "quoted: yes"
  - 'single'
  - |
    literal
    block
  - >
    folded
    block
empty:
nested: {a: {b: [1, {c: d}]}}
merge:
  base: &base {x: 1, y: 2}
  derived: {<<: *base, y: 3}
unicode: [ñandú, 日本語, 🏃‍♀️, "\\u00e9"]
"""


def _same(fast, ref) -> bool:
    if isinstance(fast, float) and isinstance(ref, float) and math.isnan(fast):
        return math.isnan(ref)
    if isinstance(fast, dict):
        return (isinstance(ref, dict) and fast.keys() == ref.keys()
                and all(_same(fast[k], ref[k]) for k in fast))
    if isinstance(fast, list):
        return (isinstance(ref, list) and len(fast) == len(ref)
                and all(_same(a, b) for a, b in zip(fast, ref, strict=True)))
    return type(fast) is type(ref) and fast == ref


def assert_agree(text: str) -> None:
    fast, ref = yamlfast.parse(text), yamlref.parse(text)
    assert _same(fast.data, ref.data)
    # ruamel knows only where values and keys start; those must match exactly. Two places are
    # told apart on purpose: at an alias the fast path points at the '*alias' the user wrote
    # (ruamel at the anchored value, elsewhere in the file), and an empty value sits right after
    # its key (ruamel puts it at the start of the next line).
    lines = text.splitlines()

    def is_alias(path: tuple) -> bool:
        line, column = fast.values[path][:2]
        return lines[line - 1][column - 1:column] == "*"

    aliases = {path for path in fast.values if path and is_alias(path)}

    def compared(spans: dict) -> dict:
        return {
            path: span[:2] for path, span in spans.items()
            if not any(path[:n] in aliases for n in range(1, len(path) + 1))
        }

    empty = {path for path, span in fast.values.items() if span[:2] == span[2:]}
    assert compared(fast.keys) == compared(ref.keys)
    ref_values = compared(ref.values)
    assert {p: s for p, s in compared(fast.values).items() if p in ref_values and p not in empty} \
        == {p: s for p, s in ref_values.items() if p not in empty}
    assert ref_values.keys() <= fast.values.keys()


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_maps_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        yamlref.parse(text)
    except yamlfast.YamlError:
        with pytest.raises(yamlfast.YamlError):
            yamlfast.parse(text)
        return
    assert_agree(text)


def test_scalar_resolution_is_yaml_12() -> None:
    assert_agree(SCALARS)
    data = yamlfast.parse(SCALARS).data
    assert data["plain"][:10] == ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "true", True]
    assert data["times"][:2] == ["1:20", "12:30:45"]
    assert data["numbers"][4:7] == [7, 15, 31]


@pytest.mark.parametrize("seed", range(5))
def test_generated_maps_read_the_same(seed: int) -> None:
    assert_agree(generate.make_map(30, seed))


def test_libyaml_is_in_use() -> None:
    assert yamlfast.DEFAULT_PARSER is not yamlfast.PurePythonParser, (
        "PyYAML was built without libyaml: the fast path would be 8x slower"
    )


@pytest.mark.parametrize("path", MAPS[:6], ids=lambda p: p.name)
def test_pure_python_fallback_reads_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        c_doc = yamlfast.parse(text)
    except yamlfast.YamlError as error:
        with pytest.raises(yamlfast.YamlError) as fallback_error:
            yamlfast.parse(text, yamlfast.PurePythonParser)
        assert fallback_error.value.span[:2] == error.span[:2]
        return
    py_doc = yamlfast.parse(text, yamlfast.PurePythonParser)
    assert _same(py_doc.data, c_doc.data)
    assert py_doc.values == c_doc.values and py_doc.keys == c_doc.keys


def test_explicit_str_tags_read_the_same() -> None:
    # ruamel's round-trip mode keeps '!!str 5' as a tagged scalar, keys included.
    text = "a: !!str 5\n!!str 6: x\nb: !!int '7'\nc: [!!str 8, !!float 1]\n"
    assert_agree(text)
    assert yamlref.parse(text).data == {"a": "5", "6": "x", "b": 7, "c": ["8", 1.0]}


def test_both_paths_reject_the_same_broken_yaml() -> None:
    for broken in ["a: [1, 2\n", "a: 1\na: 2\n", "a:\n\t- b\n", "a: b: c\n",
                   "c: !foo bar\n", "? {a: 1}\n: b\n", "? [a]\n: b\n", "{[a]: b}\n"]:
        with pytest.raises(yamlfast.YamlError):
            yamlfast.parse(broken)
        with pytest.raises(yamlfast.YamlError):
            yamlref.parse(broken)


# Bits of YAML that change how a line reads: YAML 1.1 words, numbers, tags, anchors, flow
# collections, indicators, tabs, non-ASCII.
_MUTATIONS = ["yes", "no", "~", "null", "0x1F", "1_000", "1:20", ".inf", "-.5", "2026-01-15",
              "'q'", '"d"', "[a, b]", "{a: 1}", "&x a", "*x", "<<: *x", "- ", ": ", "#c", "\t",
              "|", ">", "!!str 5", "007", "+3", "é", "🏃", "\n", "  ", "? ", ",", "]", "}"]


def _mutants(count: int) -> list[str]:
    import random

    rng = random.Random(2026)
    texts = [path.read_text(encoding="utf-8") for path in example_maps()]
    mutants = []
    for _ in range(count):
        lines = rng.choice(texts).split("\n")
        for _ in range(rng.randint(1, 3)):
            index = rng.randrange(len(lines))
            at = rng.randrange(len(lines[index]) + 1)
            lines[index] = lines[index][:at] + rng.choice(_MUTATIONS) + lines[index][at:]
        mutants.append("\n".join(lines))
    return mutants


def test_mutated_maps_read_the_same_or_fail() -> None:
    """Where both paths read a mutated map they read the same data, and neither fails with
    anything but a YamlError. (ruamel refuses some tabs that YAML allows, and libyaml a line
    that starts with ': '; those are left out.)"""
    both = 0
    for text in _mutants(100):
        try:
            fast = yamlfast.parse(text)
        except yamlfast.YamlError:
            continue
        try:
            ref = yamlref.parse(text)
        except yamlfast.YamlError:
            continue
        assert _same(fast.data, ref.data), text
        both += 1
    assert both >= 40  # of 100: the rest no longer parse in one path or both



# Scalars that look like a number or a time until they are built: digits made only of '_', a
# time of day or an offset that does not exist, a date that does not.
NOT_NUMBERS_OR_TIMES = ["0x_", "0b_", "0o_", "-_", "+_", "._", "-.__", "2024-01-01 24:00:00",
                        "2024-01-01 23:60:00", "2024-01-01 23:59:60", "2024-01-01 10:00:00 +24:00",
                        "2024-02-30", "2024-02-30 10:00:00", "0000-01-01"]


@pytest.mark.parametrize("text", NOT_NUMBERS_OR_TIMES)
def test_a_plain_scalar_that_is_no_number_or_time_is_text(text: str) -> None:
    yaml = f"a: {text}\n{text}: b\nc: [{text}]\n"
    assert_agree(yaml)
    assert yamlfast.parse(yaml).data == {"a": text, text: "b", "c": [text]}


@pytest.mark.parametrize("text", ["!!int _", "!!int 0x_", "!!float _", "!!float 0x1F",
                                  "!!int 1.5", "!!timestamp 2024-01-01 24:00:00",
                                  "!!timestamp 2024-02-30"])
def test_a_tagged_scalar_that_is_not_its_type_is_refused_at_its_place(text: str) -> None:
    for parse in (yamlfast.parse, yamlref.parse):
        with pytest.raises(yamlfast.YamlError) as error:
            parse(f"a: 1\nb: {text}\n")
        assert error.value.span[:2] == (2, 4)
        assert error.value.message.startswith(f"'{text.split(maxsplit=1)[1]}' is not a valid ")


def test_underscores_still_group_digits() -> None:
    text = "a: [0_, 1__0, 0x1_F, -0b_1, +0o_7, 1_., .5_]\n"
    assert_agree(text)
    assert yamlfast.parse(text).data == {"a": [0, 10, 31, -1, 7, 1.0, 0.5]}


LIMIT = yamlfast.MAX_INT_DIGITS
TOO_LONG = ["9" * (LIMIT + 1), "-" + "1" * 4301, "0" * (LIMIT + 1),
            "0x" + "f" * 600, "-0b" + "1" * 2200, "!!int " + "7" * 5000]


@pytest.mark.parametrize("number", TOO_LONG, ids=lambda n: f"{n[:6]}…({len(n)})")
def test_an_integer_too_long_to_print_is_refused_at_its_place(number: str) -> None:
    for parse in (yamlfast.parse, yamlref.parse):
        for text, place in ((f"a: 1\nb: {number}\n", (2, 4)), (f"a: [1, {number}]\n", (1, 8)),
                            # a simple key is at most 1024 characters: this one is explicit
                            (f"a: 1\n? {number}\n: b\n", (2, 3))):
            with pytest.raises(yamlfast.YamlError) as error:
                parse(text)
            assert error.value.code == "yaml-limit"
            assert error.value.span[:2] == place
            assert f"more than {LIMIT} digits" in error.value.message


def test_the_longest_integer_reads_and_prints() -> None:
    text = f"a: {'9' * LIMIT}\nb: 0x{'f' * 531}\n"
    assert_agree(text)
    data = yamlfast.parse(text).data
    assert str(data["a"]) == "9" * LIMIT and len(str(data["b"])) == LIMIT

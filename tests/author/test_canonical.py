"""The fast "already canonical" check against the full formatter, its reference.

``is_canonical`` may say True only where printing the layout tree gives the text back; it may
say False (fall back) anywhere, but on maps already in the canonical style it must rarely do so,
or ``fmt --check`` loses its speed. Both are tested here on every example, every test map,
generated maps, and thousands of mutants of them written the ways people (and editors) break
the canonical style.
"""

import random
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cjmap.author import fmt
from cjmap.author.canonical import is_canonical
from cjmap.author.fmt import FormatError, default_shape, format_source, format_text
from cjmap.author.printer import print_tree
from cjmap.author.tree import Unsupported, build
from cjmap.parse.yamlfast import YamlError, parse
from tests.conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate

MAPS = sorted([*EXAMPLES.glob("*.yaml"), *(ROOT / "docs" / "examples").glob("*.yaml"),
               *(ROOT / "tests" / "maps").rglob("*.yaml")])


def _texts() -> list[str]:
    """Every readable map, as written and formatted, and small generated maps."""
    found = [path.read_text(encoding="utf-8") for path in MAPS]
    found += [generate.make_map(steps, seed) for seed, steps in enumerate((2, 3, 5, 8) * 3)]
    found += [generate.make_map(4, seed, maintained=True) for seed in range(3)]
    texts = []
    for text in found:
        try:
            texts += [text, format_text(text)]
        except FormatError:  # not a map fmt reads: its mutants are no use either
            continue
    return list(dict.fromkeys(texts))


def _reference(text: str) -> bool:
    """The full formatter's answer: the text prints as itself."""
    try:
        return print_tree(build(text), default_shape()) == text
    except Unsupported:
        return False


def _verdict(text: str) -> bool | None:
    """The fast answer, or None when the text is not YAML fmt reads."""
    try:
        document = parse(text)
    except YamlError:
        return None
    return is_canonical(text, document, default_shape())


# -- mutations: each takes the lines of a map and a random source, and changes one thing ------

Lines = list[str]


def _reindent(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    lines[i] = (" " * rng.choice((1, 2, 4)) + lines[i]) if rng.random() < 0.6 \
        else lines[i].replace(" ", "", rng.choice((1, 2)))


def _swap(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines) - 1)
    lines[i], lines[i + 1] = lines[i + 1], lines[i]


def _quote(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    head, sep, value = lines[i].partition(": ")
    if sep and value:
        quote = rng.choice(("'", '"'))
        lines[i] = f"{head}: {quote}{value}{quote}" if rng.random() < 0.7 \
            else f"{quote}{head.strip()}{quote}".join(lines[i].split(head.strip(), 1))


def _unquote(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    lines[i] = lines[i].replace(rng.choice(("'", '"')), "", 2)


def _blank(lines: Lines, rng: random.Random) -> None:
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(("", "", " ", "  ", "\xa0")))


def _comment(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    if rng.random() < 0.5:
        comment = rng.choice(("# note", "#", "# cjmap: ignore[x]"))
        lines.insert(i, " " * rng.choice((0, 2, 3, 4, 6)) + comment)
    else:
        lines[i] += rng.choice(("  # note", " # note", "# note", "\t# note", "  # note ",
                                "  #", "  # cjmap: ignore[no-emotion]", " #x\xa0"))


def _trailing(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    lines[i] += rng.choice((" ", "  ", "\t", "\xa0"))


def _flow_spacing(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    old, new = rng.choice(((", ", ","), ("[", "[ "), ("]", " ]"), ("{", "{ "), (": ", ":  "),
                           (", ", " , "), ("{", "{\n  ")))
    lines[i] = lines[i].replace(old, new, 1)


def _flow_swap(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    line = lines[i]
    if "{" in line and ", " in line:
        start, end = line.index("{"), line.rindex("}")
        parts = line[start + 1:end].split(", ")
        rng.shuffle(parts)
        lines[i] = line[:start + 1] + ", ".join(parts) + line[end:]


def _props(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    head, sep, value = lines[i].partition(": ")
    if sep:
        lines[i] = f"{head}: {rng.choice(('&a ', '!!str ', '*a', '&a'))}{value}"


def _dash(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    lines[i] = lines[i].replace("- ", rng.choice(("-  ", "-\n" + " " * 4, "- - ")), 1)


def _below(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    head, sep, value = lines[i].partition(": ")
    if sep and value:
        indent = len(head) - len(head.lstrip())
        lines[i] = f"{head}:\n{' ' * (indent + 2)}{value}"


def _document(lines: Lines, rng: random.Random) -> None:
    choice = rng.random()
    if choice < 0.3:
        lines.insert(0, "---")
    elif choice < 0.5:
        lines.append("...")
    elif choice < 0.7:
        lines.append("")
    elif choice < 0.8:
        lines.insert(0, "")
    elif lines and lines[-1] == "":
        lines.pop()  # no newline at the end


def _block(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    if lines[i].rstrip().endswith((": >", ": |")):
        lines[i] = lines[i].rstrip() + rng.choice(("+", "-", "2", "  # c", " "))
        lines.insert(i + 2, rng.choice(("", "  ", " " * 6 + "more")))


def _character(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    line = lines[i]
    at = rng.randrange(len(line) + 1)
    lines[i] = line[:at] + rng.choice(" #'\":-,[]{}&*!|>?\t%\xa0") + line[at:]


def _merge(lines: Lines, rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    head, sep, value = lines[i].partition(": ")
    if sep and value and not head.strip().startswith("-"):
        lines.insert(i, head.replace(head.strip(), "<<") + ": {" + f"{head.strip()}: {value}" + "}")


MUTATIONS: tuple[Callable[[Lines, random.Random], None], ...] = (
    _reindent, _swap, _quote, _unquote, _blank, _comment, _trailing, _flow_spacing, _flow_swap,
    _props, _dash, _below, _document, _block, _character, _merge)


def _mutants(texts: list[str], count: int, seed: int) -> Iterator[str]:
    """Mutants of the canonical texts, one or two changes each: most are no longer canonical,
    some still are (a comment or a blank line added where the style allows one)."""
    rng = random.Random(seed)
    small = [text for text in texts if text.count("\n") < 400]
    for _ in range(count):
        lines = rng.choice(small).split("\n")
        for mutation in rng.sample(MUTATIONS, rng.choice((1, 1, 2))):
            mutation(lines, rng)
        yield "\n".join(lines)


TEXTS = _texts()
CANONICAL = [text for text in TEXTS if _verdict(text) is not None and _reference(text)]


def test_realistic_maps_already_formatted_take_the_fast_path() -> None:
    """The fall-back rate on maps in the canonical style: none of the realistic ones."""
    assert len(CANONICAL) > 20
    slow = [text for text in CANONICAL if not _verdict(text)]
    # Left to the full path: the test map whose root is a list (a map must be a mapping) and
    # the one that shows anchors, aliases and merge keys.
    assert len(slow) == 2
    assert all(re.search(r"\n- |: &", text) for text in slow)


def test_a_fast_yes_is_always_the_full_formatters_yes_on_real_maps() -> None:
    for text in TEXTS:
        if _verdict(text):
            assert _reference(text), text[:200]


@pytest.mark.parametrize("seed", range(3))
def test_a_fast_yes_is_always_the_full_formatters_yes_on_mutants(seed: int) -> None:
    agreed = refused = 0
    for text in _mutants(CANONICAL, 300, seed):
        verdict = _verdict(text)
        if verdict is None:
            continue
        reference = _reference(text)
        assert not verdict or reference, f"fast path says canonical, fmt would change:\n{text}"
        agreed += verdict
        refused += reference and not verdict
    # The mutants must exercise both answers, or the test proves nothing.
    assert agreed > 50 and refused > 5


def _outcome(text: str) -> tuple[str, bool] | str:
    try:
        result = format_source(text)
    except FormatError as error:
        return error.code
    return result.text, result.changed


def test_format_source_answers_as_the_full_formatter_on_mutants(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole of fmt's answer (the text, whether it changed, the refusals) is the same with
    the fast path as without it."""
    texts = list(_mutants(CANONICAL, 120, 99)) + TEXTS[:20]
    fast = [_outcome(text) for text in texts]
    monkeypatch.setattr(fmt, "is_canonical", lambda *args: False)
    assert [_outcome(text) for text in texts] == fast


def test_write_mode_still_refuses_unsafe_results() -> None:
    # Reordering puts the alias before its anchor: no fast answer, and the full path refuses.
    text = "cjmap: 1\nsteps: [&t A]\ntitle: *t\n"
    assert _verdict(text) is False
    with pytest.raises(Exception, match="not formatted"):
        format_text(text)


@pytest.mark.parametrize("text", [
    "cjmap: 1\ntitle: T\nsteps:\n  - A\n",
    "# head\n\ncjmap: 1\ntitle: T  # c\nsteps:\n  # first\n  - name: A\n    emotion: {score: 1}\n"
    "\n  - B\n# tail\n",
    "cjmap: 1\ndescription: >\n  one\n\n  two\nsteps: [A, 'yes', \"1:20\"]\n",
])
def test_canonical_texts_are_known_fast(text: str) -> None:
    assert _reference(text) and _verdict(text)


@pytest.mark.parametrize("text", [
    "cjmap: 1\ntitle: 'T'\nsteps: [A]\n",  # needless quotes
    "title: T\ncjmap: 1\nsteps: [A]\n",  # key order
    "cjmap: 1\nsteps:\n- A\n",  # a list not under its key
    "cjmap: 1\nsteps: [ A ]\n",  # flow spacing
    "cjmap: 1\nsteps: [A]\n\n\ntitle: T\n",  # two blank lines
    "cjmap: 1\nsteps: [A]  \n",  # trailing spaces
    "cjmap: 1\n  # misplaced\nsteps: [A]\n",  # a comment the printer indents
    "cjmap: 1\nsteps:\n\n  - A\n",  # a blank line under its key
    "cjmap: 1\nsteps: [A]\ntitle: &t T\n",  # an anchor: the full formatter decides
    "cjmap: 1\nsteps: [A]\ndescription: |+\n  kept\n\nx-a: 1\n",
])
def test_other_texts_fall_back(text: str) -> None:
    assert _verdict(text) is False


def test_the_verdict_is_the_same_with_crlf_and_a_bom(tmp_path: Path) -> None:
    text = "\ufeffcjmap: 1\r\ntitle: T\r\nsteps: [A]\r\n"
    assert format_source(text).changed is False
    assert format_source(text.replace("title: T", "title: 'T'")).changed is True

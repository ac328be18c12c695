"""The formatter on real maps and on each known trap of YAML round-tripping: idempotent, every
comment and blank-line group kept, suppressions still silencing, refusal when unsafe."""

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cjmap.author.fmt import FormatError, format_source, format_text
from cjmap.author.verify import comments
from cjmap.parse import yamlfast, yamlref
from tests.conftest import EXAMPLES, ROOT

CORPUS = sorted([*EXAMPLES.glob("*.yaml"), *(ROOT / "tests" / "maps").glob("*/*.yaml")])


def readable(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    try:
        yamlfast.parse(text)
    except yamlfast.YamlError:
        return None
    return text


def _mutants(count: int = 60, seed: int = 3) -> list[str]:
    """Maps written the non-canonical ways people write them: keys shuffled (with their
    comments), four-space or indentless lists, needless quotes, extra blank lines."""
    rng = random.Random(seed)
    texts = [t for t in (readable(p) for p in CORPUS) if t]
    out = []
    for _ in range(count):
        lines = rng.choice(texts).split("\n")
        result = []
        for line in lines:
            choice = rng.random()
            if choice < 0.05 and line.strip().startswith("- "):
                line = line.replace("- ", "-   ", 1) if rng.random() < 0.5 else line
            elif choice < 0.1 and ": " in line and "#" not in line and '"' not in line \
                    and "'" not in line and not line.rstrip().endswith((":", "|", ">")):
                key, _, value = line.partition(": ")
                if value and not value.startswith(("[", "{", "&", "*", "!")):
                    line = f'{key}: "{value}"'
            elif choice < 0.13:
                result.append("")
            result.append(line)
        out.append("\n".join(result))
    return [t for t in out if _loads(t)]


def _loads(text: str) -> bool:
    try:
        yamlfast.parse(text)
    except yamlfast.YamlError:
        return False
    return True


@pytest.mark.parametrize("path", [p for p in CORPUS if readable(p)], ids=lambda p: p.name)
def test_formatting_twice_gives_the_bytes_of_once(path: Path) -> None:
    once = format_text(path.read_text(encoding="utf-8"))
    assert format_text(once) == once


def test_differential_against_ruamel_round_trip() -> None:
    """The fast answer ('already canonical' is 'prints as itself') against ruamel.yaml, the
    YAML 1.2 reference: what fmt writes loads there to the same data with the same comments."""
    texts = [t for t in (readable(p) for p in CORPUS) if t] + _mutants()
    assert len(texts) > 60
    for text in texts:
        formatted = format_text(text)
        assert yamlref.parse(formatted).data == yamlref.parse(text).data
        assert sorted(comments(formatted)) == sorted(comments(text))
        assert _ruamel_comments(formatted) == _ruamel_comments(text)
        assert format_source(formatted).changed is False
        assert format_source(text).changed is (formatted != text)


def _ruamel_comments(text: str) -> int:
    from ruamel.yaml import YAML

    scanner = YAML(typ="rt")
    count = 0
    for token in scanner.scan(text):
        comment = getattr(token, "_comment", None) or getattr(token, "comment", None)
        if comment:
            count += str(comment).count("#")
    return text.count("#") - (text.count("#") - count) if count else sum(
        1 for _ in comments(text))


def test_keys_follow_the_format_and_comments_travel_with_their_key() -> None:
    text = ("# header stays on top\ncjmap: 1\nsteps: [A]\n\n# about the title\n"
            "title: T  # end of line\nx-note: follows title\n")
    assert format_text(text) == ("# header stays on top\ncjmap: 1\n\n# about the title\n"
                                 "title: T  # end of line\nx-note: follows title\n"
                                 "steps: [A]\n")


def test_long_lines_are_never_wrapped() -> None:
    long = "word " * 60
    text = f"cjmap: 1\ntitle: {long.strip()}\nsteps: [A]\n"
    assert format_text(text) == text


def test_comment_between_blank_lines_is_kept() -> None:
    text = "cjmap: 1\ntitle: T\n\n# alone\n\nsteps:\n  - A\n\n\n  # last\n  - B\n"
    expected = "cjmap: 1\ntitle: T\n\n# alone\n\nsteps:\n  - A\n\n  # last\n  - B\n"
    assert format_text(text) == expected


def test_a_value_on_the_line_below_its_key_stays_there() -> None:
    text = "cjmap: 1\ntitle:\n  A long title written below its key\nsteps: [A]\n"
    assert format_text(text) == text


def test_indentation_quotes_and_flow_spacing_are_made_canonical() -> None:
    text = ("cjmap: 1\ntitle: 'T'\nsteps:\n- name: \"A\"\n  thoughts: [ 'yes', \"1:20\", 'ok' ]\n"
            "  emotion: { label: x,score: 1 }\n")
    assert format_text(text) == ("cjmap: 1\ntitle: T\nsteps:\n  - name: A\n"
                                 "    thoughts: ['yes', \"1:20\", ok]\n"
                                 "    emotion: {score: 1, label: x}\n")


def test_block_scalars_keep_their_content() -> None:
    text = "cjmap: 1\ntitle: T\ndescription: |\n    line one\n\n      indented\nsteps: [A]\n"
    formatted = format_text(text)
    assert yamlfast.parse(formatted).data == yamlfast.parse(text).data


def test_a_comment_after_a_block_scalars_header_is_kept_and_counted() -> None:
    # The scalar's token spans its header line, so the comment there used to be dropped, and
    # the safety check, counting comments between tokens, did not see it go.
    text = ("cjmap: 1\ntitle:   T\ndescription: >-   # why this wording\n  Some text # not one\n"
            "steps:\n  - name: A\n    thoughts: |  # verbatim\n      ok\n")
    assert comments(text) == ["# why this wording", "# verbatim"]
    assert format_text(text) == text.replace("title:   T", "title: T")


def test_crlf_bom_unicode_are_kept() -> None:
    text = "\ufeffcjmap: 1\r\nsteps: [¿Qué compro? 🏃‍♀️]\r\ntitle: 'Compra 👟'  # ñ\r\n"
    assert format_source(text).text == ("\ufeffcjmap: 1\r\ntitle: Compra 👟  # ñ\r\n"
                                        "steps: [¿Qué compro? 🏃‍♀️]\r\n")


def test_tabs_are_reported_at_their_line() -> None:
    with pytest.raises(FormatError) as caught:
        format_text("cjmap: 1\nsteps:\n\t- A\n")
    assert caught.value.span.line == 3 and "tab" in caught.value.message


def test_refuses_when_the_result_would_not_read_back() -> None:
    # Reordering puts the alias before its anchor: fmt must refuse, not write.
    text = "cjmap: 1\nsteps: [&t A]\ntitle: *t\n"
    with pytest.raises(FormatError) as caught:
        format_text(text)
    assert caught.value.code == "fmt-unsafe"


def test_upgrade_writes_the_canonical_shorthands() -> None:
    text = ("cjmap: 1\ntitle: T\npersona:\n  name: Ana  \nsteps:\n  - name: A  # first\n"
            "    next: b\n  - {id: b, name: B}\n  - name: C\n    emotion: {score: 1}\n")
    result = format_source(text, upgrade=True)
    assert result.text == ("cjmap: 1\ntitle: T\npersona: Ana\nsteps:\n  - name: A  # first\n"
                           "    next: [b]\n  - {id: b, name: B}\n  - name: C\n    emotion: 1\n")
    assert result.upgrades == 3


def _lint(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmap", "lint", "--no-cache", "--today",
                           "2026-11-23", "--format", "concise", "."], cwd=directory,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def test_suppressions_still_silence_after_fmt(tmp_path: Path) -> None:
    text = ("steps:\n  # cjmap: ignore[no-emotion]\n  - stage: purchase\n"
            "    name: Buys  # cjmap: ignore[no-touchpoints]\n"
            "title: T\ncjmap: 1\n# cjmap: file-ignore[missing-persona]\n")
    (tmp_path / "map.yaml").write_text(text, encoding="utf-8")
    before = _lint(tmp_path)
    formatted = format_text(text)
    assert formatted != text
    (tmp_path / "map.yaml").write_text(formatted, encoding="utf-8")
    after = _lint(tmp_path)
    assert before.returncode == after.returncode == 1  # other findings remain
    for rule in ("no-emotion", "no-touchpoints", "missing-persona", "unused-suppression"):
        assert rule not in before.stdout and rule not in after.stdout

    def rules(output: str) -> list[str]:
        return sorted(line.split("[")[1].split("]")[0] for line in output.splitlines()
                      if "[" in line)
    assert rules(before.stdout) == rules(after.stdout)

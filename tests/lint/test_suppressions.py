"""Inline suppressions: line, node and file forms, what is not a comment, and unused ones."""

from pathlib import Path

from cjmap.lint.suppressions import find
from cjmap.parse import yamlfast
from tests.lintkit import EMPTY_STAGE_MAP, codes, lint, write

FOCUS = ("empty-stage", "no-emotion", "unused-suppression")


def _lint(tmp_path: Path, text: str, rules: tuple[str, ...] = FOCUS) -> list[tuple[str, int]]:
    return codes(lint(write(tmp_path, text), cli_select=rules))


def test_without_comments_the_findings_stand(tmp_path: Path) -> None:
    assert _lint(tmp_path, EMPTY_STAGE_MAP) == [
        ("empty-stage", 3), ("no-emotion", 5), ("no-emotion", 7)]


def test_a_comment_at_the_end_of_a_line_silences_that_line_only(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "  - name: Decides to start running",
        "  - name: Decides to start running  # cjmap: ignore[no-emotion]")
    assert _lint(tmp_path, text) == [("empty-stage", 3), ("no-emotion", 7)]


def test_a_comment_on_its_own_line_silences_the_node_below(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "  - name: Buys the shoes",
        "  # cjmap: ignore[no-emotion] - the purchase is a single click\n"
        "  - name: Buys the shoes")
    assert _lint(tmp_path, text) == [("empty-stage", 3), ("no-emotion", 5)]


def test_the_node_below_a_comment_is_the_whole_entry_of_a_key(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "steps:", "# cjmap: ignore[no-emotion]\nsteps:")
    assert _lint(tmp_path, text) == [("empty-stage", 3)]


def test_blank_and_comment_lines_between_comment_and_node_are_skipped(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "stages:", "# cjmap: ignore[empty-stage]\n\n# evaluation is mapped elsewhere\nstages:")
    assert _lint(tmp_path, text) == [("no-emotion", 8), ("no-emotion", 10)]


def test_the_first_item_of_a_list_is_the_node_not_the_whole_list(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "  - name: Decides to start running",
        "  # cjmap: ignore[no-emotion]\n  - name: Decides to start running")
    assert _lint(tmp_path, text) == [("empty-stage", 3), ("no-emotion", 8)]


def test_file_ignore_silences_the_rule_everywhere(tmp_path: Path) -> None:
    text = "# cjmap: file-ignore[no-emotion]\n" + EMPTY_STAGE_MAP
    assert _lint(tmp_path, text) == [("empty-stage", 4)]


def test_file_ignore_may_stand_anywhere(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP + "# cjmap: file-ignore[no-emotion, empty-stage]\n"
    assert _lint(tmp_path, text) == []


def test_bare_ignore_silences_every_rule(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "stages: [consideration, evaluation, purchase]",
        "stages: [consideration, evaluation, purchase]  # cjmap: ignore")
    assert _lint(tmp_path, text) == [("no-emotion", 5), ("no-emotion", 7)]


def test_bare_file_ignore_silences_every_rule_in_the_file(tmp_path: Path) -> None:
    assert _lint(tmp_path, "# cjmap: file-ignore\n" + EMPTY_STAGE_MAP) == []


def test_a_hash_inside_a_quoted_string_or_block_scalar_is_text(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "title: Buying running shoes",
        'title: "Buying # cjmap: ignore[empty-stage]"\n'
        "description: |\n"
        "  # cjmap: file-ignore[no-emotion]\n"
        "  is text in a block scalar\n"
        "owner: 'Team #1 # cjmap: ignore'")
    assert _lint(tmp_path, text) == [("empty-stage", 7), ("no-emotion", 9), ("no-emotion", 11)]


def test_a_hash_glued_to_a_word_is_not_a_comment() -> None:
    text = "owner: Team#cjmap:ignore[x]\n"
    assert find(text, yamlfast.parse(text)) == []


def test_finds_directives_only_in_comments() -> None:
    text = "cjmap: 1  # cjmap: ignore[a, b]\ntitle: 'x # cjmap: ignore[c]'\n"
    [directive] = find(text, yamlfast.parse(text))
    assert directive.kind == "line"
    assert [rule for rule, _ in directive.rules or []] == ["a", "b"]
    assert directive.line == 1


def test_an_unknown_rule_in_a_suppression_is_reported_with_did_you_mean(
        tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "stages: [consideration, evaluation, purchase]",
        "stages: [consideration, evaluation, purchase]  # cjmap: ignore[empty-stage, emty-stage]")
    [finding] = [d for d in lint(write(tmp_path, text), cli_select=FOCUS)
                 if d.code == "unused-suppression"]
    assert finding.message == "unknown rule 'emty-stage' in a suppression"
    assert finding.hint == "did you mean 'empty-stage'?"
    assert finding.pointer == "/stages"  # the node on the comment's line
    # The span is the misspelt id inside the comment.
    assert (finding.line, finding.column) == (3, 77)
    assert finding.source_line is not None
    assert finding.source_line[finding.column - 1:finding.span.end_column - 1] == "emty-stage"


def _unused(tmp_path: Path, text: str) -> list[str]:
    return [d.message for d in lint(write(tmp_path, text), cli_select=FOCUS)
            if d.code == "unused-suppression"]


def test_a_suppression_that_silences_nothing_is_reported(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace("title: Buying running shoes",
                                   "title: Buying running shoes  # cjmap: ignore[empty-stage]")
    assert _unused(tmp_path, text) == ["no 'empty-stage' finding to silence here"]


def test_a_used_id_next_to_an_unused_one_is_not_reported(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace(
        "stages: [consideration, evaluation, purchase]",
        "stages: [consideration, evaluation, purchase]  # cjmap: ignore[empty-stage, no-emotion]")
    assert _unused(tmp_path, text) == ["no 'no-emotion' finding to silence here"]


def test_suppressing_a_rule_that_is_not_enabled_is_reported(tmp_path: Path) -> None:
    text = "# cjmap: file-ignore[missing-persona]\n" + EMPTY_STAGE_MAP
    assert _unused(tmp_path, text) == [
        "rule 'missing-persona' is not enabled, so silencing it does nothing"]


def test_validation_codes_cannot_be_suppressed(tmp_path: Path) -> None:
    text = "# cjmap: file-ignore[schema]\n" + EMPTY_STAGE_MAP
    assert _unused(tmp_path, text) == [
        "'schema' is a validation check: it cannot be silenced"]
    invalid = "# cjmap: file-ignore\ncjmap: 1\ntitle: [not, text]\nsteps: []\n"
    assert {d.code for d in lint(write(tmp_path, invalid, "bad.yaml"))} == {"schema"}


def test_unknown_directives_empty_brackets_and_comments_above_nothing(tmp_path: Path) -> None:
    text = ("# cjmap: ignroe[empty-stage]\n" + EMPTY_STAGE_MAP
            + "  # cjmap: ignore[]\n# cjmap: ignore[no-emotion]\n")
    assert _unused(tmp_path, text) == [
        "unknown cjmap directive 'ignroe'",
        "'ignore[]' names no rule",
        "no 'no-emotion' finding to silence here",
    ]


def test_a_bare_ignore_that_silences_nothing_is_reported(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace("cjmap: 1", "cjmap: 1  # cjmap: ignore")
    assert _unused(tmp_path, text) == ["'ignore' silences nothing here"]
    # A bare file-ignore silences every other rule, but not the report of unused ones.
    text = "# cjmap: file-ignore\n" + text
    assert _unused(tmp_path, text) == ["'ignore' silences nothing here"]


def test_unused_suppression_can_itself_be_turned_off_for_a_file(tmp_path: Path) -> None:
    text = ("# cjmap: file-ignore[unused-suppression]\n"
            + EMPTY_STAGE_MAP.replace("cjmap: 1", "cjmap: 1  # cjmap: ignore[no-such-rule]"))
    assert _unused(tmp_path, text) == []


def test_unused_suppressions_are_not_reported_when_the_rule_is_off(tmp_path: Path) -> None:
    text = EMPTY_STAGE_MAP.replace("cjmap: 1", "cjmap: 1  # cjmap: ignore[no-such-rule]")
    findings = lint(write(tmp_path, text), cli_select=("empty-stage",))
    assert codes(findings) == [("empty-stage", 3)]


def test_a_file_with_carriage_return_line_breaks_keeps_its_line_numbers() -> None:
    from cjmap.lint.suppressions import find
    from cjmap.loader import load_text

    text = "cjmap: 1\rtitle: T\rsteps:\r  - name: X  # cjmap: ignore[no-emotion]\r"
    result = load_text(text)
    assert result.document is not None
    [directive] = find(text, result.document)
    assert directive.span.line == 4

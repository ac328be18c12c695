"""Markdown for a pull-request comment: the summary line, then each map in a collapsible
``<details>`` block with its table of changes. Text is escaped as the Markdown render escapes it,
so a step name cannot break the table or inject markup."""

from collections.abc import Sequence
from html import escape

from cjmap.compare import words
from cjmap.compare.changes import DiffDocument, MapDiff, StateComparison
from cjmap.i18n import _
from cjmap.render.markdown import span


def write(document: DiffDocument, color: bool) -> str:
    blocks = [f"**cjmap diff**: {span(words.summary(document))}"]
    for diff in document.maps:
        blocks += _map(diff)
    return "\n\n".join(blocks) + "\n"


def _map(diff: MapDiff) -> list[str]:
    # <b> rather than ** inside <summary>: GitHub renders no Markdown there.
    summary = (f"<details><summary><b>{_html(words.map_heading(diff))}</b> — "
               f"{_html(diff.title)}: {_html(words.map_line(diff))}</summary>")
    if diff.comparison is not None:
        table = _comparison(diff.comparison)
    elif diff.changes:
        table = _table((_("Step"), _("Change")), [
            (_code(words.sign(change)), span(change.step_name or "—"),
             span(words.describe(change))) for change in diff.changes])
    else:
        return [summary, "</details>"]
    return [summary, table, "</details>"]


def _comparison(comparison: StateComparison) -> str:
    rows = []
    for step in comparison.steps:
        details = [span(words.describe(change)) for change in step.changes]
        details += [span(words.metric_move(m)) for m in step.metrics if m.current != m.future]
        rows.append((_code({"kept": "=", "changed": "~", "new": "+"}[step.fate]),
                     span(words.fate(step.fate)), span(step.name),
                     span(", ".join(step.replaces)) or "—",
                     span(words.emotion_move(step.current_emotion, step.future_emotion)),
                     "<br>".join(details)))
    rows += [(_code("-"), span(words.fate("eliminated")), span(step.name), span(step.step),
              span(words.emotion_move(step.emotion, None)), "") for step in comparison.eliminated]
    return _table((_("Fate"), _("Step"), _("Replaces"), _("Emotion"), _("Changes")), rows)


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    lines = ["| | " + " | ".join(span(h) for h in headers) + " |",
             "|---|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _code(sign: str) -> str:
    return f"`{sign}`"


def _html(text: str) -> str:
    return escape(" ".join(text.split()), quote=False)

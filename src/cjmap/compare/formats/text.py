"""The diff for a person at a terminal: one heading per map, the changes under their step, a
sign before each (``+`` came, ``-`` went, ``~`` changed), coloured only on a terminal."""

from cjmap.compare import words
from cjmap.compare.changes import Change, DiffDocument, MapDiff, StateComparison
from cjmap.report.style import Style, printable

_SIGN_COLOR = {words.ADDED: "ok", words.REMOVED: "error", words.CHANGED: "warning"}
_TONE_COLOR = {"good": "ok", "bad": "error"}
_STEP_EVENTS = ("step-added", "step-removed")


def write(document: DiffDocument, color: bool) -> str:
    style = Style(color)
    out = [style("bold", printable(words.summary(document)))]
    for diff in document.maps:
        out += ["", *_map(diff, style)]
    return "\n".join(out) + "\n"


def _map(diff: MapDiff, style: Style) -> list[str]:
    heading = f"{style('header', printable(words.map_heading(diff)))} — {printable(diff.title)}"
    if diff.comparison is not None:
        # The counts of a design change make a long line: it gets its own.
        return [heading, f"  {printable(words.map_line(diff))}",
                *_comparison(diff.comparison, style)]
    out = [f"{heading}: {printable(words.map_line(diff))}"]
    for step, changes in words.step_groups(diff.changes):
        if step is None:
            out += [f"  {_line(change, style)}" for change in changes]
        elif changes[0].kind in _STEP_EVENTS:
            first = changes[0]
            out.append(f"  {_sign(first, style)} {printable(words.step_heading(first))}: "
                       f"{words.describe(first)}")
        else:
            out.append(f"  {style('bold', printable(words.step_heading(changes[0])))}")
            out += [f"    {_line(change, style)}" for change in changes]
    return out


def _sign(change: Change, style: Style) -> str:
    sign = words.sign(change)
    return style(_SIGN_COLOR[sign], sign)


def _line(change: Change, style: Style) -> str:
    text = printable(words.describe(change))
    color = _TONE_COLOR.get(words.tone(change))
    return f"{_sign(change, style)} {style(color, text) if color else text}"


def _comparison(comparison: StateComparison, style: Style) -> list[str]:
    out = []
    signs = {"kept": "=", "changed": words.CHANGED, "new": words.ADDED}
    colors = {"kept": "dim", "changed": "warning", "new": "ok"}
    for step in comparison.steps:
        line = f"  {style(colors[step.fate], signs[step.fate])} " \
               f"{style(colors[step.fate], f'{words.fate(step.fate):<11}')} " \
               f"{printable(words.quoted(step.name))}"
        if step.replaces and step.fate != "kept":
            line += " ← " + ", ".join(step.replaces)
        if step.current_emotion != step.future_emotion:
            line += "  " + words.emotion_move(step.current_emotion, step.future_emotion)
        out.append(line)
        out += [f"      {_line(change, style)}" for change in step.changes]
        out += [f"      {printable(words.metric_move(metric))}" for metric in step.metrics
                if metric.current != metric.future]
    gone = style("error", f"{words.REMOVED} {words.fate('eliminated'):<11}")
    out += [f"  {gone} {printable(words.quoted(step.name))}" for step in comparison.eliminated]
    return out

"""The journey as a Markdown report for a wiki page or a pull-request comment.

A header (title, description, persona, objectives, review), then a section per stage, in stage
order, with a table of its steps: emotion, touchpoints, pain points, opportunities and metrics.
With ``options.mermaid`` the Mermaid journey diagram is embedded, which GitHub and GitLab draw.

Every user string is escaped, so a name with ``|``, ``*`` or ``<b>`` reads as written instead
of breaking the table or turning into markup.
"""

import re
from collections.abc import Iterable
from pathlib import Path

from cjmap.format.model import (
    Action,
    Emotion,
    Journey,
    Metric,
    Opportunity,
    PainPoint,
    Persona,
    Step,
    Touchpoint,
)
from cjmap.render import RenderOptions
from cjmap.render.baseline import Baseline, ComparedMetric
from cjmap.render.formatting import format_date, format_duration, short_name, signed, with_unit
from cjmap.render.labels import labels
from cjmap.render.sparkline import trend

# Figures (12,000 / 12 000, "3 semanas") are written as on the HTML map; importing its module
# costs nothing more, as it loads Jinja2 only to render a page.
FACES = {-2: "😣", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}
# Characters Markdown (GitHub's flavour included: ~ strikethrough, $ maths) gives a meaning
# anywhere in a line; a backslash makes each of them literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&$])")
# What opens a block when it starts a line: a heading, a list item, a thematic break or setext
# underline, a numbered list item (whose "." or ")" is the character to escape).
_BLOCK_START = re.compile(r"^(\d*)([#+\-=.)])")


def render(journey: Journey, options: RenderOptions) -> bytes:
    """The report as Markdown text (UTF-8)."""
    return report(journey, options).encode("utf-8")


def report(journey: Journey, options: RenderOptions) -> str:
    lang = options.lang or journey.lang
    words = labels(lang)
    blocks = [f"# {inline(journey.title)}"]
    if journey.description:
        blocks += paragraphs(journey.description)
    blocks.append(_facts(journey, words, lang))
    if journey.objectives:
        blocks.append(f"## {words['objectives']}")
        blocks.append("\n".join(f"{n}. {inline(o)}" for n, o in enumerate(journey.objectives, 1)))
    if options.baseline is not None:
        blocks += _comparison(options.baseline, words, lang)
    if options.mermaid:
        from cjmap.render.mermaid import diagram, kind

        # The heading says what the diagram shows: its scores' meaning, or only the journey.
        heading = {"emotion": "emotion_curve", "quality": "average_quality",
                   "timeline": "the_journey"}[kind(journey)]
        blocks.append(f"## {words[heading]}")
        blocks.append(f"```mermaid\n{diagram(journey)}```")
    jumps = _jumps(journey, words)
    for stage in journey.stages:
        steps = [(index, step) for index, step in enumerate(journey.steps)
                 if step.stage == stage.id]
        blocks.append(f"## {inline(stage.name or stage.id)}")
        if stage.goal:
            blocks.append(f"*{inline(stage.goal)}*")
        if stage.touchpoints:
            blocks.append(f"**{words['stage_touchpoints']}**\n\n" + "\n".join(
                f"- {_touchpoint(t, words, lang)}" for t in stage.touchpoints))
        if steps:
            blocks.append(_steps_table(journey, steps, jumps, words, lang))
            blueprint = _blueprint_table([step for _, step in steps], words)
            if blueprint:
                blocks.append(f"**{words['service_blueprint']}**\n\n{blueprint}")
        elif not stage.touchpoints:
            blocks.append(f"*{words['no_steps']}*")
    if options.source:
        blocks.append(f"---\n\n*{words['generated_by']} {inline(options.source)}*")
    return "\n\n".join(blocks) + "\n"


def _comparison(baseline: Baseline, words: dict[str, str], lang: str) -> list[str]:
    """What a future-state map makes of the current one: a row per future step, then one per
    eliminated current step, with the emotion before → after and the metrics' moves."""
    comparison = baseline.comparison

    def move(old: float | None, new: float | None) -> str:
        return f"{_score(old, words, lang)} → {_score(new, words, lang)}"

    rows = [(cell(step.name), words[f"fate_{step.fate}"], span(", ".join(step.replaces)) or
             words["none"], move(step.current_emotion, step.future_emotion),
             _items(_metric_move(metric, lang) for metric in step.metrics
                    if metric.current != metric.future) or words["none"])
            for step in comparison.steps]
    rows += [(f"~~{cell(step.name)}~~", words["fate_eliminated"], words["none"],
              move(step.emotion, None), words["none"]) for step in comparison.eliminated]
    heading = (words["step"], words["fate"], words["replaces"], words["emotion_change"],
               words["metric_change"])
    table = "\n".join(["| " + " | ".join(heading) + " |", "|---" * len(heading) + "|",
                       *("| " + " | ".join(row) + " |" for row in rows)])
    lead = f"{words['current']}: *{span(baseline.title)}* (`{Path(baseline.source).name}`)"
    if comparison.current_mean_emotion is not None:
        lead += (f" · {words['mean_emotion']} "
                 f"{move(comparison.current_mean_emotion, comparison.future_mean_emotion)}")
    return [f"## {words['compared_with']}", lead, table]


def _score(value: float | None, words: dict[str, str], lang: str) -> str:
    return words["none"] if value is None else signed(value, lang)


def _metric_move(metric: ComparedMetric, lang: str) -> str:
    """``Exit rate: 48% → 30% (target 35%)``."""
    def figure(value: float | None) -> str:
        return "—" if value is None else _amount(value, metric.unit, lang)

    text = f"{cell(metric.metric)}: {figure(metric.current)} → {figure(metric.future)}"
    if metric.target is not None:
        text += f" ({labels(lang)['target'].lower()} {figure(metric.target)})"
    return text


def _facts(journey: Journey, words: dict[str, str], lang: str) -> str:
    facts: list[tuple[str, str]] = []
    lines: list[str] = []
    personas = journey.all_personas()
    if len(personas) == 1:
        name, details = _persona(personas[0], words)
        facts += [(words["persona"], name), *details]
    elif personas:
        # One nested item per persona, its details on its line: a reader sees who each one is
        # without a run of "Segment:" facts that would not say whose they are.
        lines.append(f"- **{words['personas']}:**")
        lines += ["  - " + " · ".join([name, *(f"{label}: {value}" for label, value in details)])
                  for name, details in (_persona(p, words) for p in personas)]
    facts.append((words["state"], words[f"{journey.state}_short"]))
    if journey.owner:
        facts.append((words["owner"], inline(journey.owner)))
    if journey.timeframe is not None:
        facts.append((words["timeframe"], format_duration(journey.timeframe, lang)))
    facts.append((words["start"], inline(journey.start.name) if journey.start else words["none"]))
    facts.append((words["end"], inline(journey.end.name) if journey.end else words["none"]))
    facts.append((words["review"], _review(journey, words, lang)))
    return "\n".join(lines + [f"- **{label}:** {value}" for label, value in facts])


def _persona(persona: Persona, words: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """Who the persona is ("name — description") and the facts about it."""
    about = [inline(persona.name)]
    if persona.description:
        about.append(inline(persona.description))
    facts: list[tuple[str, str]] = []
    if persona.segment:
        facts.append((words["segment"], inline(persona.segment)))
    if persona.participation:
        facts.append((words["participation"], ", ".join(words[role] for role in persona.roles())))
    if persona.goals:
        facts.append((words["goals"], "; ".join(inline(g) for g in persona.goals)))
    if persona.needs:
        facts.append((words["needs"], "; ".join(inline(n) for n in persona.needs)))
    return " — ".join(about), facts


def _review(journey: Journey, words: dict[str, str], lang: str) -> str:
    review = journey.review
    if review is None or review.last_reviewed is None:
        parts = [words["not_reviewed"]]
    else:
        parts = [f"{words['last_reviewed']} {format_date(review.last_reviewed, lang)}"]
    if review is not None:
        if review.cadence:
            parts.append(f"{words['cadence']}: {inline(review.cadence)}")
        if review.due is not None:
            parts.append(f"{words['review_due']} {format_date(review.due, lang)}")
        if review.owner:
            parts.append(f"{words['owner']}: {inline(review.owner)}")
    return " · ".join(parts)


def _jumps(journey: Journey, words: dict[str, str]) -> dict[int, str]:
    """For each step whose flow is not simply the next row: where it goes (and why), and where
    the journey comes to it from, as the HTML map's "goes to" and "comes from" lines say."""
    names = {step.id: step.name for step in journey.steps}
    names["end"] = journey.end.name if journey.end else words["end"]
    position = {step.id: index for index, step in enumerate(journey.steps)}
    lines: dict[int, list[str]] = {}
    for index, step in enumerate(journey.steps):
        transitions = journey.transitions(index)
        following = journey.steps[index + 1].id if index + 1 < len(journey.steps) else "end"
        if step.next is None or ([t for t, _ in transitions] == [following]
                                 and not any(label for _, label in transitions)):
            continue
        targets = []
        for target, label in transitions:
            back = target != "end" and position[target] <= index
            arrow = "↺" if back else "→"
            why = f" ({cell(label)})" if label else ""
            targets.append(f"{arrow} {cell(names[target] or target)}{why}")
            if back or (target != "end" and position[target] != index + 1):
                lines.setdefault(position[target], []).append(
                    f"{words['comes_from']}: {cell(step.name)}")
        lines.setdefault(index, []).append(f"{words['goes_to']}: " + "; ".join(targets))
    return {index: "<br>".join(texts) for index, texts in lines.items()}


def _steps_table(journey: Journey, steps: Iterable[tuple[int, Step]], jumps: dict[int, str],
                 words: dict[str, str], lang: str) -> str:
    # With one persona (or none) a step's emotion needs no name; with several, each feeling
    # says whose it is, and a plain ``emotion`` is the main persona's.
    personas = journey.all_personas()
    names: dict[str | None, str] = {}
    if len(personas) > 1:
        names = {p.id: cell(short_name(p.name)) for p in personas}
        names[None] = names[personas[0].id]
    headers = [words["step"], words["emotion"], words["touchpoints"], words["pain_points"],
               words["opportunities"], words["metrics"]]
    rows = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for index, step in steps:
        flow = f"<br>*{jumps[index]}*" if index in jumps else ""
        cells = [
            _step_cell(step, words, lang) + flow,
            _emotion_cell(step, names, words),
            _items(_touchpoint(t, words, lang) for t in step.touchpoints),
            _items(_pain_point(p, words) for p in step.pain_points),
            _items(_opportunity(o, words) for o in step.opportunities),
            _items(_metric(m, words, lang) for m in step.metrics),
        ]
        rows.append("| " + " | ".join(cell or words["none"] for cell in cells) + " |")
    return "\n".join(rows)


# The layers below the line of interaction, top down, as the HTML map draws them.
BLUEPRINT_LAYERS = ("frontstage", "backstage", "support")


def _blueprint_table(steps: list[Step], words: dict[str, str]) -> str:
    """The stage's service blueprint: a row per step that has actions below the line, a column
    per layer its steps use. A table of its own, so the steps' table keeps its six columns and
    each layer still reads across the stage."""
    layers = [key for key in BLUEPRINT_LAYERS if any(getattr(step, key) for step in steps)]
    if not layers:
        return ""
    headers = [words["step"], *(words[key] for key in layers)]
    rows = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for step in steps:
        actions: list[list[Action]] = [getattr(step, key) for key in layers]
        if any(actions):
            cells = [cell(step.name), *(_items(_action(a) for a in layer) for layer in actions)]
            rows.append("| " + " | ".join(c or words["none"] for c in cells) + " |")
    return "\n".join(rows)


def _action(action: Action) -> str:
    return cell(action.text) + (f" ({cell(action.actor)})" if action.actor else "")


def _step_cell(step: Step, words: dict[str, str], lang: str) -> str:
    parts = [f"**{cell(step.name)}**"]
    if step.moment_of_truth:
        parts.append(f"★ {words['moment_of_truth']}")
    if step.description:
        parts.append(cell(step.description))
    for key, items in (("actions", step.actions), ("needs", step.needs)):
        if items:
            parts.append(f"{words[key]}: " + "; ".join(cell(item) for item in items))
    if step.thoughts:
        parts.append(" ".join(f"“{cell(t)}”" for t in step.thoughts))
    about = []
    if step.duration is not None:
        about.append(f"{words['duration']}: {format_duration(step.duration, lang)}")
    if step.evidence is not None:
        about.append(f"{words['evidence']}: {words[f'evidence_{step.evidence}']}")
    if about:
        parts.append(f"*{' · '.join(about)}*")
    return "<br>".join(parts)


def _emotion_cell(step: Step, names: dict[str | None, str], words: dict[str, str]) -> str:
    """The step's emotion; in a map of several personas, each persona's on a line of its own,
    after its name (``names``: persona id → short name, ``None`` → the main persona's)."""
    if not names:
        return _feeling(step.emotion, words) if step.emotion is not None else ""
    return "<br>".join(f"{names.get(persona) or cell(persona or '')}: {_feeling(emotion, words)}"
                       for persona, emotion in step.feelings().items())


def _feeling(emotion: Emotion, words: dict[str, str]) -> str:
    score = emotion.score
    word = words[f"score_{score}"]
    feeling = f"{cell(emotion.label)} ({word})" if emotion.label else word
    return f"{FACES[score]} {signed(score)} {feeling}"


def _touchpoint(touchpoint: Touchpoint, words: dict[str, str], lang: str) -> str:
    details = [cell(touchpoint.channel)] if touchpoint.channel else []
    if touchpoint.kind:
        details.append(words[touchpoint.kind].lower())
    if touchpoint.online is not None:
        details.append(words["online" if touchpoint.online else "offline"])
    if touchpoint.owner:
        details.append(cell(touchpoint.owner))
    if touchpoint.external:
        details.append(words["external"])
    text = cell(touchpoint.name) + (f" ({', '.join(details)})" if details else "")
    scores = touchpoint.quality.scores() if touchpoint.quality else {}
    return f"{text} — {_quality(scores, words, lang)}" if scores else text


def _quality(scores: dict[str, int], words: dict[str, str], lang: str) -> str:
    """The scored qualities in the format's order and their average, on one line:
    ``simple 2 · relevant 4, average 3.0``. The average always has one decimal, so that it
    reads as an average and not as one more score."""
    average = f"{sum(scores.values()) / len(scores):.1f}"
    if lang == "es":
        average = average.replace(".", ",")
    listed = " · ".join(f"{words['q_' + name]} {score}" for name, score in scores.items())
    return f"{listed}, {words['average'].lower()} {average}"


def _pain_point(pain: PainPoint, words: dict[str, str]) -> str:
    severity = f" ({words['severity'].lower()}: {words[pain.severity]})" if pain.severity else ""
    return cell(pain.text) + severity


def _opportunity(opportunity: Opportunity, words: dict[str, str]) -> str:
    details = []
    if opportunity.lever:
        details.append(f"{words['lever'].lower()}: {words[opportunity.lever].lower()}")
    if opportunity.owner:
        details.append(f"{words['owner'].lower()}: {cell(opportunity.owner)}")
    if opportunity.priority:
        details.append(f"{words['priority'].lower()}: {words[opportunity.priority]}")
    return cell(opportunity.text) + (f" ({', '.join(details)})" if details else "")


def _metric(metric: Metric, words: dict[str, str], lang: str) -> str:
    text = cell(metric.name)
    latest = metric.latest
    if latest is not None:
        text += f": {_amount(latest.actual, metric.unit, lang)}"
    details = []
    if metric.target is not None:
        status = ""
        if latest is not None:
            status = ", " + ("✗ " + words["off_target"] if metric.misses_target()
                             else "✓ " + words["on_target"])
        details.append(f"{words['target'].lower()} {_amount(metric.target, metric.unit, lang)}"
                       + status)
    over_time = trend(metric.readings(), cell(metric.unit) if metric.unit else None, lang)
    if over_time:
        details.append(over_time)
    return text + (f" ({'; '.join(details)})" if details else "")


def _amount(value: float, unit: str | None, lang: str) -> str:
    return with_unit(value, cell(unit) if unit else None, lang)


def _items(items: Iterable[str]) -> str:
    listed = list(items)
    if len(listed) == 1:
        return listed[0]
    return "<br>".join(f"• {item}" for item in listed)


def inline(text: str) -> str:
    """``text`` as literal Markdown on one line."""
    return _BLOCK_START.sub(r"\1\\\2", span(text), count=1)


def span(text: str) -> str:
    """``text`` as literal Markdown inside a line that something else starts (a table cell
    after its pipe, emphasis): only the inline characters need escaping there."""
    return _INLINE.sub(r"\\\1", " ".join(text.split()))


def cell(text: str) -> str:
    """``text`` as literal Markdown inside a table cell: its line breaks become ``<br>``."""
    return "<br>".join(inline(line) for line in text.strip().splitlines() if line.strip())


def paragraphs(text: str) -> list[str]:
    """``text``'s paragraphs (separated by blank lines), each as literal Markdown."""
    return [inline(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]

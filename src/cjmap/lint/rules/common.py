"""What several rules need: where a stage is spelt out, and user text quoted for a message."""

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding
from cjmap.parse.document import Path

if TYPE_CHECKING:
    from cjmap.format.model import Metric, Reading, Step, Touchpoint

_QUOTE_LIMIT = 60


def quote(text: str) -> str:
    """User text in quotes for a message, cut short when it is a whole sentence."""
    if len(text) > _QUOTE_LIMIT:
        cut = text[: _QUOTE_LIMIT - 1]
        # End on a whole word when one ends in the second half.
        space = cut.rfind(" ", _QUOTE_LIMIT // 2)
        text = (cut[:space] if space != -1 else cut).rstrip(" ,;:.") + "…"
    return f"'{text}'"


def listing(names: Sequence[str], limit: int = 8) -> str:
    """Names for a hint, comma-separated, the tail cut off when there are many."""
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else _("{shown}… ({count} in all)").format(
        shown=shown, count=len(names))


def and_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: items for a message, in its language."""
    if len(items) == 1:
        return items[0]
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def steps_by_stage(context: Context) -> dict[str, list[int]]:
    """Indexes of the steps of each stage id, in the order of the map (every stage id present)."""
    grouped: dict[str, list[int]] = {stage.id: [] for stage in context.journey.stages}
    for index, step in enumerate(context.journey.steps):
        grouped.setdefault(step.stage or "", []).append(index)
    return grouped


def stage_path(context: Context, stage_index: int, steps: Sequence[int]) -> Path:
    """Where a finding about a stage belongs: the stage as written in ``stages:``, or else (a
    named stage model, or the default one) the first of its steps that names it."""
    written = ("stages", stage_index)
    if written in context.document.values:
        return written
    for index in steps:
        if ("steps", index, "stage") in context.document.values:
            return ("steps", index, "stage")
    return written


def steps_without(context: Context, field: str, message: str, hint: str) -> Iterator[Finding]:
    """A finding for each step whose list ``field`` is empty; ``message`` names the step as
    ``{step}``. It is placed at the list's key when written (``actions: []``), otherwise at the
    step's name, the most precise thing the user wrote."""
    keys = context.document.keys
    for index, step in enumerate(context.journey.steps):
        if not getattr(step, field):
            path = ("steps", index, field)
            written = path in keys
            yield Finding(path if written else ("steps", index, "name"),
                          message.format(step=quote(step.name)), hint=hint, key=written)


def touchpoints(context: Context) -> list[tuple[Path, "Touchpoint", str]]:
    """Every touchpoint of the map, steps' and stages' (a touchpoint audit lists them by
    stage), with its path and the id of its stage. Four rules go through them: they are
    listed once per map."""
    found: list[tuple[Path, Touchpoint, str]] | None = context.shared.get("touchpoints")
    if found is None:
        found = context.shared["touchpoints"] = list(context.journey.touchpoints())
    return found


def where(context: Context, path: Path) -> str:
    """Where the touchpoint at ``path`` is, for a message: ``in step 'Pays'``, ``of stage
    'Purchase'``. Worked out once per step or stage, and only for those a finding names: most
    touchpoints of a map have none."""
    places: dict[Path, str] = context.shared.setdefault("places", {})
    place = path[:2]
    text = places.get(place)
    if text is None:
        if path[0] == "steps":
            text = _("in step {step}").format(
                step=quote(context.journey.steps[int(path[1])].name))
        else:
            stage = context.journey.stages[int(path[1])]
            text = _("of stage {stage}").format(stage=quote(stage.name or stage.id))
        places[place] = text
    return text


def brand_owned(touchpoint: "Touchpoint") -> bool:
    """Whether someone in the organisation can own the touchpoint: not an indirect one (word of
    mouth) nor one a third party runs (a review site, a marketplace)."""
    return touchpoint.kind != "indirect" and not touchpoint.external


def metrics(context: Context) -> Iterator[tuple[Path, "Step", "Metric"]]:
    """Every metric of the map with its path and its step."""
    for index, step in enumerate(context.journey.steps):
        for position, metric in enumerate(step.metrics):
            yield ("steps", index, "metrics", position), step, metric


def reading_path(path: Path, metric: "Metric", reading: "Reading", field: str) -> Path:
    """Where ``field`` (``actual`` or ``as_of``) of one of the metric's readings is written:
    under the metric itself when it is its ``actual``, else in its ``history`` entry."""
    if metric.actual is not None and reading.as_of == metric.as_of:
        return (*path, field)
    position = next((n for n, entry in enumerate(metric.history)
                     if entry.as_of == reading.as_of), 0)
    return (*path, "history", position, field)

"""The words of a diff, in the run's language: each change as a line, each map's heading, the
summary. The text and Markdown formats say the same thing with these."""

from cjmap.compare.changes import (
    Change,
    ChangeKind,
    DiffDocument,
    MapDiff,
    MetricDelta,
    StateComparison,
    Value,
)
from cjmap.i18n import N_, _, format_number, ngettext, with_unit
from cjmap.render import formatting

ADDED = "+"
REMOVED = "-"
CHANGED = "~"
_ADDING = {"stage-added", "step-added", "touchpoint-added", "pain-point-opened",
           "opportunity-added", "metric-added", "metric-met"}
_REMOVING = {"stage-removed", "step-removed", "touchpoint-removed", "pain-point-closed",
             "opportunity-removed", "metric-removed", "metric-missed"}
# A closed pain point and a met target are good news, though something went away or came.
_GOOD = {"pain-point-closed", "metric-met"}
_BAD = {"pain-point-opened", "metric-missed"}

# What each kind says; {item}, {detail}, {old} and {new} are filled in.
_TEMPLATES: dict[ChangeKind, str] = {
    "title": N_("title {old} → {new}"),
    "state": N_("state {old} → {new}"),
    "owner": N_("owner {old} → {new}"),
    "improves": N_("improves {old} → {new}"),
    "review-date": N_("last reviewed {old} → {new}"),
    "review-cadence": N_("review cadence {old} → {new}"),
    "review-owner": N_("review owner {old} → {new}"),
    "stage-added": N_("stage {item} added"),
    "stage-removed": N_("stage {item} removed"),
    "step-added": N_("step added"),
    "step-removed": N_("step removed"),
    "step-renamed": N_("renamed from {old}"),
    "step-stage": N_("moved from stage {old} to {new}"),
    "step-position": N_("moved from position {old} to {new}"),
    "emotion": N_("emotion {old} → {new}"),
    "touchpoint-added": N_("touchpoint {item} added"),
    "touchpoint-removed": N_("touchpoint {item} removed"),
    "touchpoint-quality": N_("touchpoint {item}: {detail} {old} → {new}"),
    "touchpoint-owner": N_("touchpoint {item}: owner {old} → {new}"),
    "touchpoint-channel": N_("touchpoint {item}: channel {old} → {new}"),
    "pain-point-opened": N_("pain point opened: {item}"),
    "pain-point-closed": N_("pain point closed: {item}"),
    "opportunity-added": N_("opportunity added: {item}"),
    "opportunity-removed": N_("opportunity removed: {item}"),
    "opportunity-priority": N_("opportunity {item}: priority {old} → {new}"),
    "opportunity-addresses": N_("opportunity {item} now addresses {new} (was {old})"),
    "metric-added": N_("metric {item} added"),
    "metric-removed": N_("metric {item} removed"),
    "metric-actual": N_("metric {item}: {old} → {new}"),
    "metric-target": N_("metric {item}: target {old} → {new}"),
    "metric-met": N_("metric {item} now meets its target ({old})"),
    "metric-missed": N_("metric {item} now misses its target ({old})"),
}
_STATUS = {"added": N_("added"), "deleted": N_("deleted"), "modified": N_("modified"),
           "renamed": N_("renamed"), "unchanged": N_("unchanged")}
_FATES = {"kept": N_("kept"), "changed": N_("changed"), "new": N_("new"),
          "eliminated": N_("eliminated")}


def sign(change: Change) -> str:
    """``+`` something came, ``-`` something went, ``~`` something changed."""
    return ADDED if change.kind in _ADDING else REMOVED if change.kind in _REMOVING else CHANGED


def tone(change: Change) -> str:
    """``good``, ``bad`` or ``neutral``: the colour of the change for the customer."""
    if change.kind in _GOOD:
        return "good"
    if change.kind in _BAD:
        return "bad"
    if change.kind in ("emotion", "touchpoint-quality") and isinstance(change.old, int) \
            and isinstance(change.new, int):
        return "good" if change.new > change.old else "bad"
    return "neutral"


def quoted(text: str) -> str:
    return f"'{text}'"


def signed(score: float | None) -> str:
    """An emotion as a map shows it: +1, 0, −1 (a true minus sign), or a dash when unknown."""
    return "—" if score is None else formatting.signed(score)


def _value(change: Change, value: Value) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, list):
        return ", ".join(value) if value else _("nothing")
    if change.kind == "emotion":
        return signed(float(value))
    if isinstance(value, int | float):
        return with_unit(value, change.detail) if change.kind.startswith("metric") \
            else format_number(value)
    if change.kind in ("title", "owner", "review-owner", "step-renamed", "touchpoint-owner",
                       "touchpoint-channel"):
        return quoted(value)
    return value


def describe(change: Change) -> str:
    """The change as a line, without the step it belongs to (its heading says it)."""
    if change.kind == "emotion" and change.detail:
        return _("emotion of {persona} {old} → {new}").format(
            persona=change.detail, old=_value(change, change.old), new=_value(change, change.new))
    return _(_TEMPLATES[change.kind]).format(
        item=quoted(change.item or ""), detail=change.detail or "", old=_value(change, change.old),
        new=_value(change, change.new))


def step_heading(change: Change) -> str:
    """The heading of a step's changes: its name, and its id when that says more."""
    return _("step {name}").format(name=quoted(change.step_name or change.step or ""))


def status(diff: MapDiff) -> str:
    return _(_STATUS[diff.status])


def fate(name: str) -> str:
    return _(_FATES[name])


def count_changes(count: int) -> str:
    return ngettext("{count} change", "{count} changes", count).format(count=count)


def map_heading(diff: MapDiff) -> str:
    """``maps/a.yaml (renamed from maps/b.yaml)``, or the path alone."""
    if diff.status == "renamed" and diff.old_path:
        return _("{path} (renamed from {old})").format(path=diff.path, old=diff.old_path)
    return diff.path


def map_line(diff: MapDiff) -> str:
    """What happened to the map, after its heading."""
    if diff.status == "added":
        return ngettext("new map, {count} step", "new map, {count} steps", diff.steps).format(
            count=diff.steps)
    if diff.status == "deleted":
        return ngettext("map deleted, it had {count} step", "map deleted, it had {count} steps",
                        diff.steps).format(count=diff.steps)
    if diff.comparison is not None:
        return comparison_line(diff.comparison)
    if diff.status == "renamed" and not diff.changes:
        return _("renamed, nothing else changed")
    return count_changes(len(diff.changes))


def comparison_line(comparison: StateComparison) -> str:
    """``future state of current: 3 kept, 2 changed, 1 new, 1 eliminated; emotion −0.4 → +0.8``."""
    counts = ", ".join(
        f"{number} {fate(name)}" for name, number in
        (("kept", comparison.count("kept")), ("changed", comparison.count("changed")),
         ("new", comparison.count("new")), ("eliminated", len(comparison.eliminated))))
    line = _("future state of {current}: {counts}").format(current=comparison.current,
                                                           counts=counts)
    if comparison.current_mean_emotion is not None or comparison.future_mean_emotion is not None:
        line += "; " + _("mean emotion {old} → {new}").format(
            old=signed(comparison.current_mean_emotion),
            new=signed(comparison.future_mean_emotion))
    return line


def emotion_move(old: float | None, new: float | None) -> str:
    return _("emotion {old} → {new}").format(old=signed(old), new=signed(new))


def metric_move(metric: MetricDelta) -> str:
    """``metric 'Exit rate': 48% → 30% (target 35%)``."""
    def figure(value: float | None) -> str:
        return _("nothing") if value is None else with_unit(value, metric.unit)

    line = _("metric {item}: {old} → {new}").format(
        item=quoted(metric.metric), old=figure(metric.current), new=figure(metric.future))
    if metric.target is not None:
        line += " " + _("(target {target})").format(target=figure(metric.target))
    return line


def summary(document: DiffDocument) -> str:
    """The one line over the whole diff."""
    found = document.summary
    if not found.maps:
        return _("no change in the customer's experience from {old} to {new}").format(
            old=document.old, new=document.new)
    parts: list[str] = []
    for number, word in ((found.added, N_("added")), (found.deleted, N_("deleted")),
                         (found.renamed, N_("renamed"))):
        if number:
            parts.append(f"{number} {_(word)}")
    maps = ngettext("{count} map changed", "{count} maps changed", found.maps).format(
        count=found.maps)
    line = _("{maps} from {old} to {new}").format(maps=maps, old=document.old,
                                                  new=document.new)
    extra = f" ({', '.join(parts)})" if parts else ""
    return f"{line}{extra}: {count_changes(found.changes)}"


def step_groups(changes: list[Change]) -> list[tuple[str | None, list[Change]]]:
    """The changes grouped under their step (None: the map's own), in the order they come."""
    groups: dict[str | None, list[Change]] = {}
    for change in changes:
        key = change.step if change.step is not None else None
        groups.setdefault(key, []).append(change)
    return list(groups.items())


"""Two versions of each map → a :class:`MapDiff`: load both texts, then diff them, or, for a
future-state map beside the current-state map it improves, compare the two states."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cjmap.compare.changes import MapDiff, MapStatus
from cjmap.diagnostics import FileReport

if TYPE_CHECKING:
    from cjmap.format.model import Journey


@dataclass(frozen=True)
class Version:
    """A map as one side has it: the name to show (a path) and its text, None when absent."""

    name: str | None
    text: str | None


@dataclass
class Outcome:
    """The diffs made, and the reports of the maps that do not validate (no diff is made of
    those: the problems are shown instead)."""

    diffs: list[MapDiff] = field(default_factory=list)
    problems: list[FileReport] = field(default_factory=list)


def load(version: Version, outcome: Outcome) -> "Journey | None":
    """The valid map of ``version``; its problems go into ``outcome`` when it has any."""
    from cjmap.loader import load_text

    if version.name is None or version.text is None:
        return None
    result = load_text(version.text, version.name)
    if result.journey is None:
        outcome.problems.append(result.report())
    return result.journey


def diff_versions(old: Version, new: Version, outcome: Outcome, *, renamed: bool = False
                  ) -> None:
    """Add the diff of one map's two versions to ``outcome`` (or its problems); ``renamed``:
    git followed the map from one path to the other."""
    before, after = load(old, outcome), load(new, outcome)
    if (old.text is not None and before is None) or (new.text is not None and after is None):
        return
    outcome.diffs.append(diff_journeys(old.name, before, new.name, after, renamed))


def diff_journeys(old_name: str | None, old: "Journey | None", new_name: str | None,
                  new: "Journey | None", renamed: bool = False) -> MapDiff:
    """The diff of two valid maps (either may be None: the map was added or deleted)."""
    from cjmap.compare import mapdiff

    shown = new if new is not None else old
    assert shown is not None, "a diff needs a map on one side at least"
    path = new_name if new is not None else old_name
    if old is None or new is None:
        status: MapStatus = "added" if old is None else "deleted"
        return MapDiff(path or "", old_name, new_name, status, shown.title, len(shown.steps))
    if is_state_pair(old, new):
        from cjmap.compare.states import compare_states

        return MapDiff(path or "", old_name, new_name, "modified", new.title, len(new.steps),
                       [], compare_states(old, new))
    changes = mapdiff.diff_journeys(old, new)
    status = "renamed" if renamed else "modified" if changes else "unchanged"
    return MapDiff(path or "", old_name, new_name, status, new.title, len(new.steps), changes)


def is_state_pair(old: "Journey", new: "Journey") -> bool:
    """Whether ``new`` is a future state of the current-state map ``old`` (it says it improves
    a map): then the design change is what is reported."""
    return old.state == "current" and new.state == "future" and new.improves is not None

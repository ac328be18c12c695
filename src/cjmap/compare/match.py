"""Which item of the old map is which of the new: steps by id, then by how alike their names
are; touchpoints, pain points, opportunities and metrics likewise, by id or name.

A renamed step keeps its place in the diff as a rename (with its emotion and touchpoint changes)
instead of showing as one step removed and another added.
"""

from bisect import bisect_left
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

T = TypeVar("T")
# Steps are renamed more freely than pain points are reworded (whose text is their identity).
STEP_LIKENESS = 0.6
ITEM_LIKENESS = 0.8
# Past this many candidate pairs only ids and equal names match: comparing every name with
# every other would cost more than the diff of two 1,000-step maps may take.
_MAX_PAIRS = 250_000


def pair(old: Sequence[T], new: Sequence[T], key: Callable[[T], str],
         name: Callable[[T], str], likeness: float) -> list[tuple[int, int]]:
    """(old index, new index) of the items that are the same: equal keys first, then the most
    alike names of what is left, best first, each at least ``likeness`` alike."""
    by_key: dict[str, int] = {}
    for index, item in enumerate(old):
        by_key.setdefault(key(item), index)
    pairs: list[tuple[int, int]] = []
    left_new: list[int] = []
    taken: set[int] = set()
    for index, item in enumerate(new):
        match = by_key.get(key(item))
        if match is not None and match not in taken:
            taken.add(match)
            pairs.append((match, index))
        else:
            left_new.append(index)
    left_old = [index for index in range(len(old)) if index not in taken]
    if left_old and left_new and len(left_old) * len(left_new) <= _MAX_PAIRS:
        pairs += _alike(old, new, left_old, left_new, name, likeness)
    return sorted(pairs, key=lambda p: p[1])


def _alike(old: Sequence[T], new: Sequence[T], left_old: list[int], left_new: list[int],
           name: Callable[[T], str], likeness: float) -> list[tuple[int, int]]:
    scored: list[tuple[float, int, int]] = []
    matcher = SequenceMatcher(autojunk=False)
    for j in left_new:
        matcher.set_seq2(name(new[j]).casefold())
        for i in left_old:
            matcher.set_seq1(name(old[i]).casefold())
            # The cheap upper bounds skip most pairs before the real ratio is computed.
            if (matcher.real_quick_ratio() >= likeness and matcher.quick_ratio() >= likeness
                    and (ratio := matcher.ratio()) >= likeness):
                scored.append((ratio, i, j))
    scored.sort(key=lambda s: (-s[0], s[2], s[1]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    found = []
    for _, i, j in scored:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            found.append((i, j))
    return found


def moved(pairs: Sequence[tuple[int, int]]) -> set[int]:
    """The new indexes of the pairs that changed order: those outside the longest run that keeps
    its order (one step moved is one move, not every step it jumped over)."""
    olds = [i for i, _ in pairs]
    # Patience sorting: tails[k] is the smallest last old index of a kept run of length k + 1.
    tails: list[int] = []
    tail_at: list[int] = []
    before: list[int] = [-1] * len(olds)
    for position, value in enumerate(olds):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[k] = value
            tail_at[k] = position
        before[position] = tail_at[k - 1] if k else -1
    kept: set[int] = set()
    position = tail_at[-1] if tail_at else -1
    while position != -1:
        kept.add(position)
        position = before[position]
    return {pairs[p][1] for p in range(len(pairs)) if p not in kept}

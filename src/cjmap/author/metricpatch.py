"""Writing new figures into a metric of a map's text, changing those lines and no others.

The layout tree of :mod:`cjmap.author.tree` says where each key and value of the text is. A
figure that changes is replaced where it is written; a key the metric lacks is added on a line
of its own, after the key the format puts before it (the order ``cjmap fmt`` keeps); a new
``history`` entry goes between the entries it falls between by date, in the style of those
already there (``- {as_of: …, actual: …}`` by default). Comments, blank lines, quotes and the
layout of everything else stay as they were. A metric written on one line (``- {name: NPS,
actual: 40}``) stays on one line; one written as its name (``- NPS``) becomes a mapping.

:func:`verify` then reads the result back: it must hold the same comments and validate to the
same map, but for the figures that were meant to change.
"""

from collections.abc import Mapping as MappingOf
from collections.abc import Sequence as SequenceOf
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from cjmap.author.tree import Entry, FlowMap, Leaf, Mapping, Node, Sequence, Tree, build
from cjmap.format.model import Metric, Reading
from cjmap.i18n import _

if TYPE_CHECKING:
    from cjmap.format.model import Journey

# The metric's keys in the format's order: where a missing one is added.
_KEYS = list(Metric.model_fields)
_SCALARS = ("plain", "'", '"')
Path = tuple[str | int, ...]
# (the metric's path, the metric as the map has it, its newest value, its older values)
Update = tuple[Path, Metric, Reading, MappingOf[date, float]]


class PatchError(Exception):
    """The metric is written in a way that cannot be patched safely; the message says how to
    write it instead."""


def number(value: float) -> str:
    """A figure as YAML: ``48`` rather than ``48.0``, ``12.5`` as it is."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


@dataclass
class _Edits:
    """Changes to the lines of a text, made all at once so that positions stay those of the
    original: replacements within a line, lines inserted before a line, lines deleted."""

    replaced: list[tuple[int, int, int, str]] = field(default_factory=list)
    inserted: list[tuple[int, int, list[str]]] = field(default_factory=list)
    deleted: list[tuple[int, int]] = field(default_factory=list)

    def replace(self, line: int, start: int, end: int, text: str) -> None:
        self.replaced.append((line, start, end, text))

    def insert(self, before: int, lines: list[str]) -> None:
        self.inserted.append((before, len(self.inserted), lines))

    def delete(self, start: int, end: int) -> None:
        self.deleted.append((start, end))

    def apply(self, lines: list[str]) -> list[str]:
        lines = list(lines)
        for line, start, end, text in sorted(self.replaced, reverse=True):
            lines[line] = lines[line][:start] + text + lines[line][end:]
        # From the bottom up, deletions before insertions at the same line, and insertions at
        # one line in the order they were made.
        operations: list[tuple[int, int, int, Any]] = [
            (start, 1, 0, end) for start, end in self.deleted]
        operations += [(before, 0, order, new) for before, order, new in self.inserted]
        for position, kind, _order, what in sorted(operations, key=lambda o: o[:3],
                                                    reverse=True):
            if kind:
                del lines[position:what]
            else:
                lines[position:position] = what
        return lines


def patch(text: str, updates: SequenceOf[Update]) -> str:
    """``text`` (LF line breaks, no byte-order mark) with each metric of ``updates`` given its
    newest value and older values."""
    tree = build(text)
    edits = _Edits()
    for path, metric, actual, history in updates:
        node, in_list = _node_at(tree, path)
        _Metric(node, in_list, metric, actual, history, edits, tree.source.lines).write()
    return "\n".join(edits.apply(tree.source.lines))


def _node_at(tree: Tree, path: Path) -> tuple[Node, bool]:
    """The node at ``path`` (a lone item stands for a list of one), and whether it is an item
    of a block list."""
    node = tree.root
    in_list = False
    for depth, part in enumerate(path):
        if isinstance(node, Leaf) and depth < len(path):
            node = None  # a step or a list written in flow style, or through an alias
        in_list = False
        if isinstance(part, str) and isinstance(node, Mapping):
            node = next((e.value for e in node.entries if e.key.kind in _SCALARS
                         and e.key.value == part), None)
        elif isinstance(part, int) and isinstance(node, Sequence):
            node = node.items[part].value if part < len(node.items) else None
            in_list = True
        elif part != 0:
            node = None
        if node is None or (isinstance(node, Leaf) and node.kind == "alias"):
            raise PatchError(_("it is written through an alias or in flow style ({…}): write "
                               "its step and its metrics as block mappings"))
    assert node is not None
    return node, in_list


def _last_line(node: Node | None, fallback: int) -> int:
    if node is None:
        return fallback
    if isinstance(node, Leaf):
        return node.end_line
    if isinstance(node, Mapping):
        return _last_line(node.entries[-1].value, node.entries[-1].head_line)
    return _last_line(node.items[-1].value, node.items[-1].head_line)


def _entry_end(entry: Entry) -> int:
    return _last_line(entry.value, entry.head_line)


def _flow_item(day: date, value: float) -> str:
    return f"{{as_of: {day.isoformat()}, actual: {number(value)}}}"


def _plain_leaf(node: Node | None) -> Leaf:
    if not isinstance(node, Leaf) or node.kind not in _SCALARS or node.multiline or node.props:
        raise PatchError(_("its figures are written in a way cjmap does not rewrite (an "
                           "anchor, a tag, a value over several lines): write each on the "
                           "line of its key"))
    return node


class _Metric:
    """The edits that give one metric its new figures."""

    def __init__(self, node: Node, in_list: bool, metric: Metric, actual: Reading,
                 history: MappingOf[date, float], edits: _Edits, lines: list[str]) -> None:
        self.node, self.in_list, self.metric, self.lines = node, in_list, metric, lines
        self.actual, self.history, self.edits = actual, dict(history), edits
        assert actual.as_of is not None
        self.as_of = actual.as_of

    def write(self) -> None:
        if isinstance(self.node, Mapping):
            self._block(self.node)
        elif isinstance(self.node, Leaf) and self.node.kind == "flow" \
                and isinstance(self.node.value, FlowMap):
            self._flow(self.node, self.node.value)
        elif isinstance(self.node, Leaf) and self.node.kind in _SCALARS and self.in_list \
                and not self.node.multiline and not self.node.props:
            self._shorthand(self.node)
        else:
            raise PatchError(_("write the metric as a mapping, one key a line (name:, "
                               "actual:, as_of:)"))

    # -- a block mapping ---------------------------------------------------------------------

    def _block(self, mapping: Mapping) -> None:
        entries = {e.key.value: e for e in mapping.entries if e.key.kind in _SCALARS}
        indent = " " * mapping.column
        if self.metric.actual != self.actual.actual:
            self._scalar(mapping, entries, "actual", number(self.actual.actual), indent)
        if self.metric.as_of != self.as_of:
            self._scalar(mapping, entries, "as_of", self.as_of.isoformat(), indent)
        history = entries.get("history")
        if history is None:
            if self.history:
                self._add(mapping, entries, "history",
                          [f"{indent}history:", *self._items(mapping.column + 2, flow=True)])
        elif isinstance(history.value, Sequence):
            self._list(history.value)
        elif history.value is None or (isinstance(history.value, Leaf)
                                       and history.value.kind == "flow"
                                       and not history.value.multiline):
            self._relist(history, mapping.column + 2)
        else:
            raise PatchError(_("its 'history' is no list cjmap can add to: write it as a "
                               "list, one '- {as_of: …, actual: …}' a line"))

    def _scalar(self, mapping: Mapping, entries: dict[Any, Entry], key: str, text: str,
                indent: str) -> None:
        entry = entries.get(key)
        if entry is None:
            self._add(mapping, entries, key, [f"{indent}{key}: {text}"])
            return
        leaf = _plain_leaf(entry.value)
        self.edits.replace(leaf.line, leaf.column, leaf.end_column, text)

    def _add(self, mapping: Mapping, entries: dict[Any, Entry], key: str,
             lines: list[str]) -> None:
        """``lines`` (a new key) after the last key the format puts before ``key``."""
        rank = _KEYS.index(key)
        before = [e for name, e in entries.items() if name in _KEYS and _KEYS.index(name) < rank]
        anchor = max(before, key=lambda e: e.line) if before else mapping.entries[0]
        self.edits.insert(_entry_end(anchor) + 1, lines)

    def _items(self, dash: int, *, flow: bool, days: SequenceOf[date] | None = None) -> list[str]:
        prefix = " " * dash
        lines = []
        for day in sorted(self.history) if days is None else days:
            value = self.history[day]
            if flow:
                lines.append(f"{prefix}- {_flow_item(day, value)}")
            else:
                lines += [f"{prefix}- as_of: {day.isoformat()}",
                          f"{prefix}  actual: {number(value)}"]
        return lines

    def _list(self, sequence: Sequence) -> None:
        """Entries added to, corrected in, or moved out of (to 'actual') a block list."""
        written = self.metric.history
        if len(written) != len(sequence.items) or len({e.as_of for e in written}) != len(written):
            raise PatchError(_("its 'history' gives a day twice, or is written through an "
                               "alias: keep one entry per day"))
        flow = not any(isinstance(item.value, Mapping) for item in sequence.items)
        for item, entry in zip(sequence.items, written, strict=True):
            if entry.as_of not in self.history:
                self.edits.delete(item.line, _last_line(item.value, item.head_line) + 1)
            elif self.history[entry.as_of] != entry.actual:
                self._correct(item.value, self.history[entry.as_of])
        new = [day for day in sorted(self.history) if day not in {e.as_of for e in written}]
        for day in new:
            later = next((item for item, entry in zip(sequence.items, written, strict=True)
                          if entry.as_of > day), None)
            where = (later.line - len(later.leading) if later is not None
                     else _last_line(sequence.items[-1].value, sequence.items[-1].head_line) + 1)
            self.edits.insert(where, self._items(sequence.column, flow=flow, days=[day]))

    def _correct(self, node: Node | None, value: float) -> None:
        if isinstance(node, Mapping):
            leaf = _plain_leaf(next((e.value for e in node.entries if e.key.value == "actual"),
                                    None))
        elif isinstance(node, Leaf) and isinstance(node.value, FlowMap):
            leaf = _plain_leaf(next((value for key, value in node.value.entries
                                     if key.value == "actual"), None))
        else:
            raise PatchError(_("a 'history' entry is written in a way cjmap does not rewrite: "
                               "write it as '- {as_of: …, actual: …}'"))
        self.edits.replace(leaf.line, leaf.column, leaf.end_column, number(value))

    def _relist(self, entry: Entry, dash: int) -> None:
        """``history: []`` (or a one-line flow list, or nothing) as a block list."""
        if isinstance(entry.value, Leaf):
            leaf = entry.value
            start = len(self.lines[leaf.line][:leaf.column].rstrip())
            self.edits.replace(leaf.line, start, leaf.end_column, "")
        self.edits.insert(entry.head_line + 1, self._items(dash, flow=True))

    # -- a flow mapping on one line ----------------------------------------------------------

    def _flow(self, leaf: Leaf, flow: FlowMap) -> None:
        if leaf.multiline or leaf.props:
            raise PatchError(_("write the metric on one line, or as a block mapping"))
        pairs = [(key.value if key.kind in _SCALARS else None, key.text, value.text)
                 for key, value in flow.entries]
        new = {"actual": number(self.actual.actual), "as_of": self.as_of.isoformat(),
               "history": "[" + ", ".join(_flow_item(day, self.history[day])
                                          for day in sorted(self.history)) + "]"}
        if not self.history:
            del new["history"]
        for key, text in new.items():
            place = next((n for n, pair in enumerate(pairs) if pair[0] == key), None)
            if place is not None:
                pairs[place] = (key, pairs[place][1], text)
                continue
            rank = _KEYS.index(key)
            after = [n for n, pair in enumerate(pairs)
                     if pair[0] in _KEYS and _KEYS.index(pair[0]) < rank]
            pairs.insert(max(after) + 1 if after else len(pairs), (key, key, text))
        text = "{" + ", ".join(f"{key}: {value}" for _key, key, value in pairs) + "}"
        self.edits.replace(leaf.line, leaf.column, leaf.end_column, text)

    # -- a metric written as its name -------------------------------------------------------

    def _shorthand(self, leaf: Leaf) -> None:
        indent = " " * leaf.column
        self.edits.replace(leaf.line, leaf.column, leaf.column, "name: ")
        lines = [f"{indent}actual: {number(self.actual.actual)}",
                 f"{indent}as_of: {self.as_of.isoformat()}"]
        if self.history:
            lines += [f"{indent}history:", *self._items(leaf.column + 2, flow=True)]
        self.edits.insert(leaf.end_line + 1, lines)


def verify(before: str, after: str, name: str, journey: "Journey",
           expected: MappingOf[tuple[int, int], tuple[Reading, MappingOf[date, float]]]) -> None:
    """Raise :class:`PatchError` unless ``after`` keeps every comment of ``before`` and
    validates to ``journey`` with only the ``expected`` figures changed."""
    from cjmap.loader import load_text

    if build(before).source.all_comments != build(after).source.all_comments:
        raise PatchError(_("the update would change the file's comments"))
    result = load_text(after, name)
    if result.journey is None:
        raise PatchError(_("the updated map would not validate: {problem}").format(
            problem=result.diagnostics[0].message if result.diagnostics else ""))
    old, new = journey.model_dump(), result.journey.model_dump()
    for (step, position), (actual, history) in expected.items():
        written = new["steps"][step]["metrics"][position]
        got = {(entry["as_of"], entry["actual"]) for entry in written["history"]}
        if (written["actual"], written["as_of"]) != (actual.actual, actual.as_of) or \
                got != set(history.items()) or len(written["history"]) != len(history):
            raise PatchError(_("the updated metric would not read back with its new figures"))
        old["steps"][step]["metrics"][position] = written
    if old != new:
        raise PatchError(_("the update would change more of the map than its metrics' "
                           "figures"))

"""Printing a layout tree in the canonical style (docs/format.md, "Canonical style").

Block collections are laid out afresh — two spaces per level, a list indented under its key,
keys in the format's order — and everything else is copied from the source: leaves keep their
text (losing only quotes they do not need), comments keep their words and stay with the line or
the node they were written with, blank lines between entries stay (one at most).
"""

import re
from collections.abc import Callable
from collections.abc import Sequence as Seq
from typing import TypeVar

from cjmap.author.quoting import plain_is_safe
from cjmap.author.style import UNKNOWN, Shape
from cjmap.author.tree import (
    Entry,
    FlowMap,
    FlowSeq,
    Item,
    Leaf,
    Mapping,
    Node,
    Sequence,
    Source,
    Tree,
)

INDENT = 2
_SUPPRESSION = re.compile(r"#[ \t]*cjmap:")
Keyed = TypeVar("Keyed")


def ordered(entries: Seq[Keyed], key: Callable[[Keyed], object], shape: Shape,
            *, pin_first: bool = False) -> list[Keyed]:
    """``entries`` in the order of the format's keys. A key the format does not know (an ``x-``
    extension, ``<<``, a typo) stays right after the known key it follows in the file, or at the
    top when no known key comes before it."""
    rank = shape.rank
    head: list[Keyed] = []
    groups: list[tuple[int, list[Keyed]]] = []
    for entry in entries:
        name = key(entry)
        if isinstance(name, str) and name in rank:
            groups.append((rank[name], [entry]))
        elif groups:
            groups[-1][1].append(entry)
        else:
            head.append(entry)
    pinned = groups[:1] if pin_first and not head else []
    rest = sorted(groups[len(pinned):], key=lambda group: group[0])
    return head + [entry for _, group in pinned + rest for entry in group]


def _key_name(leaf: Leaf) -> object:
    return leaf.value if leaf.kind not in ("flow", "alias", "empty") else None


class Printer:
    def __init__(self, tree: Tree, shape: Shape) -> None:
        self.tree = tree
        self.source: Source = tree.source
        self.shape = shape
        self.out: list[str] = []

    def print(self) -> str:
        self.block_lines(self.tree.header, 0, verbatim=True)
        root = self.tree.root
        if isinstance(root, Mapping):
            self.mapping(root, 0, self.shape)
        elif isinstance(root, Sequence):
            self.sequence(root, 0, self.shape)
        elif root is not None:
            self.leaf("", root, 0, self.shape)
        self.block_lines(self.tree.trailer, 0, verbatim=True)
        while self.out and not self.out[-1]:
            self.out.pop()
        return "\n".join(self.out) + "\n" if self.out else ""

    # -- lines -------------------------------------------------------------------------------

    def emit(self, text: str, comment_line: int | None = None) -> None:
        comment = self.source.comment(comment_line) if comment_line is not None else ""
        self.out.append(text.rstrip() + comment)

    def block_lines(self, lines: Seq[str], indent: int, *, verbatim: bool = False) -> None:
        """Comment and blank lines: comments at ``indent`` (or as written), one blank line at
        most in a row, and none at the top of the file."""
        for line in lines:
            text = line.strip()
            if text:
                self.out.append(line.rstrip() if verbatim else " " * indent + text)
            elif self.out and self.out[-1]:
                self.out.append("")

    def leading(self, lines: Seq[str], indent: int, first: bool) -> None:
        if first:
            # A collection starts right under its key: blank lines above its first entry go.
            while lines and not lines[0].strip():
                lines = lines[1:]
        self.block_lines(lines, indent)

    # -- block collections -------------------------------------------------------------------

    def mapping(self, mapping: Mapping, indent: int, shape: Shape, prefix: str | None = None,
                dash_line: int | None = None) -> None:
        pin = dash_line is not None and _SUPPRESSION.search(self.source.comment(dash_line))
        entries = ordered(mapping.entries, lambda entry: _key_name(entry.key), shape,
                          pin_first=bool(pin))
        for number, entry in enumerate(entries):
            self.leading(entry.leading, indent, first=number == 0)
            start = prefix if prefix is not None and number == 0 else " " * indent
            self.entry(entry, start, indent, mapping.column, shape.child(_key_name(entry.key)))

    def entry(self, entry: Entry, start: str, indent: int, column: int, shape: Shape) -> None:
        head = start + self.scalar(entry.key, flow=False) + ":"
        self.value(head, entry.value, entry.head_line, entry.below, entry.value_leading,
                   indent, indent - column, shape, dash=False)

    def sequence(self, sequence: Sequence, indent: int, shape: Shape,
                 prefix: str | None = None) -> None:
        for number, item in enumerate(sequence.items):
            self.leading(item.leading, indent, first=number == 0)
            start = prefix if prefix is not None and number == 0 else " " * indent
            self.item(item, start + "-", indent, indent - sequence.column, shape)

    def item(self, item: Item, head: str, indent: int, delta: int, shape: Shape) -> None:
        self.value(head, item.value, item.head_line, item.below, item.value_leading, indent,
                   delta, shape, dash=True)

    def value(self, head: str, node: Node | None, head_line: int, below: bool,
              value_leading: list[str], indent: int, delta: int, shape: Shape,
              *, dash: bool) -> None:
        child = indent + INDENT
        if node is None:
            self.emit(head, head_line)
        elif isinstance(node, Leaf):
            if below:
                self.emit(head, head_line)
                self.block_lines(value_leading, child)
                self.leaf(" " * child, node, delta, shape)
            else:
                self.leaf(head + " ", node, delta, shape)
        elif dash and not node.props and self._inline(node, head_line):
            # '- name: …' and '- - …': the first entry shares the line of the dash.
            if isinstance(node, Mapping):
                self.mapping(node, child, shape, prefix=head + " ", dash_line=head_line)
            else:
                self.sequence(node, child, shape, prefix=head + " ")
        else:
            self.emit(head + (" " + node.props if node.props else ""), head_line)
            if isinstance(node, Mapping):
                self.mapping(node, child, shape)
            else:
                self.sequence(node, child, shape)

    def _inline(self, node: Mapping | Sequence, dash_line: int) -> bool:
        """Whether a collection can start on the line of its dash: nothing between the two,
        and no comment on the dash line unless the collection already started there."""
        first = node.entries[0] if isinstance(node, Mapping) else node.items[0]
        if any(line.strip() for line in first.leading):
            return False
        return first.line == dash_line or not self.source.comment(dash_line)

    # -- leaves ------------------------------------------------------------------------------

    def leaf(self, prefix: str, leaf: Leaf, delta: int, shape: Shape) -> None:
        if not leaf.multiline:
            self.emit(prefix + self.single(leaf, shape, flow=False), leaf.end_line)
            return
        lines = self.source.lines
        block = leaf.kind in "|>"
        first = lines[leaf.line][leaf.column:]
        if block:
            header = re.match(r".*?[|>][0-9+-]*", first)
            self.emit(prefix + (header.group() if header else first), leaf.line)
        else:
            self.out.append((prefix + first).rstrip())
        for number in range(leaf.line + 1, leaf.end_line + 1):
            line = lines[number]
            if number == leaf.end_line and not block:
                self.emit(_shift(line[:leaf.end_column], delta), number)
            elif block:
                self.out.append(_shift(line, delta) if line.strip() else "")
            else:
                self.out.append(_shift(line, delta).rstrip())

    def single(self, leaf: Leaf, shape: Shape, *, flow: bool) -> str:
        """A one-line leaf in the canonical style."""
        if leaf.kind == "flow" and isinstance(leaf.value, FlowMap):
            pairs = ordered(leaf.value.entries, lambda pair: _key_name(pair[0]), shape)
            return "{" + ", ".join(
                f"{self.scalar(key, flow=True)}: "
                f"{self.single(value, shape.child(_key_name(key)), flow=True)}"
                for key, value in pairs) + "}"
        if leaf.kind == "flow" and isinstance(leaf.value, FlowSeq):
            return "[" + ", ".join(self.single(item, shape, flow=True)
                                   for item in leaf.value.items) + "]"
        return self.scalar(leaf, flow=flow)

    @staticmethod
    def scalar(leaf: Leaf, *, flow: bool) -> str:
        if leaf.kind in ("'", '"') and "\n" not in leaf.text and plain_is_safe(leaf.value,
                                                                                flow=flow):
            return f"{leaf.props} {leaf.value}" if leaf.props else leaf.value
        return leaf.text


def _shift(line: str, delta: int) -> str:
    if delta >= 0:
        return " " * delta + line
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(-delta, spaces):]


def print_tree(tree: Tree, shape: Shape = UNKNOWN) -> str:
    return Printer(tree, shape).print()

"""``fmt --upgrade``: one spelling for what the format lets you write two ways.

Canonical (docs/format.md, "Canonical style"):

- an object that holds only its shorthand key is written as the shorthand: ``persona: Laura``,
  not ``persona: {name: Laura}``; ``- Buys``, not ``- name: Buys``; ``emotion: -1``, not
  ``emotion: {score: -1}``;
- a list of ids is a list, even of one: ``next: [buy]``, not ``next: buy``.

The rewrite changes nodes of the layout tree, so the printer patches those spots and keeps
every comment and the layout elsewhere. An object is shortened only when no comment sits inside
it and the value reads back as the type the shorthand takes; the command then checks that the
validated map is the same before and after.
"""

from cjmap.author.quoting import plain_is_safe
from cjmap.author.style import Shape
from cjmap.author.tree import FlowMap, FlowSeq, Leaf, Mapping, Node, Sequence, Source, Tree
from cjmap.parse.yamlfast import _plain


def upgrade(tree: Tree, shape: Shape) -> int:
    """Rewrite ``tree`` in place; the number of spellings changed."""
    if tree.root is None:
        return 0
    tree.root, changed = _node(tree.root, shape, tree.source, free=False)
    return changed


def _node(node: Node, shape: Shape, source: Source, *, free: bool = True) -> tuple[Node, int]:
    """``node`` rewritten, and how many rewrites; ``free`` when nothing (no comment) on the
    line of its key or dash stops it from becoming a scalar there."""
    if isinstance(node, Sequence):
        changes = 0
        for item in node.items:
            if item.value is not None:
                item.value, changed = _node(item.value, shape, source,
                                            free=not source.comment(item.head_line))
                changes += changed
        return node, changes
    short = _shorthand(node, shape, source) if free or isinstance(node, Leaf) else None
    if short is not None:
        return short, 1
    if isinstance(node, Mapping):
        changes = 0
        for entry in node.entries:
            name = entry.key.value if entry.key.kind != "empty" else None
            if entry.value is None:
                continue
            if name in shape.one_or_many and isinstance(entry.value, Leaf):
                listed = _as_list(entry.value)
                if listed is not None:
                    entry.value = listed
                    changes += 1
                    continue
            entry.value, changed = _node(entry.value, shape.child(name), source,
                                         free=not source.comment(entry.head_line))
            if changed and isinstance(entry.value, Leaf):
                entry.below = False
            changes += changed
        return node, changes
    if node.kind == "flow" and isinstance(node.value, (FlowMap, FlowSeq)):
        return node, _flow(node, shape, source)
    return node, 0


def _flow(leaf: Leaf, shape: Shape, source: Source) -> int:
    changes = 0
    if isinstance(leaf.value, FlowSeq):
        items = leaf.value.items
        for index, item in enumerate(items):
            items[index], changed = _node(item, shape, source)  # type: ignore[assignment]
            changes += changed
        return changes
    assert isinstance(leaf.value, FlowMap)
    pairs = leaf.value.entries
    for index, (key, value) in enumerate(pairs):
        if key.value in shape.one_or_many:
            listed = _as_list(value)
            if listed is not None:
                pairs[index] = (key, listed)
                changes += 1
                continue
        new, changed = _node(value, shape.child(key.value), source)
        if isinstance(new, Leaf):
            pairs[index] = (key, new)
            changes += changed
    return changes


def _as_list(leaf: Leaf) -> Leaf | None:
    """``buy`` as ``[buy]``, for a one-line text that reads the same inside brackets."""
    if leaf.multiline or leaf.props or leaf.kind not in ("plain", "'", '"'):
        return None
    if leaf.kind == "plain" and not plain_is_safe(leaf.value, flow=True):
        return None
    return Leaf(f"[{leaf.text}]", leaf.line, leaf.end_line, leaf.column, "flow",
                FlowSeq([leaf]), "", leaf.end_column)


def _shorthand(node: Node, shape: Shape, source: Source) -> Leaf | None:
    """The scalar an object holding only its shorthand key stands for, if it can be one."""
    if shape.short_key is None or node.props:
        return None
    if isinstance(node, Mapping):
        if len(node.entries) != 1:
            return None
        entry = node.entries[0]
        if any(line.strip() for line in entry.leading) or entry.below \
                or source.comment(entry.head_line) or not isinstance(entry.value, Leaf):
            return None
        key, value = entry.key, entry.value
    elif isinstance(node, Leaf) and isinstance(node.value, FlowMap) and \
            len(node.value.entries) == 1:
        key, value = node.value.entries[0]
    else:
        return None
    if key.value != shape.short_key or value.multiline or value.props:
        return None
    if value.kind == "plain":
        kind = type(_plain(value.value)).__name__
    elif value.kind in ("'", '"'):
        kind = "str"
    else:
        return None
    return value if kind in shape.short_types else None


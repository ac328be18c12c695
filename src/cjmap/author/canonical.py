"""A fast answer to "is this text already canonical?", from the parse fmt needs anyway.

``fmt --check`` of a map already in the canonical style is the common case, and the full
formatter (tokens, layout tree, printer) spends about 25 ms on a map of 300 lines to find that
nothing changes. :func:`is_canonical` walks the :class:`~cjmap.parse.document.Document` that the
positioned parse has already made, with the text's lines, and checks each line against what
:mod:`cjmap.author.printer` would print there: keys in the format's order at two spaces a level,
a list under its key, ``key: value`` with one space, quotes only where needed, flow collections as
the printer spells them, comments where the printer keeps them, one blank line at most.

It answers True only when printing the text is certain to give the text back. Anything outside
the plain subset it knows (anchors, tags, aliases, merge keys, values below their key, multi-line
plain or quoted scalars, ``|+``, ``- - …``, empty values, document markers, a comment after a
block scalar's header…) and anything that differs from the canonical spelling gives False, which
means "not sure": the caller then runs the full formatter, which stays the reference
(``tests/author/test_canonical.py`` holds the two to the same answer).
"""

import re
from typing import Any

from cjmap.author.quoting import plain_is_safe
from cjmap.author.style import UNKNOWN, Shape
from cjmap.author.tree import LINE_BREAKS
from cjmap.parse.document import Document, Path, RawSpan

# A block scalar's header; '|+' keeps its trailing blank lines, which the full formatter reads.
_BLOCK_HEADER = re.compile(r"[|>][0-9-]*")
# What starts a node the check leaves to the full formatter (anchors, tags, aliases, explicit
# keys), or a block scalar or flow collection where a one-line scalar was expected.
_NOT_SIMPLE = frozenset("&!*?|>[{")
_QUOTES = frozenset("'\"")
_FLOW = frozenset("[{")


class _Unsure(Exception):
    """The text is outside what the fast check knows, or not canonical."""


class _Check:
    def __init__(self, text: str, document: Document) -> None:
        self.lines = text.split("\n")
        self.values = document.values
        self.keys = document.keys
        self.cursor = -1  # the last line already checked

    # -- lines between nodes -----------------------------------------------------------------

    def leading(self, line: int, indent: int, *, first: bool) -> None:
        """The lines above an entry or item: comments at its indentation, blank lines one at a
        time, none right under the key that opens a collection."""
        lines = self.lines
        comment = " " * indent + "#"
        blank = first
        for number in range(self.cursor + 1, line):
            text = lines[number]
            if not text:
                if blank:
                    raise _Unsure
                blank = True
            elif text.startswith(comment) and not text[-1].isspace():
                blank = False
            else:
                raise _Unsure
        self.cursor = line - 1

    def verbatim(self, start: int, end: int, *, top: bool) -> None:
        """The lines above the first key (``top``) or below the last node: comments kept as
        written and single blank lines, none at the top nor at the end of the file."""
        blank = top
        for number in range(start, end):
            text = self.lines[number]
            if not text:
                if blank:
                    raise _Unsure
                blank = True
            elif text.lstrip(" ")[:1] == "#" and not text[-1].isspace():
                blank = False
            else:
                raise _Unsure
        if blank and not top and end > start:
            raise _Unsure

    def rest(self, line: int, column: int) -> None:
        """What follows the last node of a line: nothing, or spaces and a comment."""
        text = self.lines[line]
        tail = text[column:]
        # The printer strips the line's end, and the end of what comes before a comment: a
        # plain scalar may end in a no-break space, which is then lost.
        if text[-1].isspace() or (tail and (tail[0] != " " or tail.lstrip(" ")[:1] != "#"
                                            or text[column - 1].isspace())):
            raise _Unsure
        self.cursor = line

    # -- block collections -------------------------------------------------------------------

    def mapping(self, data: dict[Any, Any], path: Path, indent: int, shape: Shape,
                prefix: str | None) -> None:
        """A block mapping whose keys are at ``indent``; its first key follows ``prefix``
        (``- ``) on the line of its dash when it is a list's item."""
        # The loop runs for every key of every map that fmt --check reads: the common entry,
        # 'key: scalar' on one line, is checked here without a call.
        lines, keys, values = self.lines, self.keys, self.values
        rank, children = shape.rank, shape.children
        pad = " " * indent
        last = -1
        for number, (name, value) in enumerate(data.items()):
            where = (*path, name)
            key_span = keys.get(where)
            value_span = values.get(where)
            if key_span is None or value_span is None:
                raise _Unsure  # a merged key
            line = key_span[0] - 1
            if key_span[2] != key_span[0] or key_span[1] - 1 != indent:
                raise _Unsure
            if line != self.cursor + 1:
                self.leading(line, indent, first=number == 0)
            text = lines[line]
            key_end = key_span[3] - 1
            if not text.startswith(prefix if prefix is not None and number == 0 else pad) \
                    or text[key_end:key_end + 1] != ":":
                raise _Unsure
            order_name = _key(name, text[indent:key_end])
            known = rank.get(order_name)
            if known is not None:
                if known < last:
                    raise _Unsure  # the printer would move this key up
                last = known
            child = children.get(order_name, UNKNOWN)
            if value_span[0] - 1 != line or value_span[2] != value_span[0] \
                    or type(value) is dict or type(value) is list:
                self.value(value, where, value_span, line, key_end + 1, indent, child)
                continue
            start, end = value_span[1] - 1, value_span[3] - 1
            first = text[start:start + 1]
            if start != key_end + 2 or text[key_end + 1] != " ":
                raise _Unsure  # an empty value, two spaces after the colon…
            if first in _QUOTES:
                if plain_is_safe(value, flow=False):
                    raise _Unsure
            elif not first or first in _NOT_SIMPLE:
                raise _Unsure
            if end == len(text) and not text[-1].isspace():
                self.cursor = line
            else:
                self.rest(line, end)

    def value(self, value: Any, path: Path, span: RawSpan, line: int, after: int, indent: int,
              shape: Shape) -> None:
        """The value of an entry or item whose head (``key:``, ``-``) ends at ``after`` on
        ``line``."""
        text = self.lines[line]
        start = span[1] - 1
        same_line = span[0] - 1 == line
        first = text[start:start + 1] if same_line else ""
        if type(value) in (dict, list) and first not in ("[", "{"):
            self.rest(line, after)  # 'key:' and its collection on the lines below
            if same_line:
                raise _Unsure
            if type(value) is dict:
                self.mapping(value, path, indent + 2, shape, None)
            else:
                self.sequence(value, path, indent + 2, shape)
            return
        if not same_line or start != after + 1 or text[after] != " ":
            raise _Unsure  # below its key, an empty value, two spaces after the colon…
        if first in ("|", ">"):
            self.block_scalar(span, line, start)
            return
        self.one_line(value, path, span, shape, line, flow=False)
        self.rest(line, span[3] - 1)

    def sequence(self, data: list[Any], path: Path, indent: int, shape: Shape) -> None:
        """A block list whose dashes are at ``indent``, each item on its dash's line."""
        head = " " * indent + "- "
        for number, item in enumerate(data):
            where = (*path, number)
            span = self.values[where]
            line = span[0] - 1
            self.leading(line, indent, first=number == 0)
            text = self.lines[line]
            if not text.startswith(head) or span[1] - 1 != indent + 2:
                raise _Unsure  # the item below its dash, or a dash out of place
            if type(item) is dict and text[indent + 2] != "{":
                self.mapping(item, where, indent + 2, shape, head)
            elif type(item) is list and text[indent + 2] != "[":
                raise _Unsure  # '- - …'
            else:
                self.value(item, where, span, line, indent + 1, indent, shape)

    # -- leaves ------------------------------------------------------------------------------

    def block_scalar(self, span: RawSpan, line: int, start: int) -> None:
        lines = self.lines
        header = _BLOCK_HEADER.match(lines[line], start)
        assert header is not None  # the value starts with '|' or '>'
        if header.end() != len(lines[line]):
            # A comment after the header is inside the scalar's token: the layout tree does
            # not see it (and the printer drops it), so the full formatter decides.
            raise _Unsure
        self.cursor = line
        # The scanner's end takes in the blank lines after the content; they belong to
        # whatever follows, as in the layout tree.
        last = span[2] - 1 if span[3] > 1 else span[2] - 2
        while last > line and not lines[last].strip():
            last -= 1
        for number in range(line + 1, last + 1):
            text = lines[number]
            if text and not text.strip():
                raise _Unsure  # printed as an empty line
        self.cursor = last

    def one_line(self, value: Any, path: Path, span: RawSpan, shape: Shape, line: int, *,
                 flow: bool) -> str:
        """A scalar or flow collection written on ``line`` as the printer writes it: its
        text."""
        if span[2] - 1 != line or span[0] - 1 != line:
            raise _Unsure
        written = self.lines[line][span[1] - 1:span[3] - 1]
        first = written[:1]
        if first in _QUOTES:
            if plain_is_safe(value, flow=flow):
                raise _Unsure
        elif first in _FLOW:
            if self.flow(value, path, shape, line) != written:
                raise _Unsure
        elif not first or first in _NOT_SIMPLE or type(value) is dict or type(value) is list:
            raise _Unsure  # '[a: b]' is a pair written without its braces
        return written

    def flow(self, value: Any, path: Path, shape: Shape, line: int) -> str:
        """A one-line flow collection as the printer spells it, built from the pieces as
        written; equal to the text only when the printer would print the text (it reprints a
        simple collection, and keeps any other as written, then the same too)."""
        text = self.lines[line]
        keys, values = self.keys, self.values
        parts = []
        if type(value) is dict:
            rank = shape.rank
            last = -1
            for name, item in value.items():
                where = (*path, name)
                key_span, span = keys.get(where), values.get(where)
                if key_span is None or span is None or key_span[0] - 1 != line:
                    raise _Unsure
                key = text[key_span[1] - 1:key_span[3] - 1]
                order_name = _key(name, key, flow=True)
                known = rank.get(order_name)
                if known is not None:
                    if known < last:
                        raise _Unsure
                    last = known
                parts.append(key + ": " + self.one_line(item, where, span,
                                                        shape.child(order_name), line, flow=True))
            return "{" + ", ".join(parts) + "}"
        if type(value) is not list:
            raise _Unsure
        for number, item in enumerate(value):
            where = (*path, number)
            parts.append(self.one_line(item, where, values[where], shape, line, flow=True))
        return "[" + ", ".join(parts) + "]"


def _scalar(value: Any, written: str, *, flow: bool) -> None:
    """A one-line scalar prints as written unless it is quoted and need not be."""
    first = written[:1]
    if first in _QUOTES:
        if plain_is_safe(value, flow=flow):
            raise _Unsure
    elif not first or first in _NOT_SIMPLE:
        raise _Unsure


def _key(name: Any, written: str, *, flow: bool = False) -> str:
    """What the printer orders a key by: its text as written (``1``, not the number), the
    value of a quoted one; the key must print as written."""
    if written == "<<":
        raise _Unsure  # a merge key: its entries are not the file's
    _scalar(name, written, flow=flow)
    return name if written[0] in ("'", '"') else written


def is_canonical(text: str, document: Document, shape: Shape) -> bool:
    """Whether ``text`` (LF line breaks, no byte-order mark), read as ``document``, is certain
    to be its own canonical form; False when it is not, or when the fast check cannot tell."""
    root = document.data
    if not text.endswith("\n") or type(root) is not dict or not root \
            or LINE_BREAKS.search(text) is not None:
        return False
    check = _Check(text, document)
    first_key = check.keys.get((next(iter(root)),))
    if first_key is None:
        return False
    try:
        check.verbatim(0, first_key[0] - 1, top=True)
        check.cursor = first_key[0] - 2
        check.mapping(root, (), 0, shape, None)
        check.verbatim(check.cursor + 1, len(check.lines) - 1, top=False)
    except _Unsure:
        return False
    return True

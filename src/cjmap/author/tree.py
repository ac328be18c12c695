"""The layout tree of a YAML text: block collections down to leaves that keep their source text.

libyaml's scanner (C speed, through PyYAML) gives every token with its position; the tree is
built from those tokens and from the text between them, where the comments are. A block mapping
or sequence becomes a :class:`Mapping` or :class:`Sequence` whose entries carry the comment and
blank lines above them (``leading``); everything else — a scalar, an alias, a flow collection —
is a :class:`Leaf` holding the exact text it was written with, so that printing the tree changes
layout and nothing else. Comments at the end of a line are found by line (:class:`Source`) and
printed after whatever ends that line.

What the canonical style cannot print without risk (explicit ``?`` keys, keys that are not
scalars, unusual line breaks) raises :class:`Unsupported`, and the file is left as it is.
"""

import re
from dataclasses import dataclass, field
from typing import Any, Union

from yaml import tokens as t

try:
    from yaml._yaml import CParser as _Scanner
except ImportError:  # PyYAML built without libyaml
    from cjmap.parse.yamlfast import PurePythonParser as _Scanner  # type: ignore[assignment]


class Unsupported(Exception):
    """YAML that fmt does not rewrite; ``line`` (1-based) says where."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Leaf:
    """A scalar, an alias or a flow collection, with its anchor or tag, as written."""

    text: str  # the source, from the first property to the end of the value; may span lines
    line: int  # first and last line (0-based) of the source
    end_line: int
    column: int  # where ``text`` starts on ``line``
    kind: str  # "plain", "'", '"', "|", ">", "alias", "flow", "empty"
    value: Any = None  # a scalar's value, a flow collection's items (FlowMap, FlowSeq)
    props: str = ""  # anchor and tag, for a scalar whose quoting may change
    end_column: int = 0  # where the value ends on ``end_line``

    @property
    def multiline(self) -> bool:
        return self.end_line > self.line or self.kind in "|>"


@dataclass
class FlowMap:
    entries: list[tuple[Leaf, "Leaf"]]


@dataclass
class FlowSeq:
    items: list[Leaf]


@dataclass
class Entry:
    """``key: value`` in a block mapping, with the comment and blank lines above it."""

    leading: list[str]
    key: Leaf
    value: "Node | None"
    head_line: int  # the line of the ':' (and of the value's anchor), where a comment may follow
    below: bool = False  # a leaf value written on a line of its own
    value_leading: list[str] = field(default_factory=list)  # comments between key and value

    @property
    def line(self) -> int:
        return self.key.line


@dataclass
class Item:
    """``- value`` in a block sequence."""

    leading: list[str]
    line: int  # the line of the '-'
    value: "Node | None"
    head_line: int
    below: bool = False
    value_leading: list[str] = field(default_factory=list)


@dataclass
class Mapping:
    entries: list[Entry]
    column: int  # of the keys, in the source
    props: str = ""


@dataclass
class Sequence:
    items: list[Item]
    column: int  # of the dashes, in the source
    props: str = ""


Node = Union[Leaf, Mapping, Sequence]  # noqa: UP007 - a runtime alias on Python 3.10


@dataclass
class Tree:
    root: Node | None
    header: list[str]  # the lines above the first node (comments, '%YAML', '---')
    trailer: list[str]  # the lines below the last one (comments, '...')
    source: "Source"


_COMMENT = re.compile(r"#[^\n]*")
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")


class Source:
    """The text's lines, and the comment of every line that has one (as the scanner sees it:
    a ``#`` outside every token)."""

    def __init__(self, text: str, tokens: list[Any]) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.comments: dict[int, int] = {}  # line → column of its comment
        self.all_comments: list[str] = []
        position = 0
        for token in tokens:
            start = token.start_mark.index
            if start > position:
                self._comments_in(position, start)
            if isinstance(token, t.ScalarToken) and token.style in ("|", ">"):
                self._header_comment(start)
            position = max(position, token.end_mark.index)
        self._comments_in(position, len(text))

    def _header_comment(self, start: int) -> None:
        """A comment after a block scalar's header (``description: >  # why``): the scalar's
        token spans it, yet it is a comment like any other, and must be kept."""
        header = _BLOCK_HEADER.match(self.text, start)
        if header is not None:
            line_end = self.text.find("\n", header.end())
            self._comments_in(header.end(), len(self.text) if line_end < 0 else line_end)

    def _comments_in(self, start: int, end: int) -> None:
        for match in _COMMENT.finditer(self.text, start, end):
            line = self.text.count("\n", 0, match.start())
            column = match.start() - (self.text.rfind("\n", 0, match.start()) + 1)
            self.comments.setdefault(line, column)
            self.all_comments.append(match.group().rstrip())

    def comment(self, line: int) -> str:
        """The end-of-line comment of ``line`` with the spaces before it (at least one)."""
        column = self.comments.get(line)
        if column is None:
            return ""
        text = self.lines[line]
        before = text[:column]
        if not before.strip():
            return ""  # a comment on a line of its own is not at the end of anything
        gap = len(before) - len(before.rstrip()) or 1
        return " " * gap + text[column:].rstrip()


LINE_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def scan(text: str) -> list[Any]:
    """Every token of ``text`` (raises PyYAML's errors on bad YAML)."""
    scanner = _Scanner(text)
    found: list[Any] = []
    while True:
        token = scanner.get_token()
        if token is None:
            return found
        found.append(token)


def build(text: str) -> Tree:
    """The layout tree of ``text``: LF line breaks, no byte-order mark, valid YAML."""
    odd = LINE_BREAKS.search(text)
    if odd is not None:
        raise Unsupported(f"line break {odd.group()!r} (fmt keeps LF or CRLF line endings)",
                          text.count("\n", 0, odd.start()) + 1)
    tokens = scan(text)
    return _Builder(text, tokens).tree()


_CONTENT = (t.ScalarToken, t.AliasToken, t.AnchorToken, t.TagToken, t.ValueToken,
            t.BlockEntryToken, t.FlowSequenceStartToken, t.FlowMappingStartToken,
            t.FlowSequenceEndToken, t.FlowMappingEndToken, t.FlowEntryToken,
            t.DocumentStartToken, t.DocumentEndToken, t.DirectiveToken)


class _Builder:
    def __init__(self, text: str, tokens: list[Any]) -> None:
        self.source = Source(text, tokens)
        self.lines = self.source.lines
        self.tokens = tokens
        self.index = 0
        self.cursor = -1  # the last line holding something already in the tree

    # -- the token stream --------------------------------------------------------------------

    def peek(self) -> Any:
        return self.tokens[self.index]

    def take(self) -> Any:
        token = self.tokens[self.index]
        self.index += 1
        if isinstance(token, _CONTENT):
            self.cursor = max(self.cursor, self._last_line(token))
        return token

    def _last_line(self, token: Any) -> int:
        end = token.end_mark
        if isinstance(token, t.ScalarToken) and token.style in ("|", ">"):
            return self._block_scalar_end(token)
        return int(end.line)

    def _block_scalar_end(self, token: Any) -> int:
        """The last line of a block scalar's content: the scanner's end mark also takes in the
        blank lines after it, which belong to what follows unless the scalar keeps them."""
        start, end = token.start_mark.line, token.end_mark.line
        last = end if token.end_mark.column > 0 else end - 1
        header = _BLOCK_HEADER.match(self.lines[start], token.start_mark.column)
        if header is not None and "+" in header.group():
            return int(last)
        while last > start and not self.lines[last].strip():
            last -= 1
        return int(last)

    def leading(self, line: int) -> list[str]:
        """The comment and blank lines between what the tree holds and ``line``."""
        lines = self.lines[self.cursor + 1:line]
        self.cursor = max(self.cursor, line - 1)
        return lines

    def unsupported(self, message: str, token: Any) -> Unsupported:
        return Unsupported(message, token.start_mark.line + 1)

    # -- the tree ----------------------------------------------------------------------------

    def tree(self) -> Tree:
        self.take()  # stream start
        while isinstance(self.peek(), (t.DirectiveToken, t.DocumentStartToken)):
            self.take()
        header_end = self.cursor
        first = self.peek()
        root: Node | None = None
        if not isinstance(first, (t.StreamEndToken, t.DocumentEndToken)):
            if first.start_mark.line <= header_end:
                raise self.unsupported("a value on the line of '---'", first)
            header = self.leading(first.start_mark.line)
            root = self.node()
        else:
            header = self.lines[:header_end + 1]
        if isinstance(self.peek(), t.DocumentEndToken):
            self.take()
        if not isinstance(self.peek(), t.StreamEndToken):
            raise self.unsupported("a second YAML document", self.peek())
        if root is None:
            return Tree(None, self.lines[:], [], self.source)
        trailer = self.lines[self.cursor + 1:]
        return Tree(root, header, trailer, self.source)

    def props(self) -> tuple[str, Any]:
        """The anchor and tag before a node, as written, and the first of their tokens."""
        parts = []
        first = None
        while isinstance(self.peek(), (t.AnchorToken, t.TagToken)):
            token = self.take()
            first = first or token
            parts.append(self._text(token))
        return " ".join(parts), first

    def _text(self, token: Any) -> str:
        return self.source.text[token.start_mark.index:token.end_mark.index]

    def node(self) -> Node:
        props, first = self.props()
        token = self.peek()
        if isinstance(token, t.BlockMappingStartToken):
            return self.mapping(props)
        if isinstance(token, t.BlockSequenceStartToken):
            return self.sequence(props)
        if isinstance(token, t.BlockEntryToken):  # a sequence at its key's indentation
            return self.sequence(props, indentless=True)
        return self.leaf(props, first)

    def leaf(self, props: str, first: Any) -> Leaf:
        token = self.peek()
        start = first or token
        line, column = start.start_mark.line, start.start_mark.column
        if isinstance(token, (t.KeyToken, t.ValueToken, t.BlockEndToken, t.StreamEndToken,
                              t.DocumentEndToken, t.FlowEntryToken,
                              t.FlowMappingEndToken, t.FlowSequenceEndToken)):
            # An empty value, with an anchor or tag (or in a flow collection).
            return Leaf(props, line, line, column, "empty", None, props)
        if isinstance(token, t.ScalarToken):
            self.take()
            kind = token.style or "plain"
            end_line = self._last_line(token)
            text = self.source.text[start.start_mark.index:token.end_mark.index]
            return Leaf(text, line, end_line, column, kind, token.value, props,
                        token.end_mark.column)
        if isinstance(token, t.AliasToken):
            self.take()
            if props:
                raise self.unsupported("an alias with an anchor or tag", token)
            return Leaf(self._text(token), line, token.end_mark.line, column, "alias",
                        token.value, "", token.end_mark.column)
        if isinstance(token, (t.FlowMappingStartToken, t.FlowSequenceStartToken)):
            value, end = self.flow()
            text = self.source.text[start.start_mark.index:end.end_mark.index]
            return Leaf(text, line, end.end_mark.line, column, "flow",
                        None if props else value, props, end.end_mark.column)
        raise self.unsupported(f"unexpected {token.id}", token)

    def flow(self) -> tuple[FlowMap | FlowSeq | None, Any]:
        """A flow collection's items, or None when it holds anything but plain ``key: value``
        pairs and items (those are kept as written); and its closing token."""
        opening = self.take()
        is_map = isinstance(opening, t.FlowMappingStartToken)
        closing = t.FlowMappingEndToken if is_map else t.FlowSequenceEndToken
        entries: list[tuple[Leaf, Leaf]] = []
        items: list[Leaf] = []
        simple = True
        while not isinstance(self.peek(), closing):
            token = self.peek()
            if isinstance(token, t.FlowEntryToken):
                self.take()
                continue
            if isinstance(token, t.KeyToken):
                self.take()
                if not is_map or self.source.text[token.start_mark.index] == "?":
                    simple = False
                key = self.flow_leaf()
                if not isinstance(self.peek(), t.ValueToken):
                    simple = False
                    value = Leaf("", key.end_line, key.end_line, 0, "empty")
                else:
                    self.take()
                    value = self.flow_leaf()
                if is_map:
                    entries.append((key, value))
                continue
            if is_map:  # an entry written without ':'
                simple = False
                self.flow_leaf()
                continue
            items.append(self.flow_leaf())
        end = self.take()
        if not simple or any(leaf.kind == "empty" for pair in entries for leaf in pair) \
                or any(leaf.kind == "empty" for leaf in items) \
                or opening.start_mark.line != end.end_mark.line:
            return None, end
        return (FlowMap(entries) if is_map else FlowSeq(items)), end

    def flow_leaf(self) -> Leaf:
        props, first = self.props()
        return self.leaf(props, first)

    def mapping(self, props: str) -> Mapping:
        start = self.take()
        entries = []
        column = start.start_mark.column
        while isinstance(self.peek(), t.KeyToken):
            key_token = self.take()
            if self.source.text[key_token.start_mark.index] == "?":
                raise self.unsupported("an explicit '?' key", key_token)
            leading = self.leading(key_token.start_mark.line)
            key_props, first = self.props()
            if isinstance(self.peek(), (t.FlowMappingStartToken, t.FlowSequenceStartToken,
                                        t.AliasToken)):
                raise self.unsupported("a key that is not plain text", self.peek())
            key = self.leaf(key_props, first)
            entries.append(self.entry_value(leading, key, column))
        if not isinstance(self.peek(), t.BlockEndToken):
            raise self.unsupported("a mapping entry fmt cannot read", self.peek())
        self.take()
        return Mapping(entries, column, props)

    def entry_value(self, leading: list[str], key: Leaf, column: int) -> Entry:
        if not isinstance(self.peek(), t.ValueToken):
            raise self.unsupported("a key without a value", self.peek())
        colon = self.take()
        value, head_line, below, value_leading = self.value(colon.start_mark.line, column)
        return Entry(leading, key, value, head_line, below, value_leading)

    def value(self, head_line: int, column: int) -> tuple[Node | None, int, bool, list[str]]:
        """The node after a ':' or a '-' on ``head_line``: None when there is none."""
        token = self.peek()
        if isinstance(token, (t.KeyToken, t.BlockEndToken, t.StreamEndToken,
                              t.DocumentEndToken)):
            return None, head_line, False, []
        props_line = token.start_mark.line
        if isinstance(token, (t.AnchorToken, t.TagToken)) and props_line == head_line:
            head_line = max(head_line, self._props_end_line())
        node_token = self._after_props()
        if isinstance(node_token, (t.BlockMappingStartToken, t.BlockSequenceStartToken,
                                   t.BlockEntryToken)):
            return self.node(), head_line, False, []
        first_line = self.peek().start_mark.line
        below = first_line > head_line
        value_leading = self.leading(first_line) if below else []
        return self.node(), head_line, below, value_leading

    def _props_end_line(self) -> int:
        index = self.index
        line = self.tokens[index].start_mark.line
        while isinstance(self.tokens[index], (t.AnchorToken, t.TagToken)):
            line = self.tokens[index].end_mark.line
            index += 1
        return int(line)

    def _after_props(self) -> Any:
        index = self.index
        while isinstance(self.tokens[index], (t.AnchorToken, t.TagToken)):
            index += 1
        return self.tokens[index]

    def sequence(self, props: str, *, indentless: bool = False) -> Sequence:
        if not indentless:
            self.take()
        items = []
        column = self.peek().start_mark.column
        while isinstance(self.peek(), t.BlockEntryToken):
            dash = self.peek()
            leading = self.leading(dash.start_mark.line)
            self.take()
            value, head_line, below, value_leading = self.item_value(dash)
            items.append(Item(leading, dash.start_mark.line, value, head_line, below,
                              value_leading))
        if not indentless:
            if not isinstance(self.peek(), t.BlockEndToken):
                raise self.unsupported("a list item fmt cannot read", self.peek())
            self.take()
        return Sequence(items, column, props)

    def item_value(self, dash: Any) -> tuple[Node | None, int, bool, list[str]]:
        token = self.peek()
        if isinstance(token, (t.BlockEntryToken, t.BlockEndToken, t.KeyToken,
                              t.StreamEndToken, t.DocumentEndToken)):
            return None, dash.start_mark.line, False, []
        return self.value(dash.start_mark.line, dash.start_mark.column)

"""Inline suppressions: YAML comments that silence lint rules for a line, a node or a file.

    steps:
      - name: Pays        # cjmap: ignore[missing-touchpoints]   this line
      # cjmap: ignore[missing-owner, no-actions]                 the node on the next line
      - name: Receives the parcel
    # cjmap: file-ignore[missing-persona]                        the whole file

``ignore`` with no brackets silences every rule but ``unused-suppression``, which only a
suppression that names it silences. Comments are found by a scan of the lines, not
by the (slow) round-trip parser; the parsed document's spans tell a comment from a ``#`` inside a
quoted string or a block scalar. Validation problems are never suppressed: a map that does not
validate is not linted.
"""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Literal

from cjmap.diagnostics import Span
from cjmap.i18n import _
from cjmap.lint.finding import Finding
from cjmap.parse.document import Document, Path
from cjmap.parse.source import split_lines

UNUSED = "unused-suppression"
_DIRECTIVE = re.compile(r"#[ \t]*cjmap:[ \t]*(?P<word>[A-Za-z_-]*)(?P<brackets>\[(?P<ids>[^\]\n]*)"
                        r"\]?)?")
_MARKER = re.compile(r"#[ \t]*cjmap:")
_ID = re.compile(r"[^,\s]+")
_KINDS = ("ignore", "file-ignore")


@dataclass
class Directive:
    """One ``# cjmap: …`` comment: what it silences, where, and what it did silence."""

    kind: Literal["line", "node", "file", "unknown"]
    line: int
    span: Span  # of the directive text, for findings about the directive itself
    word: str
    # Each rule id with its own span in the comment; None silences every rule.
    rules: list[tuple[str, Span]] | None
    node: Path | None = None  # for kind "node": the node that starts below the comment
    used: set[str] = field(default_factory=set)

    def silences(self, rule: str, line: int, path: Path) -> bool:
        if self.rules is None:
            # A bare ignore would silence the finding that says it is unused.
            if rule == UNUSED:
                return False
        elif rule not in (r for r, _ in self.rules):
            return False
        if self.kind == "file":
            return True
        if self.kind == "line":
            return line == self.line
        return self.kind == "node" and self.node is not None and path[:len(self.node)] == \
            self.node


def find(text: str, document: Document) -> list[Directive]:
    """Every directive in the comments of ``text``."""
    if _MARKER.search(text) is None:
        return []
    # Lines as YAML counts them, so that a file with lone CR line breaks keeps its numbers.
    lines = split_lines(text)
    places = _Places(document, lines)
    directives = []
    for number, line in enumerate(lines, start=1):
        for match in _DIRECTIVE.finditer(line):
            start = match.start()
            if start and line[start - 1] not in " \t":
                continue  # YAML needs a space before a comment's '#'
            if places.in_scalar(number, start + 1):
                continue
            own_line = not line[:start].strip()
            directives.append(_directive(match, number, own_line, places))
    return directives


def _directive(match: re.Match[str], number: int, own_line: bool,
               places: "_Places") -> Directive:
    span = Span(number, match.start() + 1, number, match.end() + 1)
    word = match["word"]
    rules = None
    if match["brackets"] is not None:
        offset = match.start("ids") + 1
        rules = [(m.group(), Span(number, offset + m.start(), number, offset + m.end()))
                 for m in _ID.finditer(match["ids"] or "")]
    if word == "file-ignore":
        return Directive("file", number, span, word, rules)
    if word != "ignore":
        return Directive("unknown", number, span, word, rules)
    if not own_line:
        # The node is only where findings about the comment point (their JSON pointer).
        return Directive("line", number, span, word, rules, node=places.node_on(number))
    return Directive("node", number, span, word, rules, node=places.node_below(number))


class _Places:
    """What a directive needs to know of the document, indexed once per file (each built on
    first use): a file of thousands of comments asks thousands of times."""

    def __init__(self, document: Document, lines: Sequence[str]) -> None:
        self.document = document
        self.lines = lines

    @cached_property
    def _scalars(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The starts of the scalars, where a ``#`` is text rather than a comment, in order,
        and for each the furthest end of the scalars up to it."""
        document = self.document
        containers = {path[:-1] for path in document.values}
        spans = [span for path, span in document.values.items() if path not in containers]
        spans += document.keys.values()
        spans.sort()
        starts = [(span[0], span[1]) for span in spans]
        ends = list(accumulate(((span[2], span[3]) for span in spans), max))
        return starts, ends

    def in_scalar(self, line: int, column: int) -> bool:
        starts, ends = self._scalars
        # The scalars starting at or before the place; it is inside one if one ends after it.
        count = bisect_right(starts, (line, column))
        return count > 0 and (line, column) < ends[count - 1]

    @cached_property
    def _outermost(self) -> dict[int, Path]:
        """For each line, the outermost node that starts on it (an entry starts at its key)."""
        firsts: dict[int, tuple[int, int, Path]] = {}
        for path, span in self.document.values.items():
            if not path:
                continue
            start = self.document.keys.get(path, span)
            candidate = (len(path), start[1], path)
            if start[0] not in firsts or candidate < firsts[start[0]]:
                firsts[start[0]] = candidate
        return {line: first[2] for line, first in firsts.items()}

    def node_on(self, line: int) -> Path | None:
        """The outermost node that starts on ``line``."""
        return self._outermost.get(line)

    @cached_property
    def _next_yaml(self) -> list[int | None]:
        """For each line number, the first line below it holding YAML (not blank, no comment)."""
        below: list[int | None] = [None] * (len(self.lines) + 2)
        for number in range(len(self.lines), 0, -1):
            line = self.lines[number - 1]
            holds_yaml = line.strip() and not line.lstrip().startswith("#")
            below[number - 1] = number if holds_yaml else below[number]
        return below

    def node_below(self, number: int) -> Path | None:
        """The outermost node that starts on the first line below ``number`` holding YAML."""
        below = self._next_yaml[number]
        return None if below is None else self.node_on(below)


class Suppressions:
    """The directives of one file, applied to its findings; what is left unused is a finding of
    the ``unused-suppression`` rule."""

    def __init__(self, directives: list[Directive], enabled: Mapping[str, object],
                 known: Sequence[str]) -> None:
        self.directives = directives
        self.enabled = enabled
        self.known = known
        # Where each directive acts, so that a finding meets only the directives that may
        # silence it, not all of them.
        self._file = [d for d in directives if d.kind == "file"]
        self._lines: dict[int, list[Directive]] = {}
        self._nodes: dict[Path, list[Directive]] = {}
        for directive in directives:
            if directive.kind == "line":
                self._lines.setdefault(directive.line, []).append(directive)
            elif directive.kind == "node" and directive.node is not None:
                self._nodes.setdefault(directive.node, []).append(directive)

    def silenced(self, rule: str, line: int, path: Path) -> bool:
        """Whether a finding of ``rule`` at ``line`` (for the node ``path``) is silenced."""
        hit = False
        for directive in self._candidates(line, path):
            if directive.silences(rule, line, path):
                directive.used.add(rule)
                hit = True
        return hit

    def _candidates(self, line: int, path: Path) -> Iterator[Directive]:
        yield from self._file
        yield from self._lines.get(line, ())
        if self._nodes:
            for length in range(len(path) + 1):
                yield from self._nodes.get(path[:length], ())

    @cached_property
    def _suggest(self) -> Callable[[str], str | None]:
        from cjmap.format.validation import Suggester

        return Suggester(self.known)

    def unused(self) -> Iterator[Finding]:
        """Findings for directives, and rule ids in them, that silence nothing."""
        for directive in self.directives:
            yield from self._problems(directive)

    def _problems(self, directive: Directive) -> Iterator[Finding]:
        from cjmap.format.validation import did_you_mean
        from cjmap.lint.configmodel import VALIDATION_CODES

        where = directive.node or ()
        if directive.kind == "unknown":
            yield Finding(where, _("unknown cjmap directive '{word}'").format(
                word=directive.word), hint=did_you_mean(directive.word, _KINDS)
                or _("write '# cjmap: ignore[rule-id]' or '# cjmap: file-ignore[rule-id]'"),
                          span=directive.span)
            return
        if directive.rules is None:
            if not directive.used:
                yield Finding(where,
                              _("'{word}' silences nothing here").format(word=directive.word),
                              hint=self._remove_hint(directive), span=directive.span)
            return
        if not directive.rules:
            yield Finding(where, _("'{word}[]' names no rule").format(word=directive.word),
                          hint=_("name the rules to silence, e.g. ignore[missing-persona]"),
                          span=directive.span)
            return
        for rule, span in directive.rules:
            if rule in directive.used or rule == UNUSED:
                continue
            if rule in VALIDATION_CODES:
                message = _("'{rule}' is a validation check: it cannot be silenced")
                hint: str | None = _("fix the map instead")
            elif rule not in self.known:
                message = _("unknown rule '{rule}' in a suppression")
                hint = self._suggest(rule) or _("cjmap rules lists them all")
            elif rule not in self.enabled:
                message = _("rule '{rule}' is not enabled, so silencing it does nothing")
                hint = _("remove it from the comment")
            else:
                message = _("no '{rule}' finding to silence here")
                hint = self._remove_hint(directive)
            yield Finding(where, message.format(rule=rule), hint=hint, span=span)

    @staticmethod
    def _remove_hint(directive: Directive) -> str:
        if directive.kind == "node" and directive.node is None:
            return _("the comment is above nothing: put it on the line above the node to "
                     "silence")
        if directive.kind == "node":
            return _("an own-line comment silences the node that starts on the next line; "
                     "remove the comment if the problem is fixed")
        return _("remove the comment if the problem is fixed")

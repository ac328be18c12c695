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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
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
    scalars = _Scalars(document)
    directives = []
    for number, line in enumerate(lines, start=1):
        for match in _DIRECTIVE.finditer(line):
            start = match.start()
            if start and line[start - 1] not in " \t":
                continue  # YAML needs a space before a comment's '#'
            if scalars.inside(number, start + 1):
                continue
            own_line = not line[:start].strip()
            directives.append(_directive(match, number, own_line, lines, document))
    return directives


def _directive(match: re.Match[str], number: int, own_line: bool, lines: Sequence[str],
               document: Document) -> Directive:
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
        return Directive("line", number, span, word, rules, node=_node_on(number, document))
    return Directive("node", number, span, word, rules, node=_node_below(number, lines,
                                                                          document))


def _node_below(number: int, lines: Sequence[str], document: Document) -> Path | None:
    """The outermost node that starts on the first line below ``number`` holding YAML."""
    below = next((n for n in range(number + 1, len(lines) + 1)
                  if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), None)
    return None if below is None else _node_on(below, document)


def _node_on(line: int, document: Document) -> Path | None:
    """The outermost node that starts on ``line``."""
    starts: list[tuple[int, int, Path]] = []
    for path, span in document.values.items():
        if not path:
            continue
        start = document.keys.get(path, span)  # an entry starts at its key
        if start[0] == line:
            starts.append((len(path), start[1], path))
    return min(starts)[2] if starts else None


class _Scalars:
    """The spans of scalars, where a ``#`` is text rather than a comment."""

    def __init__(self, document: Document) -> None:
        containers = {path[:-1] for path in document.values}
        self.spans = [span for path, span in document.values.items() if path not in containers]
        self.spans += document.keys.values()

    def inside(self, line: int, column: int) -> bool:
        return any((s[0], s[1]) <= (line, column) < (s[2], s[3]) for s in self.spans)


class Suppressions:
    """The directives of one file, applied to its findings; what is left unused is a finding of
    the ``unused-suppression`` rule."""

    def __init__(self, directives: list[Directive], enabled: Mapping[str, object],
                 known: Sequence[str]) -> None:
        self.directives = directives
        self.enabled = enabled
        self.known = known

    def silenced(self, rule: str, line: int, path: Path) -> bool:
        """Whether a finding of ``rule`` at ``line`` (for the node ``path``) is silenced."""
        hit = False
        for directive in self.directives:
            if directive.kind != "unknown" and directive.silences(rule, line, path):
                directive.used.add(rule)
                hit = True
        return hit

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
                hint = did_you_mean(rule, self.known) or _("cjmap rules lists them all")
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

"""The fast parse path: libyaml's event stream turned into plain data and a span for every node.

ruamel.yaml's round-trip parser reads about 19 maps a second; libyaml reads about 360. This
module drives libyaml's parser (through PyYAML's C binding) event by event rather than asking
PyYAML to compose a node tree, because:

- PyYAML's composer recurses and crashes the interpreter on deeply nested input; this loop keeps
  its own stack and stops at ``MAX_DEPTH``.
- Every node's start and end mark is at hand, so spans cost one dict entry per node.
- Duplicate keys, aliases ("billion laughs") and multiple documents are caught here, with their
  positions, instead of being silently accepted.

Scalars are resolved with YAML 1.2 core-schema rules, exactly as ruamel.yaml reads them, so that
``no``, ``on`` and ``1:20`` stay text; ``tests/parse/test_yaml_differential.py`` holds the two
paths to the same data.
"""

import math
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any

import yaml
from yaml.parser import Parser as _ParserStates
from yaml.reader import Reader
from yaml.scanner import Scanner

from cjmap.diagnostics import Span
from cjmap.i18n import N_, _, format_number
from cjmap.parse import cevents
from cjmap.parse.document import Document, Path, RawSpan


class PurePythonParser(Reader, Scanner, _ParserStates):
    """PyYAML's pure-Python event parser: the same events as libyaml's, about 8× slower."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        _ParserStates.__init__(self)


try:
    from yaml import _yaml as _binding

    DEFAULT_PARSER: type = _binding.CParser
except ImportError:  # PyYAML built without libyaml
    DEFAULT_PARSER = PurePythonParser


MAX_DEPTH = 200
MAX_NODES = 2_000_000
_TOO_DEEP = N_("nesting is deeper than {levels} levels")
_TOO_DEEP_HINT = N_("a journey map needs a handful of levels; check the file")

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# Underscores group digits; a number needs at least one digit ('0x_' and '-_' are text).
_INT = re.compile(
    r"""^[-+]?(?:0b_*[0-1][0-1_]*|0o?_*[0-7][0-7_]*|_*[0-9][0-9_]*|0x_*[0-9a-fA-F][0-9a-fA-F_]*)$"""
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\._*[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_TIMESTAMP = re.compile(
    r"""^(?P<year>[0-9][0-9][0-9][0-9])-(?P<month>[0-9][0-9]?)-(?P<day>[0-9][0-9]?)
    (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9][0-9]?):(?P<minute>[0-9][0-9]):(?P<second>[0-9][0-9])
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)
    (?::(?P<tz_minute>[0-9][0-9]))?))?)?$""",
    re.X,
)
_DATE_ONLY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class YamlError(Exception):
    """The text is not a YAML document cjmap can read."""

    def __init__(self, message: str, span: Span, code: str = "yaml-syntax",
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.code = code
        self.hint = hint


# Python refuses to turn an integer of more digits than its limit into text or back (a guard
# against quadratic conversions); the smallest limit an interpreter may be given is 640
# (PYTHONINTMAXSTRDIGITS), so a number within it can be read and printed wherever cjmap runs.
MAX_INT_DIGITS = sys.int_info.str_digits_check_threshold
_INT_CEILING = 10**MAX_INT_DIGITS


class TooManyDigits(ValueError):
    """An integer longer than :data:`MAX_INT_DIGITS` digits."""


def too_many_digits(span: Span) -> YamlError:
    return YamlError(
        _("a number of more than {digits} digits is longer than a map can hold").format(
            digits=MAX_INT_DIGITS), span,
        code="yaml-limit",
        hint=_("a journey map's numbers are scores, counts and amounts; put the value in "
               "quotes if it is text"),
    )


def read_int(text: str) -> int:
    """The integer a YAML 1.2 int scalar stands for; :class:`ValueError` if it is none."""
    if not _INT.match(text):
        raise ValueError(text)
    return _int(text)


def _int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits[0] == "-" else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            value = int(digits[2:], base)  # no limit on these bases: they convert in linear time
            if value >= _INT_CEILING:
                raise TooManyDigits(text)
            return sign * value
    if len(digits) > MAX_INT_DIGITS:
        raise TooManyDigits(text)
    return sign * int(digits)


def _float(text: str) -> float:
    digits = text.replace("_", "").lower()
    sign = -1.0 if digits.startswith("-") else 1.0  # '!!float _' leaves no digits
    digits = digits.lstrip("+-")
    if digits == ".inf":
        return sign * math.inf
    if digits == ".nan":
        return math.nan
    return sign * float(digits)


def _timestamp(text: str) -> date | datetime:
    """The date or time ``text`` stands for; :class:`ValueError` if it is none (2024-02-30,
    24:00:00, an offset of a day or more)."""
    if _DATE_ONLY.match(text):
        return date(int(text[:4]), int(text[5:7]), int(text[8:10]))
    match = _TIMESTAMP.match(text)
    if match is None or match["hour"] is None:
        raise ValueError(text)
    fraction = int((match["fraction"] or "0")[:6].ljust(6, "0"))
    tzinfo = None
    if match["tz"] == "Z":
        tzinfo = timezone.utc
    elif match["tz"]:
        offset = timedelta(hours=int(match["tz_hour"]), minutes=int(match["tz_minute"] or 0))
        tzinfo = timezone(-offset if match["tz_sign"] == "-" else offset)
    return datetime(
        int(match["year"]), int(match["month"]), int(match["day"]), int(match["hour"]),
        int(match["minute"]), int(match["second"]), fraction, tzinfo,
    )


def _plain(text: str) -> Any:
    """Resolve an untagged plain scalar the YAML 1.2 way."""
    if not text:
        return None
    first = text[0]
    if first in "-+0123456789.":
        if text.isdigit() and text.isascii() and len(text) <= MAX_INT_DIGITS:
            return int(text)  # the common number: scores, counts, years
        if _INT.match(text):
            return _int(text)
        if _FLOAT.match(text):
            return _float(text)
        if first.isdigit() and len(text) >= 8 and text[4] == "-":
            try:
                return _timestamp(text)
            except ValueError:
                # The YAML 1.2 core schema has no timestamps: what is not a real date or time
                # stays the text it is, and a date field says it wants a date.
                return text
        return text
    if first in "tTfF":
        return _BOOL.get(text, text)
    if first in "~nN" and _NULL.match(text):
        return None
    return text


_TAGGED: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": read_int,
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:bool": lambda text: _BOOL[text],
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:timestamp": _timestamp,
}
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _span(start: Any, end: Any) -> Span:
    """The span between two of libyaml's marks (0-based) in cjmap's terms (1-based)."""
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _scalar(args: tuple[Any, ...]) -> Any:
    """The value of a scalar event that carries a tag (its ``args``: see :mod:`cevents`)."""
    tag, implicit, text = args[1], args[2], args[3]
    if tag == "!":
        # implicit[0]: the scalar was plain, so it may be a number, a bool, a null…
        return _plain(text) if implicit[0] else text
    convert = _TAGGED.get(tag)
    if convert is None:
        raise unsupported_tag(tag, _span(args[4], args[5]))
    try:
        return convert(text)
    except TooManyDigits:
        raise too_many_digits(_span(args[4], args[5])) from None
    except (KeyError, ValueError):
        raise YamlError(_("'{value}' is not a valid {type}").format(
            value=text, type=tag.rsplit(":", 1)[-1]), _span(args[4], args[5])) from None


class _Frame:
    """An open mapping or sequence."""

    __slots__ = ("anchor", "container", "is_map", "key", "key_span", "merges", "path", "size",
                 "start")

    def __init__(self, container: Any, path: Path, start: tuple[int, int],
                 anchor: str | None) -> None:
        self.container = container
        self.is_map = type(container) is dict
        self.path = path
        self.start = start
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_span: RawSpan | None = None
        self.merges: list[dict[Any, Any]] = []
        self.size = 1


_NO_KEY = object()
SCALAR_KEY_TYPES = (str, int, float, bool, date, type(None))
# The first characters of a plain scalar that may make it something other than text.
_MAYBE_NOT_TEXT = frozenset("-+0123456789.tTfF~nN")
KEY_NOT_SCALAR = N_("a key must be plain text, not a mapping or a list")


def unsupported_tag(tag: str, span: Span) -> "YamlError":
    return YamlError(_("unsupported tag {tag}").format(tag=tag), span,
                     hint=_("remove the tag; cjmap maps hold plain YAML values"))


def _too_deep(span: Span) -> "YamlError":
    return YamlError(_(_TOO_DEEP).format(levels=MAX_DEPTH), span, code="yaml-limit",
                     hint=_(_TOO_DEEP_HINT))


def parse(text: str, parser: type = DEFAULT_PARSER) -> Document:
    """Parse one YAML document into plain data and spans; raise :class:`YamlError` if it can't.

    ``parser`` is libyaml's (PyYAML's ``CParser``) when PyYAML has it, else
    :class:`PurePythonParser`.
    """
    try:
        if parser is PurePythonParser:
            return _parse(cevents.rebuilt(parser(text).get_event))
        with cevents.c_events(_binding):
            return _parse(parser(text).get_event)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise YamlError(
            _("character {character} is not allowed in YAML").format(
                character=repr(error.character)), Span.point(line, column),
            code="encoding", hint=_("remove the control character"),
        ) from None


def _parse(get_event: Callable[[], Any]) -> Document:
    # One loop over the events, with the common cases inlined: a map of ~300 lines is ~2,000
    # events, and this loop is most of the time `cjmap validate` spends on a file. An event's
    # fields are read from its `args`, in the order cevents.FIELDS gives.
    built = cevents.EVENTS
    scalar_event, alias_event = built["ScalarEvent"], built["AliasEvent"]
    mapping_start, sequence_start = built["MappingStartEvent"], built["SequenceStartEvent"]
    mapping_end, sequence_end = built["MappingEndEvent"], built["SequenceEndEvent"]
    document_start, stream_end = built["DocumentStartEvent"], built["StreamEndEvent"]
    values: dict[Path, RawSpan] = {}
    keys: dict[Path, RawSpan] = {}
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    frame: _Frame | None = None  # the innermost open collection, stack[-1]
    root: Any = _NO_KEY
    budget = MAX_NODES
    documents = 0

    while True:
        event: Any = get_event()
        kind = event.__class__
        args = event.args
        if kind is scalar_event:
            # anchor, tag, implicit, value, start_mark, end_mark, style
            budget -= 1
            if budget < 0:
                raise _too_many_values(args[4], args[5])
            value = args[3]
            if args[1] is not None:
                value = _scalar(args)
            elif args[2][0] and (not value or value[0] in _MAYBE_NOT_TEXT):
                try:
                    value = _plain(value)
                except TooManyDigits:
                    raise too_many_digits(_span(args[4], args[5])) from None
            mark, end = args[4], args[5]
            span = (mark.line + 1, mark.column + 1, end.line + 1, end.column + 1)
            size = 1
            if args[0]:
                anchors[args[0]] = (value, 1)
        elif kind is mapping_start or kind is sequence_start:
            # anchor, tag, implicit, start_mark, end_mark, flow_style
            if args[1] not in _COLLECTION_TAGS:
                raise unsupported_tag(args[1], _span(args[3], args[4]))
            if len(stack) >= MAX_DEPTH:
                raise _too_deep(_span(args[3], args[4]))
            budget -= 1
            if budget < 0:
                raise _too_many_values(args[3], args[4])
            if frame is None:
                path: Path = ()
            elif not frame.is_map:
                path = frame.path + (len(frame.container),)
            elif frame.key is _NO_KEY:
                raise YamlError(_(KEY_NOT_SCALAR), _span(args[3], args[4]))
            else:
                path = frame.path + (frame.key,)
            mark = args[3]
            frame = _Frame({} if kind is mapping_start else [], path,
                           (mark.line + 1, mark.column + 1), args[0])
            stack.append(frame)
            continue
        elif kind is mapping_end or kind is sequence_end:
            # start_mark, end_mark
            done = stack.pop()
            frame = stack[-1] if stack else None
            value = done.container
            for source in done.merges:
                for key, item in source.items():
                    value.setdefault(key, item)
            size = done.size
            if done.anchor:
                anchors[done.anchor] = (value, size)
            end = args[1]
            span = (*done.start, end.line + 1, end.column + 1)
        elif kind is alias_event:
            # anchor, start_mark, end_mark
            anchor, mark, end = args
            span = (mark.line + 1, mark.column + 1, end.line + 1, end.column + 1)
            if anchor not in anchors:
                raise YamlError(
                    _("alias *{anchor} refers to no anchor defined before it").format(
                        anchor=anchor), Span(*span),
                    hint=_("define &{anchor} before using it").format(anchor=anchor))
            value, size = anchors[anchor]
            budget -= size
            if budget < 0:
                raise YamlError(
                    _("aliases expand to more than {count} values").format(
                        count=format_number(MAX_NODES)), Span(*span),
                    code="yaml-limit",
                    hint=_("a journey map does not need nested aliases; write the values out"),
                )
        elif kind is document_start:
            documents += 1
            if documents > 1:
                raise YamlError(
                    _("a map file holds one YAML document, and a second one starts here"),
                    _span(args[0], args[1]),
                    hint=_("put each map in a file of its own"),
                )
            continue
        elif kind is stream_end:
            break
        else:
            continue

        # A value is complete: put it where it belongs.
        if frame is None:
            root = value
            values[()] = span
            continue
        frame.size += size
        container = frame.container
        if not frame.is_map:
            values[frame.path + (len(container),)] = span
            container.append(value)
        elif frame.key is _NO_KEY:
            if not isinstance(value, SCALAR_KEY_TYPES):
                raise YamlError(_(KEY_NOT_SCALAR), Span(*span))
            frame.key, frame.key_span = value, span
        else:
            key = frame.key
            frame.key = _NO_KEY
            if key == "<<":
                frame.merges.extend(_merge_sources(value, span))
                continue
            path = frame.path + (key,)
            if key in container:
                first = keys[path]
                raise YamlError(
                    _("duplicate key '{key}' (first defined at line {line}, column "
                      "{column})").format(key=key, line=first[0], column=first[1]),
                    Span(*(frame.key_span or span)), code="yaml-duplicate-key",
                    hint=_("remove one of them, or merge their contents"),
                )
            container[key] = value
            keys[path] = frame.key_span or span
            values[path] = span
    if root is _NO_KEY:
        root = None
    return Document(root, values, keys)


def _too_many_values(start: Any, end: Any) -> YamlError:
    return YamlError(_("file holds more than {count} values").format(
        count=format_number(MAX_NODES)), _span(start, end), code="yaml-limit")


def _merge_sources(value: Any, span: RawSpan) -> list[dict[Any, Any]]:
    sources = value if isinstance(value, list) else [value]
    if not all(isinstance(source, dict) for source in sources):
        raise YamlError(_("a merge key '<<' takes a mapping or a list of mappings"),
                        Span(*span))
    # Earlier sources win over later ones, as the merge-key spec says.
    return list(sources)


_HINTS = (
    ("mapping values are not allowed",
     N_("a ':' followed by a space inside a value? Put the value in quotes")),
    ("could not find expected ':'",
     N_("a key without ':' after it, or a line indented differently from the lines around it")),
    ("did not find expected key", N_("a line indented differently from the lines around it")),
    ("did not find expected '-' indicator",
     N_("a list item indented differently from the items around it")),
    ("found undefined tag handle", N_("remove the tag")),
    ("while scanning a quoted scalar", N_("a quote that is never closed")),
)


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> YamlError:
    mark = error.problem_mark or error.context_mark
    span = Span.point(mark.line + 1, mark.column + 1) if mark else Span.point(1, 1)
    # libyaml's own words (the problem and its context) stay in English: they are its to tell.
    problem = error.problem or "invalid YAML"
    if error.context and error.context_mark and mark and error.context_mark.line != mark.line:
        message = _("YAML syntax error: {problem} ({context} at line {line})").format(
            problem=problem, context=error.context, line=error.context_mark.line + 1)
    elif error.context:
        message = _("YAML syntax error: {problem} ({context})").format(problem=problem,
                                                                       context=error.context)
    else:
        message = _("YAML syntax error: {problem}").format(problem=problem)
    if problem.startswith("exceeded maximum nesting depth"):
        # libyaml ≥ 0.2.5 stops deep flow nesting in its scanner, before the parser's events
        # reach our own depth check; the nesting is deeper than ours all the same.
        return _too_deep(span)
    haystack = f"{problem} {error.context or ''}"
    hint = next((_(advice) for needle, advice in _HINTS if needle in haystack), None)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        # libyaml does not always name the character; a tab is the usual culprit.
        message = _("tab character: YAML does not allow tabs for indentation")
        hint = _("replace the tab with spaces")
    elif mark is not None and 0 <= mark.index < len(text) and text[mark.index] in "%@`":
        # These are reserved at the start of a plain value: '%50 off', '@shop', '`code`'.
        message = _("YAML syntax error: a value cannot start with '{character}'").format(
            character=text[mark.index])
        hint = _("put the value in quotes")
    return YamlError(message, span, hint=hint)

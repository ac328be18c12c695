"""The reference parse path: ruamel.yaml's round-trip loader, which keeps comments.

It is the YAML 1.2 reader whose semantics the fast path (:mod:`cjmap.parse.yamlfast`)
reproduces, and the one to use where comments matter. It knows where each value starts, not
where it ends, so spans from here are one character wide.
"""

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from cjmap.diagnostics import Span
from cjmap.i18n import _
from cjmap.parse.document import Document, Path
from cjmap.parse.yamlfast import (
    KEY_NOT_SCALAR,
    SCALAR_KEY_TYPES,
    TooManyDigits,
    YamlError,
    read_int,
    too_many_digits,
    unsupported_tag,
)


def parse(text: str) -> Document:
    """Parse with ruamel.yaml's round-trip loader; raise :class:`YamlError` if it can't."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor()
    try:
        loaded = yaml.load(text)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        raise YamlError(str(error.problem).split("\n")[0], Span.point(mark.line + 1,
                        mark.column + 1), code="yaml-duplicate-key") from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlError(_("YAML syntax error: {problem}").format(problem=error.problem),
                        Span.point(mark.line + 1, mark.column + 1)) from None
    except RecursionError:
        raise YamlError(_("nesting is too deep"), Span.point(1, 1), code="yaml-limit") from None
    except TypeError:  # a mapping or a list used as a key: unhashable
        raise YamlError(_(KEY_NOT_SCALAR), Span.point(1, 1)) from None
    document = Document(None)
    document.data = _plain(loaded, (), document)
    return document


@functools.cache
def _constructor() -> type:
    """ruamel's round-trip constructor, made to read malformed scalars as the fast path does.

    ruamel's resolver takes ``0x_``, ``._`` and ``2024-01-01 24:00:00`` for numbers and times,
    then its constructors fail on them with a bare ValueError or IndexError and no position. A
    plain scalar that is no number or time is text (the YAML 1.2 core schema); one tagged
    ``!!int``, ``!!float`` or ``!!timestamp`` is an error at its place; an integer too long to
    print is an error either way.
    """
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.nodes import ScalarNode

    Build = Callable[[RoundTripConstructor, ScalarNode], Any]

    def span(node: ScalarNode) -> Span:
        return Span.point(node.start_mark.line + 1, node.start_mark.column + 1)

    def or_text(build: Build, kind: str) -> Build:
        def construct(self: RoundTripConstructor, node: ScalarNode) -> Any:
            try:
                return build(self, node)
            except (ValueError, IndexError):
                if node.ctag.handle is None:  # resolved from a plain scalar, not tagged
                    return self.construct_yaml_str(node)
                raise YamlError(_("'{value}' is not a valid {type}").format(
                    value=node.value, type=kind), span(node)) from None

        return construct

    def checked_int(self: RoundTripConstructor, node: ScalarNode) -> Any:
        try:
            read_int(node.value)
        except TooManyDigits:
            raise too_many_digits(span(node)) from None
        except ValueError:
            pass  # not an int after all: the constructor fails, and or_text says what it is
        return RoundTripConstructor.construct_yaml_int(self, node)

    class Constructor(RoundTripConstructor):
        pass

    for kind, build in (("int", checked_int),
                        ("float", RoundTripConstructor.construct_yaml_float),
                        ("timestamp", RoundTripConstructor.construct_yaml_timestamp)):
        Constructor.add_constructor(f"tag:yaml.org,2002:{kind}", or_text(build, kind))
    return Constructor


def _plain(node: Any, path: Path, document: Document) -> Any:
    """Plain dicts, lists and scalars from ruamel's commented types, recording positions."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        result = {}
        for key, value in node.items():
            plain_key = _scalar(key)
            if not isinstance(plain_key, SCALAR_KEY_TYPES):
                raise YamlError(_(KEY_NOT_SCALAR), Span.point(1, 1))
            child = (*path, plain_key)
            if key in node.lc.data:
                key_line, key_col, value_line, value_col = node.lc.data[key]
                document.keys[child] = Span.point(key_line + 1, key_col + 1)
                document.values[child] = Span.point(value_line + 1, value_col + 1)
            result[plain_key] = _plain(value, child, document)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*path, index)
            if index in node.lc.data:
                line, column = node.lc.data[index]
                document.values[child] = Span.point(line + 1, column + 1)
            items.append(_plain(value, child, document))
        return items
    return _scalar(node)


def _scalar(value: Any) -> Any:
    # ruamel wraps scalars in subclasses that keep their formatting; plain types compare cleanly.
    from ruamel.yaml.comments import TaggedScalar

    if isinstance(value, TaggedScalar):
        # Round-trip mode keeps '!!str 5' as a tagged scalar; any other tag it does not know.
        if value.tag.value != "tag:yaml.org,2002:str":
            raise unsupported_tag(value.tag.value, Span.point(1, 1))
        return str(value.value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, value.hour, value.minute,
                        value.second, value.microsecond, value.tzinfo)
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    return value

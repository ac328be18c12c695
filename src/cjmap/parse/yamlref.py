"""The reference parse path: ruamel.yaml's round-trip loader, which keeps comments.

It is the YAML 1.2 reader whose semantics the fast path (:mod:`cjmap.parse.yamlfast`)
reproduces, and the one to use where comments matter. It knows where each value starts, not
where it ends, so spans from here are one character wide.
"""

from datetime import date, datetime
from typing import Any

from cjmap.diagnostics import Span
from cjmap.i18n import _
from cjmap.parse.document import Document, Path
from cjmap.parse.yamlfast import KEY_NOT_SCALAR, SCALAR_KEY_TYPES, YamlError, unsupported_tag


def parse(text: str) -> Document:
    """Parse with ruamel.yaml's round-trip loader; raise :class:`YamlError` if it can't."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError

    yaml = YAML(typ="rt")
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

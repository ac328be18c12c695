"""The formatter: a map's text in the canonical style, checked before anyone writes it.

:func:`format_text` is the whole formatter for callers that have a text (the importers emit
canonical maps with it); :func:`format_source` is what ``cjmap fmt`` runs on each file: it also
says whether the text changes and refuses, with the reason, a result that would not read back to
the same map with the same comments (:mod:`cjmap.author.verify`).

Speed: the text is parsed once, with positions, by the loader's libyaml event walk (needed
anyway: its errors are fmt's). For a text already in the canonical style, which is the whole of
``fmt --check`` on a maintained repository, :func:`cjmap.author.canonical.is_canonical` answers
from that parse (about 7 ms of CPU for a map of 300 lines, the parse included). Any other text
is read again by libyaml's scanner into a layout tree and printed (about 30 ms): printing is the
reference, and the fast check says "prints as itself" only where that is certain. No round-trip
parser is involved: ruamel.yaml reads about 20 maps a second here.
"""

from dataclasses import dataclass
from functools import cache

from cjmap.author.canonical import is_canonical
from cjmap.author.printer import print_tree
from cjmap.author.style import Shape, journey_shape
from cjmap.author.tree import Unsupported, build
from cjmap.diagnostics import Span
from cjmap.parse.yamlfast import YamlError, parse

BOM = "\ufeff"


class FormatError(Exception):
    """The text cannot be formatted: not YAML, YAML fmt does not rewrite, or a result that
    failed its checks. ``code`` is ``yaml-syntax`` (and the other codes of validate),
    ``fmt-unsupported`` or ``fmt-unsafe``."""

    def __init__(self, message: str, span: Span, code: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.code = code
        self.hint = hint


@cache
def default_shape() -> Shape:
    """The shape of a journey map (imports the model once)."""
    return journey_shape()


@dataclass
class Result:
    text: str  # the formatted text (the original when nothing changes)
    changed: bool
    upgrades: int = 0


def format_source(text: str, shape: Shape | None = None, *, upgrade: bool = False) -> Result:
    """``text`` (as read from a file: perhaps a BOM, perhaps CRLF) in the canonical style, with
    the same BOM and line endings; raises :class:`FormatError`."""
    shape = shape or default_shape()
    bom = text.startswith(BOM)
    body = text[1:] if bom else text
    crlf = "\r\n" in body
    if crlf:
        body = body.replace("\r\n", "\n")
    try:
        document = parse(body)
    except YamlError as error:
        raise FormatError(error.message, error.span, error.code, error.hint) from None
    if not upgrade and is_canonical(body, document, shape):
        return Result(text, False)
    try:
        tree = build(body)
    except Unsupported as error:
        raise FormatError(f"fmt leaves this file as it is: it holds {error.message}",
                          Span.point(error.line, 1), "fmt-unsupported",
                          "write it the plain way, or exclude the file") from None
    upgrades = 0
    if upgrade:
        from cjmap.author.upgrade import upgrade as rewrite

        upgrades = rewrite(tree, shape)
    formatted = print_tree(tree, shape)
    if formatted != body:
        _check(body, document, formatted, same_data=not upgrades)
    if crlf:
        formatted = formatted.replace("\n", "\r\n")
    if bom:
        formatted = BOM + formatted
    return Result(formatted, formatted != text, upgrades)


def _check(body: str, document: object, formatted: str, *, same_data: bool) -> None:
    from cjmap.author.verify import problem
    from cjmap.parse.document import Document

    assert isinstance(document, Document)
    why = problem(body, document, formatted, same_data=same_data)
    if why is None and not same_data:
        why = _same_map(body, formatted)
    if why is not None:
        raise FormatError(f"not formatted: {why}", Span.point(1, 1), "fmt-unsafe",
                          "the file is left as it was; this is a bug in cjmap fmt, "
                          "please report it with the file")


def _same_map(before: str, after: str) -> str | None:
    """For ``--upgrade``: the validated maps must be the same."""
    from cjmap.loader import load_text

    old, new = load_text(before), load_text(after)
    if old.journey is None or new.journey is None:
        return "--upgrade rewrites valid maps only"
    if old.journey.model_dump() != new.journey.model_dump():
        return "the upgraded map would not validate to the same journey"
    return None


def format_text(text: str, shape: Shape | None = None) -> str:
    """``text`` in the canonical style of journey maps (``shape`` defaults to the format's);
    raises :class:`FormatError`. For the importers: emit any YAML, then this."""
    return format_source(text, shape).text

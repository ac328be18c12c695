"""From a file (or text) to a validated :class:`~cjmap.format.model.Journey`, with every
problem found.

This is the library's entry point: ``cjmap.load(path)`` returns a :class:`LoadResult` whose
``diagnostics`` hold every problem of the file and whose ``journey`` is set when it is valid.
"""

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cjmap.diagnostics import (
    FILE_START,
    Diagnostic,
    FileReport,
    capped,
    display_path,
    more_message,
    sort_key,
    source_frame,
)
from cjmap.i18n import _
from cjmap.parse.document import Document
from cjmap.parse.source import (
    STDIN_NAME,
    SourceError,
    decode,
    read_bytes,
    read_stream,
    split_lines,
)

if TYPE_CHECKING:
    from cjmap.format.model import Journey

Backend = Literal["fast", "ruamel"]


@dataclass
class LoadResult:
    path: str
    text: str | None = None
    document: Document | None = None
    journey: "Journey | None" = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def lines(self) -> list[str]:
        return split_lines(self.text) if self.text is not None else []

    def report(self) -> FileReport:
        """What loading found, as every command reports it. A file that cannot be read makes
        the run a usage problem (exit 2); one too large or not UTF-8 is a map with a problem."""
        unreadable = any(d.code == "file" for d in self.diagnostics)
        return FileReport(self.path, tuple(self.diagnostics), unreadable)

    def with_source_lines(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """``diagnostics`` sorted, at most ``MAX_PER_CODE`` of a code, each carrying the code
        frame of the line it points at."""
        if not diagnostics:
            return []
        lines = self.lines()
        shown = capped(sorted(diagnostics, key=sort_key), lambda d: d.code, _more)
        return [_framed(d, lines) for d in shown]


def _more(diagnostic: Diagnostic, count: int) -> Diagnostic:
    return replace(diagnostic, message=more_message(count, diagnostic.code), hint=None,
                   hidden=count)


def _framed(diagnostic: Diagnostic, lines: list[str]) -> Diagnostic:
    text, offset = source_frame(lines, diagnostic.span.line, diagnostic.span.column)
    return replace(diagnostic, source_line=text, source_offset=offset)


def load(path: str | Path, *, backend: Backend = "fast") -> LoadResult:
    """Read, parse and validate the map at ``path`` (``-`` reads standard input)."""
    name = display_path(path)
    try:
        if name == "-":
            name = STDIN_NAME
            data = read_stream(sys.stdin.buffer)
        else:
            data = read_bytes(Path(path))
        text = decode(data, name)
    except SourceError as error:
        return LoadResult(name, diagnostics=[error.diagnostic])
    return load_text(text, name, backend=backend)


def load_text(text: str, name: str = "<string>", *, backend: Backend = "fast") -> LoadResult:
    """Parse and validate a map given as text; ``name`` is used in diagnostics and for the id."""
    from cjmap.parse import yamlfast, yamlref

    result = LoadResult(name, text)
    parse = yamlfast.parse if backend == "fast" else yamlref.parse
    try:
        document = parse(text)
    except yamlfast.YamlError as error:
        result.diagnostics = result.with_source_lines(
            [Diagnostic(name, error.span, error.code, error.message, hint=error.hint)]
        )
        return result
    result.document = document
    result.diagnostics = result.with_source_lines(_validate(result, document))
    return result


def _validate(result: LoadResult, document: Document) -> list[Diagnostic]:
    from pydantic import ValidationError

    from cjmap.format import personas, references, validation
    from cjmap.format.model import STAGE_NAMES_RESOLVED, Journey, resolve_stage_names, slugify

    name = result.path
    if document.data is None:
        return [Diagnostic(name, FILE_START, "schema", _("the file holds no map"),
                           hint=_("a map needs at least 'cjmap: 1', a 'title' and 'steps'"))]
    if not isinstance(document.data, dict):
        message = (_("the top level of a map must be a mapping of keys, not a list")
                   if isinstance(document.data, list)
                   else _("the top level of a map must be a mapping of keys, not a single value"))
        return [Diagnostic(name, document.locate(()), "schema", message,
                           hint=_("start the file with 'cjmap: 1', then 'title:' and "
                                  "'steps:'"))]
    # Resolved once for the model and the reference checks. Personas are inlined after: the
    # two touch different keys, and the references read the personas as written.
    resolved = resolve_stage_names(document.data)
    data, problems = personas.inline(document, name, resolved)
    try:
        journey: Journey | None = Journey.model_validate(
            data, context={STAGE_NAMES_RESOLVED: True})
    except ValidationError as error:
        journey = None
        problems += validation.diagnose(error.errors(include_url=False), document, name)
    # Reference problems come in the same run as schema problems: both read what is written.
    problems += references.check(document, name, resolved)
    if journey is not None and journey.id is None:
        stem = Path(name).name.split(".")[0] if name not in (STDIN_NAME, "<string>") else ""
        journey.id = slugify(stem) or slugify(journey.title) or "journey"
    if not problems:
        result.journey = journey
    return problems

"""Personas kept in files of their own, shared by the maps of a repository.

``persona: {ref: personas/laura.yaml}`` (or an item of ``personas:`` with a ``ref``) stands for
the persona that file describes: a YAML mapping of the persona's keys (``name``, ``description``,
``segment``, ``participation``, ``goals``, ``needs``...). Keys written beside ``ref`` in the map
override the file's. The path is relative to the map's folder.
"""

from pathlib import Path
from typing import Any

from cjmap.diagnostics import Diagnostic, json_pointer
from cjmap.i18n import _
from cjmap.parse.document import Document


def inline(document: Document, name: str, data: Any = None) -> tuple[Any, list[Diagnostic]]:
    """The map's data (``data``, else the document's) with every persona ``ref`` replaced by
    the persona it names, and the problems of the references that could not be read."""
    data = document.data if data is None else data
    if not isinstance(data, dict):
        return data, []
    problems: list[Diagnostic] = []

    def resolved(entry: Any, loc: tuple[Any, ...]) -> Any:
        if not (isinstance(entry, dict) and isinstance(entry.get("ref"), str)):
            return entry
        # Only here: a Path costs more than the rest of a map without persona files.
        base = Path(name).parent if not name.startswith("<") else Path()
        persona, problem = _read(base / entry["ref"], entry["ref"])
        if problem is not None:
            problems.append(Diagnostic(name, document.locate((*loc, "ref")), "reference",
                                       problem[0], pointer=json_pointer((*loc, "ref")),
                                       hint=problem[1]))
            # The unread file's name is that problem's to tell, not another one's.
            return {"name": entry["ref"], **entry}
        return {**persona, **entry}

    changed = dict(data)
    if "persona" in data:
        changed["persona"] = resolved(data["persona"], ("persona",))
    if isinstance(data.get("personas"), list):
        changed["personas"] = [resolved(item, ("personas", index))
                               for index, item in enumerate(data["personas"])]
    elif isinstance(data.get("personas"), dict):
        changed["personas"] = resolved(data["personas"], ("personas",))
    return changed, problems


def _read(path: Path, written: str) -> tuple[dict[str, Any], tuple[str, str] | None]:
    from cjmap.parse import yamlfast
    from cjmap.parse.source import SourceError, decode, read_bytes

    try:
        text = decode(read_bytes(path), str(path))
    except SourceError as error:
        return {}, (_("cannot read the persona file '{file}': {problem}").format(
            file=written, problem=error.diagnostic.message),
            _("the path is relative to the map's folder, e.g. ../personas/laura.yaml"))
    try:
        data = yamlfast.parse(text).data
    except yamlfast.YamlError as error:
        return {}, (_("the persona file '{file}' is not valid YAML: {problem} "
                      "(line {line})").format(
            file=written, problem=error.message, line=error.span.line),
            _("fix the persona file"))
    if not isinstance(data, dict):
        return {}, (_("the persona file '{file}' must be a mapping of the persona's keys").format(
            file=written), _("for example 'name: Laura' and 'description: ...'"))
    data = {key: value for key, value in data.items() if key != "ref"}
    return data, None

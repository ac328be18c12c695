"""Which file a future-state map's ``improves`` names.

``improves: current.yaml`` is a file relative to the future map's folder, as a persona's ``ref``
is. ``improves: running-shoes`` (an id, no folder and no YAML suffix) is the map of that id in
the same folder: its ``id`` key, or else its file name made into a slug, as the loader gives a map
its id. Only the top-level keys of the candidates are read, with the C parser, so resolving by id
costs a fraction of loading the maps.
"""

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmap.format.model import Step

SUFFIXES = (".yaml", ".yml")
_ID_KEY = re.compile(rb"^id:[ \t]*['\"]?([a-z0-9][a-z0-9_-]*)['\"]?[ \t]*(?:#.*)?$",
                     re.MULTILINE)


def is_file_name(improves: str) -> bool:
    """Whether ``improves`` names a file (a folder or a YAML suffix) rather than a map id."""
    return "/" in improves or "\\" in improves or improves.lower().endswith(SUFFIXES)


def candidates(folder: Path) -> list[Path]:
    """The YAML files of ``folder`` that may be the map an id names, in name order."""
    try:
        return sorted(path for path in folder.iterdir()
                      if path.suffix.lower() in SUFFIXES and path.is_file())
    except OSError:
        return []


def map_id(path: Path, data: bytes) -> str:
    """The id of the map in ``path``: its top-level ``id`` key, else the file name's slug."""
    from cjmap.format.model import slugify

    written = _ID_KEY.search(data)
    if written is not None:
        return written.group(1).decode()
    return slugify(path.name.split(".")[0])


def resolve(improves: str, map_path: str) -> Path | None:
    """The file ``improves`` names, for the future map at ``map_path``; None when there is none
    (a map from standard input names files relative to the working directory)."""
    base = Path(map_path).parent if not map_path.startswith("<") else Path()
    if is_file_name(improves):
        target = base / improves
        return target if target.is_file() else None
    own = Path(map_path).resolve() if not map_path.startswith("<") else None
    for path in candidates(base):
        if own is not None and path.resolve() == own:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if map_id(path, data) == improves:
            return path
    return None


def replaced_ids(step: "Step", current_ids: set[str]) -> list[str]:
    """The ids of the current steps a future ``step`` replaces, of those that exist: its
    ``replaces``, or, when it writes none, the current step of its own id (a future map begun
    as a copy of the current one needs no mapping; ``replaces: []`` makes a step new)."""
    if step.replaces is None:
        return [step.id] if step.id in current_ids else []
    return [target for target in step.replaces if target in current_ids]

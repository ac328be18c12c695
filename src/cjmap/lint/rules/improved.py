"""What the future-state rules share: the current-state map a future map improves, found and
loaded once per lint run however many rules ask for it."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cjmap.lint.rules.base import Context

if TYPE_CHECKING:
    from cjmap.format.model import Journey


@dataclass(frozen=True)
class Improved:
    """The file ``improves`` names (None: none), and its map when that file is a valid map."""

    path: Path | None
    journey: "Journey | None"


def improved(context: Context) -> Improved | None:
    """The map the context's future map improves; None when it is no future map or names none."""
    from cjmap.format.improves import resolve

    journey = context.journey
    if journey.state != "future" or journey.improves is None:
        return None
    path = resolve(journey.improves, context.path)
    if path is None:
        return Improved(None, None)
    try:
        stat = path.stat()
    except OSError:
        return Improved(None, None)
    return Improved(path, _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=64)
def _load(path: str, mtime: int, size: int) -> "Journey | None":
    # mtime and size are in the key so that a map edited during a long run (a watch, a
    # language server) is read again.
    from cjmap.loader import load

    return load(path).journey

"""Which files are journey maps: the paths given, and the maps found under directories.

A file named on the command line is always checked, unless ``maps_only`` asks to treat named
files as those found in directories (for a caller that passes any files, such as a pre-commit
hook given the staged ones). Inside a directory, a map is a ``.yaml`` or
``.yml`` file with a top-level ``cjmap:`` key (the format version), so a repository can hold maps
next to other YAML (CI workflows, configuration) without any naming convention. Hidden
directories, ``node_modules`` and virtual environments are skipped, and so is whatever the
``.gitignore`` files of the walked tree ignore, and what is no regular file (a FIFO, a socket,
a device: reading one may never end). A symbolic link loop named like a map is kept, so that
it is reported rather than silently left out.

A YAML file that has no ``cjmap:`` key but looks like a map (top-level ``title:`` and ``steps:``
or ``stages:``, in the first 64 KiB) is a near miss: most often a map whose marker is missing or
misspelt (``cjamp: 1``), which would otherwise drop out of every check without a word. It is
not checked, and the commands report it as a warning.
"""

import difflib
import errno
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cjmap.parse.source import special_kind

MAP_SUFFIXES = (".yaml", ".yml")
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
_MAP_MARKER = re.compile(rb"^cjmap[ \t]*:", re.MULTILINE)
_TOP_KEY = re.compile(rb"^([^\s#:'\"{}\[\],&*!|>%@`-][^\s:]*)[ \t]*:", re.MULTILINE)
_SNIFF_BYTES = 1024 * 1024
# Most maps say 'cjmap:' near the top; asking for the whole megabyte at once costs an allocation
# of that size per file, a third of the time of walking a thousand maps.
_FIRST_BYTES = 64 * 1024


@dataclass(frozen=True)
class NearMiss:
    """A file that looks like a map without the ``cjmap:`` key: the line of the misspelt key
    (``None`` when it is missing) and that key as written."""

    path: Path
    line: int | None = None
    written: str | None = None


def looks_like_map(path: Path) -> bool | NearMiss:
    """Whether ``path`` holds a top-level ``cjmap:`` key in its first MiB (read cheaply,
    without parsing); a :class:`NearMiss` when it has none but looks like a map."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_FIRST_BYTES)
            if _MAP_MARKER.search(head):
                return True
            if len(head) == _FIRST_BYTES and _MAP_MARKER.search(
                    head + handle.read(_SNIFF_BYTES - _FIRST_BYTES)):
                return True
    except OSError:
        return False
    return _near_miss(path, head) or False


def _near_miss(path: Path, head: bytes) -> NearMiss | None:
    keys = {match.group(1): match for match in _TOP_KEY.finditer(head)}
    if b"title" not in keys or not (b"steps" in keys or b"stages" in keys):
        return None
    for key, match in keys.items():
        word = key.decode("utf-8", "replace")
        if difflib.SequenceMatcher(None, word.casefold(), "cjmap").ratio() >= 0.6:
            return NearMiss(path, head.count(b"\n", 0, match.start()) + 1, word)
    return NearMiss(path)


@dataclass
class Discovery:
    """The files to check, the paths that do not exist or hold no map, the files left out for
    not being regular files (with what each is), and the named files left out for not being
    maps (with ``maps_only``)."""

    files: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    empty_dirs: list[Path] = field(default_factory=list)
    special: list[tuple[Path, str]] = field(default_factory=list)
    not_maps: list[Path] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)


def discover(paths: Iterable[Path], *, maps_only: bool = False) -> Discovery:
    """Expand ``paths`` into map files, in a stable order, each listed once.

    With ``maps_only``, a named file is kept only if it would be kept inside a directory: a
    regular ``.yaml``/``.yml`` file that looks like a map.
    """
    found = Discovery()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        # os.path.realpath, unlike Path.resolve(), does not raise on a symbolic link loop.
        real = Path(os.path.realpath(path))
        if real not in seen:
            seen.add(real)
            found.files.append(path)

    for path in paths:
        if str(path) == "-":
            found.files.append(path)
        elif path.is_dir():
            maps = list(_walk(path, found.special, found.near_misses))
            if not maps:
                found.empty_dirs.append(path)
            for map_path in maps:
                add(map_path)
        elif maps_only and (path.exists() or path.is_symlink()):
            if path.name.endswith(MAP_SUFFIXES) and _kept(path, found.special,
                                                          found.near_misses):
                add(path)
            else:
                found.not_maps.append(path)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            found.missing.append(path)
    return found


def _walk(root: Path, special: list[tuple[Path, str]],
          near_misses: list[NearMiss]) -> Iterator[Path]:
    ignores: list[_Ignore] = []
    for directory, dirnames, filenames in os.walk(root):
        here = Path(directory)
        ignores = [ignore for ignore in ignores if ignore.covers(here)]
        gitignore = here / ".gitignore"
        if gitignore.is_file():
            ignores.append(_Ignore.from_file(gitignore))
        dirnames[:] = sorted(
            name for name in dirnames
            if not name.startswith(".") and name not in _SKIP_DIRS
            and not any(ignore.match(here / name, directory=True) for ignore in ignores)
        )
        for name in sorted(filenames):
            candidate = here / name
            if name.endswith(MAP_SUFFIXES) and not any(
                    ignore.match(candidate) for ignore in ignores) and _kept(
                    candidate, special, near_misses):
                yield candidate


def _kept(candidate: Path, special: list[tuple[Path, str]],
          near_misses: list[NearMiss]) -> bool:
    """Whether a YAML file is a map to check; one that is no regular file goes to
    ``special``, one that only looks like a map to ``near_misses``."""
    try:
        mode = candidate.stat().st_mode
    except OSError as error:
        # The loader reports a loop; a dangling link has nothing to check.
        return error.errno == errno.ELOOP
    kind = special_kind(mode)
    if kind is not None:
        special.append((candidate, kind))
        return False
    sniffed = looks_like_map(candidate)
    if isinstance(sniffed, NearMiss):
        near_misses.append(sniffed)
        return False
    return sniffed


class _Ignore:
    """Git's ignore patterns, anchored at the directory that holds them."""

    def __init__(self, base: Path, lines: list[str]) -> None:
        import pathspec

        self.base = base
        self.spec = pathspec.GitIgnoreSpec.from_lines(lines)

    @classmethod
    def from_file(cls, path: Path) -> "_Ignore":
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        return cls(path.parent, lines)

    def covers(self, path: Path) -> bool:
        return path == self.base or self.base in path.parents

    def match(self, path: Path, *, directory: bool = False) -> bool:
        try:
            relative = path.absolute().relative_to(self.base.absolute()).as_posix()
        except ValueError:
            return False
        return bool(self.spec.match_file(relative + ("/" if directory else "")))

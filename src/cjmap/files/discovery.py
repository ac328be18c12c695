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

import errno
import os
import re
from collections.abc import Callable, Iterable, Iterator
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


# Files open in binary mode everywhere (Windows' os.open would otherwise translate line ends).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _sniff(path: Path) -> tuple[bool | NearMiss, bytes | None]:
    """Whether ``path`` holds a top-level ``cjmap:`` key in its first MiB (read cheaply,
    without parsing), or a :class:`NearMiss` when it has none but looks like a map; and the
    file's bytes when reading its head read it all.

    os.open and os.read, not open(): a buffered file object costs more to make than reading a
    map takes, and discovery reads every YAML file of the tree.
    """
    try:
        handle = os.open(path, _READ_FLAGS)
    except OSError:
        return False, None
    try:
        head = _read_up_to(handle, _FIRST_BYTES)
        whole = head if len(head) < _FIRST_BYTES else None  # the read reached the end
        if _MAP_MARKER.search(head):
            return True, whole
        if whole is None and _MAP_MARKER.search(
                head + _read_up_to(handle, _SNIFF_BYTES - _FIRST_BYTES)):
            return True, None
    except OSError:
        return False, None
    finally:
        os.close(handle)
    return _near_miss(path, head) or False, None


def _read_up_to(handle: int, size: int) -> bytes:
    """``size`` bytes, or fewer at the end of the file (which the last, empty read shows)."""
    chunks = []
    while size > 0 and (chunk := os.read(handle, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _near_miss(path: Path, head: bytes) -> NearMiss | None:
    keys = {match.group(1): match for match in _TOP_KEY.finditer(head)}
    if b"title" not in keys or not (b"steps" in keys or b"stages" in keys):
        return None
    import difflib  # only for the rare near miss

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
    # The bytes of files found in directories, as sniffing them read them whole: what the
    # cache needs of an unchanged file, without reading it a second time.
    contents: dict[Path, bytes] = field(default_factory=dict)
    # The real path of each file (links resolved), as telling files apart needed it.
    real: dict[Path, str] = field(default_factory=dict)


# How much of the files' bytes discovery keeps for its caller, at most.
_KEEP_BYTES = 64 * 1024 * 1024


# Told a regular YAML file's status before discovery reads it: whether the caller knows it as a
# map unchanged since it last read it, which discovery then takes without reading.
Known = Callable[[Path, os.stat_result], bool]


def discover(paths: Iterable[Path], *, maps_only: bool = False,
             known: Known | None = None) -> Discovery:
    """Expand ``paths`` into map files, in a stable order, each listed once.

    With ``maps_only``, a named file is kept only if it would be kept inside a directory: a
    regular ``.yaml``/``.yml`` file that looks like a map. With ``known``, each regular YAML
    file found in a directory is stat'ed before it is read, and one that ``known`` says is
    an unchanged map is kept without being read (its bytes are then not in ``contents``).
    """
    found = Discovery()
    seen: set[str] = set()
    kept = 0

    def add(path: Path, real: str | None = None, whole: bytes | None = None) -> None:
        nonlocal kept
        # os.path.realpath, unlike Path.resolve(), does not raise on a symbolic link loop.
        real = real or os.path.realpath(path)
        if real in seen:
            return
        seen.add(real)
        found.files.append(path)
        found.real[path] = real
        if whole is not None and kept + len(whole) <= _KEEP_BYTES:
            found.contents[path] = whole
            kept += len(whole)

    for path in paths:
        if str(path) == "-":
            found.files.append(path)
        elif path.is_dir():
            maps = list(_walk(path, found, known))
            if not maps:
                found.empty_dirs.append(path)
            for map_path, real, whole in maps:
                add(map_path, real, whole)
        elif maps_only and (path.exists() or path.is_symlink()):
            if path.name.endswith(MAP_SUFFIXES) and _examine(path, found)[0]:
                add(path)
            else:
                found.not_maps.append(path)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            found.missing.append(path)
    return found


def _walk(root: Path, found: Discovery, known: Known | None = None
          ) -> Iterator[tuple[Path, str, bytes | None]]:
    """The maps under ``root``, a directory's files before its subdirectories, by name; each
    with its real path and, when sniffing read it whole, its bytes.

    os.scandir, not os.walk: the kind of each entry comes with the listing, so a regular file
    needs no stat, and the real path of a file that is no link is its directory's, resolved
    once, and its name.
    """
    stack: list[tuple[Path, list[_Ignore]]] = [(root, [])]
    while stack:
        here, ignores = stack.pop()
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # unreadable, as os.walk would skip it
        if any(entry.name == ".gitignore" and _is(entry.is_file) for entry in entries):
            ignores = [*ignores, _Ignore.from_file(here / ".gitignore")]
        real_here: str | None = None
        subdirectories: list[Path] = []
        for entry in entries:
            name = entry.name
            if _is(entry.is_dir):
                # Links to directories are not followed (os.walk's default).
                if not (name.startswith(".") or name in _SKIP_DIRS or entry.is_symlink()
                        or any(ignore.match(here / name, directory=True)
                               for ignore in ignores)):
                    subdirectories.append(here / name)
                continue
            if not name.endswith(MAP_SUFFIXES):
                continue
            candidate = here / name
            if any(ignore.match(candidate) for ignore in ignores):
                continue
            regular = entry.is_file(follow_symlinks=False)
            if regular and known is not None and _is_known(known, candidate, entry):
                is_map, whole = True, None
            else:
                is_map, whole = _examine(candidate, found, regular=regular)
            if not is_map:
                continue
            if regular:
                real_here = real_here or os.path.realpath(here)
                yield candidate, f"{real_here}{os.sep}{name}", whole
            else:
                yield candidate, os.path.realpath(candidate), whole
        stack += [(directory, ignores) for directory in reversed(subdirectories)]


def _is(test: Callable[[], bool]) -> bool:
    """A directory entry's kind test, false when the entry cannot be examined (a link loop)."""
    try:
        return test()
    except OSError:
        return False


def _is_known(known: Known, candidate: Path, entry: os.DirEntry[str]) -> bool:
    try:
        status = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return known(candidate, status)


def _examine(candidate: Path, found: Discovery, *, regular: bool = False
             ) -> tuple[bool, bytes | None]:
    """Whether a YAML file is a map to check, and its bytes when sniffing read them all; one
    that is no regular file goes to ``found.special``, one that only looks like a map to
    ``found.near_misses``. ``regular``: the directory listing already said it is a regular
    file, so it needs no stat."""
    if not regular:
        try:
            mode = candidate.stat().st_mode
        except OSError as error:
            # The loader reports a loop; a dangling link has nothing to check.
            return error.errno == errno.ELOOP, None
        kind = special_kind(mode)
        if kind is not None:
            found.special.append((candidate, kind))
            return False, None
    sniffed, whole = _sniff(candidate)
    if isinstance(sniffed, NearMiss):
        found.near_misses.append(sniffed)
        return False, None
    return sniffed, whole


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

    def match(self, path: Path, *, directory: bool = False) -> bool:
        # The walk makes every path it asks about by joining names onto the directory that
        # holds the .gitignore, so the relative path is textual: no working directory needed.
        try:
            relative = path.relative_to(self.base).as_posix()
        except ValueError:
            return False
        return bool(self.spec.match_file(relative + ("/" if directory else "")))

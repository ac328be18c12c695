"""The report cache: an unchanged re-run of ``lint`` or ``validate`` reads reports instead of
checking the files again.

One JSON file per command and *run key* in ``.cjmap_cache/``, next to the configuration file
(or in the working directory). For lint the key is the cjmap code, the configuration file's
bytes, the command-line rules, the day (``--today``) and the messages' language (``--lang``
and the locale); for validate it is the cjmap code, the configuration file's bytes (its
``lang``) and the language. The file holds the resolved settings and, per file, the report of
that file keyed on its name and content. A hit needs neither pydantic nor the model nor the
rules, which is what makes a warm run take a fraction of a cold one. A cache that cannot be
read or written is ignored: it only ever costs a cold run.
"""

import contextlib
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    # hashlib loads OpenSSL (15 ms, a twentieth of a warm run) for a hash it takes from here.
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

from cjmap import __version__
from cjmap.diagnostics import FileReport, display_path, source_frame
from cjmap.files.atomicfile import write_text_atomically
from cjmap.files.transport import diagnostic, pack

if TYPE_CHECKING:
    from cjmap.files.transport import Packed

CACHE_DIR = ".cjmap_cache"
_FORMAT = 2
_KEEP_RUN_KEYS = 8  # cache files of other configurations kept, newest first
_MAX_ENTRIES = 20_000


# The code whose change can change a report; reporters and renderers cannot.
REPORT_CODE = ("parse/*.py", "format/*.py", "lint/*.py", "lint/rules/*.py", "loader.py",
               "diagnostics.py", "i18n.py", "locale/*/LC_MESSAGES/cjmap.mo")


# Libraries whose upgrade can change a report (pydantic's errors, PyYAML's parse), each with the
# file that holds its version. pydantic pins the pydantic-core it runs on.
# Babel's CLDR data writes the numbers and dates of messages.
_DEPENDENCIES = (("pydantic", "version.py"), ("yaml", "__init__.py"), ("babel", "__init__.py"))


def _code_fingerprint(code: Sequence[str]) -> str:
    """A digest of the cjmap version, the Python version, the content of the modules that make a
    report, and the versions of the libraries they use (read from their files: importing them
    would cost what a hit saves).

    Content, not modification times: a CI job that restores ``.cjmap_cache/`` from an earlier
    job, on a runner that installed the same cjmap afresh, gets hits; an editable install being
    worked on does not.
    """
    import importlib.util
    import sys

    package = Path(__file__).parent.parent  # the cjmap package
    digest = blake2b(f"{__version__}\n{sys.version}".encode(), digest_size=16)
    for pattern in code:
        for path in sorted(package.glob(pattern)):
            digest.update(f"\n{path.relative_to(package).as_posix()}\n".encode())
            digest.update(path.read_bytes())
    for name, version_file in _DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            digest.update(f"\n{name}\n".encode())
            with contextlib.suppress(OSError):  # laid out otherwise: the version is unknown
                digest.update((Path(spec.origin).parent / version_file).read_bytes())
    return digest.hexdigest()


def run_key(config: tuple[str, bytes] | None, cli: Sequence[Any],
            code: Sequence[str] = REPORT_CODE) -> str:
    """The key of a run: code (the modules matching ``code``, relative to the package),
    configuration file (name and bytes) and command-line settings."""
    digest = blake2b(digest_size=16)
    digest.update(json.dumps([_FORMAT, _code_fingerprint(code), config and config[0], *cli],
                             default=str).encode())
    if config is not None:
        digest.update(config[1])
    return digest.hexdigest()


# What may name another file a map's report depends on: a persona file (``ref: path``), the
# current-state map a future one improves (``improves: current.yaml``, or a map id: then any
# YAML file of the folder may be the one). Matching too much only adds files to the key.
_REF = re.compile(rb"\b(?:ref|improves):[ \t]*['\"]?([^'\",}\]#\s]+)")
_A_FILE = re.compile(rb"[/\\]|\.ya?ml$", re.IGNORECASE)


def file_key(name: str, data: bytes) -> str:
    """The key of a file's report: its name and content, and those of the files it names."""
    digest = _content_digest(name, data)
    if _names_files(data):
        _add_named(digest, name, data)
    return digest.hexdigest()


def _content_digest(name: str, data: bytes) -> blake2b:
    # The name is part of the key: reports quote it, and overrides apply by name.
    digest = blake2b(name.encode() + b"\0", digest_size=16)
    digest.update(data)
    return digest


def _names_files(data: bytes) -> bool:
    return b"ref:" in data or b"improves:" in data


def _add_named(digest: blake2b, name: str, data: bytes) -> None:
    base = Path(name).parent
    for match in _REF.finditer(data):
        digest.update(b"\0" + match[1] + b"\0")
        named = [base / os.fsdecode(match[1])]
        if match[0].startswith(b"improves") and not _A_FILE.search(match[1]):
            with contextlib.suppress(OSError):
                named = sorted(path for path in base.iterdir()
                               if path.suffix.lower() in (".yaml", ".yml"))
        for path in named:
            with contextlib.suppress(OSError, ValueError):
                digest.update(path.read_bytes()[:1 << 20])


class _Strings:
    """A table of the texts that repeat across files (rule ids, severities, hints), so that a
    cache of many findings stays small and quick to read."""

    def __init__(self, table: list[str] | None = None) -> None:
        self.table = table or []
        self.index = {text: number for number, text in enumerate(self.table)}

    def ref(self, text: str | None) -> int:
        if text is None:
            return -1
        number = self.index.get(text)
        if number is None:
            number = self.index[text] = len(self.table)
            self.table.append(text)
        return number

    def text(self, number: int) -> str | None:
        return None if number < 0 else self.table[number]


def _encode(report: FileReport, strings: _Strings) -> list[list[Any]]:
    # Source lines are not stored: they come back from the file, which a hit has read anyway.
    return [[*d.span, strings.ref(d.code), strings.ref(d.severity), d.message,
             strings.ref(d.hint), d.pointer, d.hidden] for d in report.diagnostics]


def _decode(name: str, rows: list[list[Any]], strings: _Strings, data: bytes) -> FileReport:
    if not rows:
        return FileReport(name)
    from cjmap.parse.source import split_lines

    lines = split_lines(data.decode("utf-8-sig"))
    table = strings.table
    return FileReport(name, tuple(
        diagnostic(name, row[:4], table[row[4]], table[row[5]], row[6], strings.text(row[7]),
                   row[8], *source_frame(lines, row[0], row[1]), row[9])
        for row in rows))


def location(config_file: Path | None, cwd: Path) -> Path:
    """Where the cache lives: beside the configuration file, else in the working directory."""
    return (config_file.parent if config_file is not None else cwd) / CACHE_DIR


class Cache:
    """The reports and settings cached for one command (``lint``, ``validate``) and run key."""

    def __init__(self, directory: Path, key: str, command: str = "lint") -> None:
        self.directory = directory
        self.key = key
        self.command = command
        self.file = directory / f"{command}-{key}.json"
        self.settings: dict[str, Any] | None = None
        self._entries: dict[str, list[list[Any]]] = {}
        self._used: dict[str, list[list[Any]]] = {}
        self._strings = _Strings()
        self._dirty = False

    def load(self) -> "Cache":
        try:
            data = json.loads(self.file.read_bytes())
            if (data["format"] == _FORMAT and data["key"] == self.key
                    and isinstance(data["settings"], dict) and isinstance(data["files"], dict)
                    and isinstance(data["strings"], list)):
                self.settings = data["settings"]
                self._entries = data["files"]
                self._strings = _Strings(data["strings"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing or corrupt: this run is a cold one
        return self

    def find(self, name: str, data: bytes) -> tuple[FileReport | None, str]:
        """The cached report of the file ``name`` whose content is ``data``, and the key to
        cache its report under (:func:`file_key`).

        A file that names no other file is cached under the key of its name and content
        alone, so a hit on that key needs no search of the content for the files it names
        (a twentieth of a warm run). A file that names others is never cached under it.
        """
        digest = _content_digest(name, data)
        plain = digest.hexdigest()
        report = self.get(name, plain, data)
        if report is not None or not _names_files(data):
            return report, plain
        _add_named(digest, name, data)
        key = digest.hexdigest()
        return self.get(name, key, data), key

    def get(self, name: str, key: str, data: bytes) -> FileReport | None:
        """The cached report of the file ``name`` whose content, ``data``, has ``key``."""
        rows = self._entries.get(key)
        if rows is None:
            return None
        try:
            report = _decode(name, rows, self._strings, data)
        except (IndexError, TypeError, ValueError, KeyError):
            return None
        self._used[key] = rows
        return report

    def put(self, key: str, report: FileReport) -> None:
        if not report.unreadable:
            self._used[key] = _encode(report, self._strings)
            self._dirty = True

    def save(self, settings: dict[str, Any]) -> None:
        """Write the cache if this run added to it; never fails the run."""
        if not self._dirty and self.settings is not None:
            return  # the run key fixes the settings: nothing new to write
        # The files of this run first, then older entries (other branches, other paths).
        entries = dict(self._used)
        for key, rows in self._entries.items():
            if len(entries) >= _MAX_ENTRIES:
                break
            entries.setdefault(key, rows)
        data = {"format": _FORMAT, "key": self.key, "settings": settings,
                "strings": self._strings.table, "files": entries}
        try:
            self._prepare()
            self._write(self.file, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            self._prune()
        except OSError:
            pass

    def _write(self, path: Path, text: str) -> None:
        # cjmap chose these paths: a link planted in the cache's place, or in a file's (the
        # names are predictable), must not turn a cache write into a write elsewhere.
        write_text_atomically(path, text, root=self.directory.parent, force=True)

    def _prepare(self) -> None:
        if self.directory.is_dir():
            return
        # Like pytest's and ruff's caches: never committed, skipped by backup tools.
        self._write(self.directory / ".gitignore", "# created by cjmap\n*\n")
        self._write(self.directory / "CACHEDIR.TAG",
                    "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# This file is a cache directory tag created by cjmap.\n")

    def _prune(self) -> None:
        files = sorted(self.directory.glob(f"{self.command}-*.json"),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[_KEEP_RUN_KEYS:]:
            old.unlink(missing_ok=True)


def _crashed(path: Path, error: Exception) -> "Packed":
    from cjmap.files.runner import crash_report

    return pack(crash_report(path, error))


def file_bytes(path: Path, known: Mapping[Path, bytes] | None) -> bytes | None:
    """The bytes the cache check of ``path`` reads: as discovery read them (``known``), else
    read now, never more than a map may hold; ``None`` when the file cannot be read."""
    from cjmap.parse.source import SourceError, read_bytes

    data = known.get(path) if known else None
    if data is not None:
        return data
    try:
        return read_bytes(path)
    except SourceError:
        return None


def reports(task: "Callable[[Path], Packed]", files: Sequence[Path], store: Cache | None,
            jobs: int | None, warm_up: Callable[[], object],
            known: Mapping[Path, bytes] | None = None) -> list[FileReport]:
    """The report of each file, in order: read from ``store`` where it has it, else made by
    ``task`` (in worker processes when there are many) and added to ``store``. A file on
    which ``task`` fails gets a report that says so, which is never cached. ``known``: files'
    bytes already read (by discovery), which the cache check need not read again."""
    from cjmap.files.transport import report as unpack

    found: list[FileReport | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    for index, path in enumerate(files):
        if store is None or str(path) == "-":
            continue
        data = file_bytes(path, known)
        if data is None:
            continue  # the task reports it
        name = display_path(path)  # the name the report of a load gives
        found[index], keys[index] = store.find(name, data)
    pending = [index for index, report in enumerate(found) if report is None]
    if pending:
        from cjmap.files import runner

        done = runner.run(task, [files[index] for index in pending], jobs, warm_up=warm_up,
                          failed=_crashed)
        for index, packed in zip(pending, done, strict=True):
            made = found[index] = unpack(packed)
            if store is not None and keys[index] is not None:
                store.put(keys[index] or "", made)
    return [report for report in found if report is not None]

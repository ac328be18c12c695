"""Building the site, whole or incrementally.

The output directory keeps a manifest (:data:`~cjmap.site.MANIFEST`, JSON: the code's
fingerprint, the options, each map's content hash and each file's hash) and the maps' records,
in one file (:data:`~cjmap.site.CACHE`). A build whose code and options match the manifest's
rebuilds only the maps whose content changed; the pages made from every map (index, personas,
tags, portfolio, search index, sitemap) are made again when what a map gives them changed, and
written only when their bytes differ. Files of the last build that this one does not make (a map
removed from the repository) are deleted; nothing else in the directory is touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import asdict, replace
from functools import partial
from pathlib import Path
from typing import Any

from cjmap import i18n
from cjmap.diagnostics import display_path
from cjmap.files.atomicfile import Tree
from cjmap.i18n import _
from cjmap.portfolio.model import InvalidMap
from cjmap.site import pages as p
from cjmap.site.options import (
    CACHE,
    MANIFEST,
    Problem,
    Progress,
    SiteBuild,
    SiteError,
    SiteOptions,
)
from cjmap.site.paths import MapPaths, map_paths
from cjmap.site.work import Entry, MapRecord, Work, build_map, warm_up
from cjmap.site.work import pickled as _pickled

MANIFEST_VERSION = 1
# Where cjmap versions before the one-file cache (CACHE) kept a file per map's record.
_LEGACY_CACHE = ".cjmap-site.cache"
_PACKAGE = Path(__file__).resolve().parent.parent
# The map's language, read from its text before it is loaded (a top-level `lang:`).
_LANG = re.compile(rb"^lang[ \t]*:[ \t]*[\"']?(en|es)\b", re.MULTILINE)


def build(options: SiteOptions, changed: Collection[Path] | None,
          progress: Progress | None) -> SiteBuild:
    import gc

    # A build makes hundreds of thousands of small objects (records, tables, pages) and no
    # cycles worth collecting: collecting as they grow took a third of a rebuild's time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(options, changed, progress)
    finally:
        if enabled:
            gc.enable()


def _build(options: SiteOptions, changed: Collection[Path] | None,
           progress: Progress | None) -> SiteBuild:
    output = options.output
    files, missing, empty = _discover(options)
    sources = {display_path(path): path for path in files}
    manifest = _manifest(output)
    before: dict[str, Any] = manifest["maps"] if manifest else {}
    known = set(map(display_path, changed)) if changed is not None and manifest else None
    digests: dict[str, str] = {}
    languages: list[str] = []
    for source, path in sources.items():
        if known is not None and source not in known and source in before:
            digests[source] = before[source]["digest"]
            languages.append(before[source]["lang"])
            continue
        data = _read(path)
        digests[source] = _digest(data)
        found = _LANG.search(data[:65536])
        languages.append(found[1].decode() if found else "en")
    lang = options.lang or options.settings.lang or _majority(languages)
    key = _key(options, lang)
    cold = manifest is None or manifest["key"] != key
    old_files: dict[str, str] = {} if manifest is None else manifest["files"]
    if cold:
        before = {}
    todo = {source for source in sources
            if source not in before or before[source]["digest"] != digests[source]}
    if not todo and sources.keys() == before.keys():
        # Nothing changed: not even the records are read.
        return _outcome([], [], before, missing, empty, cold=False, lang=lang)
    cache = _Records(output, _key_id(key), read=not cold)
    old = {source: record for source in sorted(todo & before.keys())
           if (record := cache.get(source)) is not None}
    i18n.use(lang)
    # The site's folders stay open while its files are written: closed before the files of
    # the last build that this one did not make are removed, with the folders they leave empty.
    with Tree(output) as tree:
        site = _Files(output, {} if cold else old_files, tree)
        order = sorted(todo)
        built = dict(zip(order, _build_maps([sources[s] for s in order],
                                            [digests[s] for s in order], options, lang,
                                            site, progress), strict=True))
        # The pages made from every map change only when what a map gives them does.
        shared = cold or sources.keys() != before.keys() or any(
            source not in old or _shared(built[source]) != _shared(old[source]) for source in todo)
        records = dict(built)
        if shared:
            for source in sorted(sources.keys() - todo):
                record = cache.get(source)
                if record is None:  # a record lost: that map is built again
                    record = _build_maps([sources[source]], [digests[source]], options, lang,
                                         site, None)[0]
                    built[source] = record
                records[source] = record
        files_now, inputs = _write_site(
            site, sources.keys(), records, built.keys(),
            {} if cold or manifest is None else manifest["pages"], options, lang, shared=shared)
    written = site.written
    removed = _remove_stale(output, old_files, files_now)
    maps = {source: before[source] for source in sources if source not in built}
    maps.update({source: _entry(record) for source, record in built.items()})
    _save(output, key, cache, built, maps, files_now, inputs, before.keys() - sources.keys(),
          remember=changed is not None)
    return _outcome(written, removed, maps, missing, empty, cold=cold, lang=lang)


def _entry(record: MapRecord) -> dict[str, Any]:
    """A map in the manifest: what a build that reads no record needs of it."""
    entry: dict[str, Any] = {"digest": record.digest, "lang": _lang_of(record)}
    if isinstance(record.contribution, InvalidMap):
        entry["problems"] = [asdict(problem) for problem in record.problems]
        entry["unreadable"] = record.contribution.unreadable
    return entry


def _shared(record: MapRecord) -> tuple[object, ...]:
    """What the index, persona, tag, portfolio and search pages take from a map."""
    return record.contribution, record.entry, record.search


def _outcome(written: list[str], removed: list[str], maps: dict[str, Any],
             missing: list[Path], empty: list[Path], *, cold: bool, lang: str) -> SiteBuild:
    problems = {source: [Problem(**problem) for problem in entry["problems"]]
                for source, entry in sorted(maps.items()) if "problems" in entry}
    unreadable = [source for source, entry in sorted(maps.items()) if entry.get("unreadable")]
    return SiteBuild(written, removed, len(maps), problems,
                     [display_path(path) for path in missing] + unreadable, cold, lang,
                     [display_path(directory) for directory in empty])


def _discover(options: SiteOptions) -> tuple[list[Path], list[Path], list[Path]]:
    """The maps to build (the configuration's ``exclude`` and the output directory left out),
    the paths that do not exist, and the directories that hold no map."""
    from cjmap.files.discovery import discover

    output = options.output.resolve()
    for path in options.paths:
        if path.exists() and path.is_file() and _inside(path.resolve(), output):
            raise SiteError(_("{path} is inside the output directory {output}: build the "
                              "site somewhere else, or name the maps themselves").format(
                path=display_path(path), output=display_path(options.output)))
    found = discover(options.paths)
    explicit = {path for path in options.paths if not path.is_dir()}
    files = [path for path in found.files
             if not _inside(path.resolve(), output)
             and not options.settings.excluded(path, explicit=path in explicit)]
    return sorted(files, key=display_path), list(found.missing), list(found.empty_dirs)


def _inside(path: Path, directory: Path) -> bool:
    # On the text of the (resolved) paths: asked for every map, where walking path.parents
    # made Path objects by the thousand.
    folder = str(directory)
    return path == directory or str(path).startswith(folder if folder.endswith(os.sep)
                                                     else folder + os.sep)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        # The worker reports it as the map's problem; its hash only has to differ from any map's.
        return b""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _lang_of(record: MapRecord) -> str:
    info = getattr(record.contribution, "info", None)
    return info.lang if info is not None else "en"



def _majority(languages: list[str]) -> str:
    """The language most maps are written in; English on a tie."""
    counts = Counter(languages)
    return "es" if counts["es"] > counts["en"] else "en"


def fingerprint() -> str:
    """A hash of cjmap's own code, templates and catalogues: a build by other code is cold.
    (os.walk, to skip the __pycache__ folders that rglob would list first.)"""
    digest = hashlib.sha256()
    found = []
    for folder, directories, names in os.walk(_PACKAGE):
        directories[:] = [name for name in directories if name != "__pycache__"]
        found += [Path(folder, name) for name in names
                  if name.endswith((".py", ".j2", ".css", ".js", ".mo"))]
    for path in sorted(found):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _key(options: SiteOptions, lang: str) -> dict[str, Any]:
    """What every page depends on besides the maps: a change makes the next build cold."""
    from cjmap import __version__

    return {"cjmap": __version__, "code": fingerprint(), "lang": lang,
            "today": options.today.isoformat(), "due_within": options.due_within,
            "base_url": options.base_url, "svg": options.svg,
            "settings": json.loads(json.dumps(options.settings.to_dict(), default=str))}


def _manifest(output: Path) -> dict[str, Any] | None:
    """The last build's manifest, when this version of cjmap wrote it."""
    try:
        manifest = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("version") != MANIFEST_VERSION \
            or not all(isinstance(manifest.get(name), dict)
                       for name in ("key", "maps", "files", "pages")):
        return None
    return manifest


class _Records:
    """The maps' records of the last build, in one file: each record pickled on its own (so
    that only the records a build needs are unpickled, and one map's change replaces one
    entry), under the key they were built with (:func:`_key_id`). One file read instead of one
    per map: opening a thousand files took a quarter of the time spent reading the records.

    A build told which maps changed (by a file watcher, as ``cjmap serve`` does: a process that
    builds again) keeps the records it read or made, so its next build unpickles none: they
    are taken back while the file is as this process wrote it (same key, inode, size and
    modification time). A one-off build keeps nothing: once the collector is on again, a
    thousand maps' records held on would cost it more than the build saved."""

    def __init__(self, output: Path, key: str, *, read: bool) -> None:
        self.output, self.key = output, key
        self.blobs: dict[str, bytes] = {}
        self.records: dict[str, MapRecord] = {}
        self.stamp: tuple[int, int, int] | None = None  # of the file this process wrote
        if not read:  # a cold build: every record is made again
            return
        remembered = _REMEMBERED.get(output.resolve())
        if remembered is not None and remembered.key == key \
                and remembered.stamp == stamp(output / CACHE):
            self.blobs, self.records = remembered.blobs, remembered.records
            return
        try:
            # The cache is cjmap's own file in a directory it writes, named by the manifest.
            stored = pickle.loads((output / CACHE).read_bytes())
        except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError,
                ImportError, TypeError):
            return
        if isinstance(stored, dict) and stored.get("key") == key \
                and isinstance(stored.get("records"), dict):
            self.blobs = stored["records"]

    def get(self, source: str) -> MapRecord | None:
        if source in self.records:
            return self.records[source]
        blob = self.blobs.get(source)
        if blob is None:
            return None
        try:
            record = pickle.loads(blob)
        except (ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError):
            return None
        if not isinstance(record, MapRecord):
            return None
        self.records[source] = record
        return record

    def put(self, source: str, record: MapRecord) -> None:
        """A record just built (its ``stored`` made by the worker)."""
        assert record.stored is not None
        self.blobs[source] = record.stored
        self.records[source] = replace(record, problems=(), stored=None)

    def drop(self, source: str) -> None:
        self.blobs.pop(source, None)
        self.records.pop(source, None)

    def save(self, *, remember: bool) -> None:
        _write(self.output, CACHE, _pickled(
            {"key": self.key, "records": dict(sorted(self.blobs.items()))}))
        _REMEMBERED.pop(self.output.resolve(), None)
        if remember:
            _REMEMBERED[self.output.resolve()] = self
            self.stamp = stamp(self.output / CACHE)


# The records of the last build of each output directory, in this process (see _Records).
_REMEMBERED: dict[Path, _Records] = {}


def stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells that a file changed without reading it (an editor that saves by renaming
    makes a new inode); ``None`` for a file that is not there."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


def _key_id(key: dict[str, Any]) -> str:
    return _digest(json.dumps(key, sort_keys=True).encode())


def _build_maps(paths: list[Path], digests: list[str], options: SiteOptions, lang: str,
                files: _Files, progress: Progress | None) -> list[MapRecord]:
    """The records of the maps at ``paths``; each map's files are written as it comes in from
    the workers (so the pages are never all in memory), and its record kept without them."""
    from cjmap.files import runner

    work = Work(options.settings, options.today, lang, options.svg)
    by_path = dict(zip(map(str, paths), digests, strict=True))
    task = partial(_task, work=work, digests=by_path)
    sources = iter([display_path(path) for path in paths])
    done = 0

    def each(record: MapRecord) -> MapRecord:
        nonlocal done
        files.put_map(next(sources), record, lang)
        done += 1
        if progress is not None:
            progress(done, len(paths))
        return replace(record, rendered=None)

    return runner.run(task, paths, options.jobs, warm_up=warm_up, failed=_crashed, each=each)


def _task(path: Path, work: Work, digests: dict[str, str]) -> MapRecord:
    return build_map(path, work, digests[str(path)])


def _crashed(path: Path, error: Exception) -> MapRecord:
    """A map on which cjmap failed (a bug): shown as invalid, and the build exits 2."""
    from cjmap.portfolio.collect import crashed

    return _problem_record(crashed(path, error))


def _problem_record(invalid: Any) -> MapRecord:
    problem = Problem(invalid.file, invalid.line, invalid.column, invalid.code, "error",
                      invalid.message)
    return MapRecord("", invalid, Entry(Path(invalid.file).name, (), (), 1, 0), (problem,), ())


class _Files:
    """The site's files: each written when its bytes differ from the last build's (or it is
    missing), with the hash of every file this build made."""

    def __init__(self, output: Path, old: dict[str, str], tree: Tree) -> None:
        self.output, self.old, self.tree = output, old, tree
        self.now: dict[str, str] = {}
        self.written: list[str] = []

    def put(self, name: str, data: bytes) -> None:
        digest = _digest(data)
        self.now[name] = digest
        if self.old.get(name) != digest or not (self.output / name).is_file():
            _write(self.output, name, data, self.tree)
            self.written.append(name)

    def put_map(self, source: str, record: MapRecord, lang: str) -> None:
        """A map's page, source copy and renders."""
        paths = map_paths(source)
        self.put(paths.source, _read(Path(source)))
        if p.is_invalid(record):
            self.put(paths.page, p.invalid_page(source, record, lang))
            return
        assert record.rendered is not None
        self.put(paths.page, p.map_page(source, record, lang))
        self.put(paths.markdown, record.rendered["md"])
        if "svg" in record.rendered:
            self.put(paths.svg, record.rendered["svg"])


def _write_site(files: _Files, sources: Collection[str], records: dict[str, MapRecord],
                rebuilt: Collection[str], old_inputs: dict[str, str], options: SiteOptions,
                lang: str, *, shared: bool) -> tuple[dict[str, str], dict[str, str]]:
    """Write, when ``shared``, the pages made from every map (then ``records`` holds every
    map); the rebuilt maps' files are written already. The hash of every file of the site, and
    the hash of each shared page's inputs."""
    # The files of the other maps are as the last build wrote them; the shared pages too,
    # unless they are made again.
    kept = {name for source in sources if source not in rebuilt
            for name in _outputs(map_paths(source))}
    carried = {name: digest for name, digest in files.old.items()
               if name in kept or (not shared and not name.startswith("maps/"))}
    inputs = old_inputs
    if shared:
        pages = _Pages(old_inputs, files.old)
        _shared_pages(records, carried.keys() | files.now.keys(), options, lang, pages)
        for name, data in sorted(pages.made.items()):
            files.put(name, data)
        carried.update(pages.kept)
        inputs = pages.inputs
    return dict(sorted({**carried, **files.now}.items())), inputs


def _outputs(paths: MapPaths) -> tuple[str, ...]:
    return paths.page, paths.source, paths.markdown, paths.svg


class _Pages:
    """The pages made from every map, each made again only when what it shows changed: the
    inputs of each page are hashed (pickled without the memo: plain dataclasses, so equal
    inputs give equal bytes, several times faster than their ``repr``), and a page whose inputs
    hash as in the last build keeps its file. The pages to make are made together
    (:meth:`make`), in several processes when there are several."""

    def __init__(self, old_inputs: dict[str, str], old_files: dict[str, str]) -> None:
        self.old_inputs, self.old_files = old_inputs, old_files
        self.made: dict[str, bytes] = {}
        self.inputs: dict[str, str] = {}
        self.kept: dict[str, str] = {}
        self.pending: list[tuple[str, Callable[[], bytes]]] = []

    def page(self, name: str, inputs: object, render: Callable[[], bytes]) -> None:
        digest = _digest(_pickled(inputs))
        self.inputs[name] = digest
        if self.old_inputs.get(name) == digest and name in self.old_files:
            self.kept[name] = self.old_files[name]
        else:
            self.pending.append((name, render))

    def make(self, workers: int) -> None:
        """Make the pending pages. They come after the last map, when the other cores have
        nothing left to do: with ``workers`` > 1 they are shared out among forked processes
        (:func:`~cjmap.files.runner.made_apart`), which send back only bytes."""
        from cjmap.files.runner import made_apart

        pending, self.pending = self.pending, []
        made = made_apart([render for _, render in pending],
                          workers if len(pending) >= _PARALLEL_PAGES else 1)
        self.made.update(zip([name for name, _ in pending], made, strict=True))


# Fewer pages than this are made in this process: a rebuild after one map changed makes about
# five, and forking a process that holds every record cost it 0.3 s of system time, about what
# sharing them out saved.
_PARALLEL_PAGES = 8


def _shared_pages(records: dict[str, MapRecord], pages: set[str], options: SiteOptions,
                  lang: str, made: _Pages) -> None:
    """The pages made from every map: index, personas, tags, portfolio, search, sitemap."""
    from cjmap.files.runner import worker_count
    from cjmap.portfolio.names import TABLES
    from cjmap.portfolio.tables import build as tables

    contributions = [record.contribution for _, record in sorted(records.items())]
    portfolio = tables(contributions, options.today, options.due_within, lang)
    listed = p.rows(records, portfolio)
    made.made.update(p.assets())
    # The largest pages first, so that the processes that make them finish together.
    for table in TABLES:
        made.page(f"portfolio/{table}.html",
                  (getattr(portfolio, table), portfolio.invalid, portfolio.summary),
                  partial(p.portfolio_page, table, portfolio))
    made.page(p.INDEX, (listed, portfolio.summary),
              lambda: p.index_page(listed, portfolio))
    made.pending.append((p.SEARCH_INDEX, partial(p.search_index, records)))
    for kind, directory in (("personas", p.PERSONAS), ("tags", p.TAGS)):
        found = p.groups(listed, kind)
        made.page(directory, found, partial(p.directory_page, found, kind, lang))
        for group in found:
            made.page(group.page, group, partial(p.group_page, group, kind, lang))
    made.make(worker_count(len(records), options.jobs))
    made.made[p.SITEMAP] = p.sitemap(
        [name for name in {*pages, *made.made, *made.kept} if name.endswith(".html")],
        options.base_url)


def _write(output: Path, name: str, data: bytes, tree: Tree | None = None) -> None:
    """Write the file ``name`` of the site, through ``tree`` when the build holds one open."""
    from cjmap.files.atomicfile import write_bytes_atomically

    try:
        if tree is None:
            write_bytes_atomically(output / name, data, root=output, force=True)
        else:
            tree.write(output / name, data, force=True)
    except OSError as error:
        raise SiteError(_("cannot write {path}: {reason}").format(
            path=display_path(output / name), reason=error.strerror or error)) from error


def _remove_stale(output: Path, old_files: dict[str, str], files_now: dict[str, str]
                  ) -> list[str]:
    """Delete the files of the last build that this one did not make, and the folders that
    leaves empty."""
    removed = []
    for name in sorted(set(old_files) - set(files_now)):
        target = output / name
        with contextlib.suppress(FileNotFoundError):
            if not target.is_symlink() and target.is_file():
                target.unlink()
                removed.append(name)
        for parent in target.parents:
            if parent == output or not _inside(parent, output):
                break
            with contextlib.suppress(OSError):
                parent.rmdir()
    return removed


def _remove_legacy_cache(output: Path) -> None:
    """Delete the cache of cjmap versions that kept a file per map (a folder), which the
    manifest does not list."""
    folder = output / _LEGACY_CACHE
    if folder.is_symlink() or not folder.is_dir():
        return
    for path in folder.glob("*.pickle"):
        with contextlib.suppress(OSError):
            path.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()


def _save(output: Path, key: dict[str, Any], cache: _Records, built: dict[str, MapRecord],
          maps: dict[str, Any], files: dict[str, str], inputs: dict[str, str],
          gone: set[str], *, remember: bool) -> None:
    """Write the records of the maps built (without their rendered bytes and problems), less
    those of the maps removed, and the manifest."""
    for source, record in sorted(built.items()):
        if record.digest:  # a map cjmap failed on is built again next time
            # Stored without its problems (half of its bytes): a cached record only feeds the
            # pages made from every map; the map's own page and the manifest have them already.
            cache.put(source, record)
        else:
            cache.drop(source)
    for source in gone:
        cache.drop(source)
    cache.save(remember=remember)
    _remove_legacy_cache(output)
    manifest = {"version": MANIFEST_VERSION, "key": key,
                "maps": {source: entry for source, entry in sorted(maps.items())
                         if entry["digest"]}, "files": files, "pages": inputs}
    _write(output, MANIFEST, (json.dumps(manifest, indent=1, sort_keys=True,
                                         ensure_ascii=False) + "\n").encode())

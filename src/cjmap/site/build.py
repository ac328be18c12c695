"""Building the site, whole or incrementally.

The output directory keeps a manifest (:data:`~cjmap.site.MANIFEST`, JSON: the code's
fingerprint, the options, each map's content hash and the hashes of its parts, and each file's
hash) and every map's parts of the pages made from every map (:mod:`cjmap.site.parts`), a file
per family of pages in one folder (:data:`~cjmap.site.CACHE`). A build whose code and options
match the manifest's rebuilds only the maps whose content changed; a page made from every map
(index, personas, tags, portfolio, search index) is put together again only when a map's part
of it changed, from the parts kept of the other maps, and written only when its bytes differ.
Files of the last build that this one does not make (a map removed from the repository) are
deleted; nothing else in the directory is touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
import time
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import asdict, replace
from functools import partial
from pathlib import Path
from typing import Any

from cjmap import i18n
from cjmap.diagnostics import display_path
from cjmap.files.atomicfile import Tree
from cjmap.files.discovery import Known, discover
from cjmap.i18n import _
from cjmap.portfolio.model import InvalidMap, MapData
from cjmap.site import pages as p
from cjmap.site import parts as parts_
from cjmap.site.options import (
    CACHE,
    MANIFEST,
    Problem,
    Progress,
    SiteBuild,
    SiteError,
    SiteOptions,
)
from cjmap.site.paths import MapPaths, map_paths, names_from, page_key, repository_root
from cjmap.site.work import Entry, MapRecord, Work, build_map, warm_up

MANIFEST_VERSION = 2
# What cjmap versions before the parts (CACHE) kept: a folder of one file per map's record,
# then every record in one file.
_LEGACY_CACHES = (".cjmap-site.cache", ".cjmap-site.records")
_PACKAGE = Path(__file__).resolve().parent.parent
# The map's language, read from its text before it is loaded (a top-level `lang:`).
_LANG = re.compile(rb"^lang[ \t]*:[ \t]*[\"']?(en|es)\b", re.MULTILINE)


def build(options: SiteOptions, changed: Collection[Path] | None,
          progress: Progress | None) -> SiteBuild:
    import gc

    # A build makes hundreds of thousands of small objects (parts, rows, pages) and no
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
    manifest, written_manifest = _manifest(output)
    before: dict[str, Any] = manifest["maps"] if manifest else {}
    # The repository of the first path named: its maps are named the same from any folder.
    named = names_from(repository_root(options.paths[0] if options.paths else Path())
                       or Path.cwd())
    stamps = _Stamps(output, written_manifest, before, named)
    files, contents, missing, empty = _discover(options, stamps)
    sources = _named(files, named)
    known = set(map(named, changed)) if changed is not None and manifest else None
    digests: dict[str, str] = {}
    languages: list[str] = []
    for source, path in sources.items():
        taken = source in stamps.unchanged
        if not taken and known is not None and source not in known and source in before:
            stamps.unread(source)  # taken on the watcher's word
            taken = True
        if taken:
            digests[source] = before[source]["digest"]
            languages.append(before[source]["lang"])
            continue
        data = contents[path] if path in contents else _read(path)
        digests[source] = _digest(data)
        found = _LANG.search(data[:65536])
        languages.append(found[1].decode() if found else "en")
    lang = options.lang or options.settings.lang or _majority(languages)
    key = _key(options, lang, named)
    cold = manifest is None or manifest["key"] != key
    old_files: dict[str, str] = {} if manifest is None else manifest["files"]
    if cold:
        before = {}
    todo = {source for source in sources
            if source not in before or before[source]["digest"] != digests[source]}
    if not todo and sources.keys() == before.keys():
        # Nothing changed: not even the parts are read.
        if manifest is not None:
            stamps.save(written_manifest, before)
        return _outcome([], [], before, missing, empty, cold=False, lang=lang, given=sources)
    i18n.use(lang)
    build_maps = partial(_build_maps, options=options, lang=lang, progress=progress)
    # The site's folders stay open while its files are written: closed before the files of
    # the last build that this one did not make are removed, with the folders they leave empty.
    with Tree(output) as tree:
        site = _Files(output, {} if cold else old_files, tree)
        order = sorted(todo)
        built = dict(zip(order, build_maps({s: (sources[s], digests[s]) for s in order},
                                           site), strict=True))
        if cold or sources.keys() != before.keys():
            changed_parts = set(parts_.FAMILIES)
        else:
            changed_parts = {family for source, record in built.items()
                             for family, digest in _part_digests(record).items()
                             if before[source]["parts"].get(family) != digest}
        cache = _Parts(output, _key_id(key), cold=cold)
        remade = parts_.made_again(changed_parts)
        if remade and not cache.holds(parts_.read_by(remade), sources.keys() - built.keys()):
            # The parts of the last build are lost: every map's are made again.
            remade = set(parts_.FAMILIES)
            rest = sorted(sources.keys() - built.keys())
            built.update(zip(rest, build_maps({s: (sources[s], digests[s]) for s in rest},
                                              site), strict=True))
        made = _remake(cache, remade, sorted(sources), built, options, lang)
        for name, data in sorted(made.items()):
            site.put(name, data)
        files_now = _site_files(site, built.keys() | (before.keys() - sources.keys()), remade,
                                options)
    written = site.written
    removed = _remove_stale(output, old_files, files_now)
    maps = {source: before[source] for source in sources if source not in built}
    maps.update({source: _entry(record) for source, record in built.items()})
    _save(output, cache, remember=changed is not None)
    stamps.save(_write_manifest(output, key, maps, files_now), maps)
    return _outcome(written, removed, maps, missing, empty, cold=cold, lang=lang,
                    given=sources)


def _remake(cache: _Parts, families: set[str], sources: list[str], built: dict[str, MapRecord],
            options: SiteOptions, lang: str) -> dict[str, bytes]:
    """The pages of ``families`` from every map's parts: those of the maps just ``built``,
    the others' kept from the last build; the parts kept are brought up to date."""
    read = parts_.read_by(families)
    by_family = {}
    for family in sorted(read):
        kept = cache.family(family) or {}
        updated = {source: kept[source] for source in sources if source not in built}
        updated.update((source, (record.parts or {})[family]) for source, record in built.items())
        if updated != kept:
            cache.put(family, updated)
        by_family[family] = [updated[source] for source in sources]
    return parts_.pages(by_family, families, options.today, options.due_within, lang)


def _site_files(site: _Files, rebuilt: Collection[str], remade: set[str],
                options: SiteOptions) -> dict[str, str]:
    """Write the pages every build makes (the stylesheet, the script, the sitemap); the hash
    of every file of the site. The files of the maps neither rebuilt nor removed (``rebuilt``)
    are as the last build wrote them, and so are the pages of the families not made again."""
    gone = {name for source in rebuilt for name in _outputs(map_paths(source))}
    carried = {name: digest for name, digest in site.old.items()
               if (name not in gone if name.startswith("maps/")
                   else (family := parts_.family_of(name)) is not None and family not in remade)}
    for name, data in sorted(p.assets().items()):
        site.put(name, data)
    site.put(p.SITEMAP, p.sitemap([name for name in {*carried, *site.now}
                                   if name.endswith(".html")], options.base_url))
    return dict(sorted({**carried, **site.now}.items()))


def _entry(record: MapRecord) -> dict[str, Any]:
    """A map in the manifest: what a build that does not build it again needs of it."""
    entry: dict[str, Any] = {"digest": record.digest, "lang": _lang_of(record),
                             "parts": _part_digests(record)}
    if isinstance(record.contribution, InvalidMap):
        entry["problems"] = [asdict(problem) for problem in record.problems]
        entry["unreadable"] = record.contribution.unreadable
    return entry


def _part_digests(record: MapRecord) -> dict[str, str]:
    assert record.part_digests is not None
    return record.part_digests


def _outcome(written: list[str], removed: list[str], maps: dict[str, Any],
             missing: list[Path], empty: list[Path], *, cold: bool, lang: str,
             given: dict[str, Path]) -> SiteBuild:
    problems = {source: [Problem(**problem) for problem in entry["problems"]]
                for source, entry in sorted(maps.items()) if "problems" in entry}
    unreadable = [source for source, entry in sorted(maps.items()) if entry.get("unreadable")]
    return SiteBuild(written, removed, len(maps), problems,
                     [display_path(path) for path in missing] + unreadable, cold, lang,
                     [display_path(directory) for directory in empty],
                     {source: display_path(given[source]) for source in problems})


def _discover(options: SiteOptions, known: Known) -> tuple[list[Path], dict[Path, bytes],
                                                          list[Path], list[Path]]:
    """The maps to build (the configuration's ``exclude`` and the output directory left out),
    the bytes of those that discovery read whole, the paths that do not exist, and the
    directories that hold no map. Discovery takes the maps ``known`` unchanged without
    reading them."""
    output = options.output.resolve()
    for path in options.paths:
        if path.exists() and path.is_file() and _inside(path.resolve(), output):
            raise SiteError(_("{path} is inside the output directory {output}: build the "
                              "site somewhere else, or name the maps themselves").format(
                path=display_path(path), output=display_path(options.output)))
    found = discover(options.paths, known=known)
    explicit = {path for path in options.paths if not path.is_dir()}
    inside = _within(output)
    files = [path for path in found.files
             if not inside(found.real.get(path) or os.path.realpath(path))
             and not options.settings.excluded(path, explicit=path in explicit)]
    return (sorted(files, key=display_path), found.contents, list(found.missing),
            list(found.empty_dirs))


def _named(files: list[Path], named: Callable[[Path], str]) -> dict[str, Path]:
    """Each map by its name on the site; two maps whose pages would be one file (``a.yaml``
    and ``a.yml``) are refused rather than one lost."""
    sources: dict[str, Path] = {}
    pages: dict[str, str] = {}
    for path in files:
        source = named(path)
        if source in sources:
            continue  # one file, named twice (`maps` and `./maps/a.yaml`)
        other = pages.setdefault(page_key(source), source)
        if other != source:
            raise SiteError(_("{first} and {second} would both be the page {page}: rename one "
                              "of them, or build them into separate sites").format(
                first=display_path(sources[other]), second=display_path(path),
                page=map_paths(source).page))
        sources[source] = path
    return sources


def _inside(path: Path, directory: Path) -> bool:
    return _within(directory)(str(path))


def _within(directory: Path) -> Callable[[str], bool]:
    """What tells whether a resolved path is ``directory`` or inside it: on the paths' text,
    as it is asked for every map."""
    folder = str(directory)
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return lambda path: path == folder or path.startswith(prefix)


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


# A file changed twice within its file system's timestamp granularity (milliseconds; two
# seconds on FAT) can keep its status: a status this recent is not kept.
_SETTLED_NS = 2_000_000_000
_STAMPS = f"{CACHE}/stamps.json"


class _Stamps:
    """The status of each map's file (:func:`stamp_of`) as discovery saw it before reading
    the file. A map whose status is the one the last build
    kept is taken unchanged without being read, with the hash and language the manifest holds:
    reading and hashing every map were over a quarter of a rebuild's instructions when nothing
    changed, and a ninth when one map did.

    Only a settled status is kept (older than :data:`_SETTLED_NS`), as git treats a "racily
    clean" file: one edited again within the same tick would otherwise look unchanged.

    The statuses are this machine's, so they are kept apart from the manifest (which two
    builds of the same maps write byte for byte), in :data:`_STAMPS`, with the hash of the
    manifest they go with: statuses written beside another build's manifest are not used."""

    def __init__(self, output: Path, manifest: bytes, before: dict[str, Any],
                 name: Callable[[Path], str]) -> None:
        self.output, self.before, self.name = output, before, name
        self.settled = time.time_ns() - _SETTLED_NS
        self.seen: dict[str, Stamp] = {}
        self.unchanged: set[str] = set()
        self.kept: dict[str, Stamp] = {}
        self.manifest = _digest(manifest)
        try:
            stored = json.loads((output / _STAMPS).read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("manifest") == self.manifest \
                and isinstance(stored.get("maps"), dict):
            # JSON gives lists: made tuples once here, not at each map's comparison.
            self.kept = {source: tuple(kept) for source, kept in stored["maps"].items()}

    def __call__(self, path: Path, status: os.stat_result) -> bool:
        if max(status.st_mtime_ns, status.st_ctime_ns) >= self.settled:
            return False
        source = self.name(path)
        self.seen[source] = seen = stamp_of(status)
        if source in self.before and self.kept.get(source) == seen:
            self.unchanged.add(source)
            return True
        return False

    def unread(self, source: str) -> None:
        """``source`` was taken unchanged without its status saying so (a file watcher said
        it): what its file holds now was not hashed, so its status is not kept."""
        self.seen.pop(source, None)

    def save(self, manifest: bytes, maps: Collection[str]) -> None:
        """Keep the statuses seen of ``maps``, for the manifest whose bytes are ``manifest``."""
        seen = {source: self.seen[source] for source in sorted(maps) if source in self.seen}
        digest = _digest(manifest)
        if seen != self.kept or digest != self.manifest:
            _write(self.output, _STAMPS, json.dumps(
                {"manifest": digest, "maps": seen}, separators=(",", ":")).encode())


def _key(options: SiteOptions, lang: str, named: Callable[[Path], str]) -> dict[str, Any]:
    """What every page depends on besides the maps: a change makes the next build cold. The
    configuration's file and folder are named as the maps are (from the repository's top),
    the folder only when globs are relative to it: the same commit checked out anywhere, and
    built from any of its folders, writes the same manifest."""
    from cjmap import __version__

    settings = json.loads(json.dumps(options.settings.to_dict(), default=str))
    if settings["source"] is not None:
        settings["source"] = named(Path(settings["source"]))
    globbed = settings["include"] or settings["exclude"] or settings["overrides"]
    settings["root"] = named(Path(settings["root"])) if globbed else None
    return {"cjmap": __version__, "code": fingerprint(), "lang": lang,
            "today": options.today.isoformat(), "due_within": options.due_within,
            "base_url": options.base_url, "svg": options.svg, "settings": settings}


def _manifest(output: Path) -> tuple[dict[str, Any] | None, bytes]:
    """The last build's manifest, when this version of cjmap wrote it; and its bytes."""
    try:
        written = (output / MANIFEST).read_bytes()
        manifest = json.loads(written)
    except (OSError, ValueError):
        return None, b""
    if not isinstance(manifest, dict) or manifest.get("version") != MANIFEST_VERSION \
            or not all(isinstance(manifest.get(name), dict)
                       for name in ("key", "maps", "files")):
        return None, written
    return manifest, written


class _Parts:
    """Every map's parts of the last build: a file per family (in the folder
    :data:`~cjmap.site.CACHE`), holding the parts of every map under the key they were made
    with, so that a build reads only the families it puts together again and writes only
    those whose parts changed.

    A build told which maps changed (by a file watcher, as ``cjmap serve`` does: a process that
    builds again) keeps the parts it read, so its next build unpickles none: a family is taken
    back while its file is as this process wrote it (the same :func:`stamp`).
    A one-off build keeps nothing: once the collector is on again, holding every map's parts
    would cost it more than the build saved."""

    def __init__(self, output: Path, key: str, *, cold: bool) -> None:
        self.output, self.key, self.cold = output, key, cold
        self.families: dict[str, dict[str, parts_.Part]] = {}
        self.stamps: dict[str, Stamp | None] = {}
        self.changed: set[str] = set()
        remembered = _REMEMBERED.get(output.resolve())
        if not cold and remembered is not None and remembered.key == key:
            self.families = {name: family for name, family in remembered.families.items()
                             if remembered.stamps.get(name) == stamp(self._path(name))}

    def _path(self, name: str) -> Path:
        return self.output / CACHE / f"{name}.pickle"

    def family(self, name: str) -> dict[str, parts_.Part] | None:
        """Every map's part of the family ``name``: none on a cold build; ``None`` when the
        last build's are lost."""
        if name not in self.families:
            if self.cold:
                self.families[name] = {}
                return self.families[name]
            try:
                # cjmap's own file, in a directory it writes, checked against the manifest's key.
                stored = pickle.loads(self._path(name).read_bytes())
            except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError,
                    ImportError, TypeError):
                return None
            if not isinstance(stored, dict) or stored.get("key") != self.key \
                    or not isinstance(stored.get("parts"), dict):
                return None
            self.families[name] = stored["parts"]
        return self.families[name]

    def holds(self, families: set[str], sources: Collection[str]) -> bool:
        """Whether the parts of every map of ``sources`` are there in every family of
        ``families``."""
        for name in families:
            family = self.family(name)
            if family is None or not all(source in family for source in sources):
                return False
        return True

    def put(self, name: str, family: dict[str, parts_.Part]) -> None:
        self.families[name] = family
        self.changed.add(name)

    def save(self, *, remember: bool) -> None:
        for name in sorted(self.changed):
            _write(self.output, f"{CACHE}/{name}.pickle", _pickled(
                {"key": self.key, "parts": dict(sorted(self.families[name].items()))}))
        _REMEMBERED.pop(self.output.resolve(), None)
        if remember:
            self.stamps = {name: stamp(self._path(name)) for name in self.families}
            _REMEMBERED[self.output.resolve()] = self


# The parts of the last build of each output directory, in this process (see _Parts).
_REMEMBERED: dict[Path, _Parts] = {}


# A file's device, inode, size, and modification and change times.
Stamp = tuple[int, int, int, int, int]


def stamp_of(status: os.stat_result) -> Stamp:
    """What tells that a file changed without reading it: an editor that saves by renaming
    makes a new inode, and no tool sets a change time back (``touch``, ``cp -p`` and
    ``rsync -t`` set the modification time only)."""
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns,
            status.st_ctime_ns)


def stamp(path: Path) -> Stamp | None:
    """The :func:`stamp_of` the file at ``path``; ``None`` for a file that is not there."""
    try:
        return stamp_of(path.stat())
    except OSError:
        return None


def _key_id(key: dict[str, Any]) -> str:
    return _digest(json.dumps(key, sort_keys=True).encode())


def _build_maps(maps: dict[str, tuple[Path, str]], files: _Files, *, options: SiteOptions,
                lang: str, progress: Progress | None) -> list[MapRecord]:
    """The records of ``maps`` (each map's name on the site: its path and content hash), in
    that order; each map's files are written as it comes in from the workers (so the pages
    are never all in memory), and its record kept without them."""
    from cjmap.files import runner

    work = Work(options.settings, options.today, options.due_within, lang, options.svg)
    by_path = {str(path): (source, digest) for source, (path, digest) in maps.items()}
    task = partial(_task, work=work, maps=by_path)
    paths = [path for path, _ in maps.values()]
    sources = iter(maps)
    done = 0

    def each(record: MapRecord) -> MapRecord:
        nonlocal done
        source = next(sources)
        files.put_map(source, maps[source][0], record, lang)
        done += 1
        if progress is not None:
            progress(done, len(paths))
        return replace(record, rendered=None)

    return runner.run(task, paths, options.jobs, warm_up=warm_up,
                      failed=partial(_crashed, work=work, maps=by_path), each=each)


def _task(path: Path, work: Work, maps: dict[str, tuple[str, str]]) -> MapRecord:
    source, digest = maps[str(path)]
    return _with_parts(build_map(path, source, work, digest), source, work)


def _with_parts(record: MapRecord, source: str, work: Work) -> MapRecord:
    """The record with its parts, and their hashes (pickled as the cache keeps them). Its
    rows and search texts are in the parts now: the record sent back keeps of its contribution
    only what the main process reads (whether the map is valid, its info), so that a cold
    build does not send every map's rows twice."""
    made = parts_.parts_of(source, record, work.today, work.due_within, work.lang)
    contribution = record.contribution
    if isinstance(contribution, MapData):
        contribution = MapData(contribution.info, [], [], [], [], [], None)
    return replace(record, contribution=contribution, search=(), parts=made, part_digests={
        # Only ever compared with the same map's part of the last build: 64 bits are plenty.
        family: hashlib.blake2b(_pickled(part), digest_size=8).hexdigest()
        for family, part in made.items()})


def _crashed(path: Path, error: Exception, work: Work, maps: dict[str, tuple[str, str]]
             ) -> MapRecord:
    """A map on which cjmap failed (a bug): shown as invalid, and the build exits 2."""
    from cjmap.portfolio.collect import crashed

    source = maps[str(path)][0]
    return _with_parts(_problem_record(crashed(path, error, source)), source, work)


def _problem_record(invalid: Any) -> MapRecord:
    problem = Problem(invalid.file, invalid.line, invalid.column, invalid.code, "error",
                      invalid.message)
    return MapRecord("", invalid, Entry(Path(invalid.file).name, (), (), 1, 0), (problem,), ())


def _pickled(data: object) -> bytes:
    """``data`` pickled the same way whichever objects happen to be shared: without the memo
    (``fast``), equal data gives equal bytes, so that two builds are byte-identical."""
    import io

    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    pickler.fast = True
    pickler.dump(data)
    return stream.getvalue()


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

    def put_map(self, source: str, path: Path, record: MapRecord, lang: str) -> None:
        """The page, source copy and renders of the map named ``source``, at ``path``."""
        paths = map_paths(source)
        self.put(paths.source, _read(path))
        if p.is_invalid(record):
            self.put(paths.page, p.invalid_page(source, record, lang))
            return
        assert record.rendered is not None
        self.put(paths.page, p.map_page(source, record, lang))
        self.put(paths.markdown, record.rendered["md"])
        if "svg" in record.rendered:
            self.put(paths.svg, record.rendered["svg"])


def _outputs(paths: MapPaths) -> tuple[str, ...]:
    return paths.page, paths.source, paths.markdown, paths.svg


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


def _remove_legacy_caches(output: Path) -> None:
    """Delete what older cjmap versions cached (which the manifest does not list): a folder of
    a file per map, then a file of every map's record."""
    for name in _LEGACY_CACHES:
        target = output / name
        if target.is_symlink():
            continue
        if target.is_file():
            with contextlib.suppress(OSError):
                target.unlink()
        elif target.is_dir():
            for path in target.glob("*.pickle"):
                with contextlib.suppress(OSError):
                    path.unlink()
            with contextlib.suppress(OSError):
                target.rmdir()


def _save(output: Path, cache: _Parts, *, remember: bool) -> None:
    """Write the parts kept (when a family of them changed)."""
    cache.save(remember=remember)
    _remove_legacy_caches(output)


def _write_manifest(output: Path, key: dict[str, Any], maps: dict[str, Any],
                    files: dict[str, str]) -> bytes:
    """Write the manifest; its bytes."""
    manifest = {"version": MANIFEST_VERSION, "key": key,
                "maps": {source: entry for source, entry in sorted(maps.items())
                         if entry["digest"]}, "files": files}
    # Without indentation: json writes it in C then, where indenting it took a fifth of a
    # rebuild after one map changed.
    written = (json.dumps(manifest, sort_keys=True, ensure_ascii=False,
                          separators=(",", ":")) + "\n").encode()
    _write(output, MANIFEST, written)
    return written

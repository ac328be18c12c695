"""Where a site's pages and a map's files go, and the relative links between them: what the
pages and the worker that renders each map (its tags link to their pages) both need."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from cjmap.diagnostics import display_path

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(text: str) -> str:
    """A file name for a tag or persona page: the text itself when it is a plain slug, else
    an ASCII slug of it and a short hash of the exact text, so that two texts never share a
    page and a page's name never depends on the other maps."""
    if _SLUG.fullmatch(text):
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:40].strip("-") or "x"
    return f"{base}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"


@dataclass(frozen=True)
class MapPaths:
    """Where one map's files go in the site (paths relative to the site's root)."""

    page: str
    source: str
    markdown: str
    svg: str


def repository_root(path: Path) -> Path | None:
    """The top of the git working tree that holds ``path`` (the folder with a ``.git``: a
    directory or, in a linked worktree or a submodule, a file); ``None`` outside one."""
    start = Path(os.path.abspath(path))  # noqa: PTH100 - lexical, as names_from
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def names_from(root: Path) -> Callable[[Path], str]:
    """What gives a map its name on the site (the ``source`` its pages, the portfolio's rows
    and the manifest know it by): its path from ``root``, in ``/`` form, however it was named
    on the command line and from whichever folder, so that its page's address is the same
    from every build of the repository. A map outside ``root`` keeps the path it was given."""
    base = os.path.abspath(root)  # noqa: PTH100 - lexical, as below
    real = os.path.realpath(base)
    tops = [(top, top if top.endswith(os.sep) else top + os.sep) for top in (base, real)]
    folders: dict[str, str | None] = {}

    def folder_name(folder: str) -> str | None:
        # Lexical first: a map reached through a symbolic link keeps the link's name; the
        # real path, a system call per folder, only for a folder the lexical one leaves out.
        for absolute in (os.path.abspath(folder), os.path.realpath(folder)):  # noqa: PTH100
            for top, prefix in tops:
                if absolute == top:
                    return ""
                if absolute.startswith(prefix):
                    return absolute[len(prefix):].replace(os.sep, "/") + "/"
        return None

    def name(path: Path) -> str:
        # Asked of every map of every build (twice): worked out once per folder.
        text = os.fspath(path)
        cut = text.rfind(os.sep) + 1
        folder = text[:cut]
        if folder not in folders:
            folders[folder] = folder_name(folder or os.curdir)
        named = folders[folder]
        if named is not None:
            return display_path(named + text[cut:])
        return "." if folder_name(text) == "" else display_path(path)

    return name


@lru_cache(maxsize=16384)  # asked for each map by several pages of every build
def map_paths(source: str) -> MapPaths:
    """A map's files follow its path in the repository, under ``maps/`` (``..`` and a leading
    ``/`` of a map outside the working directory are made plain folders)."""
    parts = [{"..": "_up", ".": "_"}.get(part, part)
             for part in PurePosixPath(source.replace("\\", "/")).parts if part != "/"]
    path = PurePosixPath("maps", *parts)
    stem = path.with_suffix("")
    return MapPaths(f"{stem}.html", str(path), f"{stem}.md", f"{stem}.svg")


def page_key(source: str) -> str:
    """What tells two maps' pages apart, cheaper than :func:`map_paths` (asked of every map of
    every build): the name without its suffix, unless the name is one ``map_paths`` changes
    more (an absolute path, ``.`` or ``..`` folders, a backslash)."""
    if source.startswith("/") or "/." in "/" + source or "\\" in source:
        return map_paths(source).page
    return os.path.splitext(source)[0]  # noqa: PTH122 - a str, as fast as it goes


def root_of(page: str) -> str:
    """The relative link from ``page`` to the site's root: ``""``, ``../``, ``../../``…"""
    return "../" * page.count("/")


def href(root: str, target: str) -> str:
    return root + quote(target)

"""Where a site's pages and a map's files go, and the relative links between them: what the
pages and the worker that renders each map (its tags link to their pages) both need."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote

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


@lru_cache(maxsize=16384)  # asked for each map by several pages of every build
def map_paths(source: str) -> MapPaths:
    """A map's files follow its path in the repository, under ``maps/`` (``..`` and a leading
    ``/`` of a map outside the working directory are made plain folders)."""
    parts = [{"..": "_up", ".": "_"}.get(part, part)
             for part in PurePosixPath(source.replace("\\", "/")).parts if part != "/"]
    path = PurePosixPath("maps", *parts)
    stem = path.with_suffix("")
    return MapPaths(f"{stem}.html", str(path), f"{stem}.md", f"{stem}.svg")


def root_of(page: str) -> str:
    """The relative link from ``page`` to the site's root: ``""``, ``../``, ``../../``…"""
    return "../" * page.count("/")


def href(root: str, target: str) -> str:
    return root + quote(target)

"""What a site build is given and what it returns: plain dataclasses, importable without the
builder."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmap.lint.config import Settings

# The manifest of the last build, in the output directory: what an incremental build compares.
MANIFEST = ".cjmap-site.json"
# Every map's parts of the pages made from every map, from the last build: a folder beside
# it, with a file per family of pages.
CACHE = ".cjmap-site.parts"


@dataclass(frozen=True)
class SiteOptions:
    """What to build, and how. Maps are named by their path relative to the working
    directory, and their pages follow that path."""

    paths: list[Path]
    output: Path
    settings: Settings
    today: date
    base_url: str | None = None
    lang: str | None = None  # None: the configuration's, else the language most maps use
    due_within: int = 30
    svg: bool = False  # also draw each map as SVG with Graphviz (slow: about 65 ms a map)
    jobs: int | None = None


@dataclass(frozen=True)
class Problem:
    """One finding shown on a map's page: a validation problem or a lint finding."""

    file: str
    line: int
    column: int
    code: str
    severity: str
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class SiteBuild:
    """What a build did: the files written and removed (relative to the output directory, in
    order), and, per invalid map (by its name on the site, its path in the repository), its
    validation problems."""

    written: list[str]
    removed: list[str]
    maps: int
    problems: Mapping[str, list[Problem]]
    unreadable: list[str]
    cold: bool  # every map was rebuilt (no usable manifest, or the code or options changed)
    language: str  # of the site's labels
    empty: list[str]  # directories named that hold no map
    # Each invalid map's path as it was named (from the working directory): what a terminal
    # shows, where the site shows its name.
    given: Mapping[str, str]


# Called with (maps done, maps to build) while the maps are built.
Progress = Callable[[int, int], None]


class SiteError(Exception):
    """The site cannot be built (an output directory that cannot be written, or one inside
    the maps that would be scanned as maps); the message says what to do."""

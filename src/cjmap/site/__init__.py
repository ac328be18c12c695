"""``cjmap site``: a static site of every map of a repository (docs/portfolio.md).

The builder is a core API, usable without the command line (``cjmap serve`` calls it on every
change)::

    from cjmap.site import SiteOptions, build_site

    build = build_site(SiteOptions(paths=[Path("maps")], output=Path("_site")))
    build.written, build.removed, build.problems

Importing this package loads no pydantic, Jinja2 or rich: :func:`build_site` imports the
builder when it is called.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from cjmap.site.options import (
    CACHE,
    MANIFEST,
    Problem,
    Progress,
    SiteBuild,
    SiteError,
    SiteOptions,
)

__all__ = ["CACHE", "MANIFEST", "Problem", "Progress", "SiteBuild", "SiteError", "SiteOptions",
           "build_site"]


def build_site(options: SiteOptions, changed: Collection[Path] | None = None,
               progress: Progress | None = None) -> SiteBuild:
    """Build (or bring up to date) the site in ``options.output``.

    ``changed``: the maps known to have changed since the last build (a file watcher knows);
    the others are taken as they were without being read, and the maps' records are kept in
    memory for the next build of this process. None: every map is read and hashed.
    Raises :class:`SiteError` when the output directory cannot be used.
    """
    from cjmap.site.build import build

    return build(options, changed, progress)

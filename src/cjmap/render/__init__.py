"""Renderers turn a valid journey into bytes in one output format.

``RENDERERS`` maps each ``--format`` name to a factory that imports the renderer's module only
when that format is asked for, so that Graphviz and Jinja2 stay out of every other command.
Renderers are pure: the same journey and options give byte-identical output.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    # The CLI reads RENDERERS for its --format choices at start-up: no pydantic here.
    from cjmap.format.model import Journey
    from cjmap.render.baseline import Baseline


@dataclass(frozen=True)
class RenderOptions:
    # Language of the labels the renderer adds; None means the map's own ``lang``.
    lang: str | None = None
    # Graphviz formats: what else each step's box lists (a subset of SHOWABLE).
    show: frozenset[str] = frozenset()
    # Graphviz formats: "lr" (left to right), "tb" (top down) or "wrap" (rows, for slides).
    layout: str = "lr"
    # png: pixels per point relative to Graphviz's 96 dpi (2 gives a 192-dpi image).
    scale: float = 1.0
    # md: embed the Mermaid journey diagram.
    mermaid: bool = False
    # The map's file name, for renderers that mention their source.
    source: str = ""
    # The day a review is compared with; None leaves overdue reviews unremarked.
    today: date | None = None
    # html, md: a future-state map drawn beside the current-state map it improves.
    baseline: "Baseline | None" = None
    # html: the page each of the map's tags links to (a site's tag pages), as (tag, href).
    tag_pages: tuple[tuple[str, str], ...] = ()


# What --show can add to a step's box in the Graphviz formats.
SHOWABLE = ("touchpoints", "opportunities", "metrics")
LAYOUTS = ("lr", "tb", "wrap")


class RenderError(Exception):
    """A format cannot be produced here (e.g. Graphviz is not installed); the message says what
    to do. The command reports it and exits 2."""


class Renderer(Protocol):
    def __call__(self, journey: "Journey", options: RenderOptions) -> bytes: ...


def _lazy(module: str, function: str) -> Callable[[], Renderer]:
    def factory() -> Renderer:
        renderer: Renderer = getattr(import_module(f"cjmap.render.{module}"), function)
        return renderer

    return factory


RENDERERS: dict[str, Callable[[], Renderer]] = {
    "svg": _lazy("graphviz", "render_svg"),
    "png": _lazy("graphviz", "render_png"),
    "pdf": _lazy("graphviz", "render_pdf"),
    "dot": _lazy("graphviz", "render_dot"),
    "html": _lazy("html", "render"),
    "mermaid": _lazy("mermaid", "render"),
    "md": _lazy("markdown", "render"),
    "csv": _lazy("sheet", "render_csv"),
    "xlsx": _lazy("sheet", "render_xlsx"),
}

# The file extension each format is written with when ``--out-dir`` names the files.
EXTENSIONS: dict[str, str] = {
    "dot": ".dot", "svg": ".svg", "png": ".png", "pdf": ".pdf", "html": ".html",
    "mermaid": ".mmd", "md": ".md", "csv": ".csv", "xlsx": ".xlsx",
}

"""cjmap: customer journey maps as code.

The library API, which the command line is a thin layer over::

    import cjmap

    result = cjmap.load("journey.yaml")
    if result.ok:
        print(result.journey.title, len(result.journey.steps))
    for diagnostic in result.diagnostics:
        print(diagnostic.line, diagnostic.message)
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Diagnostic", "Journey", "LoadResult", "Span", "__version__", "load", "load_text"]

if TYPE_CHECKING:
    from cjmap.diagnostics import Diagnostic, Span
    from cjmap.format.model import Journey
    from cjmap.loader import LoadResult, load, load_text

# Importing cjmap must stay cheap (the CLI starts with it), so the API loads on first use.
_LAZY = {
    "Diagnostic": "cjmap.diagnostics",
    "Span": "cjmap.diagnostics",
    "LoadResult": "cjmap.loader",
    "load": "cjmap.loader",
    "load_text": "cjmap.loader",
    "Journey": "cjmap.format.model",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cjmap' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)

"""A parsed YAML document: plain Python data plus the span of every value and key in it."""

from dataclasses import dataclass, field
from typing import Any

from cjmap.diagnostics import FILE_START, Span

Path = tuple[Any, ...]
# (line, column, end_line, end_column), 1-based: the loader stores plain tuples, the cheapest
# thing to make for every node; ``locate`` hands out Spans.
RawSpan = tuple[int, int, int, int]


@dataclass
class Document:
    data: Any
    values: dict[Path, RawSpan] = field(default_factory=dict)
    keys: dict[Path, RawSpan] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Span:
        """The span of ``path``, or of its nearest ancestor that the file spells out.

        A path may not exist in the file: a missing key, a default, or a value inside an alias.
        The error then belongs to the nearest thing the user did write.
        """
        if key and path in self.keys:
            return Span(*self.keys[path])
        return Span(*self._nearest(path))

    def line(self, path: Path) -> int:
        """The line :meth:`locate` gives for ``path``, without making a Span: the portfolio
        places every row of every map by its line."""
        return self._nearest(path)[0]

    def _nearest(self, path: Path) -> RawSpan:
        while path:
            span = self.values.get(path)
            if span is not None:
                return span
            path = path[:-1]
        return self.values.get((), FILE_START)

"""What a lint rule is: a module with an id, a default severity, options and a ``check()``.

Rules are modules, as in yamllint: the module docstring is the rule's documentation (what it
checks, why it matters, a failing and a passing example), and it is the single source for
``cjmap rules``, ``cjmap rule ID`` and ``docs/rules.md``. A rule sees the effective map (defaults
filled in) and yields :class:`Finding` objects that point at a path in the YAML; the lint engine
turns each into a :class:`~cjmap.diagnostics.Diagnostic` with the span of that path.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from cjmap.diagnostics import Severity
from cjmap.lint.finding import Finding
from cjmap.parse.document import Document

# Only for the type: `cjmap rules` lists the rules without loading pydantic.
if TYPE_CHECKING:
    from cjmap.format.model import Journey
    from cjmap.lint.suppressions import Suppressions

__all__ = ["Context", "Finding", "OptionValue", "Rule"]

OptionValue = int | float | str | bool | list[str]


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the valid map, the parsed document, and the day it runs."""

    journey: "Journey"
    document: Document
    path: str
    today: date
    # The file's inline suppressions, for the rule that reports unused ones (set last).
    suppressions: "Suppressions | None" = None

    # What several rules work out from the map once (see cjmap.lint.rules.common), by name.
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


class Rule(Protocol):
    """The interface every module in ``cjmap.lint.rules`` provides (checked by mypy)."""

    ID: str
    SEVERITY: Severity
    # Option names and their defaults; configuration may override them per rule.
    OPTIONS: Mapping[str, OptionValue]
    __doc__: str | None

    def check(self, context: Context, options: Mapping[str, Any]) -> Iterator[Finding]: ...

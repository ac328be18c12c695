"""The lint rules, one module each, and the registry that lists them.

The registry is explicit, as in yamllint: a rule exists when it is listed here. ``RULES`` maps
each rule id to its module, in the order ``cjmap rules`` and ``docs/rules.md`` show them.
"""

from cjmap.rules import empty_stage
from cjmap.rules.base import Context, Finding, Rule

__all__ = ["RULES", "Context", "Finding", "Rule", "summary"]

_MODULES: tuple[Rule, ...] = (
    empty_stage,
)

RULES: dict[str, Rule] = {rule.ID: rule for rule in _MODULES}


def summary(rule: Rule) -> str:
    """The first line of the rule's docstring: one sentence on what it flags."""
    return (rule.__doc__ or "").strip().splitlines()[0]

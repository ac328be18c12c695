"""Running one rule on a map written in a test, the way the lint engine runs it."""

import re
import textwrap
from datetime import date
from typing import Any

import cjmap
from cjmap.lint.rules import RULES, Context, Finding
from tests.conftest import EXAMPLES

# Rules that look at the date see this day, so that the tests do not age.
TODAY = date(2026, 11, 23)

_EXAMPLE = re.compile(r"^(Fails|Passes):\n\n```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


# Maps written in a test stand beside the examples, so that a future-state map's
# 'improves: running-shoes.yaml' names the worked example, as the rules' documentation shows.
NAME = str(EXAMPLES / "test.yaml")


def context(text: str, today: date = TODAY) -> Context:
    """The context of a map given as text, which must be valid."""
    result = cjmap.load_text(textwrap.dedent(text), NAME)
    assert result.journey is not None and result.document is not None, [
        f"{d.line}:{d.column}: {d.message}" for d in result.diagnostics]
    return Context(result.journey, result.document, NAME, today)


def findings(rule_id: str, text: str, today: date = TODAY, **options: Any) -> list[Finding]:
    """What rule ``rule_id`` finds in the map ``text``; options by their Python names
    (``min_score=2`` for ``min-score``), over the rule's defaults."""
    rule = RULES[rule_id]
    merged = {**rule.OPTIONS, **{name.replace("_", "-"): value for name, value in options.items()}}
    assert set(merged) == set(rule.OPTIONS), f"{rule_id} has no option among {sorted(options)}"
    return list(rule.check(context(text, today), merged))


def messages(rule_id: str, text: str, today: date = TODAY, **options: Any) -> list[str]:
    return [finding.message for finding in findings(rule_id, text, today, **options)]


def paths(rule_id: str, text: str, today: date = TODAY, **options: Any) -> list[tuple[Any, ...]]:
    return [finding.path for finding in findings(rule_id, text, today, **options)]


def examples(rule_id: str) -> dict[str, str]:
    """The ``Fails`` and ``Passes`` maps of the rule's documentation."""
    return dict(_EXAMPLE.findall(RULES[rule_id].__doc__ or ""))


def line_of(text: str, finding: Finding) -> int:
    """The line the engine reports ``finding`` at (the nearest written ancestor of its path)."""
    return context(text).document.locate(finding.path, key=finding.key).line

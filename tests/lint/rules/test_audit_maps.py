"""A touchpoint audit (touchpoints listed by stage, no steps) through every rule: the rules about
steps, a path from start to end or a journey in time stay silent; the touchpoint rules count
the stages' touchpoints."""

from pathlib import Path

from cjmap.lint.rules import RULES
from tests.lintkit import codes, lint, write

AUDIT = """\
cjmap: 1
title: Touchpoint audit
stages:
  - id: before
    touchpoints:
      - {name: Reviews site, kind: indirect, external: true, channel: web}
      - name: Website
        channel: web
        quality: {simple: 1, relevant: 1}
  - id: during
    touchpoints:
      - {name: Checkout, owner: Web team}
  - id: after
"""

# Every rule that reads steps, the path through them or the journey's time.
SILENT_ON_AUDITS = {
    "no-actions", "no-emotion", "no-needs", "no-touchpoints", "missing-start", "missing-end",
    "missing-timeframe", "unreachable-step", "dead-end-step", "stage-order", "no-purchase-step",
    "nothing-after-purchase", "unmeasured-stage", "negative-emotion-without-pain",
    "duplicate-step-name",
}


def test_an_audit_gets_only_the_findings_that_apply_to_it(tmp_path: Path) -> None:
    found = lint(write(tmp_path, AUDIT), cli_select=tuple(RULES))
    assert codes(found) == [
        ("missing-objectives", 1), ("missing-persona", 1), ("missing-review", 1),
        ("touchpoint-without-owner", 7),
        ("low-touchpoint-quality", 9),
        ("touchpoint-without-channel", 12),
        ("empty-stage", 13),
    ]
    assert not SILENT_ON_AUDITS & {d.code for d in found}


def test_the_same_gaps_on_a_map_with_steps_are_found(tmp_path: Path) -> None:
    # The rules kept silent above do fire once the map has steps: they were not broken.
    text = "cjmap: 1\ntitle: T\nsteps:\n  - Checkout\n"
    found = {d.code for d in lint(write(tmp_path, text), cli_select=tuple(SILENT_ON_AUDITS))}
    assert {"no-actions", "no-emotion", "no-needs", "no-touchpoints", "missing-start",
            "missing-end", "missing-timeframe", "no-purchase-step"} <= found


def test_indirect_only_stage_counts_the_stages_touchpoints(tmp_path: Path) -> None:
    text = AUDIT.replace("      - name: Website\n        channel: web\n"
                         "        quality: {simple: 1, relevant: 1}\n", "")
    found = lint(write(tmp_path, text), cli_select=("indirect-only-stage",))
    assert codes(found) == [("indirect-only-stage", 4)]

"""``cjmap lint --show-config``: which configuration file applied, and what it resolves to."""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from cjmap.config import Settings


def show(settings: Settings, paths: Sequence[Path], stream: TextIO) -> None:
    """Print the effective settings; for one file given, with that file's overrides applied."""
    from cjmap.rules import RULES

    target = str(paths[0]) if len(paths) == 1 and paths[0].is_file() else ""
    defaults = {rule: module.SEVERITY for rule, module in RULES.items()}
    enabled = settings.enabled(target, defaults)
    lines = [f"configuration: {settings.source or 'none found (the defaults apply)'}"]
    if target:
        lines.append(f"for file: {target}")
    lines += [
        f"fail-on: {settings.fail_on}",
        f"include: {_globs(settings.include)}",
        f"exclude: {_globs(settings.exclude)}",
        f"rules: {len(enabled)} of {len(RULES)} enabled",
    ]
    width = max(map(len, RULES))
    for rule, module in RULES.items():
        severity = enabled.get(rule, "off")
        options = settings.options(target, rule, module.OPTIONS)
        text = "  ".join(f"{name}={_value(value)}" for name, value in options.items())
        lines.append(f"  {rule:<{width}}  {severity:<7}  {text}".rstrip())
    if settings.overrides:
        lines.append("overrides:")
        for override in settings.overrides:
            parts = [f"files {_globs(override.files)}"]
            if override.extend_select:
                parts.append(f"extend-select {', '.join(override.extend_select)}")
            if override.ignore:
                parts.append(f"ignore {', '.join(override.ignore)}")
            if override.rules:
                parts.append("rules " + ", ".join(
                    f"{rule} {_value(dict(setting))}" for rule, setting in override.rules.items()))
            lines.append("  - " + "; ".join(parts))
    stream.write("\n".join(lines) + "\n")


def _globs(globs: Sequence[str]) -> str:
    return ", ".join(globs) if globs else "(none)"


def _value(value: Any) -> str:
    if isinstance(value, dict):
        value = {key: item for key, item in value.items() if item is not None}
    return json.dumps(value, ensure_ascii=False)

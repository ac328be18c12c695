"""``cjmap lint --show-config``: which configuration file applied, and what it resolves to.

One structure, :func:`effective`, printed as text for people or as JSON (``--format json``) for
scripts that check a repository's settings.
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from cjmap.cli import console
from cjmap.lint.config import Settings


def effective(settings: Settings, paths: Sequence[Path]) -> dict[str, Any]:
    """The effective settings; for one file given, with that file's overrides applied."""
    from cjmap.lint.rules import RULES

    target = str(paths[0]) if len(paths) == 1 and paths[0].is_file() else None
    defaults = {rule: module.SEVERITY for rule, module in RULES.items()}
    enabled = settings.enabled(target or "", defaults)
    return {
        "configuration": settings.source,
        "file": target,
        "fail-on": settings.fail_on,
        "include": list(settings.include),
        "exclude": list(settings.exclude),
        "rules": {rule: {"severity": enabled.get(rule, "off"),
                         "options": settings.options(target or "", rule, module.OPTIONS)}
                  for rule, module in RULES.items()},
        "overrides": [{
            "files": list(override.files),
            "extend-select": list(override.extend_select),
            "ignore": list(override.ignore),
            "rules": {rule: {key: value for key, value in dict(setting).items()
                             if value is not None}
                      for rule, setting in override.rules.items()},
        } for override in settings.overrides],
    }


def show(settings: Settings, paths: Sequence[Path], format: str, stream: TextIO) -> None:
    data = effective(settings, paths)
    if format == "json":
        json.dump(data, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        return
    rules = data["rules"]
    lines = [f"configuration: {data['configuration'] or 'none found (the defaults apply)'}"]
    if data["file"]:
        lines.append(f"for file: {data['file']}")
    enabled = sum(1 for rule in rules.values() if rule["severity"] != "off")
    lines += [
        f"fail-on: {data['fail-on']}",
        f"include: {_globs(data['include'])}",
        f"exclude: {_globs(data['exclude'])}",
        f"rules: {enabled} of {len(rules)} enabled",
    ]
    width = max(map(len, rules))
    for rule, setting in rules.items():
        text = "  ".join(f"{name}={_value(value)}" for name, value in setting["options"].items())
        lines.append(f"  {rule:<{width}}  {setting['severity']:<7}  {text}".rstrip())
    if data["overrides"]:
        lines.append("overrides:")
        for override in data["overrides"]:
            parts = [f"files {_globs(override['files'])}"]
            if override["extend-select"]:
                parts.append(f"extend-select {', '.join(override['extend-select'])}")
            if override["ignore"]:
                parts.append(f"ignore {', '.join(override['ignore'])}")
            if override["rules"]:
                parts.append("rules " + ", ".join(
                    f"{rule} {_value(setting)}" for rule, setting in override["rules"].items()))
            lines.append("  - " + "; ".join(parts))
    console.lines(stream, lines)


def _globs(globs: Sequence[str]) -> str:
    return ", ".join(globs) if globs else "(none)"


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)

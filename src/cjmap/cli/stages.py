"""``cjmap stages [NAME]``: the stage models a map can name in ``stages:``, from
format/presets.py (the one place they are defined), as tables or as JSON."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from cjmap.exitcodes import ExitCode
from cjmap.format.presets import (
    DEFAULT_PRESET,
    MODEL_NAMES,
    PRESETS,
    PresetStage,
    aliases_of,
    model_label,
    model_name,
)
from cjmap.i18n import _, current
from cjmap.report.style import wants_color

FORMATS = ("text", "json")
JSON_VERSION = 1


def unknown_model(name: str) -> str:
    """The message for a stage model that does not exist, with the closest one."""
    # validation loads pydantic: worth it only on this error path.
    from cjmap.format.validation import did_you_mean

    advice = did_you_mean(name, PRESETS) or _("'cjmap stages' lists them")
    return _("unknown stage model '{name}'; {advice} (models: {models})").format(
        name=name, advice=advice, models=", ".join(PRESETS))


def run(name: str | None, format: str = "text", stdout: TextIO = sys.stdout,
        stderr: TextIO = sys.stderr) -> ExitCode:
    """Print every stage model, or only ``name``; an unknown name is a usage error."""
    model = None if name is None else model_name(name)
    if name is not None and model is None:
        stderr.write(f"cjmap: {unknown_model(name)}\n")
        return ExitCode.USAGE
    models = {model: PRESETS[model]} if model is not None else PRESETS
    if format == "json":
        stdout.write(json.dumps(as_json(models), indent=2, ensure_ascii=False) + "\n")
    else:
        _print_tables(models, stdout, hint=name is None)
    return ExitCode.OK


def as_json(models: dict[str, tuple[PresetStage, ...]]) -> dict[str, Any]:
    """The documented shape of ``--format json`` (docs/authoring.md)."""
    return {
        "version": JSON_VERSION,
        "default": DEFAULT_PRESET,
        "models": [
            {"id": model, "name": dict(MODEL_NAMES[model]), "default": model == DEFAULT_PRESET,
             "aliases": aliases_of(model),
             "stages": [{"id": stage.id, "name": dict(stage.name), "goal": dict(stage.goal),
                         "phase": stage.phase} for stage in stages]}
            for model, stages in models.items()
        ],
    }


def _print_tables(models: dict[str, tuple[PresetStage, ...]], stdout: TextIO,
                  hint: bool) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    color = wants_color(stdout)
    console = Console(file=stdout, force_terminal=color, no_color=not color, highlight=False)
    lang = current()
    for index, (model, stages) in enumerate(models.items()):
        title = f"{model} — {model_label(model, lang)}"
        if model == DEFAULT_PRESET:
            title += " " + _("(default)")
        aliases = aliases_of(model)
        caption = _("also named: {names}").format(names=", ".join(aliases)) if aliases else None
        # The title on a line of its own: as a table title, rich would wrap it to the table.
        table = Table(box=box.SIMPLE_HEAD,
                      caption=caption, caption_justify="left", caption_style="",
                      header_style="bold", pad_edge=False, show_edge=False)
        table.add_column(_("stage"), style="cyan", no_wrap=True)
        # Each language under its own name, as a language menu shows them.
        table.add_column("English", no_wrap=True)
        table.add_column("Español", no_wrap=True)
        table.add_column(_("phase"), no_wrap=True)
        for stage in stages:
            table.add_row(stage.id, stage.name["en"], stage.name["es"], stage.phase)
        if index:
            console.print()
        console.print(title, style="bold", soft_wrap=True)
        console.print(table)
    if hint:
        console.print(_("{count} stage models: a map names one in 'stages:', and "
                        "'cjmap init --stages MODEL' starts a map with it.").format(
                          count=len(models)), soft_wrap=True)

"""Realistic journey maps for benchmarks: ``make_map`` for one map, ``write_corpus`` for many.

The maps look like the ones teams write: a persona, objectives, stages from the presets, 10–40
steps with touchpoints (bare and detailed), quality scores, pain points, opportunities, metrics,
comments, block scalars, English and Spanish text. About 300 lines (9 KB) on average. Output is
deterministic for a given seed.

    python benchmarks/generate.py DIR --count 1000     # a corpus of 1,000 maps
    python benchmarks/generate.py out.yaml --steps 1000  # one map with 1,000 steps
"""

import argparse
import random
from pathlib import Path

_EN = {
    "verbs": ["Searches", "Compares", "Asks about", "Reads about", "Tries", "Chooses", "Pays for",
              "Receives", "Reviews", "Shares", "Returns", "Renews"],
    "things": ["running shoes", "the plan", "delivery options", "sizes", "prices", "reviews",
               "the mobile app", "the loyalty card", "support hours", "the warranty"],
    "feelings": ["curious", "unsure", "confident", "frustrated", "relieved", "delighted"],
    "persona": "Laura, the new runner",
}
_ES = {
    "verbs": ["Busca", "Compara", "Pregunta por", "Se informa sobre", "Prueba", "Elige",
              "Paga", "Recibe", "Valora", "Comparte", "Devuelve", "Renueva"],
    "things": ["zapatillas de correr", "el plan", "las opciones de envío", "las tallas",
               "los precios", "las reseñas", "la app móvil", "la tarjeta de fidelización",
               "el horario de atención", "la garantía"],
    "feelings": ["curiosa", "insegura", "confiada", "frustrada", "aliviada", "encantada"],
    "persona": "Lucía, corredora novata",
}
_CHANNELS = ["Website", "Email", "Store", "Social media", "Search", "Phone", "App", "Word of mouth"]
_OWNERS = ["Content team", "E-commerce team", "CRM team", "Operations", "Retail partnerships"]
_PRESETS = {
    "consideration-evaluation-purchase": ["consideration", "evaluation", "purchase"],
    "six-phases": ["discovery", "interest", "intent", "conversion", "satisfaction", "loyalty"],
    "before-during-after": ["before", "during", "after"],
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_map(steps: int, seed: int = 0, *, invalid: bool = False,
             maintained: bool = False) -> str:
    """YAML text of one map with ``steps`` steps; ``invalid`` plants one schema error.

    By default the maps have the gaps of a first draft (about 65 lint findings each);
    ``maintained`` maps are those of a team whose CI lints them: needs, owners, channels and
    pain points filled in, targets met, so that lint finds next to nothing."""
    rng = random.Random(seed)
    words = _ES if rng.random() < 0.3 else _EN
    lang = "es" if words is _ES else "en"
    preset = rng.choice(list(_PRESETS))
    stages = _PRESETS[preset]
    lines = [
        "# yaml-language-server: $schema=../schemas/cjmap-1.schema.json",
        "cjmap: 1",
        f"title: {_quote(f'Journey {seed}: ' + rng.choice(words['things']))}",
        f"lang: {lang}",
        f"owner: {rng.choice(_OWNERS)}",
        "description: >",
        "  A generated journey map used to measure cjmap on realistic input,",
        "  with the shape and the size of the maps teams write.",
        "tags: [benchmark, generated]",
        "persona:",
        f"  name: {words['persona']}",
        "  participation: buyer",
        "  goals: [Run 5 km, Stay free of injuries]",
        "objectives:",
        "  - Be present at every point of the journey",
        "  - Lose as few customers as possible between steps",
        "timeframe: 3 weeks",
        f"channels: [{', '.join(_CHANNELS)}]",
        "review: {last_reviewed: 2026-09-15, cadence: quarterly, owner: CX lead}",
        f"stages: {preset}",
        "start: Decides to start running",
        "end:",
        "  name: Goes out running in new shoes",
        "steps:",
    ]
    per_stage = max(1, steps // len(stages))
    for index in range(steps):
        stage = stages[min(index // per_stage, len(stages) - 1)]
        name = f"{rng.choice(words['verbs'])} {rng.choice(words['things'])} #{index + 1}"
        score = rng.choice([-2, -1, 0, 1, 1, 2])
        if index % 4 == 0:
            lines.append(f"  # Step {index + 1}")
        lines += [
            f"  - id: step-{index + 1}",
            f"    name: {_quote(name)}",
            f"    stage: {stage}",
            f"    actions: [{_quote(name)}]",
            *([f"    needs: [{_quote('Know more about ' + rng.choice(words['things']))}]"]
              if maintained else []),
            f"    emotion: {{score: {score}, label: {rng.choice(words['feelings'])}}}",
            "    touchpoints:",
        ]
        if index % 2 and not maintained:
            lines.append(f"      - {rng.choice(_CHANNELS)} page")
        else:
            lines += [
                f"      - name: {_quote(rng.choice(words['things']).capitalize())}",
                f"        channel: {rng.choice(_CHANNELS)}",
                f"        kind: {rng.choice(['direct', 'direct', 'indirect'])}",
                f"        owner: {rng.choice(_OWNERS)}",
            ]
            if index % 4 == 0:
                lines.append("        quality: {simple: 4, appropriate: 3, relevant: 5, "
                             f"meaningful: 4, engaging: 3, personal: {3 if maintained else 2}}}")
        if score < 0 and (index % 2 == 0 or maintained):
            lines += [
                "    pain_points:",
                f"      - id: pain-{index + 1}",
                f"        text: {_quote('It is hard to ' + rng.choice(words['verbs']).lower())}",
                "        severity: medium",
                "    opportunities:",
                f"      - text: {_quote('Make it easier to ' + rng.choice(words['things']))}",
                f"        owner: {rng.choice(_OWNERS)}",
                f"        lever: {rng.choice(['automation', 'personalization', 'contextual'])}",
                f"        addresses: [pain-{index + 1}]",
            ]
        if index % 5 == 0 or (maintained and index % per_stage == 0):
            actual = rng.randint(20, 80)
            target = actual - rng.randint(0, 10) if maintained else rng.randint(40, 90)
            lines += [
                "    metrics:",
                f"      - {{name: Conversion, kind: conversion, actual: {actual}, "
                f"target: {target}, unit: '%'}}",
            ]
    if invalid:
        # A misspelt key deep in the map: the kind of mistake validate exists for.
        lines.insert(len(lines) - 3, "        chanel: Website")
    return "\n".join(lines) + "\n"


def write_corpus(directory: Path, count: int, seed: int = 0,
                 invalid_every: int = 0, maintained: bool = False) -> list[Path]:
    """``count`` maps of 10–40 steps in ``directory``; every ``invalid_every``-th one invalid."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        path = directory / f"map-{index:04d}.yaml"
        invalid = bool(invalid_every) and index % invalid_every == invalid_every - 1
        path.write_text(make_map(rng.randint(10, 40), seed + index, invalid=invalid,
                                 maintained=maintained), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="a directory (corpus) or a file (one map)")
    parser.add_argument("--count", type=int, default=1000, help="maps in the corpus")
    parser.add_argument("--steps", type=int, help="write one map with this many steps")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.steps:
        args.target.write_text(make_map(args.steps, args.seed), encoding="utf-8")
    else:
        write_corpus(args.target, args.count, args.seed)


if __name__ == "__main__":
    main()

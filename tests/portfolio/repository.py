"""A small real repository of maps for the report's tests: English and Spanish, touchpoints by
step and by stage, several personas, metrics with history, overdue, due and fresh reviews,
unowned and unlinked opportunities, an audit map and an invalid map. ``TODAY`` is the day the
tests run the report on."""

from datetime import date
from pathlib import Path

TODAY = date(2026, 6, 1)

SHOES = """\
cjmap: 1
id: shoes
title: Buying running shoes
owner: Growth team
persona: Laura, the new runner
channels:
  - {name: Website, online: true}
  - {name: Sports shop, online: false}
review: {last_reviewed: 2025-01-10, cadence: yearly, owner: CX lead}
steps:
  - name: Searches online
    emotion: {score: 0, label: curious}
    touchpoints:
      - name: Blog
        channel: Website
        kind: direct
        owner: Content team
        quality: {simple: 4, relevant: 4, personal: 2}
      - {name: Friend's advice, channel: Word of mouth, kind: indirect, external: true}
  - name: Chooses a size
    stage: evaluation
    emotion: {score: -2, label: anxious}
    moment_of_truth: true
    touchpoints:
      - name: Size guide
        channel: website
        kind: direct
        quality: {simple: 2, appropriate: 3, relevant: 2}
    pain_points: [{id: size-doubt, text: Fear of the wrong size}]
    opportunities:
      - {text: Free size exchange, owner: Operations, priority: high, lever: contextual,
         addresses: [size-doubt, returns]}
      - {text: A fit video, priority: medium}
    metrics:
      - id: returns
        name: Size returns
        actual: 12
        target: 8
        unit: "%"
        better: lower
        as_of: 2026-05-01
        history: [{as_of: 2026-01-01, actual: 9}, {as_of: 2026-03-01, actual: 10.5}]
  - name: Pays
    stage: purchase
    emotion: 1
    touchpoints: [{name: Checkout, channel: Website, kind: direct, owner: E-commerce team,
                   quality: {simple: 5, engaging: 4}}]
    metrics: [{name: Conversion, kind: conversion, actual: 3, target: 2.5, unit: "%"}]
"""

ZAPATILLAS = """\
cjmap: 1
id: zapatillas
title: Comprar zapatillas
lang: es
owner: Equipo de crecimiento
persona: Laura, the new runner
review: {last_reviewed: 2026-05-20, cadence: trimestral}
steps:
  - name: Pregunta en la tienda
    stage: consideración
    emotion: {score: -1, label: dudosa}
    touchpoints: [{name: Dependiente, channel: Sports shop, kind: indirect,
                   quality: {simple: 3, personal: 3}}]
    opportunities: [{text: Formar a los dependientes, owner: Alianzas, priority: low,
                     addresses: [dudas]}]
    pain_points: [{id: dudas, text: Nadie sabe aconsejar}]
  - name: Compra en la web
    stage: compra
    emotion: 2
    touchpoints: [{name: Pago, channel: Website, kind: direct, owner: Comercio electrónico}]
    metrics: [{name: NPS, kind: nps, actual: 20, target: 30}]
"""

MEAL = """\
cjmap: 1
id: meal
title: Subscribing to a meal kit
stages: six-phases
personas:
  - {id: sam, name: "Sam, the busy parent"}
  - {id: kim, name: "Kim, the student"}
review: {last_reviewed: 2025-09-10, cadence: 9m, owner: Head of CX}
steps:
  - name: Sees a post
    stage: discovery
    emotion: {sam: 1, kim: -1}
    touchpoints: [{name: Sponsored post, channel: Social media, kind: direct, online: true}]
  - name: Orders a sample
    stage: conversion
    emotion: {sam: 2, kim: 0}
    moment_of_truth: true
    opportunities: [{text: Pay later for students, lever: personalization}]
"""

AUDIT = """\
cjmap: 1
id: store-audit
title: Store touchpoint audit
stages:
  - id: before
    touchpoints:
      - {name: Radio ads, channel: Radio, kind: direct, owner: Marketing,
         quality: {simple: 3, appropriate: 2, relevant: 2, meaningful: 2, engaging: 2,
                   personal: 1}}
  - id: during
    touchpoints: [{name: Till, channel: Store, kind: direct, online: false, owner: Store team}]
  - after
channels: [Radio, Store, Email]
"""

BROKEN = """\
cjmap: 1
title: Broken map
steps:
  - name: Feels too much
    emotion: 9
"""

MAPS = {"shoes.yaml": SHOES, "zapatillas.yaml": ZAPATILLAS, "meal.yaml": MEAL,
        "audit.yaml": AUDIT, "broken.yaml": BROKEN}


def write_repository(root: Path) -> Path:
    """The maps under ``root/maps``; returns ``root``."""
    maps = root / "maps"
    maps.mkdir(parents=True, exist_ok=True)
    for name, text in MAPS.items():
        (maps / name).write_text(text, encoding="utf-8")
    return root

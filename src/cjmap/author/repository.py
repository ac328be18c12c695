"""The files of a new map repository (``cjmap init --repo``): the lint configuration, the
pre-commit hooks and the GitHub workflow of this project, a personas folder and a first map."""

from __future__ import annotations

from dataclasses import dataclass

from cjmap.author import skeleton as skeletons
from cjmap.format.model import slugify
from cjmap.format.presets import Lang

# This project's repository: its pre-commit hooks (.pre-commit-hooks.yaml) and its action
# (action.yml). There is no release yet, so both follow main; pin a tag once there is one.
REPOSITORY = "https://github.com/cjmap/cjmap"
ACTION = "cjmap/cjmap@main"
HOOKS_REV = "main"
CONFIG_SCHEMA_URL = (
    "https://raw.githubusercontent.com/cjmap/cjmap/main/schemas/cjmap-config.schema.json")
MAPS = "maps"


@dataclass(frozen=True)
class RepoFile:
    """A file to write; an ``optional`` one is left alone when it exists (a README)."""

    path: str
    text: str
    optional: bool = False


def files(skeleton: skeletons.Skeleton) -> list[RepoFile]:
    """Every file of the repository, with the first map built from ``skeleton``."""
    lang = skeleton.lang
    title = skeleton.title or skeletons.default_title(lang)
    map_path = f"{MAPS}/{slugify(title) or 'journey'}.yaml"
    return [
        RepoFile(".cjmap.yaml", _CONFIG[lang].format(schema=CONFIG_SCHEMA_URL, maps=MAPS)),
        RepoFile(".pre-commit-config.yaml",
                 _PRE_COMMIT[lang].format(repository=REPOSITORY, rev=HOOKS_REV)),
        RepoFile(".github/workflows/cjmap.yml", _WORKFLOW[lang].format(action=ACTION)),
        RepoFile("personas/README.md", _PERSONAS[lang]),
        RepoFile(map_path, skeletons.render(skeleton)),
        RepoFile("README.md", _README[lang].format(title=title, map=map_path, maps_dir=MAPS),
                 optional=True),
    ]


_CONFIG: dict[Lang, str] = {
    "en": """\
# yaml-language-server: $schema={schema}
#
# How 'cjmap lint' checks the maps of this repository; every setting is described in
# https://github.com/cjmap/cjmap/blob/main/docs/lint.md#configuration

# Inside directories, lint only the maps under {maps}/.
include: ["{maps}/"]
# Work in progress goes in {maps}/drafts/ and is not linted.
exclude: ["{maps}/drafts/"]
# Per rule: a severity (error, warning, info, or off), or a severity and the rule's options.
# 'cjmap rules' lists them.
rules:
  review-overdue: {{grace-days: 14}}
# The lowest severity that fails a run (and the CI job): error, warning or info.
fail-on: warning
""",
    "es": """\
# yaml-language-server: $schema={schema}
#
# Cómo revisa 'cjmap lint' los mapas de este repositorio; cada opción se describe en
# https://github.com/cjmap/cjmap/blob/main/docs/lint.md#configuration

# Dentro de los directorios, revisar solo los mapas de {maps}/.
include: ["{maps}/"]
# Los borradores van en {maps}/drafts/ y no se revisan.
exclude: ["{maps}/drafts/"]
# Por regla: una gravedad (error, warning, info u off), o una gravedad y las opciones de la
# regla. 'cjmap rules' las muestra.
rules:
  review-overdue: {{grace-days: 14}}
# La gravedad mínima que hace fallar una ejecución (y el trabajo de CI): error, warning o info.
fail-on: warning
""",
}

_PRE_COMMIT: dict[Lang, str] = {
    "en": """\
# pre-commit hooks: 'pre-commit install' once, then every commit that touches YAML lints the
# maps. 'rev' follows cjmap's main branch; pin a release tag or a commit for repeatable runs.
repos:
  - repo: {repository}
    rev: {rev}
    hooks:
      - id: cjmap-lint
""",
    "es": """\
# Hooks de pre-commit: 'pre-commit install' una vez, y cada commit que toque YAML revisa los
# mapas. 'rev' sigue la rama main de cjmap; fija una etiqueta o un commit para ejecuciones
# repetibles.
repos:
  - repo: {repository}
    rev: {rev}
    hooks:
      - id: cjmap-lint
""",
}

_WORKFLOW: dict[Lang, str] = {
    "en": """\
# Lint the journey maps on every push and pull request: annotations on the pull request's
# diff, the full report in the log, the findings in Security > Code scanning.
name: journey maps
on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write  # for the SARIF upload; drop both with 'sarif: false'
    steps:
      - uses: actions/checkout@v4
      # The action follows cjmap's main branch; pin a release tag or a commit to upgrade on
      # purpose.
      - uses: {action}
        with:
          sarif: true
""",
    "es": """\
# Revisa los mapas de viaje en cada push y pull request: anotaciones en el diff del pull
# request, el informe completo en el log y los hallazgos en Security > Code scanning.
name: journey maps
on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write  # para subir el SARIF; quita ambos con 'sarif: false'
    steps:
      - uses: actions/checkout@v4
      # La acción sigue la rama main de cjmap; fija una etiqueta o un commit para actualizar
      # cuando tú decidas.
      - uses: {action}
        with:
          sarif: true
""",
}

_PERSONAS: dict[Lang, str] = {
    "en": """\
# Personas

One file per persona whose journeys the maps of this repository follow: who they are, their
goals and needs, the segment they stand for, and the research they come from.

A persona file is a YAML mapping of the persona's keys (`name`, `description`, `segment`,
`participation`, `goals`, `needs`). A map names it with `persona: {ref: ../personas/laura.yaml}`
(the path is relative to the map's folder), or lists several under `personas:`; keys written
beside `ref` in a map override the file's. Persona files have no `cjmap:` key, so cjmap never
takes them for maps, and a change to one is seen by every map that names it.
""",
    "es": """\
# Buyer personas

Un archivo por cada buyer persona cuyos viajes siguen los mapas de este repositorio: quién es,
sus objetivos y necesidades, el segmento que representa y la investigación de la que sale.

Un archivo de persona es un mapeo YAML con sus claves (`name`, `description`, `segment`,
`participation`, `goals`, `needs`). Un mapa lo nombra con
`persona: {ref: ../personas/laura.yaml}` (la ruta es relativa a la carpeta del mapa), o varios
bajo `personas:`; las claves escritas junto a `ref` en el mapa mandan sobre las del archivo.
Los archivos de persona no llevan la clave `cjmap:`, así que cjmap nunca los toma por mapas, y
cada cambio en uno lo ven todos los mapas que lo nombran.
""",
}

_README: dict[Lang, str] = {
    "en": """\
# {title}

Customer journey maps as code, checked by [cjmap](https://github.com/cjmap/cjmap).

- `{map}`: the first map; `cjmap init {maps_dir}/another.yaml` starts the next.
- `personas/`: who the journeys belong to.
- `cjmap lint` checks every map (`.cjmap.yaml` says how); so do the pre-commit hooks
  (`pre-commit install`) and the GitHub workflow on every push.
- `cjmap render {map} --format html -o journey.html` draws a map.
""",
    "es": """\
# {title}

Mapas de viaje del cliente como código, revisados por [cjmap](https://github.com/cjmap/cjmap).

- `{map}`: el primer mapa; `cjmap init --lang es {maps_dir}/otro.yaml` empieza el siguiente.
- `personas/`: de quién son los viajes.
- `cjmap lint` revisa todos los mapas (`.cjmap.yaml` dice cómo), y también los hooks de
  pre-commit (`pre-commit install`) y el workflow de GitHub en cada push.
- `cjmap render {map} --format html -o viaje.html` dibuja un mapa.
""",
}

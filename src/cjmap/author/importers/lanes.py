"""The words spreadsheet templates name their lanes (rows) or columns with, in English and
Spanish, and the map field each stands for.

A name is compared as :func:`words` leaves it: lower case, accents and punctuation dropped, a
parenthesis such as ``(1-10)`` left out, so ``Emotions/Score``, ``EMOCIÓN`` and
``Puntos de contacto:`` all find their lane. Plurals and a leading ``customer``/``user`` (or a
trailing ``del cliente``) are tried off as well.
"""

import re
import unicodedata

# The fields of a step a lane may hold, plus ``stage`` (the step's stage, by name), ``feeling``
# (the emotion's label, when a lane of its own) and ``stage_touchpoints`` (a stage's own).
STEP_FIELDS = (
    "stage", "id", "name", "description", "actions", "needs", "thoughts", "emotion", "feeling",
    "touchpoints", "pain_points", "opportunities", "metrics", "frontstage", "backstage",
    "support", "duration", "moment_of_truth", "evidence", "next", "stage_touchpoints",
)
# What a row above the grid (``Persona | Laura``) may say about the whole map.
MAP_FIELDS = ("title", "persona", "start", "end", "lang")
# ``--column NAME=ignore`` leaves a lane out on purpose (not even under ``x-import``).
IGNORE = "ignore"

_EN: dict[str, tuple[str, ...]] = {
    "stage": ("stage", "phase", "journey stage", "journey phase"),
    "id": ("id", "step id"),
    "name": ("step", "journey step", "moment", "step name"),
    "description": ("description", "details", "step description"),
    "actions": ("action", "actions", "doing", "what they do", "activities", "tasks",
                "behaviour", "behavior"),
    "needs": ("need", "needs", "customer needs", "what they need", "goals and needs"),
    "thoughts": ("thought", "thoughts", "thinking", "what they think", "quotes",
                 "questions"),
    "emotion": ("emotion", "emotions", "emotion score", "emotional state", "score",
                "sentiment", "mood", "experience", "emotions score",
                "emotion curve", "emotional journey"),
    "feeling": ("feeling", "feelings", "emotion label", "feels"),
    "touchpoints": ("touchpoint", "touchpoints", "touch point", "touch points",
                    "points of contact", "point of contact", "interactions"),
    "pain_points": ("pain point", "pain points", "pains", "pain", "problems", "frustrations",
                    "frictions", "friction points", "obstacles", "barriers"),
    "opportunities": ("opportunity", "opportunities", "ideas", "improvements",
                      "improvement opportunities", "solutions"),
    "metrics": ("metric", "metrics", "kpi", "kpis", "measures", "measurements"),
    "frontstage": ("frontstage", "front stage", "frontstage actions", "front office"),
    "backstage": ("backstage", "back stage", "backstage actions", "back office"),
    "support": ("support", "support processes", "support systems", "systems"),
    "duration": ("duration", "time", "time spent", "how long"),
    "moment_of_truth": ("moment of truth", "moments of truth", "mot"),
    "evidence": ("evidence", "source of evidence"),
    "next": ("next", "next steps", "leads to", "goes to"),
    "stage_touchpoints": ("touchpoints of the stage", "stage touchpoints"),
    "title": ("title", "journey", "journey map", "map", "customer journey map"),
    "persona": ("persona", "buyer persona", "customer"),
    "start": ("start", "start point", "starting point", "trigger"),
    "end": ("end", "end point", "ending point", "outcome"),
    "lang": ("language", "lang"),
}
_ES: dict[str, tuple[str, ...]] = {
    "stage": ("etapa", "etapas", "fase", "fases", "etapa del viaje"),
    "id": ("id del paso", "identificador"),
    "name": ("paso", "pasos", "momento", "momentos", "punto del viaje"),
    "description": ("descripcion", "detalles", "descripcion del paso"),
    "actions": ("accion", "acciones", "que hace", "actividades", "tareas",
                "comportamiento"),
    "needs": ("necesidad", "necesidades", "que necesita"),
    "thoughts": ("pensamiento", "pensamientos", "que piensa", "preguntas", "citas"),
    "emotion": ("emocion", "emociones", "puntuacion", "experiencia", "estado emocional",
                "curva emocional", "valoracion"),
    "feeling": ("sentimiento", "sentimientos", "que siente", "etiqueta de la emocion"),
    "touchpoints": ("punto de contacto", "puntos de contacto", "interacciones"),
    "pain_points": ("punto de dolor", "puntos de dolor", "dolores", "problemas",
                    "frustraciones", "fricciones", "puntos de friccion", "puntos debiles",
                    "obstaculos", "barreras"),
    "opportunities": ("oportunidad", "oportunidades", "oportunidades de mejora", "mejoras",
                      "ideas de mejora", "soluciones"),
    "metrics": ("metrica", "metricas", "indicador", "indicadores", "medidas"),
    "frontstage": ("escenario", "primer plano", "acciones visibles"),
    "backstage": ("tras bambalinas", "trastienda", "segundo plano", "acciones internas"),
    "support": ("soporte", "procesos de soporte", "procesos de apoyo", "sistemas", "apoyo"),
    "duration": ("duracion", "tiempo", "cuanto dura"),
    "moment_of_truth": ("momento de la verdad", "momentos de la verdad"),
    "evidence": ("evidencia",),
    "next": ("siguiente", "siguientes", "lleva a", "va a"),
    "stage_touchpoints": ("puntos de contacto de la etapa",),
    "title": ("titulo", "viaje", "mapa", "mapa del viaje", "mapa del recorrido del cliente"),
    "persona": ("buyer persona", "cliente", "perfil"),
    "start": ("inicio", "punto de partida", "comienzo", "desencadenante"),
    "end": ("fin", "punto final", "final", "resultado"),
    "lang": ("idioma", "lengua"),
}


def words(text: str) -> str:
    """``text`` as lane names are compared: ``"Puntos de Contacto (web):"`` → ``"puntos de
    contacto"``."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for lang, vocabulary in (("es", _ES), ("en", _EN)):  # English wins a word both share
        for field, names in vocabulary.items():
            for name in names:
                table[words(name)] = (field, lang)
    return table


_TABLE = _table()
_AFFIXES = re.compile(r"^(?:customer|customers|user|users|client|the)\s+|"
                      r"\s+(?:del cliente|del usuario|de los clientes)$")


def _variants(name: str) -> list[str]:
    trimmed = _AFFIXES.sub("", name)
    found = [name, trimmed]
    for word in (name, trimmed):
        found += [word[:-2], word[:-1]] if word.endswith("es") else (
            [word[:-1]] if word.endswith("s") else [])
    return found


def lane(label: str) -> tuple[str, str] | None:
    """The field a lane name stands for and the language of the name, or None: ``"Customer
    actions"`` → ``("actions", "en")``; ``"Emotions/Score"`` → ``("emotion", "en")``."""
    for part in [label, *re.split(r"\s*[/&+]\s*|\s+(?:and|y|or|o)\s+", label)]:
        name = words(part)
        for variant in _variants(name):
            if variant and variant in _TABLE:
                return _TABLE[variant]
    return None


def field_of(word: str) -> str | None:
    """The field a ``--column NAME=FIELD`` means: ``pain-points``, ``pain_points`` or a lane
    name (``Pain points``); an ``x-`` key is kept as written."""
    if word.startswith("x-") or word == IGNORE:
        return word
    key = word.strip().lower().replace("-", "_").replace(" ", "_")
    if key in STEP_FIELDS or key in MAP_FIELDS:
        return key
    found = lane(word)
    return found[0] if found else None

"""Stage models from the journey-mapping method, with their names in English and Spanish.

A map names one of these in ``stages:`` (``stages: six-phases``), or lists stage ids, and any id
found here is filled in with the name, goal and purchase phase below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "es"]
PurchasePhase = Literal["before", "during", "after"]


@dataclass(frozen=True)
class PresetStage:
    id: str
    name: dict[str, str]
    goal: dict[str, str]
    phase: PurchasePhase


def _stage(
    id: str, en: str, es: str, goal_en: str, goal_es: str, phase: PurchasePhase
) -> PresetStage:
    return PresetStage(id, {"en": en, "es": es}, {"en": goal_en, "es": goal_es}, phase)


# The three groupings of the running-shoes example: "casi siempre, se trate del producto o
# servicio que sea, los clientes recorren puntos en esas 3 categorías".
CONSIDERATION = _stage(
    "consideration", "Consideration", "Consideración",
    "The customer looks for information and options.",
    "El cliente busca información y opciones.", "before",
)
EVALUATION = _stage(
    "evaluation", "Evaluation", "Evaluación",
    "The customer narrows the options down and compares them.",
    "El cliente reduce las opciones y las compara.", "before",
)
PURCHASE = _stage(
    "purchase", "Purchase", "Compra",
    "The customer buys and starts using what they bought.",
    "El cliente compra y empieza a usar lo que ha comprado.", "during",
)

# The six phases of the customer journey (discovery to loyalty).
DISCOVERY = _stage(
    "discovery", "Discovery", "Descubrimiento",
    "The customer becomes aware of a need or a problem.",
    "El cliente descubre que tiene una necesidad o un problema.", "before",
)
INTEREST = _stage(
    "interest", "Interest", "Interés",
    "The customer considers buying and looks for specific information.",
    "El cliente se plantea comprar y busca información concreta.", "before",
)
INTENT = _stage(
    "intent", "Purchase intent", "Intención de compra",
    "The customer has found several solutions and is close to a decision.",
    "El cliente ha dado con varias soluciones y se acerca la decisión.", "before",
)
CONVERSION = _stage(
    "conversion", "Conversion", "Conversión",
    "The customer chooses one alternative and buys it.",
    "El cliente elige una alternativa y la compra.", "during",
)
SATISFACTION = _stage(
    "satisfaction", "Satisfaction", "Satisfacción",
    "The customer is satisfied with the product and the service.",
    "El cliente queda satisfecho con el producto y el servicio.", "after",
)
LOYALTY = _stage(
    "loyalty", "Loyalty", "Fidelización",
    "The customer comes back and buys again.",
    "El cliente vuelve y nos elige de nuevo.", "after",
)

# Touchpoint mapping: before, during and after the purchase.
BEFORE = _stage(
    "before", "Before the purchase", "Antes de la compra",
    "Every touchpoint that brings the customer to the brand.",
    "Todos los puntos de contacto que acercan al cliente a la marca.", "before",
)
DURING = _stage(
    "during", "During the purchase", "Durante la compra",
    "Every touchpoint while the customer buys.",
    "Todos los puntos de contacto mientras el cliente compra.", "during",
)
AFTER = _stage(
    "after", "After the purchase", "Después de la compra",
    "Every touchpoint once the customer has bought.",
    "Todos los puntos de contacto cuando el cliente ya ha comprado.", "after",
)

# The four steps of a retail buyer's journey.
AWARENESS = _stage(
    "awareness", "Awareness", "Conocimiento",
    "Customers get to know the brand and its products.",
    "Los clientes conocen la marca y sus productos.", "before",
)
VISIT = _stage(
    "visit", "Visit", "Visita",
    "Customers plan a visit and come through the door.",
    "Los clientes planean una visita y cruzan la puerta.", "before",
)
SALE = _stage(
    "sale", "Sale", "Venta",
    "Customers are in the shop and work through their purchase.",
    "Los clientes están en la tienda y avanzan en su compra.", "during",
)
RETURN = _stage(
    "return", "Return", "Regreso",
    "Customers have bought and consider coming back.",
    "Los clientes han comprado y se plantean volver.", "after",
)

PRESETS: dict[str, tuple[PresetStage, ...]] = {
    "consideration-evaluation-purchase": (CONSIDERATION, EVALUATION, PURCHASE),
    "six-phases": (DISCOVERY, INTEREST, INTENT, CONVERSION, SATISFACTION, LOYALTY),
    "before-during-after": (BEFORE, DURING, AFTER),
    "retail": (AWARENESS, VISIT, SALE, RETURN),
}
# What each model is called in words, for the pages and tables people read (ids are for maps).
MODEL_NAMES: dict[str, dict[str, str]] = {
    "consideration-evaluation-purchase": {"en": "The three groupings",
                                          "es": "Las tres agrupaciones"},
    "six-phases": {"en": "The six phases", "es": "Las seis fases"},
    "before-during-after": {"en": "Before, during and after the purchase",
                            "es": "Antes, durante y después de la compra"},
    "retail": {"en": "The retail buyer's journey", "es": "El recorrido del comprador en tienda"},
}
DEFAULT_PRESET = "consideration-evaluation-purchase"
# Other names a model is known by: the method calls the default model "the three groupings".
ALIASES: dict[str, str] = {"three-groupings": DEFAULT_PRESET}


def model_name(name: str) -> str | None:
    """The model ``name`` means (itself, or the model it is an alias of); ``None`` if none."""
    return name if name in PRESETS else ALIASES.get(name)


def model_label(model: str, lang: str) -> str:
    """A preset's name in words in ``lang`` (English when ``lang`` has none); any other id
    as it is."""
    names = MODEL_NAMES.get(model)
    return names.get(lang, names["en"]) if names else model


def aliases_of(model: str) -> list[str]:
    return [alias for alias, target in ALIASES.items() if target == model]

KNOWN_STAGES: dict[str, PresetStage] = {
    stage.id: stage for stages in PRESETS.values() for stage in stages
}

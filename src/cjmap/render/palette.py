"""The emotion palette shared by every renderer: ColorBrewer's RdBu, five classes.

A diverging palette that stays distinguishable with the common forms of colour blindness (red to
blue, never red to green). Each score has a fill and a text colour with contrast of at least
4.5:1 on that fill.
"""

from typing import NamedTuple


class Swatch(NamedTuple):
    fill: str
    text: str


EMOTION: dict[int, Swatch] = {
    -2: Swatch("#b2182b", "#ffffff"),
    -1: Swatch("#f4a582", "#1a1a1a"),
    0: Swatch("#f7f7f7", "#1a1a1a"),
    1: Swatch("#92c5de", "#1a1a1a"),
    2: Swatch("#2166ac", "#ffffff"),
}
# A step with no emotion recorded.
UNKNOWN = Swatch("#ffffff", "#1a1a1a")
PAIN = "#b2182b"
MOMENT_OF_TRUTH = "#7b3294"
INK = "#1a1a1a"
MUTED = "#595959"


class PersonaStyle(NamedTuple):
    """How one persona's curve is told apart: colour, and also dash and marker shape, so that
    it never rests on colour alone."""

    colour: str
    dash: str  # SVG stroke-dasharray; "" is a solid line
    marker: str  # circle, square, triangle, diamond, down, cross


# Okabe and Ito's colour-blind-safe qualitative palette, its two light colours (orange, yellow)
# replaced by darker ones so that every line keeps a contrast of at least 3:1 on white.
PERSONAS: tuple[PersonaStyle, ...] = (
    PersonaStyle("#1a1a1a", "", "circle"),
    PersonaStyle("#0072b2", "8 4", "square"),
    PersonaStyle("#c4510a", "2 3", "triangle"),
    PersonaStyle("#007a5a", "10 3 2 3", "diamond"),
    PersonaStyle("#aa4499", "5 2", "down"),
    PersonaStyle("#7a6300", "1 4", "cross"),
)

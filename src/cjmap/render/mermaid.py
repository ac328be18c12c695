"""The journey as a Mermaid ``journey`` diagram, which GitHub draws inside Markdown.

A ``section`` per stage (a new one each time the stage changes, so the steps stay in the order
the customer lives them), a task per step with its emotion as the score, and the persona as the
actor. Mermaid scores run 1–5: a step's emotion −2..+2 becomes 1..5 and a step without an
emotion is drawn neutral (3).

Mermaid's journey grammar cannot carry some characters in some places (a ``:`` ends a task
name, ``#`` starts a comment, ``;`` ends a statement, ``,`` separates actors), and it reads a
task whose name starts with a keyword (``title``, ``section``, ``journey``…) as that keyword.
:func:`clean` replaces each such character with its full-width form (``：`` ``；`` ``＃`` ``，``),
which every system font has and every reader recognises, so the diagram reads as the map does.
The title also gets full-width ``＆ ＜ ＞``: Mermaid sanitises it as HTML, then shows it as text.
"""

import re

from cjmap.format.model import Journey
from cjmap.render import RenderOptions

NEUTRAL_SCORE = 3

# What each place of the diagram cannot hold, and what stands in for it: "Checkout: card" shows
# as "Checkout： card", "Order #3" as "Order ＃3".
_COLON = {":": "："}
_HASH_SEMICOLON = {"#": "＃", ";": "；"}
_COMMA = {",": "，"}
# Mermaid passes the title (only) through an HTML sanitiser and then draws it as plain text, so
# "R&D" would show as "R&amp;D" and "<script>" would vanish.
_MARKUP = {"&": "＆", "<": "＜", ">": "＞"}
TITLE_REPLACEMENTS = {**_HASH_SEMICOLON, **_MARKUP}
NAME_REPLACEMENTS = {**_HASH_SEMICOLON, **_COLON}
ACTOR_REPLACEMENTS = {**NAME_REPLACEMENTS, **_COMMA}

# Lexer rules of Mermaid's journey grammar that would win over a task name starting this way
# (case-insensitive): keywords, and comments ("%..." or any character followed by "%%").
_KEYWORD_START = re.compile(r"(?i)(journey\b|title\s|section\s|acc(title|descr)|%|[^}]%%)")
# U+2060 WORD JOINER: invisible, not whitespace for JavaScript's \s, and not a line break.
WORD_JOINER = "\u2060"


def render(journey: Journey, options: RenderOptions) -> bytes:
    """The ``journey`` diagram as Mermaid source text (UTF-8)."""
    return diagram(journey).encode("utf-8")


def diagram(journey: Journey) -> str:
    lines = ["journey", f"    title {clean(journey.title, TITLE_REPLACEMENTS)}"]
    actor = clean(journey.persona.name, ACTOR_REPLACEMENTS) if journey.persona else ""
    names = {stage.id: stage.name or stage.id for stage in journey.stages}
    current = None
    for step in journey.steps:
        if step.stage != current:
            current = step.stage
            lines.append(f"    section {clean(names[current or ''], NAME_REPLACEMENTS)}")
        score = step.emotion.score + 3 if step.emotion is not None else NEUTRAL_SCORE
        task = f"      {task_name(step.name)}: {score}"
        lines.append(f"{task}: {actor}" if actor else task)
    return "\n".join(lines) + "\n"


def clean(text: str, replacements: dict[str, str]) -> str:
    """``text`` on one line with the characters Mermaid cannot carry here replaced."""
    one_line = " ".join(text.split())
    cleaned = "".join(replacements.get(char, char) for char in one_line)
    return cleaned or "—"


def task_name(name: str) -> str:
    """A step's name as a task name that Mermaid's lexer cannot read as anything else."""
    cleaned = clean(name, NAME_REPLACEMENTS)
    if _KEYWORD_START.match(cleaned):
        # A joiner before the first character defeats the comment rules, one after it the
        # keywords; the lexer then has only the task-name rule left.
        return WORD_JOINER + cleaned[0] + WORD_JOINER + cleaned[1:]
    return cleaned

"""The journey as a Mermaid ``journey`` diagram, which GitHub draws inside Markdown.

A ``section`` per stage (a new one each time the stage changes, so the steps stay in the order
the customer lives them), a task per step with its emotion as the score, and the persona as the
actor. Mermaid scores run 1–5: a step's emotion −2..+2 becomes 1..5 and a step without an
emotion is drawn neutral (3). A map where no step records an emotion is a ``timeline`` instead,
so that no row of made-up scores reads as data; a touchpoint audit is a journey of its scored
touchpoints, each scored by its average quality (see :func:`kind`).

Mermaid's journey grammar cannot carry some characters in some places (a ``:`` ends a task
name, ``#`` starts a comment, ``;`` ends a statement, ``,`` separates actors), and it reads a
task whose name starts with a keyword (``title``, ``section``, ``journey``…) as that keyword.
:func:`clean` replaces each such character with its full-width form (``：`` ``；`` ``＃`` ``，``),
which every system font has and every reader recognises, so the diagram reads as the map does.
The title also gets full-width ``＆ ＜ ＞``: Mermaid sanitises it as HTML, then shows it as text.

Before its grammar, Mermaid scans the whole text for directives (``%%{init: …}%%`` changes the
theme, even at ``securityLevel: strict``), comments, tags and its own entity stand-ins. A user's
text must never form one, so :func:`clean` puts an invisible WORD JOINER inside each such pair
(``%%`` shows as ``%%``, but is no longer one token) and in place of U+FEFF, which JavaScript
counts as whitespace. See docs/render.md for what a reader sees.
"""

import re
from typing import Literal

from cjmap.format.model import Journey, Touchpoint
from cjmap.render import RenderOptions
from cjmap.render.formatting import short_name

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

# U+2060 WORD JOINER: invisible, not whitespace for JavaScript's \s, and not a line break.
WORD_JOINER = "\u2060"
# U+FEFF is whitespace to JavaScript (Mermaid's lexer skips it before a task name, String.trim
# drops it around an actor) but not to Python's str.split; U+2060 is its invisible stand-in.
_ZERO_WIDTH_NO_BREAK_SPACE = "\ufeff"
# Pairs that Mermaid acts on wherever they appear, before its grammar sees the text; a joiner
# after the first character breaks each. "%%" opens a directive ("%%{init: …}%%" is applied as
# configuration, then cut; "%%{ x" swallows the rest of the diagram) or a comment. "<" and a
# letter open a tag whose ="…" Mermaid rewrites as ='…' ("<br>" is a line break in SVG text).
# "ﬂ°" and "¶ß" are Mermaid's own stand-ins for "&" and ";", turned back into them in the SVG.
_ACTED_ON = re.compile(r"(?a)%(?=%)|<(?=\w)|ﬂ(?=°)|¶(?=ß)")
# Lexer rules of Mermaid's journey grammar that would win over a task name starting this way,
# spelled as JavaScript reads them: case-insensitive in ASCII only, and \b and \s in ASCII
# (after clean no other whitespace is left). A "%" starts a comment.
# (The timeline grammar has the same rules, with "timeline" for "journey".)
_KEYWORD_START = re.compile(r"(?ai)(journey|timeline)\b|title\s|section\s|acc(title|descr)|%")

# What a diagram's tasks are scored by: the main persona's emotion; in a touchpoint audit, each
# touchpoint's average quality; with neither, nothing, and the map is drawn as a timeline.
Kind = Literal["emotion", "quality", "timeline"]

def render(journey: Journey, options: RenderOptions) -> bytes:
    """The ``journey`` diagram as Mermaid source text (UTF-8)."""
    return diagram(journey).encode("utf-8")


def kind(journey: Journey) -> Kind:
    """Which diagram :func:`diagram` writes for ``journey``. A journey diagram needs a score for
    every task, and a row of made-up neutral scores would read as data: a map whose steps record
    no emotion (or an audit with no scored touchpoint) is a ``timeline`` of its stages instead."""
    if journey.is_audit():
        return "quality" if any(_quality(t) for stage in journey.stages
                                for t in stage.touchpoints) else "timeline"
    return "timeline" if all(step.emotion is None for step in journey.steps) else "emotion"


def diagram(journey: Journey) -> str:
    drawn = kind(journey)
    names = {stage.id: stage.name or stage.id for stage in journey.stages}
    # Sections in the order the tasks come: a new one each time the stage changes.
    tasks: list[tuple[str, str]] = []  # (stage id, task line after the name)
    if journey.is_audit():
        for stage in journey.stages:
            for touchpoint in stage.touchpoints:
                score = _quality(touchpoint)
                if drawn == "timeline" or score is not None:
                    tasks.append((stage.id, task_name(touchpoint.name)
                                  + (f": {score}" if score is not None else "")))
    else:
        # The actor is who the persona is ("Sam"), not the description after a comma, which
        # Mermaid would show as a second, full-width-comma-joined name.
        actor = clean(short_name(journey.persona.name), ACTOR_REPLACEMENTS) \
            if journey.persona and drawn == "emotion" else ""
        for step in journey.steps:
            line = task_name(step.name)
            if drawn == "emotion":
                line += f": {step.emotion.score + 3 if step.emotion else NEUTRAL_SCORE}"
                line += f": {actor}" if actor else ""
            tasks.append((step.stage or "", line))
    lines = ["journey" if drawn != "timeline" else "timeline",
             f"    title {clean(journey.title, TITLE_REPLACEMENTS)}"]
    current = None
    for stage_id, line in tasks:
        if stage_id != current:
            current = stage_id
            lines.append(f"    section {clean(names[stage_id], NAME_REPLACEMENTS)}")
        lines.append(f"      {line}")
    return "\n".join(lines) + "\n"


def _quality(touchpoint: Touchpoint) -> int | None:
    """A touchpoint's average quality on Mermaid's 1–5 scale, rounded half up (3.5 → 4)."""
    scores = touchpoint.quality.scores() if touchpoint.quality else {}
    return int(sum(scores.values()) / len(scores) + 0.5) if scores else None


def clean(text: str, replacements: dict[str, str]) -> str:
    """``text`` on one line with the characters Mermaid cannot carry here replaced."""
    one_line = " ".join(text.replace(_ZERO_WIDTH_NO_BREAK_SPACE, WORD_JOINER).split())
    replaced = "".join(replacements.get(char, char) for char in one_line)
    return _ACTED_ON.sub(lambda pair: pair[0] + WORD_JOINER, replaced) or "—"


def task_name(name: str) -> str:
    """A step's name as a task name that Mermaid's lexer cannot read as anything else."""
    cleaned = clean(name, NAME_REPLACEMENTS)
    if _KEYWORD_START.match(cleaned):
        # No lexer rule starts with a joiner but the task name's; clean has already broken
        # every "%%", so the comment rule "any character, then %%" cannot match either.
        return WORD_JOINER + cleaned
    return cleaned

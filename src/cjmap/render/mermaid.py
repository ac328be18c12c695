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

Mermaid's journey draws every task in a box of 150 × 50 px and every section across its tasks,
each label an HTML box (``textPlacement: fo``, the default GitHub draws) that wraps at spaces
but neither grows nor breaks a long word, and shows ``<br>`` as those four characters. (Its SVG
text mode, which does split at ``<br>``, draws task labels white and section labels in their
own box's colour in every built-in theme.) So :func:`fit` leaves line breaking to that HTML box
and only makes the name fit it: a word wider than a line gets zero-width spaces, invisible
places where the browser may break it, and a name longer than the box's two lines is cut at a
word with ``…``. A timeline measures and wraps its labels itself, at spaces and at ``<br>``,
and its boxes grow with them: there only a word wider than a line is broken, with ``<br>``.
"""

import re
import unicodedata
from typing import Literal

from cjmap.format.model import Journey, Touchpoint
from cjmap.render import RenderOptions
from cjmap.render.formatting import short_name

NEUTRAL_SCORE = 3

# Mermaid's journey layout, its defaults: a task box is TASK_WIDTH px wide, TASK_GAP apart,
# and holds LINES_PER_BOX lines of its 16 px label font (50 px high, a line about 19 px).
TASK_WIDTH = 150
TASK_GAP = 50
# The widths a diagram may ask for in its front matter (``journey: {width: …}``), so that its
# names fit whole: the layout has room sideways only, the height of a box is fixed.
TASK_WIDTHS = (TASK_WIDTH, 200, 250, 300)
LINES_PER_BOX = 2
# A timeline wraps a task at 150 px and a section at 200 px a task, less 50.
TIMELINE_WIDTH = 150
_FONT_PX = 16
# U+200B ZERO WIDTH SPACE: a place a browser may break a line, not whitespace for JavaScript.
BREAK_OPPORTUNITY = "\u200b"
BREAK = "<br>"
ELLIPSIS = "…"

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
    tasks: list[tuple[str, str, str]] = []  # (stage id, task name, what follows the name)
    if journey.is_audit():
        for stage in journey.stages:
            for touchpoint in stage.touchpoints:
                score = _quality(touchpoint)
                if drawn == "timeline" or score is not None:
                    tasks.append((stage.id, task_name(touchpoint.name),
                                  f": {score}" if score is not None else ""))
    else:
        # The actor is who the persona is ("Sam"), not the description after a comma, which
        # Mermaid would show as a second, full-width-comma-joined name.
        actor = clean(short_name(journey.persona.name), ACTOR_REPLACEMENTS) \
            if journey.persona and drawn == "emotion" else ""
        for step in journey.steps:
            rest = ""
            if drawn == "emotion":
                rest = f": {step.emotion.score + 3 if step.emotion else NEUTRAL_SCORE}"
                rest += f": {actor}" if actor else ""
            tasks.append((step.stage or "", task_name(step.name), rest))
    width = TIMELINE_WIDTH if drawn == "timeline" else task_width([name for _, name, _ in tasks])
    lines = ["journey" if drawn != "timeline" else "timeline",
             f"    title {clean(journey.title, TITLE_REPLACEMENTS)}"]
    current = None
    for index, (stage_id, name, rest) in enumerate(tasks):
        if stage_id != current:
            current = stage_id
            # A section's box spans its run of tasks and the gaps between them.
            run = next((i for i in range(index, len(tasks)) if tasks[i][0] != stage_id),
                       len(tasks)) - index
            section = fit(clean(names[stage_id], NAME_REPLACEMENTS),
                          run * width + (run - 1) * TASK_GAP, drawn)
            lines.append(f"    section {section}")
        lines.append(f"      {fit(name, width, drawn)}{rest}")
    text = "\n".join(lines) + "\n"
    if width == TASK_WIDTH or drawn == "timeline":
        return text
    return f"---\nconfig:\n  journey:\n    width: {width}\n---\n{text}"


def task_width(names: list[str]) -> int:
    """The narrowest of Mermaid's task width and the wider ones cjmap offers in which every
    name fits its box whole (without a word broken or cut), else the widest."""
    for width in TASK_WIDTHS:
        if all(len(lines := _lines(name, width, BREAK_OPPORTUNITY)) <= LINES_PER_BOX
               and not any(line.endswith(BREAK_OPPORTUNITY) for line in lines)
               for name in names):
            return width
    return TASK_WIDTHS[-1]


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


def fit(text: str, width: int, drawn: Kind) -> str:
    """``text`` (cleaned: one line, single spaces) as it fits a label ``width`` px wide. In a
    journey, a word wider than a line gets a zero-width space where each of its lines ends, and
    a text of more lines than the box holds is cut at a word with ``…``; in a timeline, the word
    gets ``<br>``."""
    hard = BREAK if drawn == "timeline" else BREAK_OPPORTUNITY
    lines = _lines(text, width, hard)
    if drawn != "timeline" and len(lines) > LINES_PER_BOX:
        lines = [*lines[:LINES_PER_BOX - 1], _cut(lines[LINES_PER_BOX - 1], width / _FONT_PX)]
    # A line that ends in a break continues its word on the next line.
    return "".join(line if line.endswith(hard) else f"{line} "
                   for line in lines[:-1]) + lines[-1]


def _lines(text: str, width: int, hard: str) -> list[str]:
    """``text`` in lines as Mermaid lays it out in ``width`` px, each broken at the last space
    that fits, and a word wider than a line broken with ``hard`` where the line ends. The
    widths are estimates (:func:`_em`) on the wide side, so that the text fits whichever
    sans-serif font draws it."""
    room = width / _FONT_PX
    lines: list[str] = []
    line, used = "", 0.0
    for word in text.split(" "):
        size = sum(map(_em, word))
        if line and used + _em(" ") + size <= room:
            line, used = f"{line} {word}", used + _em(" ") + size
            continue
        if line:
            lines.append(line)
        line, used = "", 0.0
        for char in word:
            if line and used + _em(char) > room:
                lines.append(line + hard)
                line, used = "", 0.0
            line, used = line + char, used + _em(char)
    lines.append(line)
    return lines


def _cut(line: str, room: float) -> str:
    """``line`` and ``…`` within ``room`` ems: at its last word that fits, else mid-word."""
    line = line.removesuffix(BREAK_OPPORTUNITY)  # the word goes on no further line
    while line and sum(map(_em, line + ELLIPSIS)) > room:
        line = line.rsplit(" ", 1)[0] if " " in line.strip() else line[:-1]
    return line.rstrip() + ELLIPSIS


# Widths in ems of the label's font (Trebuchet MS, Verdana, Arial, a sans-serif), after Arial's
# metrics (which Chromium uses here) and a twentieth more: the letters and punctuation narrower
# or wider than most, "…" a full em; capitals; the rest (digits, Latin, Greek, Cyrillic) as an
# "n"; East Asian wide characters and emoji wider than an em.
_WIDTHS = {**dict.fromkeys("ijl'", 0.23), **dict.fromkeys("I.,;:!|/ ft", 0.28),
           **dict.fromkeys('r()[]{}-"', 0.34), **dict.fromkeys("sckvxyzJ", 0.5), "w": 0.73,
           **dict.fromkeys("mM%&", 0.89), **dict.fromkeys("W@…", 1.02)}
_SCALE = 1.05


def _em(char: str) -> float:
    if unicodedata.category(char) in ("Cf", "Mn", "Me"):
        return 0.0
    if char in _WIDTHS:
        return _WIDTHS[char] * _SCALE
    if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) >= 0x1F000:
        return 1.1 * _SCALE
    return (0.73 if char.isupper() else 0.56) * _SCALE

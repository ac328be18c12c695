"""Mermaid ``journey`` diagrams (a ``.mmd`` file, or the ```mermaid blocks of a Markdown file)
read as Mermaid itself reads them, and turned into maps.

Mermaid (11.x, ``diagrams/user-journey/parser/journey.jison``) does not read the text its user
wrote: it first turns CRLF into LF, cuts YAML front matter (whose ``title`` is the diagram's
unless a ``title`` line follows), ``%%{…}%%`` directives and the lines that start with ``%%``,
trims the start, and replaces entity codes (``#quot;``, ``#35;``) with stand-ins. Its lexer then
takes, at each place, the first of its rules that matches (not the longest), case-insensitively:
a ``%`` or any character followed by ``%%`` starts a comment, so does ``#``; ``journey``,
``title …``, ``section …``, ``accTitle:``/``accDescr:`` are keywords wherever a token starts; a
task name runs up to ``:``, ``#``, ``;`` or the line's end, its data up to ``#``, ``;`` or the
line's end; ``;`` is an error. A task's data is split at ``:``: the first piece is the score
(JavaScript's ``Number``: ``" 5 "`` is 5, ``""`` is 0, ``0x5`` is 5), the second the actors
(split at ``,``); any further piece is ignored. This module follows each of those steps in the
same order, keeping, for every character, where it was in the file, so that a problem is
reported at its line and column. ``tests/author/importers/test_mermaid.py`` holds it to what
Mermaid's own parser reads.

What Mermaid has and a map has too is carried over: the title, ``accDescr`` (the description),
sections (stages), tasks (steps), scores (emotion = score − 3, the inverse of
:mod:`cjmap.render.mermaid`) and actors (the persona and participants). What it has that a
map has not (``accTitle``, a directive's or front matter's rendering settings, a third ``:``
piece) is named on standard error; ``accTitle`` is also kept under ``x-import``.
"""

import html
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cjmap.author.importers.base import Imported, ImportOptions, SourceError
from cjmap.author.importers.build import (
    ASSUMED,
    Ids,
    emotion_of,
    plan_stages,
    slug,
    step_ids,
    title_from,
)

SUFFIXES = (".mmd", ".mermaid", ".md", ".markdown")
MARKDOWN = (".md", ".markdown")
# The scores Mermaid draws, and what a map's emotion −2..+2 becomes in cjmap's export.
LOWEST, HIGHEST = 1, 5

# JavaScript's \s (and what String.prototype.trim removes): not quite Python's.
_JS_SPACE = ("\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
             + "\u2028\u2029\u202f\u205f\u3000\ufeff")
S = f"[{_JS_SPACE}]"
_JS_DOT = "[^\n\r\u2028\u2029]"  # JavaScript's "." without the s flag
_WORD = "[A-Za-z0-9_]"  # JavaScript's \w without the u flag

# Mermaid's own regular expressions (diagram-api/regexes.ts, comments.ts, preprocess.ts and
# utils.ts's encodeEntities), spelled for Python with JavaScript's classes.
_FRONT_MATTER = re.compile(rf"-{{3}}{S}*[\n\r](.*?)[\n\r]-{{3}}{S}*[\n\r]+", re.S)
_DIRECTIVE = re.compile(
    rf"%{{2}}\{{{S}*(?:({_WORD}+){S}*:|({_WORD}+)){S}*(?:({_WORD}+)|((?:(?!\}}%{{2}})"
    rf"{_JS_DOT}|\r?\n)*))?{S}*(?:\}}%{{2}})?", re.I)
_COMMENT_LINE = re.compile(rf"(?:^|(?<=[\u2028\u2029])){S}*%%(?!\{{)[^\n]+\n?", re.M)
_ANY_COMMENT = re.compile(rf"{S}*%%{_JS_DOT}*\n", re.M)
_LINE_BREAKS = re.compile(r"\r\n?")
_TAG = re.compile(r"<(\w+)([^>]*)>")
_DOUBLE_QUOTED_ATTRIBUTE = re.compile(r'="([^"]*)"')
_STYLE = re.compile(rf"style{_JS_DOT}*:[^{_JS_SPACE}]*#{_JS_DOT}*;")
_CLASS_DEF = re.compile(rf"classDef{_JS_DOT}*:[^{_JS_SPACE}]*#{_JS_DOT}*;")
_ENTITY = re.compile(rf"#({_WORD}+);")
_JOURNEY = re.compile(rf"{S}*journey")
_DIAGRAM_TYPE = re.compile(rf"{S}*([A-Za-z][\w-]*)")

# The stand-ins of encodeEntities, turned back as Mermaid's decodeEntities does when drawing.
_ENCODED = re.compile("ﬂ°(°?)([A-Za-z0-9_]+)¶ß")
# cjmap's export puts this invisible character where Mermaid would act on a pair of characters.
_WORD_JOINER = "\u2060"
_BREAK = re.compile(r"<br\s*/?>", re.I)

# The lexer's rules in the start condition, in its order (the first that matches wins).
_I = re.I | re.A
_RULES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"%(?!\{)[^\n]*"), None),
    (re.compile(r"[^}]%%[^\n]*"), None),
    (re.compile(r"\n+"), "NEWLINE"),
    (re.compile(f"{S}+"), None),
    (re.compile(r"#[^\n]*"), None),
    (re.compile(r"journey\b", _I), "journey"),
    (re.compile(rf"title{S}[^#\n;]+", _I), "title"),
    (re.compile(rf"accTitle{S}*:{S}*", _I), "acc_title"),
    (re.compile(rf"accDescr{S}*:{S}*", _I), "acc_descr"),
    (re.compile(rf"accDescr{S}*\{{{S}*", _I), "acc_descr_multiline"),
    (re.compile(rf"section{S}[^#:\n;]+", _I), "section"),
    (re.compile(r"[^#:\n;]+"), "taskName"),
    (re.compile(r":[^#\n;]+"), "taskData"),
    (re.compile(r":"), ":"),
    (re.compile(r"."), "INVALID"),
]
_REST_OF_LINE = re.compile(r"[^\n]*")
_UNTIL_BRACE = re.compile(r"[^}]*")


@dataclass
class Mapped:
    """A text and, for each character (and its end), the offset in the file it came from."""

    text: str
    origin: list[int]

    @classmethod
    def of(cls, text: str, start: int = 0) -> "Mapped":
        return cls(text, list(range(start, start + len(text) + 1)))

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str],
            count: int = 0) -> "Mapped":
        """``pattern`` replaced as JavaScript's String.replace does (``count=1``: without the g
        flag); each new character comes from where its match started."""
        texts: list[str] = []
        origin: list[int] = []
        last = 0
        for number, match in enumerate(pattern.finditer(self.text)):
            if count and number >= count:
                break
            start, end = match.span()
            texts.append(self.text[last:start])
            origin += self.origin[last:start]
            new = replace(match)
            texts.append(new)
            origin += (self.origin[start:end] if len(new) == end - start
                       else [self.origin[start]] * len(new))
            last = end
        texts.append(self.text[last:])
        origin += self.origin[last:]
        return Mapped("".join(texts), origin)

    def __add__(self, tail: str) -> "Mapped":
        return Mapped(self.text + tail, self.origin[:-1] + [self.origin[-1]] * (len(tail) + 1))


@dataclass
class Task:
    name: str
    data: str  # after the ':', as the lexer cut it
    section: str | None  # None: before any section
    data_at: int  # offset of the data in the file


@dataclass
class Prepared:
    """A diagram's text as Mermaid's lexer gets it, and what preprocessing cut from it."""

    code: Mapped
    front_matter: str | None = None
    front_matter_at: int = 0
    directives: list[str] = field(default_factory=list)


@dataclass
class Diagram:
    """What Mermaid's parser reads from one journey."""

    at: int  # offset of the diagram in the file
    title: str | None = None
    acc_title: str | None = None
    acc_descr: str | None = None
    settings: list[str] = field(default_factory=list)  # directives, front matter keys
    sections: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


class _Lines:
    """Offsets in the file → 1-based line and column (in characters)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [match.end() for match in re.finditer(r"\r\n?|\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def sniff(data: bytes) -> bool:
    """Whether ``data`` is a Mermaid journey diagram, or Markdown holding one."""
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    return _is_journey(_prepare(Mapped.of(text)).code.text) or any(
        _is_journey(_prepare(block.content).code.text) for block in _fences(text))


def read(data: bytes, name: str, options: ImportOptions) -> list[Imported]:
    """Every journey diagram of ``data``: the file itself (a ``.mmd`` file), or each
    ```mermaid block holding one (a Markdown file, or a text that is no diagram itself)."""
    text = _decode(data)
    lines = _Lines(text)
    blocks = _fences(text)
    if not name.lower().endswith(MARKDOWN):
        prepared = _prepare(Mapped.of(text))
        if _is_journey(prepared.code.text) or not blocks:
            if not _is_journey(prepared.code.text):
                raise _error(f"no journey diagram found: the file holds "
                             f"{_kind(prepared.code.text)}", _start(prepared), lines,
                             "a journey diagram starts with 'journey', in lower case")
            return [_journey(_parse(prepared, lines), options, lines, title_from(name))]
    found = []
    others = []
    for block in blocks:
        prepared = _prepare(block.content)
        if _is_journey(prepared.code.text):
            found.append(_journey(_parse(prepared, lines), options, lines,
                                  block.heading or title_from(name)))
        else:
            others.append(_kind(prepared.code.text))
    if not found:
        what = (f"its {_plural(len(blocks), 'mermaid block')} "
                f"{'holds' if len(blocks) == 1 else 'hold'} {', '.join(others)}" if blocks
                else "it has no ```mermaid block")
        raise SourceError(f"no journey diagram found: {what}",
                          hint="a journey diagram starts with 'journey', in lower case "
                          "(mermaid.js.org/syntax/userJourney.html)")
    return found


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise SourceError(f"not UTF-8 text: byte {data[error.start]:#04x} cannot be decoded",
                          line, column, "save the file as UTF-8") from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _kind(code: str) -> str:
    match = _DIAGRAM_TYPE.match(code)
    if match is None:
        return "no diagram"
    if match.group(1).lower() == "journey":
        return f"'{match.group(1)}', which Mermaid does not read as 'journey'"
    return f"a {match.group(1)} diagram"


def _start(prepared: Prepared) -> int:
    return prepared.code.origin[0]


@dataclass
class _Block:
    content: Mapped
    heading: str | None  # the Markdown heading above the block


_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$", re.M)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)


def _fences(text: str) -> list[_Block]:
    """The ```mermaid (or ~~~mermaid) blocks of a Markdown text, delimited as CommonMark
    does: the closing fence has the opening's character, at least as many, and content lines
    lose the opening fence's indentation."""
    blocks = []
    position = 0
    heading = None
    while (opening := _FENCE.search(text, position)) is not None:
        indent, fence, info = opening.groups()
        if fence[0] == "`" and "`" in info:
            position = opening.end()  # not a fence: an inline code span
            continue
        for match in _HEADING.finditer(text, position, opening.start()):
            heading = _clean(match.group(1))
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        body_start = min(opening.end() + 1, len(text))
        end = closing.search(text, body_start)
        body_end = end.start() if end else len(text)
        position = end.end() if end else len(text)
        words = info.split()
        if not words or words[0].lower() != "mermaid":
            continue
        pieces: list[str] = []
        origin: list[int] = []
        offset = body_start
        for line in text[body_start:body_end].splitlines(keepends=True):
            cut = min(len(line) - len(line.lstrip(" ")), len(indent))
            pieces.append(line[cut:])
            origin += range(offset + cut, offset + len(line))
            offset += len(line)
        blocks.append(_Block(Mapped("".join(pieces), [*origin, body_end]), heading))
    return blocks


def _prepare(code: Mapped) -> Prepared:
    """What Mermaid's preprocessDiagram makes of a diagram's text before its lexer sees it."""
    code = code.sub(_LINE_BREAKS, lambda match: "\n")
    code = code.sub(_TAG, lambda match: "<" + match.group(1) + _DOUBLE_QUOTED_ATTRIBUTE.sub(
        r"='\1'", match.group(2)) + ">")
    prepared = Prepared(code)
    front = _FRONT_MATTER.match(code.text)
    if front is not None:
        prepared.front_matter = front.group(1)
        prepared.front_matter_at = code.origin[front.start(1)]
        code = Mapped(code.text[front.end():], code.origin[front.end():])
    prepared.directives = [match.group(0) for match in _DIRECTIVE.finditer(code.text)]
    code = code.sub(_DIRECTIVE, lambda match: "")
    code = code.sub(_COMMENT_LINE, lambda match: "")
    start = len(code.text) - len(code.text.lstrip(_JS_SPACE))
    prepared.code = Mapped(code.text[start:], code.origin[start:])
    return prepared


def _is_journey(code: str) -> bool:
    """Mermaid's detectType for the journey diagram (case-sensitive, unlike its lexer)."""
    cleaned = _ANY_COMMENT.sub("\n", _DIRECTIVE.sub("", _FRONT_MATTER.sub("", code, count=1)))
    return _JOURNEY.match(cleaned) is not None


def _encode_entities(code: Mapped) -> Mapped:
    code = code.sub(_STYLE, lambda match: match.group(0)[:-1])
    code = code.sub(_CLASS_DEF, lambda match: match.group(0)[:-1])
    return code.sub(_ENTITY, lambda match: (
        "ﬂ°°" if match.group(1).isdigit() else "ﬂ°") + match.group(1) + "¶ß")


def _tokens(code: Mapped) -> list[tuple[str, str, int]]:
    """The tokens of Mermaid's journey lexer: (kind, text, offset in the file)."""
    text = code.text
    found: list[tuple[str, str, int]] = []
    position = 0
    while position < len(text):
        # The first rule that matches wins; the last one matches any character.
        match, kind = next((hit, kind) for pattern, kind in _RULES
                           if (hit := pattern.match(text, position)) is not None)
        position = match.end()
        if kind in ("acc_title", "acc_descr", "acc_descr_multiline"):
            value = (_UNTIL_BRACE if kind == "acc_descr_multiline" else _REST_OF_LINE).match(
                text, position)
            assert value is not None  # both match the empty text
            found.append((kind, value.group(0), code.origin[position]))
            position = value.end() + (kind == "acc_descr_multiline" and text.startswith(
                "}", value.end()))
        elif kind is not None:
            found.append((kind, match.group(0), code.origin[match.start()]))
    found.append(("EOF", "", code.origin[len(text)]))
    return found


def _js_trim(text: str) -> str:
    return text.strip(_JS_SPACE)


def _parse(prepared: Prepared, lines: _Lines) -> Diagram:
    """The journey as Mermaid's grammar reads it; a :class:`SourceError` where it fails."""
    diagram = Diagram(at=_start(prepared))
    diagram.settings += [" ".join(directive.split())[:120] for directive in prepared.directives]
    diagram.title = _front_matter(prepared, diagram, lines)
    tokens = _tokens(_encode_entities(prepared.code) + "\n")
    section: str | None = None
    index = 1  # _is_journey made sure the first token is 'journey'
    while index < len(tokens):
        kind, text, at = tokens[index]
        index += 1
        if kind == "title":
            diagram.title = text[len("title "):]
        elif kind == "acc_title":
            diagram.acc_title = _js_trim(text)
        elif kind in ("acc_descr", "acc_descr_multiline"):
            diagram.acc_descr = _js_trim(text)
        elif kind == "section":
            section = text[len("section "):]
            diagram.sections.append(section)
        elif kind == "taskName":
            following, data, data_at = tokens[index]
            if following != "taskData":
                raise (_unexpected(following, data, data_at, lines) if data == ";"
                       else _no_score(text, following, data_at, lines))
            index += 1
            diagram.tasks.append(Task(text, data[1:], section, data_at + 1))
        elif kind not in ("NEWLINE", "EOF"):
            raise _unexpected(kind, text, at, lines)
    return diagram


def _front_matter(prepared: Prepared, diagram: Diagram, lines: _Lines) -> str | None:
    """The front matter's title (the diagram's, unless a ``title`` line follows); its other
    keys are rendering settings."""
    if prepared.front_matter is None:
        return None
    from cjmap.parse.yamlfast import YamlError, parse

    try:
        data = parse(prepared.front_matter).data
    except YamlError as error:
        line, column = lines.at(prepared.front_matter_at)
        raise SourceError(f"the front matter is not YAML: {error.message}",
                          line + error.span.line - 1,
                          error.span.column + (column - 1 if error.span.line == 1 else 0),
                          "fix the YAML between the '---' lines, or remove it") from None
    if not isinstance(data, dict):
        return None
    if set(data) - {"title"}:
        diagram.settings.append("front matter " + ", ".join(str(key) for key in data
                                                           if key != "title"))
    title = data.get("title")
    if isinstance(title, bool):
        return "true" if title else None
    return str(title) if isinstance(title, str | int | float) and title else None


def _error(message: str, at: int, lines: _Lines, hint: str | None = None) -> SourceError:
    line, column = lines.at(at)
    return SourceError(message, line, column, hint)


def _no_score(name: str, following: str, at: int, lines: _Lines) -> SourceError:
    shown = _clean(name)
    hint = f"write '{shown}: 3' (a score from 1 to 5, then ': ' and the actors if any)"
    if following == ":":
        return _error(f"the task '{shown}' has nothing after ':', where Mermaid needs a score",
                      at, lines, hint)
    return _error(f"the task '{shown}' has no score: Mermaid reads a task as 'name: score' "
                  "or 'name: score: actors'", at, lines, hint)


def _unexpected(kind: str, text: str, at: int, lines: _Lines) -> SourceError:
    if text == ";":
        return _error("Mermaid's journey grammar has no ';': it cannot read the text from here",
                      at, lines, "remove the ';', or write the full-width '；'")
    if kind == "journey":
        return _error("Mermaid reads 'journey' here as the start of a diagram, not as text",
                      at, lines, "reword it (e.g. 'The journey…'); a new diagram needs a "
                      "block of its own")
    if kind == "taskData":
        return _error("a task needs a name before ':'", at, lines,
                      "write 'name: score: actors'")
    return _error(f"Mermaid cannot read {text[:40]!r} here", at, lines,
                  "a journey holds 'title', 'section' and 'task: score: actors' lines")


def _decoded(text: str) -> str:
    """Mermaid's entity codes as the characters it draws for them."""

    def entity(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(2))
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF \
                else "\ufffd"
        return html.unescape(f"&{match.group(2)};")

    return _ENCODED.sub(entity, text)


def _clean(text: str) -> str:
    """A label as a reader sees it: entities decoded, ``<br>`` a space, no word joiner (cjmap's
    export adds them), on one line without surrounding blanks."""
    text = _BREAK.sub(" ", _decoded(text)).replace(_WORD_JOINER, "")
    return " ".join(text.split())


def js_number(text: str) -> float:
    """JavaScript's ``Number(text)``: NaN for what is no number."""
    trimmed = _js_trim(text)
    if not trimmed:
        return 0.0
    radix = re.fullmatch(r"0([xob])([0-9a-f]+)", trimmed, re.I)
    if radix:
        base = {"x": 16, "o": 8, "b": 2}[radix.group(1).lower()]
        try:
            return float(int(radix.group(2), base))
        except (ValueError, OverflowError):
            return math.nan
    if re.fullmatch(r"[+-]?Infinity", trimmed):
        return -math.inf if trimmed[0] == "-" else math.inf
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", trimmed, re.I):
        return float(trimmed)
    return math.nan


@dataclass
class _Notes:
    """What could not be carried over, each at its line and column."""

    lines: _Lines
    said: list[str] = field(default_factory=list)

    def __call__(self, at: int, message: str) -> None:
        line, column = self.lines.at(at)
        self.said.append(f"{line}:{column}: {message}")


def _journey(diagram: Diagram, options: ImportOptions, lines: _Lines,
             fallback: str) -> Imported:
    """The map of one journey diagram, as plain data."""
    note = _Notes(lines)
    title = _clean(diagram.title or diagram.acc_title or "") or fallback
    if not _clean(diagram.title or diagram.acc_title or ""):
        note(diagram.at, f"the diagram has no title: the map is called '{title}'")
    data: dict[str, Any] = {"cjmap": 1, "title": title}
    if diagram.acc_descr:
        data["description"] = _clean(diagram.acc_descr)
    if options.lang != "en":
        data["lang"] = options.lang
    for setting in diagram.settings:
        note(diagram.at, f"rendering settings are not carried over: {setting}")
    people, participants = _people(diagram.tasks)
    data.update(people)
    sections = [_section_name(task.section, options.lang) for task in diagram.tasks]
    named = [_section_name(section, options.lang) for section in diagram.sections]
    plan = plan_stages(list(dict.fromkeys([*sections[:1], *named])), options.lang)
    data["stages"] = plan.value
    steps = _steps(diagram, note, lines)
    previous = plan.ids[sections[0]] if sections else None
    for step, section, ids in zip(steps, sections, participants, strict=True):
        stage = plan.ids[section]
        if stage != previous:
            step["stage"] = stage
        previous = stage
        if ids:
            step["participants"] = ids
    unsectioned = sum(task.section is None for task in diagram.tasks)
    if unsectioned and diagram.sections:
        note(diagram.at, f"{_plural(unsectioned, 'task')} before the first section: in a stage "
             f"'{sections[0]}', marked evidence: assumed")
    data["steps"] = [step["name"] if list(step) == ["name"] else step for step in steps]
    if diagram.acc_title and _clean(diagram.acc_title) != title:
        data["x-import"] = {"accTitle": _clean(diagram.acc_title)}
        note(diagram.at, "accTitle (the title screen readers hear) has no place in a map: "
             "kept under x-import")
    return Imported(title, data, note.said, lines.at(diagram.at)[0])


# The stage of the tasks written before any section, in the map's language.
NO_SECTION = {"en": "Journey", "es": "Viaje"}


def _section_name(section: str | None, lang: str) -> str:
    if section is None:
        return NO_SECTION.get(lang, NO_SECTION["en"])
    return _clean(section) or "—"


def _steps(diagram: Diagram, note: _Notes, lines: _Lines) -> list[dict[str, Any]]:
    names = [_clean(task.name) or "—" for task in diagram.tasks]
    steps: list[dict[str, Any]] = []
    for task, name, (step_id, explicit) in zip(diagram.tasks, names, step_ids(names),
                                               strict=True):
        step: dict[str, Any] = {"id": step_id} if explicit else {}
        step["name"] = name
        pieces = task.data.split(":")
        written = _js_trim(pieces[0])
        score = js_number(pieces[0])
        if math.isnan(score):
            raise _error(f"the score of '{name}' is {written!r}, not a number", task.data_at,
                         lines, "a score is a whole number from 1 (very negative) to 5 (very "
                         "positive)")
        emotion, inferred = emotion_of(score, LOWEST, HIGHEST)
        step["emotion"] = emotion
        if inferred:
            why = "not a whole number" if LOWEST <= score <= HIGHEST else "outside 1–5"
            note(task.data_at, f"the score {written} of '{name}' is {why}: read as "
                 f"{emotion + 3}, and the step marked evidence: assumed")
        if inferred or (task.section is None and diagram.sections):
            step["evidence"] = ASSUMED
        if _clean(":".join(pieces[2:])):
            note(task.data_at, f"Mermaid does not read what follows a third ':' in '{name}' "
                 f"({_clean(':'.join(pieces[2:]))!r}): dropped")
        steps.append(step)
    return steps


def _actors(task: Task) -> list[str]:
    pieces = task.data.split(":")
    names = [_clean(actor) for actor in pieces[1].split(",")] if len(pieces) > 1 else []
    return list(dict.fromkeys(name for name in names if name))


def _people(tasks: list[Task]) -> tuple[dict[str, Any], list[list[str]]]:
    """The persona and participants of the map, and each task's participants (their ids).

    The persona is the actor of the most tasks (the first of them on a tie): a journey map
    follows one person, and the diagram is theirs that they are in throughout; the other
    actors take part. Each step names its actors in ``participants``, unless every task is
    the persona's alone (cjmap's own export: nothing to add)."""
    actors = [_actors(task) for task in tasks]
    counts = Counter(name for names in actors for name in names)
    if not counts:
        return {}, [[] for _ in tasks]
    persona = max(counts, key=lambda name: counts[name])  # first seen wins a tie
    ids = Ids("participant")
    # A name with no letter a slug keeps gets its id written: steps name it.
    persona_id, explicit = ids.take(persona, slug(persona), fallback="persona")
    people: dict[str, Any] = {"persona": {"id": persona_id, "name": persona} if explicit
                              else persona}
    by_name = {persona: persona_id}
    others = []
    for name in counts:
        if name != persona:
            by_name[name], explicit = ids.take(name, slug(name))
            others.append({"id": by_name[name], "name": name} if explicit else name)
    if others:
        people["participants"] = others
    if all(names == [persona] for names in actors):
        return people, [[] for _ in tasks]
    return people, [[by_name[name] for name in names] for names in actors]

"""The journey as a Graphviz flow diagram: ``dot`` source, and SVG, PNG or PDF drawn by ``dot``.

Left to right: the start point, one cluster per stage in stage order holding its steps, the end
point. Steps are joined along ``next`` (so branches and loops show); an edge back to an earlier
step is dashed and does not pull the layout. Each step is filled with its emotion's colour from
the shared palette and explained in a legend under the title.

Every label is an HTML-like label built here from escaped text, so no user string can end up as
DOT, record or HTML syntax. This is the only module that imports the ``graphviz`` package; it
builds the DOT source, and ``dot`` itself runs with a time limit.
"""

import contextlib
import html
import itertools
import math
import os
import re
import shutil
import signal
import subprocess
import textwrap
from typing import NamedTuple

import graphviz

from cjmap.format.model import Journey, Metric, Stage, Step, Touchpoint
from cjmap.render import SHOWABLE, RenderError, RenderOptions
from cjmap.render.formatting import short_name, signed, with_unit
from cjmap.render.labels import counted, labels
from cjmap.render.palette import EMOTION, INK, MOMENT_OF_TRUTH, MUTED, PAIN, UNKNOWN, Swatch
from cjmap.safetext import xml_safe

WRAP = 24
# Font sizes in points. The smallest (a step's details) decides whether a slide is readable:
# 9 pt is 12 px at 96 dpi, Graphviz's own scale.
TITLE_SIZE, STAGE_SIZE, NAME_SIZE, LEGEND_SIZE, SMALL_SIZE = 18, 13, 11, 10, 9
# Node names of the endpoints: capitalised, so that no step id (a lowercase slug) can be one.
START, END = "Start", "End"
# dot's lexer holds one quoted or HTML string in 16,384 bytes, delimiters and NUL included; a
# longer one is a syntax error (Graphviz 2.43, measured).
DOT_STRING_BYTES = 16381
# A name, title or label is cut here (with an ellipsis): escaped, even the worst case of this
# many characters leaves a step label or the title block well within DOT_STRING_BYTES.
TEXT_LIMIT = 500
ELLIPSIS = "…"
NL = "\n"
# A 1,000-step map takes well under a second; a layout that runs for minutes has gone wrong.
DOT_TIMEOUT = 60
# dot's address space, in MiB: a dense 2,000-node graph drove it past 13 GiB. The variable may
# lower (or raise) it for one run.
DOT_MEMORY_MB = 2048
MEMORY_VARIABLE = "CJMAP_DOT_MEMORY_MB"
FONT = "Helvetica,Arial,sans-serif"
CLUSTER_BORDER = "#bdbdbd"
EDGE = "#595959"
_CREATION_DATE = re.compile(rb"(/CreationDate \(D:)\d{14}")
_SVG_TITLE = re.compile(rb"<title>([^<]*)</title>")
INSTALL_HINT = (
    "Graphviz's 'dot' program is needed for {format} output but was not found on PATH. "
    "Install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install "
    "graphviz; others: https://graphviz.org/download/), or use --format dot, html, mermaid "
    "or md, which need no Graphviz."
)


def render_dot(journey: Journey, options: RenderOptions) -> bytes:
    """The DOT source of the diagram."""
    return dot_source(journey, options).encode("utf-8")


def render_svg(journey: Journey, options: RenderOptions) -> bytes:
    svg = run_dot(dot_source(journey, options), "svg")
    titles = _titles(journey, options)
    # dot titles each object with its DOT name (a step's id, "cluster_0", "a->b"), which a
    # browser shows on hover: each becomes what it names, in the map's words.
    return _SVG_TITLE.sub(lambda m: b"<title>" + titles.get(m[1], m[1]) + b"</title>", svg)


def render_png(journey: Journey, options: RenderOptions) -> bytes:
    return run_dot(dot_source(journey, options), "png", dpi=round(96 * options.scale))


def render_pdf(journey: Journey, options: RenderOptions) -> bytes:
    pdf = run_dot(dot_source(journey, options), "pdf")
    # cairo stamps the time of the run (and only cairo ≥ 1.17 reads SOURCE_DATE_EPOCH): put the
    # date the map was last reviewed in its place, digit for digit, so the xref offsets hold.
    return _CREATION_DATE.sub(lambda m: m.group(1) + _pdf_date(journey), pdf, count=1)


def dot_source(journey: Journey, options: RenderOptions) -> str:
    source: str = build(journey, options).source
    return source


def run_dot(source: str, output_format: str, dpi: int | None = None) -> bytes:
    """``dot -T<format>`` of ``source``, with time and memory limits and errors worded for the
    user. dot runs in a process group of its own, killed whatever ends the wait (a timeout,
    Ctrl-C, a SIGTERM to cjmap), so that no dot outlives cjmap."""
    program = shutil.which("dot")
    if program is None:
        raise RenderError(INSTALL_HINT.format(format=output_format.upper()))
    limit = memory_limit()
    process = subprocess.Popen(
        [program, f"-T{output_format}", *([f"-Gdpi={dpi}"] if dpi else [])],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, preexec_fn=lambda: _limit_memory(limit),
    )
    try:
        output, errors = process.communicate(source.encode("utf-8"), timeout=DOT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz did not finish laying out the map within {DOT_TIMEOUT} s; "
            "use --format html or md for very large maps"
        ) from None
    finally:
        _kill_group(process)
    if process.returncode < 0 or b"out of memory" in errors.lower():
        raise RenderError(
            f"Graphviz stopped ({_cause(process.returncode)}) at its memory limit of {limit} MiB; "
            f"use --format html or md for very large maps, or set {MEMORY_VARIABLE} to allow "
            "more")
    if process.returncode != 0:
        detail = errors.decode("utf-8", "replace").strip() or f"exit {process.returncode}"
        raise RenderError(f"Graphviz failed to draw the map: {detail}")
    return output


def _titles(journey: Journey, options: RenderOptions) -> dict[bytes, bytes]:
    """What each SVG ``<title>`` dot writes should say instead, both as SVG text."""
    words = labels(options.lang or journey.lang)
    names = {START: journey.start.name if journey.start else words["start"],
             END: journey.end.name if journey.end else words["end"]}
    names |= {_node(step.id or ""): step.name for step in journey.steps}
    names |= {f"stage {stage.id}": stage.name or stage.id for stage in journey.stages}
    titles = {_dot_title(name): _svg_text(text) for name, text in names.items()}
    titles[_dot_title(_node(journey.id or "journey"))] = _svg_text(journey.title)
    blocks = [b for row in _rows(journey, options.layout) for b in row]
    for index, block in enumerate(blocks):
        stage = f"{words['stage']}: {block.stage.name or block.stage.id}"
        titles[_dot_title(f"cluster_{index}")] = _svg_text(
            stage + (f" ({words['continued']})" if block.continued else ""))
    for tail, head, _, _ in _edges(journey):
        titles[_dot_title(f"{tail}->{head}")] = _svg_text(f"{names[tail]} → {names[head]}")
    return titles


def _dot_title(name: str) -> bytes:
    """A DOT name as dot writes it in a ``<title>``; the names cjmap gives hold no character
    that needs an entity but ``-`` (and the ``>`` of an edge's ``->``)."""
    return name.replace("-", "&#45;").replace(">", "&gt;").encode()


def _svg_text(text: str) -> bytes:
    return html.escape(_plain(text), quote=False).encode()


def memory_limit() -> int:
    """dot's memory limit in MiB: ``CJMAP_DOT_MEMORY_MB`` if it is a positive number."""
    value = os.environ.get(MEMORY_VARIABLE, "")
    return int(value) if value.isdigit() and int(value) > 0 else DOT_MEMORY_MB


def _limit_memory(megabytes: int) -> None:
    # Runs in the child between fork and exec: only the one system call.
    import resource

    size = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))


def _kill_group(process: "subprocess.Popen[bytes]") -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _cause(returncode: int) -> str:
    if returncode >= 0:
        return "out of memory"
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def _pdf_date(journey: Journey) -> bytes:
    reviewed = journey.review.last_reviewed if journey.review else None
    return (reviewed.strftime("%Y%m%d") if reviewed else "19700101").encode() + b"000000"


def build(journey: Journey, options: RenderOptions) -> graphviz.Digraph:
    """The diagram as a ``graphviz.Digraph`` (its ``.source`` is the DOT text)."""
    words = labels(options.lang or journey.lang)
    graph = graphviz.Digraph(
        name=_node(journey.id or "journey"),
        graph_attr={
            "rankdir": "TB" if options.layout == "tb" else "LR", "newrank": "true",
            "fontname": FONT, "labelloc": "t", "labeljust": "l", "nodesep": "0.25",
            "ranksep": "0.45", "pad": "0.3", "bgcolor": "#ffffff",
            "label": _html(_title_block(journey, words)),
        },
        node_attr={"fontname": FONT, "fontsize": str(NAME_SIZE), "fontcolor": INK,
                   "shape": "box", "style": "rounded,filled", "color": EDGE, "penwidth": "1",
                   "margin": "0.12,0.06"},
        edge_attr={"fontname": FONT, "fontsize": str(SMALL_SIZE), "color": EDGE,
                   "arrowsize": "0.7"},
    )
    start_label = journey.start.name if journey.start else words["start"]
    end_label = journey.end.name if journey.end else words["end"]
    graph.node(START, _html(_endpoint(words["start"], start_label, journey.start is not None)),
               shape="ellipse", style="filled", fillcolor=INK, fontcolor="#ffffff", color=INK)
    graph.node(END, _html(_endpoint(words["end"], end_label, journey.end is not None)),
               shape="ellipse", style="filled", fillcolor=INK, fontcolor="#ffffff", color=INK,
               peripheries="2")
    rows = _rows(journey, options.layout)
    _add_stages(graph, journey, rows, options, words)
    _add_edges(graph, journey, rows, words)
    if options.layout == "wrap":
        _hold_rows(graph, journey, rows)
    return graph


class Block(NamedTuple):
    """One cluster: a stage, or the part of a stage that fits on a row of the wrap layout."""

    stage: Stage
    steps: list[Step]
    continued: bool

    def width(self) -> int:
        return max(len(self.steps), 1)

    def members(self) -> list[str]:
        """The DOT names of its nodes, left to right."""
        names = [_node(step.id or "") for step in self.steps]
        return names or [f"stage {self.stage.id}"]


def _rows(journey: Journey, layout: str) -> list[list[Block]]:
    """The clusters in stage order, on rows: one row unless the layout wraps. Wrapping packs
    whole stages onto rows of about ``sqrt(1.3 × steps)`` steps, which gives a drawing of about
    16:9 (a step is about 190 pt wide and a row about 140 pt high); a stage longer than a row
    is split, its later parts marked as continued."""
    steps_of: dict[str, list[Step]] = {stage.id: [] for stage in journey.stages}
    for step in journey.steps:
        steps_of[step.stage or ""].append(step)
    blocks = [Block(stage, steps_of[stage.id], False) for stage in journey.stages]
    if layout != "wrap":
        return [blocks]
    width = max(2, math.ceil(math.sqrt(1.3 * sum(b.width() for b in blocks))))
    rows: list[list[Block]] = [[]]
    for block in blocks:
        room = width - sum(b.width() for b in rows[-1])
        if block.width() > room and (block.width() <= width or room == 0):
            rows.append([])
            room = width
        steps, continued = block.steps, False
        while len(steps) > room:
            rows[-1].append(Block(block.stage, steps[:room], continued))
            rows.append([])
            steps, continued, room = steps[room:], True, width
        rows[-1].append(Block(block.stage, steps, continued))
    return [row for row in rows if row]


def _add_stages(graph: graphviz.Digraph, journey: Journey, rows: list[list[Block]],
                options: RenderOptions, words: dict[str, str]) -> None:
    previous = START
    for index, block in enumerate(b for row in rows for b in row):
        stage, members = block.stage, block.steps
        hole = f"stage {stage.id}"
        name = _text(stage.name or stage.id)
        if block.continued:
            name += f" ({_text(words['continued'])})"
        with graph.subgraph(name=f"cluster_{index}") as cluster:
            cluster.attr(label=_html(f"<B>{name}</B>"), style="rounded", color=CLUSTER_BORDER,
                         fontcolor=MUTED, fontsize=str(STAGE_SIZE), margin="10")
            if stage.touchpoints and not block.continued:
                # A stage's own touchpoints (an audit lists them by stage) head its cluster.
                cluster.node(hole, _html(_stage_touchpoints(stage.touchpoints, words)),
                             shape="note", style="filled", fillcolor="#f5f5f5",
                             color=CLUSTER_BORDER)
            for step in members:
                cluster.node(_node(step.id or ""), **_step_node(step, journey, options, words))
            if not members and not stage.touchpoints:
                # An empty stage still shows, in its place, as a hole in the journey.
                cluster.node(hole, _html(f"<I>{_text(words['no_steps'])}</I>"),
                             shape="plaintext", style="", fontcolor=MUTED)
        # Invisible edges hold a stage without steps between the stages around it; in an
        # audit (no steps at all) the stages are the journey, joined by visible edges.
        if journey.is_audit():
            continue
        if not members:
            graph.edge(previous, hole, style="invis")
            previous = hole
            continue
        if previous.startswith("stage "):
            graph.edge(previous, _node(members[0].id or ""), style="invis")
        previous = _node(members[-1].id or "")


def _hold_rows(graph: graphviz.Digraph, journey: Journey, rows: list[list[Block]]) -> None:
    """The wrap layout, drawn left to right: the n-th node of every row shares the n-th rank
    (a column), rows stacked in order by invisible edges down each column. No flow edge is
    flat, since dot orders the nodes of a rank unreliably along flat edges through clusters."""
    row_members = [[name for block in row for name in block.members()] for row in rows]
    # A second edge between two nodes of a rank trips an assertion in dot (merge_chain).
    drawn = {(tail, head) for tail, head, _, _ in _edges(journey)}
    for members in row_members:
        for left, right in itertools.pairwise(members):
            if (left, right) not in drawn:
                graph.edge(left, right, style="invis")
    for column in itertools.zip_longest(*row_members):
        names = [name for name in column if name is not None]
        with graph.subgraph() as rank:
            rank.attr(rank="same")
            for name in names:
                rank.node(name)
        for upper, lower in itertools.pairwise(names):
            if (upper, lower) not in drawn:
                graph.edge(upper, lower, style="invis")


def _stage_touchpoints(touchpoints: list[Touchpoint], words: dict[str, str]) -> str:
    lines = [_heading(words["touchpoints"])]
    lines += _budgeted([_touchpoint(t) for t in touchpoints], DOT_STRING_BYTES // 2)
    return "<BR/>".join(lines)


def _add_edges(graph: graphviz.Digraph, journey: Journey, rows: list[list[Block]],
               words: dict[str, str]) -> None:
    row_of = {name: number for number, row in enumerate(rows) for block in row
              for name in block.members()} | {START: 0, END: len(rows) - 1}
    for tail, head, label, back in _edges(journey):
        extra = {"label": _html(_wrapped(label)), "fontcolor": MUTED} if label else {}
        if back:
            # A loop (loyalty → repurchase): drawn, but left out of the ranking so that the
            # journey still reads in its direction.
            extra |= {"constraint": "false", "style": "dashed", "color": MOMENT_OF_TRUTH,
                      "tooltip": words["loop_back"]}
        elif row_of[tail] != row_of[head]:
            # From a row to a later one (wrap): the rows, not the flow, hold the columns.
            # Bottom to top, it runs as a line returns in a text, not around the rows.
            extra |= {"constraint": "false", "tailport": "s", "headport": "n"}
        graph.edge(tail, head, **extra)


def _edges(journey: Journey) -> list[tuple[str, str, str | None, bool]]:
    """The flow's edges: tail and head (DOT names), label, and whether it goes back."""
    if journey.is_audit():
        stages = [f"stage {stage.id}" for stage in journey.stages]
        return [(tail, head, None, False) for tail, head in
                itertools.pairwise([START, *stages, END])]
    order = {step.id: index for index, step in enumerate(journey.steps)}
    edges: list[tuple[str, str, str | None, bool]] = [
        (START, _node(journey.steps[0].id or ""), None, False)]
    for index, step in enumerate(journey.steps):
        for target, label in journey.transitions(index):
            head = END if target == "end" else _node(target)
            edges.append((_node(step.id or ""), head, label,
                          target != "end" and order[target] <= index))
    return edges


def _node(name: str) -> str:
    """A node's DOT name: its id, or for an id longer than dot holds (an id made from a very long
    name), a digest of it, the same for every mention."""
    if len(name.encode()) <= DOT_STRING_BYTES:
        return name
    import hashlib

    return "id-" + hashlib.sha256(name.encode()).hexdigest()


def _step_node(step: Step, journey: Journey, options: RenderOptions,
               words: dict[str, str]) -> dict[str, str]:
    """A step's label and style. A moment of truth with pain points gets both borders, the
    purple one outside the red one: a box has one pen, so the box is an HTML-like table."""
    swatch = _swatch(step)
    label = _step_label(step, journey, options, words)
    style = {"fillcolor": swatch.fill, "fontcolor": swatch.text,
             "tooltip": _attribute(step.description or step.name)}
    if step.emotion is None:
        style["style"] = "rounded,filled,dashed"
    if step.moment_of_truth and step.pain_points:
        dashed = ' STYLE="rounded,dashed"' if step.emotion is None else ' STYLE="rounded"'
        label = (f'<TABLE BORDER="3" COLOR="{MOMENT_OF_TRUTH}" STYLE="rounded" CELLSPACING="2"'
                 f' CELLPADDING="0"><TR><TD BORDER="2" COLOR="{PAIN}"{dashed}'
                 f' BGCOLOR="{swatch.fill}" CELLPADDING="5">{label}</TD></TR></TABLE>')
        style.update(shape="plain", style="solid")
    elif step.moment_of_truth:
        style.update(color=MOMENT_OF_TRUTH, penwidth="3")
    elif step.pain_points:
        style.update(color=PAIN, penwidth="2")
    return {"label": _html(label), **style}


def _swatch(step: Step) -> Swatch:
    return EMOTION[step.emotion.score] if step.emotion is not None else UNKNOWN


def _step_label(step: Step, journey: Journey, options: RenderOptions,
                words: dict[str, str]) -> str:
    lines = [f"<B>{_wrapped(step.name)}</B>"]
    small = _budgeted(_feelings(step, journey, words), DOT_STRING_BYTES // 8)
    if step.pain_points:
        count = len(step.pain_points)
        small.append(_text(f"⚠ {count} {counted(words, 'pain_points', count).lower()}"))
    if step.moment_of_truth:
        small.append(_text(f"★ {words['moment_of_truth']}"))
    lang = options.lang or journey.lang
    shown = {
        "touchpoints": [_touchpoint(t) for t in step.touchpoints],
        "opportunities": [_wrapped(f"◦ {o.text}") for o in step.opportunities],
        "metrics": [_wrapped(f"◦ {_metric(m, words, lang)}") for m in step.metrics],
    }
    # Each list shown gets its share of what is left of dot's string after the name.
    share = DOT_STRING_BYTES // 2 // max(len(options.show), 1)
    for key in SHOWABLE:
        if key in options.show and shown[key]:
            small += [_heading(words[key]), *_budgeted(shown[key], share)]
    if small:
        lines.append(f'<FONT POINT-SIZE="{SMALL_SIZE}">{"<BR/>".join(small)}</FONT>')
    return "<BR/>".join(lines)


def _feelings(step: Step, journey: Journey, words: dict[str, str]) -> list[str]:
    """The emotion line, or one line per persona when the step gives each persona's."""
    several = len(journey.all_personas()) > 1
    names = {p.id: short_name(p.name) for p in journey.all_personas()}
    lines = []
    for persona, emotion in step.feelings().items():
        feeling = emotion.label or words[f"score_{emotion.score}"]
        who = f"{names.get(persona, persona)}: " if several and persona else ""
        lines.append(_wrapped(f"{who}{signed(emotion.score)} · {feeling}"))
    return lines


def _metric(metric: Metric, words: dict[str, str], lang: str) -> str:
    text = metric.name
    latest = metric.latest
    if latest is not None:
        text += f": {with_unit(latest.actual, metric.unit, lang)}"
    if metric.target is not None:
        text += f" ({words['target'].lower()} {with_unit(metric.target, metric.unit, lang)})"
        if latest is not None:
            text += " ✗" if metric.misses_target() else " ✓"
    return text


def _heading(text: str) -> str:
    return f'<FONT POINT-SIZE="{SMALL_SIZE}" COLOR="{MUTED}">{_text(text.upper())}</FONT>'


def _budgeted(lines: list[str], budget: int) -> list[str]:
    """As many of ``lines`` (markup) as ``budget`` bytes hold, and a count of those left out."""
    kept: list[str] = []
    for line in lines:
        budget -= len(line.encode()) + len("<BR/>")
        if budget < 0:
            return [*kept, _text(f"◦ {ELLIPSIS} (+{len(lines) - len(kept)})")]
        kept.append(line)
    return kept


def _touchpoint(touchpoint: Touchpoint) -> str:
    name, channel = touchpoint.name, touchpoint.channel
    return _wrapped(f"◦ {name} ({channel})" if channel and channel != name else f"◦ {name}")


def _endpoint(kind: str, name: str, named: bool) -> str:
    if not named:
        return f"<B>{_text(kind)}</B>"
    return (f'<FONT POINT-SIZE="{SMALL_SIZE}">{_text(kind.upper())}</FONT><BR/>'
            f"<B>{_wrapped(name)}</B>")


def _title_block(journey: Journey, words: dict[str, str]) -> str:
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{TITLE_SIZE}"><B>{_text(journey.title)}'
            "</B></FONT></TD></TR>"]
    facts = [words[journey.state]]
    personas = [p.name for p in journey.all_personas()]
    if personas:
        label = words["persona"] if len(personas) == 1 else words["personas"]
        facts.insert(0, f"{label}: {', '.join(personas)}")
    rows.append(f'<TR><TD ALIGN="LEFT"><FONT COLOR="{MUTED}">'
                f"{_text(' · '.join(facts))}</FONT></TD></TR>")
    legend = _legend(journey, words)
    if legend:
        rows.append(f'<TR><TD ALIGN="LEFT">{legend}</TD></TR>')
    # One row or cell per line: the DOT source reads, and diffs, line by line.
    return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">\n{NL.join(rows)}\n</TABLE>'


def _legend(journey: Journey, words: dict[str, str]) -> str:
    """The legend of what this map uses: its scores, and each mark only if a step has it."""
    steps = journey.steps
    cells = []
    scores = {e.score for step in steps for e in step.feelings().values()}
    if scores or any(step.emotion is None for step in steps):
        heading = words["emotion"]
        if len(journey.all_personas()) > 1 and journey.persona is not None:
            # The fill is the main persona's; the other personas' scores are in the box.
            heading += f" ({words['colour_of']} {short_name(journey.persona.name)})"
        cells.append(f'<TD><FONT POINT-SIZE="{LEGEND_SIZE}"><B>{_text(heading)}</B></FONT></TD>')
    for score in sorted(scores):
        cells.append(_legend_cell(f"{signed(score)} {words[f'score_{score}']}", EMOTION[score]))
    if any(step.emotion is None for step in steps):
        cells.append(_legend_cell(words["no_emotion"], UNKNOWN, dashed=True))
    if any(step.pain_points for step in steps):
        cells.append(_legend_cell(f"⚠ {words['pain_points']}", UNKNOWN, border=PAIN))
    if any(step.moment_of_truth for step in steps):
        cells.append(_legend_cell(f"★ {words['moment_of_truth']}", UNKNOWN,
                                  border=MOMENT_OF_TRUTH))
    order = {step.id: index for index, step in enumerate(steps)}
    if any(target != "end" and order[target] <= index
           for index in range(len(steps)) for target in journey.successors(index)):
        cells.append(f'<TD><FONT POINT-SIZE="{LEGEND_SIZE}" COLOR="{MOMENT_OF_TRUTH}">- - →'
                     f'</FONT><FONT POINT-SIZE="{LEGEND_SIZE}">\u00a0'
                     f'{_text(words["loop_back"])}</FONT></TD>')
    if not cells:
        return ""
    return (f'<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="3"><TR>\n{NL.join(cells)}\n</TR>'
            "</TABLE>")


def _legend_cell(text: str, swatch: Swatch, border: str = CLUSTER_BORDER,
                 dashed: bool = False) -> str:
    style = ' STYLE="dashed"' if dashed else ""
    return (f'<TD BGCOLOR="{swatch.fill}" COLOR="{border}" BORDER="1"{style}>'
            f'<FONT POINT-SIZE="{LEGEND_SIZE}" COLOR="{swatch.text}">{_text(text)}</FONT></TD>')


def _plain(text: str) -> str:
    """``text`` on one line, cut at ``TEXT_LIMIT`` characters, with only characters XML holds."""
    one_line = " ".join(text.split())
    if len(one_line) > TEXT_LIMIT:
        one_line = one_line[:TEXT_LIMIT - 1] + ELLIPSIS
    # XML 1.0, which Graphviz's HTML-like labels and the SVG it writes are, cannot hold some.
    return xml_safe(one_line)


def _text(text: str) -> str:
    """``text`` made safe inside an HTML-like label: markup characters become entities, and
    backslashes are doubled because Graphviz expands ``\\G``, ``\\N``… even in HTML-like labels
    (entities included)."""
    # An empty <B></B> (a title of spaces) is a syntax error to dot: a no-break space fills it.
    return html.escape(_plain(text).replace("\\", "\\\\"), quote=True) or "&#160;"


def _wrapped(text: str) -> str:
    """``text`` wrapped at about ``WRAP`` characters, each line escaped; newlines are kept."""
    lines: list[str] = []
    for paragraph in text[:TEXT_LIMIT].splitlines():
        lines += textwrap.wrap(" ".join(paragraph.split()), WRAP)
    if len(text) > TEXT_LIMIT and lines:
        lines[-1] += ELLIPSIS
    return "<BR/>".join(_text(line) for line in lines) or "&#160;"


def _attribute(text: str) -> str:
    """``text`` as a quoted DOT attribute (a tooltip), never taken for an HTML-like value even
    if it looks like ``<…>``, cut to what dot holds. Graphviz decodes entities in such a string,
    then unescapes it twice (``\\\\`` to ``\\``, then ``\\N`` to the node's name), so a backslash
    is written as four ``&#92;``: the value then holds no backslash and no quote, which keeps
    the graphviz package's quoting regexes linear (they backtrack on runs of backslashes)."""
    one_line = xml_safe(" ".join(text.split()))
    escaped = _tooltip_escape(one_line)
    if len(escaped.encode()) > DOT_STRING_BYTES:
        escaped = _cut(one_line, DOT_STRING_BYTES - len(ELLIPSIS.encode())) + ELLIPSIS
    value: str = graphviz.nohtml(escaped)
    return value


def _tooltip_escape(text: str) -> str:
    return html.escape(text, quote=True).replace("\\", "&#92;" * 4)


def _cut(text: str, budget: int) -> str:
    """The longest start of ``text`` whose escaped UTF-8 form fits in ``budget`` bytes."""
    pieces: list[str] = []
    for char in text:
        piece = _tooltip_escape(char)
        budget -= len(piece.encode())
        if budget < 0:
            break
        pieces.append(piece)
    return "".join(pieces)


def _html(markup: str) -> str:
    # The graphviz package writes a value wrapped in <...> as an HTML-like label, unquoted.
    return f"<{markup}>"

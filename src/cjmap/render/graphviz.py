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
import os
import re
import shutil
import signal
import subprocess
import textwrap

import graphviz

from cjmap.format.model import Journey, Step, Touchpoint
from cjmap.render import RenderError, RenderOptions
from cjmap.render.formatting import signed
from cjmap.render.labels import labels
from cjmap.render.palette import EMOTION, INK, MOMENT_OF_TRUTH, MUTED, PAIN, UNKNOWN, Swatch
from cjmap.safetext import xml_safe

WRAP = 24
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
    return run_dot(dot_source(journey, options), "svg")


def render_png(journey: Journey, options: RenderOptions) -> bytes:
    return run_dot(dot_source(journey, options), "png")


def render_pdf(journey: Journey, options: RenderOptions) -> bytes:
    pdf = run_dot(dot_source(journey, options), "pdf")
    # cairo stamps the time of the run (and only cairo ≥ 1.17 reads SOURCE_DATE_EPOCH): put the
    # date the map was last reviewed in its place, digit for digit, so the xref offsets hold.
    return _CREATION_DATE.sub(lambda m: m.group(1) + _pdf_date(journey), pdf, count=1)


def dot_source(journey: Journey, options: RenderOptions) -> str:
    source: str = build(journey, options).source
    return source


def run_dot(source: str, output_format: str) -> bytes:
    """``dot -T<format>`` of ``source``, with time and memory limits and errors worded for the
    user. dot runs in a process group of its own, killed whatever ends the wait (a timeout,
    Ctrl-C, a SIGTERM to cjmap), so that no dot outlives cjmap."""
    program = shutil.which("dot")
    if program is None:
        raise RenderError(INSTALL_HINT.format(format=output_format.upper()))
    limit = memory_limit()
    process = subprocess.Popen(
        [program, f"-T{output_format}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: _limit_memory(limit),
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
            "rankdir": "LR", "newrank": "true", "fontname": FONT,
            "labelloc": "t", "labeljust": "l", "nodesep": "0.25", "ranksep": "0.45",
            "pad": "0.3", "bgcolor": "#ffffff",
            "label": _html(_title_block(journey, words)),
        },
        node_attr={"fontname": FONT, "fontsize": "11", "fontcolor": INK, "shape": "box",
                   "style": "rounded,filled", "color": EDGE, "penwidth": "1",
                   "margin": "0.12,0.06"},
        edge_attr={"fontname": FONT, "color": EDGE, "arrowsize": "0.7"},
    )
    start_label = journey.start.name if journey.start else words["start"]
    end_label = journey.end.name if journey.end else words["end"]
    graph.node("start", _html(_endpoint(words["start"], start_label, journey.start is not None)),
               shape="ellipse", style="filled", fillcolor=INK, fontcolor="#ffffff", color=INK)
    graph.node("end", _html(_endpoint(words["end"], end_label, journey.end is not None)),
               shape="ellipse", style="filled", fillcolor=INK, fontcolor="#ffffff", color=INK,
               peripheries="2")
    _add_stages(graph, journey, options, words)
    _add_edges(graph, journey, words)
    return graph


def _add_stages(graph: graphviz.Digraph, journey: Journey, options: RenderOptions,
                words: dict[str, str]) -> None:
    steps_of: dict[str, list[Step]] = {stage.id: [] for stage in journey.stages}
    for step in journey.steps:
        steps_of[step.stage or ""].append(step)
    previous = "start"
    for index, stage in enumerate(journey.stages):
        members = steps_of[stage.id]
        hole = f"stage {stage.id}"
        with graph.subgraph(name=f"cluster_{index}") as cluster:
            cluster.attr(label=_html(f"<B>{_text(stage.name or stage.id)}</B>"),
                         style="rounded", color=CLUSTER_BORDER, fontcolor=MUTED,
                         fontsize="13", margin="10")
            if stage.touchpoints:
                # A stage's own touchpoints (an audit lists them by stage) head its cluster.
                cluster.node(hole, _html(_stage_touchpoints(stage.touchpoints, words)),
                             shape="note", style="filled", fillcolor="#f5f5f5",
                             color=CLUSTER_BORDER)
            for step in members:
                cluster.node(_node(step.id or ""), _html(_step_label(step, options, words)),
                             **_step_style(step))
            if not members and not stage.touchpoints:
                # An empty stage still shows, in its place, as a hole in the journey.
                cluster.node(hole, _html(f"<I>{_text(words['no_steps'])}</I>"),
                             shape="plaintext", style="", fontcolor=MUTED)
        # Invisible edges hold a stage without steps between the stages around it; in an
        # audit (no steps at all) the stages are the journey, joined by visible edges.
        if not members:
            graph.edge(previous, hole, **({} if journey.is_audit() else {"style": "invis"}))
            previous = hole
            continue
        if previous.startswith("stage "):
            graph.edge(previous, _node(members[0].id or ""), style="invis")
        previous = _node(members[-1].id or "")
    if journey.is_audit():
        graph.edge(previous, "end")


def _stage_touchpoints(touchpoints: list[Touchpoint], words: dict[str, str]) -> str:
    lines = [f'<FONT POINT-SIZE="9">{_text(words["touchpoints"].upper())}</FONT>']
    lines += _touchpoint_lines(touchpoints, DOT_STRING_BYTES // 2)
    return "<BR/>".join(lines)


def _add_edges(graph: graphviz.Digraph, journey: Journey, words: dict[str, str]) -> None:
    if journey.is_audit():
        return
    order = {step.id: index for index, step in enumerate(journey.steps)}
    graph.edge("start", _node(journey.steps[0].id or ""))
    for index, step in enumerate(journey.steps):
        for target, label in journey.transitions(index):
            extra = {"label": _html(_wrapped(label)), "fontsize": "9",
                     "fontcolor": MUTED} if label else {}
            if target != "end" and order[target] <= index:
                # A loop (loyalty → repurchase): drawn, but left out of the ranking so that the
                # journey still reads left to right.
                graph.edge(_node(step.id or ""), _node(target), constraint="false", style="dashed",
                           color=MOMENT_OF_TRUTH, tooltip=words["loop_back"], **extra)
            else:
                graph.edge(_node(step.id or ""), _node(target), **extra)


def _node(name: str) -> str:
    """A node's DOT name: its id, or for an id longer than dot holds (an id made from a very long
    name), a digest of it, the same for every mention."""
    if len(name.encode()) <= DOT_STRING_BYTES:
        return name
    import hashlib

    return "id-" + hashlib.sha256(name.encode()).hexdigest()


def _step_style(step: Step) -> dict[str, str]:
    swatch = _swatch(step)
    style = {"fillcolor": swatch.fill, "fontcolor": swatch.text,
             "tooltip": _attribute(step.description or step.name)}
    if step.emotion is None:
        style["style"] = "rounded,filled,dashed"
    if step.moment_of_truth:
        style.update(color=MOMENT_OF_TRUTH, penwidth="3")
    elif step.pain_points:
        style.update(color=PAIN, penwidth="2")
    return style


def _swatch(step: Step) -> Swatch:
    return EMOTION[step.emotion.score] if step.emotion is not None else UNKNOWN


def _step_label(step: Step, options: RenderOptions, words: dict[str, str]) -> str:
    lines = [f"<B>{_wrapped(step.name)}</B>"]
    small: list[str] = []
    if step.emotion is not None:
        feeling = step.emotion.label or words[f"score_{step.emotion.score}"]
        small.append(_wrapped(f"{signed(step.emotion.score)} · {feeling}"))
    if step.pain_points:
        small.append(_text(f"⚠ {words['pain_points']}: {len(step.pain_points)}"))
    if step.moment_of_truth:
        small.append(_text(f"★ {words['moment_of_truth']}"))
    if options.touchpoints:
        small += _touchpoint_lines(step.touchpoints, DOT_STRING_BYTES // 2)
    if small:
        lines.append(f'<FONT POINT-SIZE="9">{"<BR/>".join(small)}</FONT>')
    return "<BR/>".join(lines)


def _touchpoint_lines(touchpoints: list[Touchpoint], budget: int) -> list[str]:
    """As many touchpoint lines as ``budget`` bytes hold, and a count of those left out."""
    lines: list[str] = []
    for touchpoint in touchpoints:
        line = _wrapped(f"◦ {_touchpoint(touchpoint.name, touchpoint.channel)}")
        budget -= len(line.encode()) + len("<BR/>")
        if budget < 0:
            return [*lines, _text(f"◦ {ELLIPSIS} (+{len(touchpoints) - len(lines)})")]
        lines.append(line)
    return lines


def _touchpoint(name: str, channel: str | None) -> str:
    return f"{name} ({channel})" if channel and channel != name else name


def _endpoint(kind: str, name: str, named: bool) -> str:
    if not named:
        return f"<B>{_text(kind)}</B>"
    return f'<FONT POINT-SIZE="9">{_text(kind.upper())}</FONT><BR/><B>{_wrapped(name)}</B>'


def _title_block(journey: Journey, words: dict[str, str]) -> str:
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="18"><B>{_text(journey.title)}</B></FONT>'
            "</TD></TR>"]
    facts = [words[journey.state]]
    if journey.persona is not None:
        facts.insert(0, f"{words['persona']}: {journey.persona.name}")
    rows.append(f'<TR><TD ALIGN="LEFT"><FONT COLOR="{MUTED}">'
                f"{_text(' · '.join(facts))}</FONT></TD></TR>")
    rows.append(f'<TR><TD ALIGN="LEFT">{_legend(words)}</TD></TR>')
    # One row or cell per line: the DOT source reads, and diffs, line by line.
    return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">\n{NL.join(rows)}\n</TABLE>'


def _legend(words: dict[str, str]) -> str:
    cells = [f'<TD><FONT POINT-SIZE="10"><B>{_text(words["emotion"])}</B></FONT></TD>']
    for score, swatch in sorted(EMOTION.items()):
        cells.append(_legend_cell(f"{signed(score)} {words[f'score_{score}']}", swatch))
    cells.append(_legend_cell(words["no_emotion"], UNKNOWN, dashed=True))
    cells.append(_legend_cell(f"⚠ {words['pain_points']}", UNKNOWN, border=PAIN))
    cells.append(_legend_cell(f"★ {words['moment_of_truth']}", UNKNOWN, border=MOMENT_OF_TRUTH))
    cells.append(f'<TD><FONT POINT-SIZE="10" COLOR="{MOMENT_OF_TRUTH}">- - →</FONT>'
                 f'<FONT POINT-SIZE="10">\u00a0{_text(words["loop_back"])}</FONT></TD>')
    return (f'<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="3"><TR>\n{NL.join(cells)}\n</TR>'
            "</TABLE>")


def _legend_cell(text: str, swatch: Swatch, border: str = CLUSTER_BORDER,
                 dashed: bool = False) -> str:
    style = ' STYLE="dashed"' if dashed else ""
    return (f'<TD BGCOLOR="{swatch.fill}" COLOR="{border}" BORDER="1"{style}>'
            f'<FONT POINT-SIZE="10" COLOR="{swatch.text}">{_text(text)}</FONT></TD>')


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

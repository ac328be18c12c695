"""The Markdown report, read back by a CommonMark parser with GitHub's tables and strikethrough
(markdown-it-py): structure, table cells, and user text that stays text."""

from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

import cjmap
from cjmap.format.model import Journey
from cjmap.render import RenderOptions
from cjmap.render.markdown import render
from cjmap.render.mermaid import diagram
from tests.conftest import ROOT, example_maps

NASTY = ROOT / "tests" / "maps" / "render" / "nasty.yaml"
SHOES = ROOT / "examples" / "running-shoes.yaml"
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Tokens that would mean a user string turned into markup (the report uses only * and **).
MARKUP = {"s_open", "link_open", "code_inline", "image", "html_inline"}


def journey(path: Path) -> Journey:
    result = cjmap.load(path)
    assert result.journey is not None, result.diagnostics
    return result.journey


def tokens(path: Path, **options: Any) -> list[Token]:
    return PARSER.parse(render(journey(path), RenderOptions(**options)).decode("utf-8"))


def text_of(inline: Token) -> str:
    """What a reader sees of an inline token: text, with <br> as a line break."""
    parts = []
    for child in inline.children or []:
        if child.type == "html_inline":
            assert child.content == "<br>", child.content
            parts.append("\n")
        elif child.type == "softbreak":
            parts.append(" ")
        else:
            parts.append(child.content)
    return "".join(parts)


def markup_in(inline: Token) -> set[str]:
    return {child.type for child in inline.children or []
            if not (child.type == "html_inline" and child.content == "<br>")} & MARKUP


def headings(stream: list[Token], level: int) -> list[str]:
    return [text_of(stream[i + 1]) for i, t in enumerate(stream)
            if t.type == "heading_open" and t.tag == f"h{level}"]


def tables(stream: list[Token]) -> list[list[list[Token]]]:
    """Each table as rows of the inline tokens of its cells (header row first)."""
    found: list[list[list[Token]]] = []
    for index, token in enumerate(stream):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("td_open", "th_open"):
            found[-1][-1].append(stream[index + 1])
    return found


@pytest.mark.parametrize("path", [*example_maps(), NASTY], ids=lambda p: p.name)
def test_a_section_and_a_table_of_steps_per_stage(path):
    model = journey(path)
    stream = tokens(path)
    assert headings(stream, 1) == [" ".join(model.title.split())]
    stage_headings = [h for h in headings(stream, 2) if h not in ("Objectives",
                                                                  "Objetivos del mapa")]
    assert stage_headings == [" ".join((s.name or "").split()) for s in model.stages]
    steps_per_stage = [[s for s in model.steps if s.stage == stage.id] for stage in model.stages]
    found = tables(stream)
    assert len(found) == sum(1 for steps in steps_per_stage if steps)
    for table, steps in zip(found, [s for s in steps_per_stage if s], strict=True):
        assert len(table) == len(steps) + 1
        for row, step in zip(table[1:], steps, strict=True):
            assert len(row) == 6
            name_lines = [" ".join(line.split()) for line in step.name.splitlines()]
            assert text_of(row[0]).startswith("\n".join(line for line in name_lines if line))


def test_table_columns_carry_emotion_touchpoints_pains_opportunities_metrics():
    table = tables(tokens(SHOES))[0]
    assert [text_of(cell) for cell in table[0]] == [
        "Step", "Emotion", "Touchpoints", "Pain points", "Opportunities", "Metrics"]
    first = [text_of(cell) for cell in table[1]]
    assert first[1] == "😐 0 curious (neutral)"
    assert first[2] == ("• Blog for new runners (Blog, direct, Content team) — simple 4 · "
                        "appropriate 4 · relevant 5 · meaningful 4 · engaging 3 · personal 3, "
                        "average 3.8\n"
                        "• Search results (Search, indirect, SEO team)")
    assert first[3] == "Too much contradictory information (severity: medium)"
    assert first[4].startswith("A blog and an advice corner for new runners")
    assert first[4].endswith("(lever: personalization, owner: Content team, priority: high)")
    assert first[5].startswith("Organic visits to beginner guides: ")
    assert "(target " in first[5] and ("on target" in first[5] or "misses target" in first[5])
    assert [text_of(cell) for cell in table[2]][3] == "—"


def test_header_has_persona_objectives_and_review():
    stream = tokens(SHOES)
    items = [text_of(t) for i, t in enumerate(stream)
             if t.type == "inline" and stream[i - 1].type == "paragraph_open"
             and stream[i - 2].type == "list_item_open"]
    assert any(i.startswith("Persona: Laura, the new runner — 34") for i in items)
    # Dates as the map's language writes them (CLDR's long date, through Babel).
    assert any(i.startswith("Review: Last reviewed November 2, 2026") and
               "Next review due November 2, 2027" in i for i in items)
    assert "Start: Decides to start running" in items
    model = journey(SHOES)
    for objective in model.objectives:
        assert objective in items


def test_figures_are_written_in_the_map_language():
    spanish = render(journey(ROOT / "examples" / "zapatillas-de-correr.yaml"),
                     RenderOptions()).decode()
    assert "- **Marco temporal:** 3 semanas\n" in spanish
    assert "12.000 visitas/mes" in spanish
    assert "2 de noviembre de 2026" in spanish
    assert "Necesidades: " in spanish
    english = render(journey(SHOES), RenderOptions()).decode()
    assert "- **Timeframe:** 3 weeks\n" in english
    assert "<br>Needs: A quick, safe checkout<br>*Evidence: observed*" in english
    assert "12,000 visits/month" in english


def test_user_text_stays_text():
    stream = tokens(NASTY)
    model = journey(NASTY)
    assert headings(stream, 1) == [model.title]
    assert 'Etapa <i>{x|y}</i> "q" \\l: #3; a, b' in headings(stream, 2)
    inlines = [t for t in stream if t.type == "inline"]
    assert not set().union(*(markup_in(t) for t in inlines))
    texts = [text_of(t) for t in inlines]
    assert any(t.endswith("Le gusta *todo* | nada") for t in texts)
    # Objectives that look like a heading and a numbered list stay items of the list.
    assert "# no es un título" in texts and "1. no es una lista" in texts
    row = [text_of(cell) for cell in tables(stream)[0][1]]
    assert row[0].startswith(model.steps[0].name + "\n★ Momento de la verdad")
    assert row[1] == '😣 −2 \\G "mal" & <peor> (muy negativa)'
    assert row[2] == ('• Web | {form} ("chan" \\ <x>, directo, Equipo *web*)\n'
                      "• Boca a boca")
    assert row[3] == "Precio: 10 $ | caro (gravedad: alta)"
    assert row[4] == ("[Oferta](http://x) `código` ~tachado~ (palanca: personalización, "
                      "responsable: A_B)")
    assert row[5] == "Conversión | web: 2,5% (objetivo 3%, ✗ no alcanza el objetivo)"


def test_empty_stage_is_said_to_be_empty():
    stream = tokens(NASTY)
    texts = [text_of(t) for t in stream if t.type == "inline"]
    assert texts[texts.index("Etapa sin pasos") + 1] == "sin pasos en el mapa"


def test_labels_follow_the_map_language_unless_lang_says_otherwise():
    spanish = [text_of(c) for c in tables(tokens(NASTY))[0][0]]
    assert spanish == ["Paso", "Emoción", "Puntos de contacto", "Puntos de dolor",
                       "Oportunidades", "Métricas"]
    english = [text_of(c) for c in tables(tokens(NASTY, lang="en"))[0][0]]
    assert english[0] == "Step"


def test_mermaid_block_only_on_request():
    model = journey(SHOES)
    fences = [t for t in tokens(SHOES, mermaid=True) if t.type == "fence"]
    assert [(f.info, f.content) for f in fences] == [("mermaid", diagram(model))]
    assert not [t for t in tokens(SHOES) if t.type == "fence"]


def test_source_is_named_and_output_is_deterministic():
    options = RenderOptions(source="examples/running-shoes.yaml")
    text = render(journey(SHOES), options).decode()
    assert text == render(journey(SHOES), options).decode()
    assert text.endswith("\n\n---\n\n*Generated by cjmap from examples/running-shoes.yaml*\n")


COURSE = ROOT / "tests" / "maps" / "valid" / "online-course.yaml"


def list_items(stream: list[Token]) -> list[tuple[int, str]]:
    """Each list item's first paragraph, with its nesting level (0 for the top list)."""
    found, level = [], -1
    for index, token in enumerate(stream):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            level += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            level -= 1
        elif token.type == "inline" and stream[index - 2].type == "list_item_open":
            found.append((level, text_of(token)))
    return found


def test_several_personas_each_feeling_says_whose_it_is():
    rows = [row for table in tables(tokens(COURSE)) for row in table[1:]
            if text_of(table[0][1]) == "Emotion"]
    emotions = [text_of(row[1]) for row in rows]
    assert emotions[0] == "Laura: 🙂 +1 positive\nMarco: 😐 0 neutral"
    assert emotions[2] == "Laura: 😣 −2 very negative\nMarco: 🙁 −1 negative"
    # A plain emotion in a map of several personas is the main persona's.
    assert emotions[3] == "Laura: 🙂 +1 positive"


def test_several_personas_are_all_listed_in_the_header():
    items = list_items(tokens(COURSE))
    assert items[:3] == [
        (0, "Personas:"),
        (1, "Laura, the new runner — 34, office worker, has never run regularly. · "
            "Segment: Beginner runners · Role in the purchase: Buyer · "
            "Goals: Run 5 km without stopping"),
        (1, "Marco, the team lead · Role in the purchase: Influencer, User"),
    ]
    assert items[3] == (0, "State: current")


def test_persona_names_stay_text_in_feelings_and_header():
    text = ("cjmap: 1\ntitle: T\nlang: es\npersonas:\n"
            "  - {id: a, name: '*Ana* | <b>[x](y)</b>, la jefa'}\n"
            "  - {id: b, name: '- `Bo` ~z~'}\n"
            "steps:\n  - {name: Paga, emotion: {a: -2, b: {score: 1, label: '_sí_'}}}\n")
    result = cjmap.load_text(text, "t.yaml")
    assert result.journey is not None, result.diagnostics
    stream = PARSER.parse(render(result.journey, RenderOptions()).decode())
    assert not set().union(*(markup_in(t) for t in stream if t.type == "inline"))
    assert list_items(stream)[:3] == [(0, "Buyer personas:"),
                                      (1, "*Ana* | <b>[x](y)</b>, la jefa"),
                                      (1, "- `Bo` ~z~")]
    assert text_of(tables(stream)[0][1][1]) == ("*Ana* | <b>[x](y)</b>: 😣 −2 muy negativa\n"
                                               "- `Bo` ~z~: 🙂 +1 _sí_ (positiva)")


def test_service_blueprint_is_a_table_under_the_stage_steps():
    text = render(journey(COURSE), RenderOptions()).decode()
    assert ("**Service blueprint**\n\n"
            "| Step | Frontstage | Backstage | Support processes |\n"
            "|---|---|---|---|\n"
            "| Asks her manager to pay | Sends the quote (Sales) | "
            "Checks the company's training budget | Invoicing system (Finance) |\n\n"
            "## Conversion") in text
    # Only the stage whose steps have actions below the line gets one.
    assert text.count("**Service blueprint**") == 1


def test_service_blueprint_shows_the_layers_used_and_keeps_text_text():
    text = ("cjmap: 1\ntitle: T\nlang: es\nsteps:\n"
            "  - name: Pide | paga\n"
            "    backstage: ['*Revisa* <b>x</b>', {text: '[a](b)', actor: 'A_B | `c`'}]\n"
            "  - name: Sin capas\n"
            "  - name: Recibe\n    support: [{text: Correo, actor: CRM}]\n")
    result = cjmap.load_text(text, "t.yaml")
    assert result.journey is not None, result.diagnostics
    stream = PARSER.parse(render(result.journey, RenderOptions()).decode())
    assert not set().union(*(markup_in(t) for t in stream if t.type == "inline"))
    blueprint = [[text_of(c) for c in row] for row in tables(stream)[1]]
    assert blueprint == [
        ["Paso", "Acciones internas", "Procesos de apoyo"],
        ["Pide | paga", "• *Revisa* <b>x</b>\n• [a](b) (A_B | `c`)", "—"],
        ["Recibe", "—", "Correo (CRM)"],
    ]


def test_stage_touchpoints_show_their_scored_qualities_and_average():
    text = render(journey(ROOT / "tests" / "maps" / "valid" / "audit.yaml"),
                  RenderOptions()).decode()
    assert ("**Touchpoints of the stage**\n\n"
            "- Website (Web, Marketing) — simple 4 · relevant 3, average 3.5\n"
            "- Online reviews (indirect, third party)\n") in text
    assert "- Checkout lines (Shop, Store ops) — simple 2 · engaging 1 · personal 1, " \
           "average 1.3\n" in text


def test_quality_words_and_average_follow_the_language():
    spanish = render(journey(ROOT / "examples" / "zapatillas-de-correr.yaml"),
                     RenderOptions()).decode()
    assert ("Consejo del dependiente (Tienda de deportes, indirecto, Alianzas con tiendas) — "
            "sencillo 4 · adecuado 5 · relevante 4 · significativo 4 · atractivo 4 · "
            "personal 4, media 4,2 |") in spanish


def test_a_metric_with_history_shows_its_trend_and_newest_value() -> None:
    result = cjmap.load_text(
        "cjmap: 1\ntitle: T\nlang: es\nsteps:\n  - name: Paga\n    metrics:\n"
        "      - {name: Pagos, actual: 64, as_of: 2026-10-31, target: 70, unit: '%', history: "
        "[{as_of: 2026-07-31, actual: 61}, {as_of: 2026-11-30, actual: 72}]}\n", "t.yaml")
    assert result.journey is not None
    page = render(result.journey, RenderOptions()).decode("utf-8")
    assert ("Pagos: 72% (objetivo 70%, ✓ cumple el objetivo; 61% el 31 jul 2026 → 72% el "
            "30 nov 2026)") in page

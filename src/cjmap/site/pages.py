"""The pages of the site: plain values handed to the Jinja2 templates of ``templates/``
(autoescaped: every text of a map is untrusted). A map's rows of the pages made from every map
are drawn here, one map at a time (:mod:`cjmap.site.parts` puts them together).

Every link is relative to the page that holds it (``root`` is ``../`` per level), so that the
site works from ``file://``, from any sub-path and under any base URL. Pages the renderers and
``cjmap report`` make whole (a map, a portfolio table) get the site's bar and stylesheet
inserted, so that they look as they do on their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from cjmap.i18n import _, ngettext
from cjmap.portfolio.model import InvalidMap, MapData
from cjmap.portfolio.names import TABLES
from cjmap.site.paths import href, map_paths, root_of, slug
from cjmap.site.work import SEARCHED, MapRecord

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from cjmap.portfolio.model import Freshness
    from cjmap.site.options import Problem

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
STYLESHEET = "assets/site.css"
SCRIPT = "assets/site.js"
SEARCH_INDEX = "assets/search-index.js"
INDEX = "index.html"
PERSONAS = "personas/index.html"
TAGS = "tags/index.html"
SITEMAP = "sitemap.xml"


def words() -> dict[str, str]:
    """The site's own labels, in the language in use (cjmap.i18n)."""
    return {
        "site_title": _("Journey maps"),
        "maps": _("Maps"),
        "personas": _("Personas"),
        "tags": _("Tags"),
        "coverage": _("Coverage"),
        "weakest": _("Weakest touchpoints"),
        "emotions": _("Emotions"),
        "backlog": _("Opportunity backlog"),
        "metrics": _("Off-target metrics"),
        "freshness": _("Review freshness"),
        "title": _("Title"),
        "persona": _("Persona"),
        "tag": _("Tag"),
        "state": _("State"),
        "owner": _("Owner"),
        "stage_model": _("Stage model"),
        "review": _("Review"),
        "lint": _("Lint"),
        "current": _("current"),
        "future": _("future"),
        "any": _("Any"),
        "filters": _("Filter the maps"),
        "search": _("Search the maps"),
        "search_hint": _("Titles, steps, touchpoints, pain points and opportunities"),
        "shown": _("{shown} of {total} maps shown"),
        "no_match": _("No map matches these filters."),
        "clear_filters": _("Clear the filters"),
        "invalid": _("invalid"),
        "clean": _("no findings"),
        "findings": _("Lint findings"),
        "problems": _("Validation problems"),
        "invalid_note": _("This map is not valid, so it cannot be drawn. Fix these problems "
                          "(cjmap validate shows them too):"),
        "no_findings": _("cjmap lint finds nothing to improve in this map."),
        "files": _("Files"),
        "source": _("Source (YAML)"),
        "markdown": _("Markdown"),
        "svg": _("Diagram (SVG)"),
        "none": _("none"),
        "no_persona": _("(no persona)"),
        "results": _("{n} maps match"),
        "result": _("1 map matches"),
        "no_results": _("Nothing matches."),
        "kind_title": _("title"),
        "kind_step": _("step"),
        "kind_touchpoint": _("touchpoint"),
        "kind_pain_point": _("pain point"),
        "kind_opportunity": _("opportunity"),
        "custom": _("the maps' own stages"),
        "skip": _("Skip to the content"),
        "sev_error": _("error"),
        "sev_warning": _("warning"),
        "sev_info": _("info"),
    }


@dataclass(frozen=True)
class Row:
    """One map as the index and the persona and tag pages list it."""

    source: str
    page: str
    title: str
    personas: list[tuple[str, str]]  # (page, name)
    persona_ids: list[str]
    tags: list[tuple[str, str]]  # (page, tag)
    state: str | None
    owner: str | None
    stage_model: str | None
    review: str | None
    review_text: str
    review_tone: str | None
    errors: int
    warnings: int
    valid: bool


def row(source: str, record: MapRecord, review: Freshness | None, lang: str) -> Row:
    """A map as the index lists it; ``review`` is its freshness row (a valid map's)."""
    from cjmap.portfolio.sheets import status_text
    from cjmap.portfolio.words import words as report_words

    contribution = record.contribution
    info = contribution.info if isinstance(contribution, MapData) else None
    cell = status_text(review, report_words(lang)) if review else None
    entry = record.entry
    return Row(
        source, map_paths(source).page, entry.title,
        [(f"personas/{slug(pid)}.html", name) for pid, name in entry.personas],
        [pid for pid, _ in entry.personas],
        [(f"tags/{slug(tag)}.html", tag) for tag in entry.tags],
        info.state if info else None, info.owner if info else None,
        info.stage_model if info else None,
        review.status if review else None, cell.text if cell else "",
        cell.tone if cell else None,
        entry.errors, entry.warnings, info is not None)


def row_html(row: Row, root: str, lang: str) -> str:
    """A map's row of the table of maps, on a page ``root`` away from the site's root."""
    return environment().get_template("row.html.j2").render(
        row=row, w=words(), root=root, lang=lang)


@dataclass(frozen=True)
class Group:
    """A persona or a tag: its page, and the maps that have it drawn as rows."""

    page: str
    name: str
    maps: int
    rows: str


def groups(listed: Sequence[Row], drawn: Sequence[str], kind: str) -> list[Group]:
    """The persona (``kind="personas"``) or tag pages, by name; ``drawn`` holds each row of
    ``listed`` drawn for a page one folder down."""
    from markupsafe import Markup

    found: dict[str, tuple[str, list[str]]] = {}
    for listed_row, html in zip(listed, drawn, strict=True):
        for page, name in (listed_row.personas if kind == "personas" else listed_row.tags):
            found.setdefault(page, (name, []))[1].append(html)
    return sorted((Group(page, name, len(maps), Markup("".join(maps)))
                   for page, (name, maps) in found.items()),
                  key=lambda group: (group.name.casefold(), group.page))


def count(number: int, what: str) -> str:
    """``1 map``, ``3 errors``: a count of maps, lint errors or warnings, in the language in
    use."""
    if what == "errors":
        text = ngettext("{n} error", "{n} errors", number)
    elif what == "warnings":
        text = ngettext("{n} warning", "{n} warnings", number)
    else:
        text = ngettext("{n} map", "{n} maps", number)
    return text.format(n=number)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2

    from cjmap.render.html import COMPILE_OPTIONS, bytecode_cache

    # Compiled as the renderer's templates are, and kept in the same cache: compiling them
    # was a tenth of a rebuild after one map changed.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             bytecode_cache=bytecode_cache(),
                             undefined=jinja2.StrictUndefined, **COMPILE_OPTIONS)
    env.filters["href"] = href
    env.filters["count"] = count
    env.filters["jsonattr"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.globals["model_words"] = model_words
    env.globals["problem_list"] = problem_list
    return env


def problem_list(problems: Sequence[Problem], w: dict[str, str], source_href: str) -> Markup:
    """A map's validation problems or lint findings, as its page lists them. Written here, not
    as a template macro: a map has dozens of findings, and going through Jinja2 for each of
    their values made the list half the cost of framing a map's page."""
    from markupsafe import Markup, escape

    from cjmap.render.html import safe_value

    def e(value: str) -> str:
        return escape(safe_value(value))

    # A finding's file, rule and severity repeat from one finding to the next and its place
    # is two numbers: only its message and hint are made safe every time.
    opening: dict[tuple[str, str], str] = {}
    place: dict[str, str] = {}
    href = e(source_href)
    items = ['<ol class="site-problems">\n']
    for problem in problems:
        severity = problem.severity
        start = opening.get((severity, problem.file))
        if start is None:
            tone = "bad" if severity == "error" else "warn" if severity == "warning" else "plain"
            start = opening[severity, problem.file] = (
                f'  <li class="site-problem site-{e(severity)}">\n'
                f'    <span class="site-badge site-{tone}">'
                f'{e(w["sev_" + severity])}</span>\n'
                f'    <a href="{href}"><code>{e(problem.file)}:')
        code = place.get(problem.code)
        if code is None:
            code = place[problem.code] = e(problem.code)
        hint = f'<p class="site-hint">{e(problem.hint)}</p>' if problem.hint else ""
        items.append(
            f'{start}{int(problem.line)}:{int(problem.column)}</code></a>\n'
            f'    <span>{e(problem.message)}</span> '
            f'<code class="site-code">{code}</code>\n{hint}  </li>\n')
    items.append("</ol>\n")
    return Markup("".join(items))


def _page(template: str, page: str, lang: str, **values: object) -> bytes:
    root = root_of(page)
    text = environment().get_template(template).render(
        w=words(), lang=lang, root=root, page=page, tables=_portfolio_links(), **values)
    return text.encode("utf-8")


def _portfolio_links() -> list[tuple[str, str]]:
    w = words()
    return [(f"portfolio/{table}.html", w[table]) for table in TABLES]


def model_words(model: str, lang: str) -> str:
    """A stage model as readers name it: "The six phases", not ``six-phases``."""
    from cjmap.format.presets import model_label

    return words()["custom"] if model == "custom" else model_label(model, lang)


def _choices(listed: Sequence[Row], lang: str) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers: (value, label), as the rows carry them."""
    from cjmap.portfolio.words import words as report_words

    w, rw = words(), report_words(lang)
    personas = {pid: name for row in listed for pid, (_, name) in zip(row.persona_ids,
                                                                     row.personas, strict=True)}
    return {
        "persona": sorted(personas.items(), key=lambda item: (item[1].casefold(), item[0])),
        "tag": [(tag, tag) for tag in sorted({t for row in listed for _, t in row.tags},
                                              key=str.casefold)],
        "state": [(state, w[state]) for state in ("current", "future")
                  if any(row.state == state for row in listed)],
        "owner": [(owner, owner) for owner in sorted({row.owner for row in listed if row.owner},
                                                      key=str.casefold)],
        "model": [(model, model_words(model, lang))
                  for model in sorted({row.stage_model for row in listed if row.stage_model})],
        "review": [(status, rw[f"status_{status}"].split(" {")[0])
                   for status in ("overdue", "due", "ok", "no-cadence", "unreviewed")
                   if any(row.review == status for row in listed)],
    }


def index_page(listed: Sequence[Row], drawn: Sequence[str], lang: str) -> bytes:
    """The index of every map; ``drawn`` holds their rows drawn for the site's root."""
    from markupsafe import Markup

    return _page("index.html.j2", INDEX, lang, maps=len(listed),
                 invalid=sum(not listed_row.valid for listed_row in listed),
                 rows=Markup("".join(drawn)), choices=_choices(listed, lang),
                 search_index=SEARCH_INDEX)


def group_page(group: Group, kind: str, lang: str) -> bytes:
    return _page("group.html.j2", group.page, lang, group=group, kind=kind)


def directory_page(found: Sequence[Group], kind: str, lang: str) -> bytes:
    return _page("directory.html.j2", PERSONAS if kind == "personas" else TAGS, lang,
                 groups=found, kind=kind)


def invalid_page(source: str, record: MapRecord, lang: str) -> bytes:
    paths = map_paths(source)
    return _page("invalid.html.j2", paths.page, lang, source=source, paths=paths,
                 record=record)


def map_page(source: str, record: MapRecord, lang: str) -> bytes:
    """The HTML renderer's page of the map, with the site's bar, the map's lint findings and
    links to its source and other renders."""
    assert record.rendered is not None
    paths = map_paths(source)
    values = {"source": source, "paths": paths, "record": record,
              "svg": "svg" in record.rendered, "frame": "map"}
    return framed(record.rendered["html"], paths.page, lang, "findings.html.j2", values)


def portfolio_page(table: str, html: bytes, lang: str) -> bytes:
    """One table of ``cjmap report``'s HTML page (``html``), in the site's frame."""
    return framed(html, f"portfolio/{table}.html", lang, None, {"frame": "report"})


def framed(html: bytes, page: str, lang: str, after: str | None,
           values: dict[str, object]) -> bytes:
    """A whole page with the site's stylesheet in its head, the site's bar first in its body
    and the template ``after`` (if any) at the end of its body."""
    bar = _page("bar.html.j2", page, lang, **values)
    tail = _page(after, page, lang, **values) if after else b""
    root = root_of(page)
    link = f'<link rel="stylesheet" href="{href(root, STYLESHEET)}">\n'.encode()
    head, _, rest = html.partition(b"</head>")
    start = rest.index(b"<body")
    opened = rest.index(b">", start) + 1
    body, _, end = rest[opened:].rpartition(b"</body>")
    return (head + link + b"</head>" + rest[:opened] + b"\n" + bar + body + tail
            + b"</body>" + end)


# A map in the search index: its page and title, and its texts (kind, text) written as JSON,
# each with NUL where the map's number goes, which only the index knows (JSON writes a NUL of
# the text as an escape).
SearchPart = tuple[str, str]


def search_part(source: str, record: MapRecord) -> SearchPart:
    """What the search index holds of one map."""
    return (_script_json([quote(map_paths(source).page), record.entry.title]),
            ",".join(f"[\0,{_script_json([kind, text])[1:]}" for kind, text in record.search))


def search_index(parts: Sequence[SearchPart]) -> bytes:
    """The search index as a script that assigns a global: a page opened from ``file://``
    cannot fetch a JSON file. ``<`` is written ``\\u003c``, so that no map text can close the
    script element."""
    w = words()
    items = ",".join(texts.replace("\0", str(number))
                     for number, (_, texts) in enumerate(parts) if texts)
    maps = ",".join(entry for entry, _ in parts)
    kinds = _script_json([w[f"kind_{kind}"] for kind in SEARCHED])
    # The keys in order, as json.dumps(sort_keys=True) writes them.
    text = (f'{{"items":[{items}],"kinds":{kinds},"maps":[{maps}],'
            f'"none":{_script_json(w["no_results"])},"result":{_script_json(w["result"])},'
            f'"results":{_script_json(w["results"])}}}')
    return f"window.CJMAP_SEARCH = {text};\n".encode()


def _script_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def sitemap(pages: Iterable[str], base_url: str | None) -> bytes:
    """The sitemap of every HTML page: absolute URLs under ``--base-url``, else paths relative
    to the site (search engines need the base URL)."""
    from html import escape  # not xml.sax's: the same three characters, a lighter import

    base = base_url or ""
    locations = "".join(f"  <url><loc>{escape(base + quote(page), quote=False)}</loc></url>\n"
                        for page in sorted(pages))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{locations}</urlset>\n").encode()


def assets() -> dict[str, bytes]:
    """The stylesheet and the script every page shares."""
    return {STYLESHEET: (ASSETS / "site.css").read_bytes(),
            SCRIPT: (ASSETS / "site.js").read_bytes()}


def is_invalid(record: MapRecord) -> bool:
    return isinstance(record.contribution, InvalidMap)

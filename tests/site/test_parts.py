"""The pages made from every map, put together from each map's parts, are the pages made from
the whole portfolio at once: the report's page of each table, the index and groups of every
map, the search index of every map. Real maps on disk: the test repository (an invalid map, an
audit map, Spanish and English) and generated maps, whose touchpoints tie on their averages."""

import sys
from datetime import date
from pathlib import Path

import pytest

from cjmap import i18n
from cjmap.lint.config import find, resolve
from cjmap.portfolio.formats import ReportOptions
from cjmap.portfolio.formats.html import portfolio_page
from cjmap.portfolio.names import TABLES
from cjmap.portfolio.tables import build
from cjmap.site import pages as p
from cjmap.site.parts import (
    FAMILIES,
    family_of,
    made_again,
    map_links,
    pages,
    parts_of,
    read_by,
)
from cjmap.site.work import MapRecord, Work, build_map
from tests.conftest import ROOT
from tests.portfolio.repository import write_repository

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate

TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("parts")
    repository = write_repository(root / "repo") / "maps"
    generated = generate.write_corpus(root / "generated", 12, seed=4)
    # Equal averages over fewer scores come after, whatever the order of the maps.
    for name, touchpoint in (("a", "{name: Two scores, quality: {simple: 3, engaging: 3}}"),
                             ("b", "{name: Three scores, quality: {simple: 3, engaging: 3, "
                                   "personal: 3}}")):
        (repository / f"ties-{name}.yaml").write_text(
            f"cjmap: 1\ntitle: Ties {name}\nsteps:\n  - name: Looks\n"
            f"    touchpoints: [{touchpoint}]\n", encoding="utf-8")
    return sorted([*repository.glob("*.yaml"), *generated])


def _records(maps: list[Path], lang: str) -> dict[str, MapRecord]:
    i18n.use(lang)
    work = Work(resolve(find(maps[0].parent), maps[0].parent), TODAY, 30, lang, False)
    return {str(path): build_map(path, str(path), work, "") for path in maps}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pages_from_parts_are_the_pages_of_the_whole(maps: list[Path], lang: str) -> None:
    records = _records(maps, lang)
    sources = sorted(records)
    every = {source: parts_of(source, records[source], TODAY, 30, lang) for source in sources}
    made = pages({family: [every[source][family] for source in sources]
                  for family in FAMILIES}, set(FAMILIES), TODAY, 30, lang)

    portfolio = build([records[source].contribution for source in sources], TODAY, 30, lang)
    assert portfolio.invalid and len(portfolio.weakest) > 20
    for table in TABLES:
        whole = portfolio_page(portfolio, ReportOptions(  # type: ignore[arg-type]
            tables=(table,), link=map_links({source: records[source].steps
                                             for source in sources})))
        assert made[f"portfolio/{table}.html"] == p.portfolio_page(table, whole, lang), table
    # Ties on the average keep the maps' order, as the ranking of every touchpoint does.
    averages = [row.average for row in portfolio.weakest]
    assert len(set(averages)) < len(averages)
    names = [row.name for row in portfolio.weakest]
    assert names.index("Three scores") < names.index("Two scores")

    search = made[p.SEARCH_INDEX].decode()
    assert search.count('"') > 100 and "\0" not in search
    for source in sources:
        assert p.row_html(every[source]["index"][0], "", lang) in made[p.INDEX].decode()
    assert {family_of(name) for name in made} == {"index", "search", *TABLES}


def test_what_a_change_makes_again() -> None:
    # A map turning invalid (or valid) is listed on every portfolio page.
    assert made_again({"maps"}) == {"maps", *TABLES}
    assert made_again({"weakest", "search"}) == {"weakest", "search"}
    # Every portfolio page counts the maps and lists the invalid ones; the index reads its own.
    assert read_by({"weakest"}) == {"weakest", "maps"}
    assert read_by({"index", "search"}) == {"index", "search"}
    assert family_of("personas/laura.html") == family_of("tags/x.html") == "index"
    assert family_of("sitemap.xml") is None and family_of("assets/site.css") is None

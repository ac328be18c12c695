"""The portfolio page in a real browser (Chromium): self-contained, every table, the coverage
heat map with numbers in its cells and gaps hatched."""

from collections.abc import Iterator
from typing import Any

import pytest

from cjmap.portfolio import portfolio_of
from cjmap.portfolio.formats import ReportOptions
from cjmap.portfolio.formats.html import portfolio_page
from tests.conftest import require
from tests.portfolio.repository import TODAY, write_repository
from tests.render.test_html import CHROMIUM_ARGS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str]]]:
    chromium = require("chromium", "the portfolio page is checked in a real browser")
    from playwright.sync_api import sync_playwright

    root = write_repository(tmp_path_factory.mktemp("repo"))
    files = sorted((root / "maps").glob("*.yaml"))
    html = root / "portfolio.html"
    html.write_bytes(portfolio_page(portfolio_of(files, TODAY), ReportOptions()))
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        opened = browser.new_page(viewport={"width": 1280, "height": 800})
        opened.on("request", lambda request: requests.append(request.url))
        opened.goto(html.as_uri())
        yield opened, requests
        browser.close()


def test_the_page_asks_for_nothing_but_itself(page: tuple[Any, list[str]]) -> None:
    _, requests = page
    assert len(requests) == 1 and requests[0].startswith("file://")


def test_every_table_is_on_the_page(page: tuple[Any, list[str]]) -> None:
    opened, _ = page
    headings = opened.locator("h2").all_inner_texts()
    assert headings[0] == "Invalid maps"
    for title in ("Coverage: touchpoints per channel and purchase phase", "Weakest touchpoints",
                  "Emotion lows", "Moments of truth", "Opportunity backlog",
                  "Off-target metrics", "Review freshness"):
        assert title in headings
    assert opened.locator("nav a").count() == len(headings)


def test_heat_map_cells_show_numbers_and_hatch_gaps(page: tuple[Any, list[str]]) -> None:
    opened, _ = page
    grid = opened.locator("table.grid").first
    website = grid.locator("tbody tr").first
    assert website.locator("th, td").all_inner_texts()[:4] == ["Website", "2", "2", "—"]
    fullest = website.locator("td").first
    assert fullest.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(8, 81, 156)"
    gap = website.locator("td.gap")
    assert gap.count() == 1
    assert "repeating-linear-gradient" in gap.evaluate("e => getComputedStyle(e).backgroundImage")


def test_rows_say_where_they_come_from(page: tuple[Any, list[str]]) -> None:
    opened, _ = page
    title = opened.get_by_text("Free size exchange", exact=True).get_attribute("title")
    assert title is not None and title.endswith("/maps/shoes.yaml:31")

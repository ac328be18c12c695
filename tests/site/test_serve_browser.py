"""``cjmap serve`` in a real browser (Chromium): a saved map updates the open page in place,
keeping its scroll position; a map that no longer validates keeps its last good render under
an overlay that lists its problems at file:line:col and goes when the map is fixed; a page
whose server stopped says so and catches up once one runs on its port again; the index's
script still works after its page was swapped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.site.serving import Server, copy_examples, save, serving

pytestmark = pytest.mark.browser

SHOES = "maps/running-shoes.yaml"
PAGE = "maps/maps/running-shoes.html"
TITLE = "title: Buying a first pair of running shoes"
SCREENSHOT = ROOT / "docs" / "serve-overlay.png"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_examples(tmp_path)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    opened = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    opened.close()
    assert errors == []


def open_map(page: Any, server: Server) -> None:
    page.goto(server.url + PAGE)
    # The live script is connected once its style is in and the first event came.
    page.wait_for_function("document.getElementById('cjmap-live-style') !== null")
    page.wait_for_timeout(300)


def test_a_save_updates_the_page_and_keeps_its_scroll(repo: Path, page: Any) -> None:
    shoes = repo / SHOES
    good = shoes.read_text(encoding="utf-8")
    with serving(repo, "maps") as server:
        open_map(page, server)
        page.evaluate("window.scrollTo(0, 700)")
        before = page.evaluate("window.scrollY")
        assert before == 700
        page.evaluate("window.marker = 1")  # gone if the page were reloaded
        save(shoes, good.replace(TITLE, "title: Buying a first pair of trail shoes")
             .replace("Laura, the new runner", "Lucía, la corredora novata"))
        page.wait_for_function("document.querySelector('h1').textContent.includes('trail')")
        assert "Lucía, la corredora novata" in page.inner_text("body")
        assert page.evaluate("window.scrollY") == before
        assert page.evaluate("window.marker") == 1
        assert page.title().startswith("Buying a first pair of trail shoes")


def test_an_invalid_map_keeps_its_render_under_an_overlay_until_fixed(repo: Path,
                                                                      page: Any) -> None:
    shoes = repo / SHOES
    good = shoes.read_text(encoding="utf-8")
    line = next(number for number, text in enumerate(good.splitlines(), 1)
                if "score: -1" in text)
    with serving(repo, "maps") as server:
        open_map(page, server)
        page.evaluate("window.scrollTo(0, 400)")
        save(shoes, good.replace("emotion: {score: -1,", "emotion: {score: 9,", 1))
        overlay = page.locator("#cjmap-live-overlay[role=alert]")
        overlay.wait_for()
        text = overlay.inner_text()
        assert "This map no longer validates" in text
        assert f"{SHOES}:{line}:" in text and "9" in text
        # The last good render is still there, where it was.
        assert page.locator("h1").inner_text() == "Buying a first pair of running shoes"
        assert page.evaluate("window.scrollY") == 400
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOT))
        page.evaluate("window.scrollTo(0, 400)")

        # A YAML syntax error is listed at its place too.
        save(shoes, good.replace(TITLE, "title: Buying: a: first pair", 1))
        page.wait_for_function("document.getElementById('cjmap-live-overlay').textContent"
                               f".includes('{SHOES}:7:14')")
        assert "mapping values are not allowed" in overlay.inner_text()

        save(shoes, good.replace(TITLE, "title: Buying a first pair of road shoes"))
        overlay.wait_for(state="detached")
        page.wait_for_function("document.querySelector('h1').textContent.includes('road')")
        assert page.evaluate("window.scrollY") == 400


def test_the_overlay_can_be_dismissed_and_a_reload_shows_the_problems(repo: Path,
                                                                      page: Any) -> None:
    shoes = repo / SHOES
    good = shoes.read_text(encoding="utf-8")
    with serving(repo, "maps") as server:
        open_map(page, server)
        save(shoes, good.replace("emotion: {score: -1,", "emotion: {score: 9,", 1))
        page.locator("#cjmap-live-overlay").wait_for()
        page.get_by_role("button", name="Dismiss").click()
        assert page.locator("#cjmap-live-overlay").count() == 0
        # A reload while the map is invalid shows the site's page of its problems.
        page.reload()
        assert page.locator("main .site-kicker .site-bad").text_content() == "invalid"
        assert "'score' must be at most 2, not 9" in page.inner_text("main")
        save(shoes, good)
        page.locator("main .site-kicker .site-bad").wait_for(state="detached")
        assert page.locator("h1").inner_text() == "Buying a first pair of running shoes"


def test_a_page_reconnects_to_a_restarted_server_and_catches_up(repo: Path,
                                                                page: Any) -> None:
    shoes = repo / SHOES
    good = shoes.read_text(encoding="utf-8")
    with serving(repo, "maps") as server:
        open_map(page, server)
        port = server.port
        assert server.stop() == 0
        badge = page.locator("#cjmap-live-badge[role=status]")
        badge.wait_for()
        assert "Reconnecting" in badge.inner_text()
    # Saved while no server ran: the new one builds it, the page refreshes on reconnecting.
    save(shoes, good.replace(TITLE, "title: Buying a first pair of spikes"))
    with serving(repo, "maps", "--port", str(port)):
        page.wait_for_function("document.querySelector('h1').textContent.includes('spikes')",
                               timeout=30000)
        badge.wait_for(state="detached")


def test_the_index_still_filters_after_it_was_swapped(repo: Path, page: Any) -> None:
    shoes = repo / SHOES
    good = shoes.read_text(encoding="utf-8")
    with serving(repo, "maps") as server:
        page.goto(server.url)
        page.wait_for_function("document.getElementById('cjmap-live-style') !== null")
        page.wait_for_timeout(300)
        save(shoes, good.replace(TITLE, "title: Buying a first pair of trail shoes"))
        page.wait_for_function("document.body.textContent.includes('trail shoes')")
        page.fill("input[type=search]", "trail")
        page.wait_for_function(
            "document.getElementById('site-results').textContent.includes('trail shoes')")

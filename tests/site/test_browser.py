"""The built site in a real browser (Chromium): the index's filters and search, from the
keyboard, from ``file://`` and from an HTTP server under a sub-path; every link of every page
resolves; no request leaves the site; map text never runs as script."""

import functools
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT
from tests.portfolio.repository import write_repository
from tests.site.test_build import HOSTILE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = write_repository(tmp_path_factory.mktemp("repo"))
    (repo / "maps" / "evil.yaml").write_text(HOSTILE, encoding="utf-8")
    # A map in a folder with a space and an accent: links are percent-encoded.
    (repo / "maps" / "tiendas físicas").mkdir()
    shutil.copy(ROOT / "examples" / "retail-touchpoints.yaml",
                repo / "maps" / "tiendas físicas" / "retail.yaml")
    done = subprocess.run([sys.executable, "-m", "cjmap", "site", "maps", "--today",
                           "2026-06-01"], cwd=repo, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 1, done.stderr  # broken.yaml
    return repo / "_site"


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    opened.on("dialog", lambda dialog: (problems.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: problems.append(str(error)))
    yield opened, requests
    opened.close()
    assert problems == []  # no alert() from a map's text, no script error


def test_filters_narrow_the_table(site: Path, page: tuple[Any, list[str]]) -> None:
    opened, requests = page
    opened.goto((site / "index.html").as_uri())
    rows = opened.locator("tr[data-map]")
    assert rows.count() == 7
    assert opened.locator("#site-shown").inner_text() == "7 of 7 maps shown"
    opened.select_option("select[name=tag]", "retail")
    assert next(r for r in rows.all() if r.is_visible()).locator("a").first.inner_text() == \
        "Buying a tent at the Cumbre Outdoor store"
    assert opened.locator("#site-shown").inner_text() == "1 of 7 maps shown"
    opened.select_option("select[name=review]", "overdue")
    assert opened.locator("#site-shown").inner_text() == "0 of 7 maps shown"
    assert opened.locator("#site-no-match").is_visible()
    opened.click("button[type=reset]")
    opened.wait_for_function("document.querySelector('#site-shown').textContent.startsWith('7')")
    opened.select_option("select[name=persona]", "sam")
    visible = [r.locator("th a").inner_text() for r in rows.all() if r.is_visible()]
    assert visible == ["Subscribing to a meal kit"]
    assert all(url.startswith("file://") for url in requests)


def test_search_from_the_keyboard_over_file(site: Path, page: tuple[Any, list[str]]) -> None:
    opened, requests = page
    opened.goto((site / "index.html").as_uri())
    # The search field is labelled and reached with Tab (after the skip link and the bar).
    assert opened.get_by_label("Search the maps").get_attribute("type") == "search"
    opened.get_by_label("Search the maps").focus()
    opened.keyboard.type("wrong size")
    results = opened.locator("#site-results li")
    assert results.count() == 1
    assert "pain point: Fear of the wrong size" in results.first.inner_text()
    assert opened.locator("#site-results-status").inner_text() == "1 map matches"
    # Case and accents do not matter.
    opened.fill("#site-search", "NADIE SABE")
    assert "Comprar zapatillas" in opened.locator("#site-results").inner_text()
    opened.fill("#site-search", "cafe")
    assert "step: Step </script><!-- x, café" in opened.locator("#site-results").inner_text()
    opened.fill("#site-search", "</script>")
    assert opened.locator("#site-results li a").first.inner_text().startswith("</script>")
    opened.fill("#site-search", "size")
    opened.keyboard.press("ArrowDown")
    assert opened.evaluate("document.activeElement.textContent") == "Buying running shoes"
    opened.keyboard.press("Enter")
    opened.wait_for_url("**/maps/maps/shoes.html")
    assert opened.locator("h1").first.inner_text() == "Buying running shoes"
    assert all(url.startswith("file://") for url in requests)


def test_every_link_resolves_and_nothing_leaves_the_site(
        site: Path, page: tuple[Any, list[str]]) -> None:
    opened, requests = page
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for html in pages:
        opened.goto(html.as_uri())
        targets = opened.eval_on_selector_all(
            "a[href], link[href], script[src]", "es => es.map(e => e.href || e.src)")
        for target in targets:
            parts = urlsplit(target)
            assert parts.scheme == "file", (html, target)
            path = Path(unquote(parts.path))
            assert path.is_file(), f"{html.relative_to(site)} links to missing {target}"
            if parts.fragment and path == html:
                assert opened.locator(f"[id='{unquote(parts.fragment)}']").count() == 1, target
            elif parts.fragment:  # a portfolio page's row leads to a step of its map's page
                assert f'id="{unquote(parts.fragment)}"' in path.read_text(encoding="utf-8"), \
                    f"{html.relative_to(site)} links to missing {target}"
    # Every stylesheet and script loaded from the site itself.
    assert requests and all(url.startswith("file://") for url in requests)
    # The bar is styled on every kind of page.
    for html in ("index.html", "maps/maps/shoes.html", "portfolio/coverage.html"):
        opened.goto((site / html).as_uri())
        colour = opened.locator(".site-bar").evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(31, 58, 86)", html


@pytest.fixture
def server(site: Path, tmp_path: Path) -> Iterator[str]:
    """The site under /journeys/cx/ of a local HTTP server, stopped after the test."""
    served = tmp_path / "www" / "journeys" / "cx"
    shutil.copytree(site, served)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path / "www"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/journeys/cx/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_search_and_links_under_a_sub_path(server: str, page: tuple[Any, list[str]]) -> None:
    opened, requests = page
    failed: list[str] = []
    opened.on("response", lambda response: failed.append(response.url)
              if response.status >= 400 else None)
    opened.goto(server + "index.html")
    opened.fill("#site-search", "cumbre outdoor")
    link = opened.locator("#site-results a").first
    assert link.inner_text() == "Buying a tent at the Cumbre Outdoor store"
    link.click()
    opened.wait_for_load_state()
    assert opened.url == server + "maps/maps/tiendas%20f%C3%ADsicas/retail.html"
    opened.click(".site-bar a.site-home")
    opened.wait_for_url(server + "index.html")
    assert failed == []
    assert all(url.startswith(server) for url in requests)

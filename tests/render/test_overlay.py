"""A future-state map drawn against the current-state map it improves: ``cjmap render -f html``
and ``-f md`` of real files, the page opened in Chromium."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cjmap.render.html import _level_y
from tests.conftest import ROOT
from tests.render.test_html import LAPTOP, SCREEN

FUTURE = ROOT / "docs" / "examples" / "running-shoes-future.yaml"
CURRENT = """\
cjmap: 1
title: Renovar el abono
lang: es
steps:
  - {id: busca, name: Busca la oficina, emotion: -2}
  - {id: cola, name: Hace cola, emotion: -1}
  - {id: paga, name: Paga en ventanilla, emotion: 0}
  - {id: recibo, name: Guarda el recibo, emotion: 0}
"""
FUTURE_ES = """\
cjmap: 1
title: Renovar el abono en línea
lang: es
state: future
improves: actual.yaml
steps:
  - {name: Entra en la app, replaces: [busca, cola], emotion: 1}
  - {id: paga, name: Paga en ventanilla, emotion: 1}
  - {name: Recibe el abono en el móvil, replaces: [], emotion: 2}
"""


def render(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cjmap", "render", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"})


def open_page(browser: Any, html: Path, width: int = LAPTOP) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(html.as_uri())
    return page


def rendered(path: Path, out: Path, fmt: str = "html") -> Path:
    done = render(str(path), "-f", fmt, "-o", str(out / f"page.{fmt}"))
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr, done.stderr
    return out / f"page.{fmt}"


def names(page: Any, selector: str) -> list[str]:
    """The texts of what ``selector`` finds on screen (the print copy of the grid repeats it)."""
    return [" ".join(text.split())
            for text in page.locator(f"{selector}{SCREEN}").all_text_contents()]


@pytest.mark.browser
def test_the_future_page_draws_the_current_curve_dashed_under_its_own(browser: Any,
                                                                       tmp_path: Path) -> None:
    page = open_page(browser, rendered(FUTURE, tmp_path))
    points = page.locator(f".grid{SCREEN} td .curve .before-point")
    # The current emotion at each future step that replaces steps: search-online (0), the mean
    # of shortlist, try-on and choose-model (-1, 0, 0), buy (+1); the new step has none.
    assert [float(p.get_attribute("data-score")) for p in points.all()] == [0, -0.33, 1]
    assert [p.get_attribute("cy") for p in points.all()] == [
        _level_y(0), _level_y(-0.33), _level_y(1)]
    cells = page.locator(f".grid{SCREEN} .lane-emotion td:not(.endpoint-body)")
    assert [cells.nth(i).locator(".before-point").count() for i in range(4)] == [1, 1, 1, 0]
    segment = page.locator(f".grid{SCREEN} td .curve .before-segment").first
    assert segment.evaluate("e => getComputedStyle(e).strokeDasharray") not in ("none", "")
    # Three points, two joins between them, each drawn as a half-line in either cell.
    assert page.locator(f".grid{SCREEN} td .curve .before-segment").count() == 4
    assert "current" in names(page, ".glance-keys li")
    assert names(page, ".lane-before li") == ["current"]
    # The new badge on exactly the new step, in the overview and in the grid.
    assert names(page, ".step:has(.new-step) .step-name") == ["Books a free gait analysis"]
    assert names(page, ".glance-step:has(.new-step) .glance-name") == [
        "Books a free gait analysis"]
    assert names(page, ".eliminated-name") == [
        "Asks friends who run", "Asks at a sports shop", "Takes them home and tries them out"]
    deltas = names(page, ".grid .delta")
    assert deltas[1] == "Current state: −0.33. ▲ +2.33 vs current"
    assert deltas[0] == "Current state: 0. = as in the current state"
    assert "+0.5 → +1.25" in names(page, ".baseline-note")[0]
    page.close()


@pytest.mark.browser
def test_a_spanish_pair_says_actual_and_nuevo(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "actual.yaml").write_text(CURRENT, "utf-8")
    (tmp_path / "futuro.yaml").write_text(FUTURE_ES, "utf-8")
    page = open_page(browser, rendered(tmp_path / "futuro.yaml", tmp_path))
    assert "actual" in names(page, ".glance-keys li")
    assert [float(p.get_attribute("data-score"))
            for p in page.locator(f".grid{SCREEN} td .curve .before-point").all()] == [-1.5, 0]
    assert names(page, ".step:has(.new-step) .step-name") == ["Recibe el abono en el móvil"]
    assert names(page, ".step .new-step") == ["nuevo"]
    assert names(page, ".eliminated h3") == ["Pasos eliminados 1"]
    assert names(page, ".eliminated-step") == ["✕ Guarda el recibo actual: 0 (neutra)"]
    assert names(page, ".grid .delta")[0] == "Estado actual: −1,5. ▲ +2,5 frente al actual"
    page.close()


@pytest.mark.browser
def test_a_map_without_improves_has_no_overlay(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, rendered(ROOT / "examples" / "running-shoes.yaml", tmp_path))
    for selector in (".before-point", ".before-segment", ".new-step", ".eliminated", ".delta",
                     ".baseline-note", ".before-key"):
        assert page.locator(selector).count() == 0, selector
    page.close()


BROKEN = "cjmap: 1\ntitle: Broken\nsteps: [{name: A, emotion: 9}]\n"


@pytest.mark.parametrize("current", [None, BROKEN])
def test_a_missing_or_invalid_current_map_warns_and_renders(tmp_path: Path,
                                                             current: str | None) -> None:
    if current is not None:
        (tmp_path / "actual.yaml").write_text(current, "utf-8")
    (tmp_path / "futuro.yaml").write_text(FUTURE_ES, "utf-8")
    done = render("futuro.yaml", "-f", "html,md", "--out-dir", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    problem = "does not exist" if current is None else "is not a valid map"
    assert f"cjmap: futuro.yaml:5: warning: the map this future state improves, 'actual.yaml', " \
           f"{problem}" in done.stderr
    assert "drawn without the comparison with the current state" in done.stderr
    html = (tmp_path / "out" / "futuro.html").read_text("utf-8")
    assert "Entra en la app" in html and 'class="before-point"' not in html
    assert "Comparado con" not in (tmp_path / "out" / "futuro.md").read_text("utf-8")


def test_the_markdown_report_compares_the_two_states(tmp_path: Path) -> None:
    text = rendered(FUTURE, tmp_path, "md").read_text("utf-8")
    section = text.split("## Compared with the current state\n\n", 1)[1].split("\n\n## ")[0]
    assert section.splitlines() == [
        "Current state: *Buying a first pair of running shoes* (`running-shoes.yaml`) · "
        "Mean emotion +0.5 → +1.25",
        "",
        "| Step | Fate | Replaces | Emotion (current → future) | Metrics (current → future) |",
        "|---|---|---|---|---|",
        "| Searches for shoe information online | kept | search-online | 0 → 0 | — |",
        "| Answers the shoe finder's five questions | changed | shortlist, try-on, "
        "choose-model | −0.33 → +2 | Comparison page exit rate: 48% → 30% (target 35%) |",
        "| Buys the shoes | changed | buy | +1 → +1 | — |",
        "| Books a free gait analysis | new | — | — → +2 | — |",
        "| ~~Asks friends who run~~ | eliminated | — | +1 → — | — |",
        "| ~~Asks at a sports shop~~ | eliminated | — | +1 → — | — |",
        "| ~~Takes them home and tries them out~~ | eliminated | — | +2 → — | — |",
    ]
    plain = rendered(ROOT / "examples" / "running-shoes.yaml", tmp_path, "md").read_text("utf-8")
    assert "Compared with" not in plain

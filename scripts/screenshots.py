"""Screenshots of the HTML journey map of every example, on a laptop and on a phone.

Renders each map to HTML next to its screenshots and opens it in the system Chromium (Debian's
``chromium``, driven by Playwright; no browser is downloaded). For each map it writes, into
``screenshots/`` (git-ignored):

    NAME.html                 the rendered page
    NAME-1280x800.png         the first screen on a 1280×800 laptop
    NAME-1280x800-grid.png    the same screen scrolled to the journey grid
    NAME-390x844.png          the first screen on a 390×844 phone
    NAME-390x844-grid.png     the phone scrolled to the grid
    NAME-1280x800-full.png    the whole page (with --full)
    NAME-a4-landscape-N.png   each printed page, A4 and Letter, either way up (with --print:
                              Chromium's PDF, turned into PNGs by pdftoppm)

    python scripts/screenshots.py                    # every map in examples/
    python scripts/screenshots.py my-map.yaml --full --print --today 2026-12-01
"""

import argparse
import datetime
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
VIEWPORTS = ((1280, 800), (390, 844))
PAPERS = (("A4", False), ("A4", True), ("Letter", False), ("Letter", True))


def render_page(map_path: Path, out_dir: Path, today: datetime.date) -> Path:
    """Write the HTML of ``map_path`` into ``out_dir``; exit with the errors if it is invalid."""
    from cjmap import load
    from cjmap.render import RenderOptions
    from cjmap.render.html import render

    result = load(map_path)
    if result.journey is None or not result.ok:
        for diagnostic in result.diagnostics:
            print(f"{map_path}:{diagnostic.span.line}: {diagnostic.message}", file=sys.stderr)
        sys.exit(f"{map_path} is not a valid map: nothing rendered")
    page = out_dir / f"{map_path.stem}.html"
    page.write_bytes(render(result.journey, RenderOptions(source=map_path.name, today=today)))
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("maps", nargs="*", type=Path, help="maps (default: examples/*.yaml)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--full", action="store_true", help="also shoot the whole page")
    parser.add_argument("--print", action="store_true", help="also print every paper size")
    parser.add_argument("--today", type=datetime.date.fromisoformat,
                        default=datetime.date.today(), help="the day reviews are compared with")
    args = parser.parse_args()
    maps = args.maps or sorted((ROOT / "examples").glob("*.yaml"))
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for map_path in maps:
            page_file = render_page(map_path, args.out, args.today)
            for width, height in VIEWPORTS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.resolve().as_uri())
                stem = args.out / f"{map_path.stem}-{width}x{height}"
                page.screenshot(path=f"{stem}.png")
                page.locator("#journey").scroll_into_view_if_needed()
                page.evaluate("document.getElementById('journey').scrollIntoView()")
                page.screenshot(path=f"{stem}-grid.png")
                if args.full:
                    page.screenshot(path=f"{stem}-full.png", full_page=True)
                page.close()
            if args.print:
                print_pages(browser, page_file, args.out / map_path.stem)
            print(f"{map_path}: {args.out / map_path.stem}-*.png")
        browser.close()


def print_pages(browser: "Browser", page_file: Path, stem: Path) -> None:
    """Every page of the printed map on each paper, as PNGs."""
    page = browser.new_page()
    page.goto(page_file.resolve().as_uri())
    for paper, landscape in PAPERS:
        name = f"{stem}-{paper.lower()}-{'landscape' if landscape else 'portrait'}"
        for old in stem.parent.glob(f"{Path(name).name}-*.png"):
            old.unlink()
        pdf = Path(f"{name}.pdf")
        pdf.write_bytes(page.pdf(format=paper, landscape=landscape, print_background=True))
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), name], check=True)
    page.close()


if __name__ == "__main__":
    main()

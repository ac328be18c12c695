"""What the render tests share: one Chromium per test module, for the HTML pages."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import require
from tests.render.test_html import CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require("chromium", "the HTML journey map is checked in a real browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()

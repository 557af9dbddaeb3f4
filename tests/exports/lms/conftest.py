"""Fixtures for the LMS packages: the mini course, and (for browser tests) chromium and axe as the
project's browser tests start them, without Django."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_content import load_course
from tests.paths import MINI_COURSE


@pytest.fixture(scope="session")
def mini_course():
    return load_course(MINI_COURSE)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/setup (installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()

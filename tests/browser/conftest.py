"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's live server,
with axe-core (from npm, ``npm ci``) checking every page for WCAG 2.1 A/AA violations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.db import connections

from tests.paths import TESTS_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = TESTS_DIR.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 667}

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still
# synchronous, so Django's async-safety guard would refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    """Chromium, started per test *after* the database is set up: Playwright's sync API runs an
    event loop in this thread, and Django's connections are context-local under a running loop,
    so a browser started earlier would hide the restored test database from the test."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/setup (installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
        # The test's ORM calls opened connections in Playwright's context; close them there, or
        # PostgreSQL refuses to drop the test database at the end ("being accessed by other users").
        connections.close_all()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `npm ci` in the repository (scripts/setup does)")
    return AXE.read_text(encoding="utf-8")


class Accessibility:
    """Runs axe-core on the current page and remembers which pages were checked."""

    def __init__(self, source: str):
        self.source = source
        self.checked: list[str] = []

    def check(self, page) -> None:
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=self.source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
        )
        violations = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["html"][:200] for n in v["nodes"][:5]]}
            for v in result["violations"]
        ]
        assert not violations, f"axe: WCAG 2.1 A/AA violations on {page.url}:\n{json.dumps(violations, indent=2, ensure_ascii=False)}"
        self.checked.append(page.url)


@pytest.fixture
def a11y(axe_source) -> Accessibility:
    return Accessibility(axe_source)


@pytest.fixture
def phone(browser):
    """A page in a phone-sized browser that asks for Norwegian."""
    context = browser.new_context(viewport=PHONE, locale="nb-NO", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()

"""The static site in Debian's chromium, opened from file://: checklists, quizzes, the word-list
language and "lesson done" are kept in the browser; no request leaves the site; axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from exports.lms.archive import write_folder
from exports.lms.cartridge import build_cartridge
from exports.lms.scorm import ScormOptions, build_scorm
from exports.lms.site import build_site
from tests.browser.conftest import Accessibility

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_folder(tmp_path_factory, mini_course):
    folder = tmp_path_factory.mktemp("site")
    write_folder(build_site(mini_course), folder)
    return folder


@pytest.fixture
def a11y(axe_source) -> Accessibility:
    return Accessibility(axe_source)


@pytest.fixture(scope="session")
def axe_source() -> str:
    from tests.browser.conftest import AXE

    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `npm ci` in the repository (scripts/setup does)")
    return AXE.read_text(encoding="utf-8")


def test_progress_is_kept_offline(page, site_folder, a11y):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    lesson = (site_folder / "timer" / "handvask.html").as_uri()
    page.goto(lesson)

    page.get_by_label("Jeg har såpe.").check()
    quiz = page.locator("form[data-quiz=quiz]")
    quiz.get_by_role("button", name="Sjekk svarene").click()
    assert quiz.locator(".ksi-unanswered").is_visible(), "an unanswered quiz is not checked"
    quiz.get_by_label("Håndhygiene").check()
    quiz.get_by_label("Etter toalettet").check()
    quiz.get_by_label("Før du lager mat").check()
    quiz.get_by_label("Sant", exact=True).check()  # wrong: the answer is "Usant"
    quiz.get_by_role("button", name="Sjekk svarene").click()
    assert quiz.locator(".ksi-quiz-score").inner_text() == "Du har 2 av 3 riktige."
    feedback = quiz.locator("[data-question=q3] .ksi-result")
    expect(feedback).to_be_visible()
    assert feedback.inner_text().startswith("Ikke helt.")
    quiz.get_by_label("Usant").check()
    expect(feedback).to_be_hidden()  # the mark belonged to the answer that was changed
    quiz.get_by_label("Sant", exact=True).check()
    page.get_by_label("Vis ordene på").select_option("ru")
    page.get_by_role("button", name="Jeg er ferdig med denne timen").click()
    a11y.check(page)

    page.reload()
    assert page.get_by_label("Jeg har såpe.").is_checked()
    assert not page.get_by_label("Jeg har papir.").is_checked()
    assert quiz.get_by_label("Sant", exact=True).is_checked() and quiz.get_by_label("Før du lager mat").is_checked()
    assert quiz.locator(".ksi-quiz-score").inner_text() == "Du har 2 av 3 riktige."
    expect(feedback).to_be_visible()
    assert page.locator("td[data-language=ru]").first.is_visible()
    assert not page.locator("td[data-language=en]").first.is_visible()
    assert page.get_by_role("button", name="Jeg er ferdig med denne timen").get_attribute("aria-pressed") == "true"

    page.goto((site_folder / "index.html").as_uri())
    assert page.locator("[data-lesson-link=handvask]").get_attribute("data-done") == ""
    assert page.locator("[data-lesson-link=renholdsutstyr]").get_attribute("data-done") is None
    assert page.locator("[data-done-count]").inner_text() == "1"
    a11y.check(page)
    for other in ("ordliste.html", "moduler/modul-en.html", "timer/renholdsutstyr.html"):
        page.goto((site_folder / other).as_uri())
        a11y.check(page)
    # The word list shows the language chosen in the lesson.
    page.goto((site_folder / "ordliste.html").as_uri())
    assert page.locator("td[data-language=ru]").first.is_visible()

    assert requests, "the pages were loaded"
    leaving = [url for url in requests if not url.startswith(("file://", "data:"))]
    assert leaving == [], f"requests left the site: {leaving}"


def test_scorm_and_cartridge_pages_pass_axe(page, tmp_path, mini_course, a11y):
    """The module SCO (its lessons on one page, opened without an LMS) and a cartridge lesson
    (no scripts: every language column shows)."""
    write_folder(build_scorm(mini_course, ScormOptions(sco="module")), tmp_path / "scorm")
    write_folder(build_cartridge(mini_course), tmp_path / "cc")
    page.goto((tmp_path / "scorm" / "moduler" / "modul-en.html").as_uri())
    assert page.locator("article[data-lesson]").count() == 2
    a11y.check(page)
    page.goto((tmp_path / "cc" / "web_resources" / "timer" / "handvask.html").as_uri())
    assert page.locator("td[data-language=ar]").first.is_visible()
    a11y.check(page)

"""Every page type reflows at 320 CSS px (WCAG 1.4.10) and at 200 % zoom (a 1280 px window is
640 CSS px wide), passes axe-core, and prints without the site's header, footer and controls."""

import pytest

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.form_pages import CourseFormPage
from ksi_courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from tests.paths import MINI_COURSE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def page_paths(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    import_course(load_course(MINI_COURSE))
    return [
        CourseIndexPage.objects.get().url,
        CoursePage.objects.get().url,
        ModulePage.objects.get().url,
        LessonPage.objects.get(ksi_id="handvask").url + "?sprak=ar",
        CourseFormPage.objects.get(ksi_id="egen-sjekkliste").url,
    ]


@pytest.mark.parametrize("width", [320, 640], ids=["320px", "200%-zoom"])
def test_pages_reflow_without_sideways_scrolling(browser, live_server, page_paths, a11y, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nb-NO")
    page = context.new_page()
    try:
        for path in page_paths:
            page.goto(live_server.url + path)
            scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{path}: {scroll_width}px wide at {width}px"
            a11y.check(page)
    finally:
        context.close()


def test_print_layout_hides_site_controls(browser, live_server, page_paths):
    context = browser.new_context(viewport={"width": 800, "height": 800}, locale="nb-NO")
    page = context.new_page()
    try:
        page.goto(live_server.url + page_paths[3])
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "() => ['.ksi-header', '.ksi-footer', '.ksi-language-picker'].map("
            "s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert hidden == ["none", "none", "none"]
        assert page.locator("h1").is_visible()
    finally:
        context.close()

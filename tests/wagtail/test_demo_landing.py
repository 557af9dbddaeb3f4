"""The demo's home page (demo/demo_site/landing.py, run by setup_demo): a landing page, not
Wagtail's placeholder."""

import pytest
from wagtail.models import Page

from demo.demo_site.landing import WAGTAIL_PLACEHOLDER_TITLE, set_up_landing_page
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def test_the_demo_home_says_what_this_is_shows_the_courses_and_where_to_log_in(client, mini_course):
    import_course(mini_course)
    assert Page.objects.filter(title=WAGTAIL_PLACEHOLDER_TITLE).exists()  # a new Wagtail database has it
    index = set_up_landing_page("Demokommune")

    html = client.get("/").content.decode()
    assert "<h1>Arbeidsrettede kurs i Demokommune</h1>" in html
    assert "arbeidsrettede kurs for voksne innvandrere" in html
    course = CoursePage.objects.get()
    assert f'<a href="{course.url}">{course.title}</a>' in html and 'class="ksi-card"' in html
    assert 'href="/ksi/logg-inn/"' in html and 'href="/admin/"' in html
    assert WAGTAIL_PLACEHOLDER_TITLE not in html
    assert not Page.objects.filter(title=WAGTAIL_PLACEHOLDER_TITLE).exists()
    # The course pages still answer, and their breadcrumbs start at the landing page.
    lesson = client.get(LessonPage.objects.get(ksi_id="handvask").url)
    assert lesson.status_code == 200 and WAGTAIL_PLACEHOLDER_TITLE not in lesson.content.decode()

    revisions = index.revisions.count()
    assert set_up_landing_page("Demokommune").pk == index.pk  # a second run changes nothing
    assert index.revisions.count() == revisions

"""The admin shows which content version a course page was imported from."""

import pytest

from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage

pytestmark = pytest.mark.django_db


def test_course_page_editor_shows_the_content_version(mini_course, admin_client):
    import_course(mini_course)
    page = CoursePage.objects.get(ksi_id="mini-kurs")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Innholdsversjon" in html or "Content version" in html
    assert f"<strong>{mini_course.version_label}</strong>" in html


def test_an_own_course_says_it_is_not_imported(mini_course, admin_client):
    import_course(mini_course)
    page = CoursePage.objects.get(ksi_id="mini-kurs")
    CoursePage.objects.filter(pk=page.pk).update(ksi_version="")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Not imported from ksi-courses" in html or "Ikke importert fra ksi-courses" in html

"""Rendering a lesson costs the same number of queries in a small and a large module."""

import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db


def make_course(folder, slug, extra_lessons):
    shutil.copytree(MINI_COURSE, folder)
    text = (folder / "course.yaml").read_text(encoding="utf-8")
    text = text.replace("slug: mini-kurs", f"slug: {slug}")
    names = "".join(f"      - ekstra-{i}\n" for i in range(extra_lessons))
    text = text.replace("      - renholdsutstyr\n", "      - renholdsutstyr\n" + names)
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    template = (folder / "lessons" / "renholdsutstyr.yaml").read_text(encoding="utf-8")
    for i in range(extra_lessons):
        lesson = template.replace("id: renholdsutstyr", f"id: ekstra-{i}")
        (folder / "lessons" / f"ekstra-{i}.yaml").write_text(lesson, encoding="utf-8")
    return load_course(folder)


def queries_to_render(client, page) -> int:
    client.get(page.url)  # warm: image renditions and caches are made once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries)


def test_lesson_page_queries_do_not_grow_with_the_module(client, tmp_path):
    import_course(make_course(tmp_path / "small", "lite-kurs", 0))
    import_course(make_course(tmp_path / "large", "stort-kurs", 25))
    small = LessonPage.objects.get(ksi_id="renholdsutstyr", url_path__contains="/lite-kurs/")
    large = LessonPage.objects.get(ksi_id="renholdsutstyr", url_path__contains="/stort-kurs/")
    assert LessonPage.objects.child_of(large.get_parent()).count() == 27
    small_count, large_count = queries_to_render(client, small), queries_to_render(client, large)
    assert small_count == large_count, (small_count, large_count)
    html = client.get(large.url).content.decode()
    assert 'rel="prev"' in html and 'rel="next"' in html and "ekstra-0" in html


def test_course_page_queries_do_not_grow_with_the_course(client, tmp_path):
    import_course(make_course(tmp_path / "small", "lite-kurs", 0))
    import_course(make_course(tmp_path / "large", "stort-kurs", 25))
    small = CoursePage.objects.get(ksi_id="lite-kurs")
    large = CoursePage.objects.get(ksi_id="stort-kurs")
    assert queries_to_render(client, small) == queries_to_render(client, large)
    html = client.get(large.url).content.decode()
    assert html.count('href="/kurs/stort-kurs/modul-en/ekstra-') == 25

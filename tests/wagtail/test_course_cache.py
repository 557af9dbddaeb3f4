"""The course page's cached outline and sections, and a lesson's cached surroundings, follow every
publish, unpublish and move at once, and never show one visitor's progress to another (#19)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ksi_courses.content_import import import_course
from ksi_courses.course_cache import tree_fingerprint
from ksi_courses.models import CoursePage, LessonPage, ModulePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(mini_course):
    import_course(mini_course)
    return CoursePage.objects.get(ksi_id="mini-kurs")


def html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_title_and_an_unpublished_lesson_show_at_once(client, course):
    lesson = LessonPage.objects.get(ksi_id="handvask")
    assert "Håndvask" in html(client, course)  # cached now
    before = tree_fingerprint(course)
    lesson.title = "Vask hendene riktig"
    lesson.save_revision().publish()
    assert tree_fingerprint(course) != before
    assert f'<a href="{lesson.url}">Vask hendene riktig</a>' in html(client, course)
    lesson.unpublish()
    assert f'href="{lesson.url}"' not in html(client, course)


def test_a_draft_changes_nothing_and_a_cached_page_costs_fewer_queries(client, course):
    lesson = LessonPage.objects.get(ksi_id="handvask")
    html(client, course)
    with CaptureQueriesContext(connection) as cached:
        assert "Håndvask" in html(client, course)
    lesson.title = "Bare et utkast"
    lesson.save_revision()
    assert "Bare et utkast" not in html(client, course)
    CoursePage.objects.get(pk=course.pk).save_revision().publish()  # a new key: built again
    with CaptureQueriesContext(connection) as built:
        html(client, course)
    assert len(cached) < len(built)


def test_progress_marks_belong_to_the_visitor(client, course, django_user_model):
    lesson = LessonPage.objects.get(ksi_id="handvask")
    participant = django_user_model.objects.create_user("amina", password="pw")
    participant.groups.add(Group.objects.get(name="Deltaker"))
    from ksi_courses.teaching.models import LessonProgress

    LessonProgress.objects.create(participant=participant, lesson=lesson, completed_at=timezone.now())
    own = Client()
    own.force_login(participant)
    html(client, course)  # the anonymous outline is cached first
    assert 'class="ksi-status--done"' in html(own, course)
    assert 'class="ksi-status--done"' not in html(client, course)


def test_a_lesson_moved_to_another_module_gets_new_neighbours_and_breadcrumbs(client, course):
    lesson = LessonPage.objects.get(ksi_id="handvask")
    first = html(client, lesson)
    module = ModulePage.objects.child_of(course).first()
    other = ModulePage(title="Ekstra modul", slug="ekstra-modul", goals="Mål")
    course.add_child(instance=other)
    other.save_revision().publish()
    lesson.move(other, pos="last-child")
    moved = LessonPage.objects.get(pk=lesson.pk)
    page = html(client, moved)
    assert page != first
    assert f'href="{other.url}">Ekstra modul</a>' in page and f'href="{module.url}">' not in page.split("</nav>")[0]

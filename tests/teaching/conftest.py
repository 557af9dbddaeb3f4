"""A course (the mini course), a run of it and one user per role, for the teaching tests."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage
from ksi_courses.teaching.models import CourseRun, Enrolment
from ksi_courses.teaching.roles import ADMIN_GROUP, PARTICIPANT_GROUP, TEACHER_GROUP
from tests.paths import MINI_COURSE


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(scope="session")
def mini_course():
    return load_course(MINI_COURSE)


@pytest.fixture
def course(db, mini_course) -> CoursePage:
    import_course(mini_course)
    return CoursePage.objects.get(ksi_id="mini-kurs")


@pytest.fixture
def lesson(course) -> LessonPage:
    """The lesson with a checklist and a quiz (q1 single, q2 multiple, q3 true/false)."""
    return LessonPage.objects.get(ksi_id="handvask")


@pytest.fixture
def other_lesson(course) -> LessonPage:
    return LessonPage.objects.get(ksi_id="renholdsutstyr")


def make_user(django_user_model, username, first, last, group=None):
    user = django_user_model.objects.create_user(username, password="pw-" + username, first_name=first, last_name=last)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def users(db, django_user_model) -> dict:
    """One user per role of the permission matrix."""
    return {
        "participant_a": make_user(django_user_model, "amina", "Amina", "Hassan", PARTICIPANT_GROUP),
        "participant_b": make_user(django_user_model, "bilal", "Bilal", "Ahmadi", PARTICIPANT_GROUP),
        "teacher": make_user(django_user_model, "tone", "Tone", "Lærer", TEACHER_GROUP),
        "other_teacher": make_user(django_user_model, "olav", "Olav", "Annen", TEACHER_GROUP),
        "admin": make_user(django_user_model, "kari", "Kari", "Kommune", ADMIN_GROUP),
    }


@pytest.fixture
def run(course, users) -> CourseRun:
    """A run taught by ``teacher`` with participants A and B."""
    run = CourseRun.objects.create(
        course=course, title="Minikurs våren 2026", place="Læringssenteret", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27)
    )
    run.teachers.add(users["teacher"])
    for key in ("participant_a", "participant_b"):
        Enrolment.objects.create(run=run, participant=users[key])
    return run

"""The course run most browser tests start from: the mini course, imported, taught by Tone."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import LessonPage
from ksi_courses.teaching.models import CourseRun
from ksi_courses.teaching.roles import TEACHER_GROUP
from tests.paths import MINI_COURSE

TEACHER_PASSWORD = "Tavle og kritt 1"


def taught_run(
    django_user_model, settings, tmp_path, *, title="Minikurs våren 2026", start=date(2026, 1, 5), end=date(2026, 3, 27)
) -> CourseRun:
    """Import the mini course (media under ``tmp_path``) and make a run of it taught by Tone
    (username ``tone``, password :data:`TEACHER_PASSWORD`)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    import_course(load_course(MINI_COURSE))
    lesson = LessonPage.objects.get(ksi_id="handvask")
    teacher = django_user_model.objects.create_user(
        "tone", password=TEACHER_PASSWORD, first_name="Tone", last_name="Lærer"
    )
    teacher.groups.add(Group.objects.get(name=TEACHER_GROUP))
    run = CourseRun.objects.create(course=lesson.get_course_page(), title=title, start_date=start, end_date=end)
    run.teachers.add(teacher)
    return run

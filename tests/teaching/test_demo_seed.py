"""The demo site's seeded course run (demo/demo_site: setup_demo)."""

import io

import pytest
from django.core.management import call_command

from demo.demo_site.management.commands.setup_demo import Command as SetupDemo
from ksi_courses.teaching.models import Attendance, CourseRun, LessonProgress, QuizAttempt
from ksi_courses.teaching.reports import progress_matrix

pytestmark = pytest.mark.django_db


def setup_demo() -> str:
    out = io.StringIO()
    call_command(SetupDemo(), stdout=out)
    return out.getvalue()


def counts():
    return (CourseRun.objects.count(), Attendance.objects.count(), LessonProgress.objects.count(), QuizAttempt.objects.count())


def test_the_demo_seeds_a_run_with_teacher_participants_attendance_and_progress(course):
    output = setup_demo()
    assert "Course run “Renhold og smittevern – demogruppe”: 4 participants, 3 sessions." in output
    run = CourseRun.objects.get()
    assert [t.username for t in run.teachers.all()] == ["laerer"]
    matrix = progress_matrix(run)
    completed = {row.enrolment.participant.username: row.completed for row in matrix.rows}
    assert completed == {"deltaker": 2, "amina": 2, "bilal": 1, "olena": 0}  # the mini course has 2 lessons
    hours = {row.enrolment.participant.username: row.hours for row in matrix.rows}
    assert hours["deltaker"] == 9 and hours["olena"] == 6
    assert QuizAttempt.objects.filter(participant__username="amina").get().correct == 2
    before = counts()
    setup_demo()
    assert counts() == before

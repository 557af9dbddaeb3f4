"""A run set up from a course with a plan gets one attendance session per planned day."""

from datetime import date
from decimal import Decimal

import pytest

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage
from ksi_courses.teaching.models import AttendanceSession, CourseRun
from tests.plans import planned_mini_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned_course(tmp_path, users):
    import_course(load_course(planned_mini_course(tmp_path)))
    return CoursePage.objects.get(ksi_id="mini-kurs")


def set_up_run(client, teacher, course, start, end):
    client.force_login(teacher)
    form = {"course": course.pk, "title": "Minikurs høst", "place": "", "schedule": ""}
    answer = client.post("/ksi/kurs/ny/", {**form, "start_date": start.isoformat(), "end_date": end.isoformat()})
    assert answer.status_code == 302, answer.content.decode()[:500]
    return CourseRun.objects.get(title="Minikurs høst")


def test_sessions_follow_the_plan_from_the_monday_of_the_start_week(client, users, planned_course):
    # The run starts on a Tuesday: the plan's Monday is before the run, so it is left out.
    run = set_up_run(client, users["teacher"], planned_course, date(2026, 8, 18), date(2026, 8, 28))
    sessions = list(AttendanceSession.objects.filter(run=run).order_by("date"))
    assert [(s.date, s.hours) for s in sessions] == [(date(2026, 8, 18), Decimal("1.0")), (date(2026, 8, 19), Decimal("2.0"))]
    assert sessions[0].topic == "Uke 1: Repetisjon, Vurdering"
    assert sessions[1].topic == "Uke 1: Praksis"


def test_a_whole_run_accounts_for_every_planned_hour(client, users, planned_course):
    run = set_up_run(client, users["teacher"], planned_course, date(2026, 8, 17), date(2026, 8, 21))
    sessions = AttendanceSession.objects.filter(run=run).order_by("date")
    assert sum(s.hours for s in sessions) == Decimal("5.0")
    assert sessions.first().topic == "Uke 1: Håndvask, Renholdsutstyr"


def test_a_course_without_plan_gets_no_sessions(client, users, course):
    run = set_up_run(client, users["teacher"], course, date(2026, 8, 17), date(2026, 8, 21))
    assert not AttendanceSession.objects.filter(run=run).exists()

"""The course plan on the Wagtail face: imported onto the course page, shown week by week, exported back."""

import pytest

from course_content import check_course, load_course
from ksi_courses.content_export import export_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage
from tests.plans import planned_mini_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned_folder(tmp_path):
    return planned_mini_course(tmp_path)


def test_plan_is_imported_and_shown_week_by_week(planned_folder, client):
    course = load_course(planned_folder)
    import_course(course)
    page = CoursePage.objects.get(ksi_id="mini-kurs")
    assert page.plan == course.plan.model_dump(mode="json")
    assert (page.duration_weeks, float(page.hours_per_week), page.duration_note) == (
        1,
        5.0,
        "Ett kurs på én uke, med en praksisdag.",
    )
    html = client.get(page.url).content.decode()
    plan = html[html.index('id="kursplan"') :]
    assert "Uke 1: Hygiene og utstyr (5 t)" in plan
    assert "Mandag <span" in plan and "Onsdag <span" in plan
    # Lesson sessions link to the lesson pages; other sessions name their material.
    handvask = page.get_descendants().get(slug="handvask")
    assert f'<a href="{handvask.url}">Håndvask</a>' in plan
    assert "Praksislogg uke 1 – se og gjør håndvask på arbeidsplassen." in plan
    assert "Repetisjon" in plan and "Håndvask; Renholdsutstyr" in plan


def test_round_trip_writes_the_plan_and_no_duration(planned_folder, tmp_path):
    from course_content.writer import write_course

    course = load_course(planned_folder)
    import_course(course)
    exported, media = export_course(CoursePage.objects.get(ksi_id="mini-kurs"), shipped=course)
    target = write_course(exported, tmp_path / "export", media)
    assert (target / "plan.yaml").is_file()
    assert "duration" not in (target / "course.yaml").read_text(encoding="utf-8")
    again, problems = check_course(target)
    assert again is not None, "\n".join(map(str, problems))
    assert again.plan == course.plan and again.description.duration == course.description.duration


def test_a_plan_added_upstream_updates_an_unedited_course_page(mini_course, planned_folder):
    import_course(mini_course)
    report = import_course(load_course(planned_folder))
    page = CoursePage.objects.get(ksi_id="mini-kurs")
    assert page.plan is not None and page.duration_weeks == 1 and float(page.hours_per_week) == 5.0
    assert not report.conflicts


def test_a_page_without_plan_shows_no_plan_section(mini_course, client):
    import_course(mini_course)
    html = client.get(CoursePage.objects.get(ksi_id="mini-kurs").url).content.decode()
    assert 'id="kursplan"' not in html

"""The course plan (plan.yaml): it accounts for every hour, and a broken plan says file:line and field."""

import shutil
from pathlib import Path

import pytest

from course_content import check_course, load_course, shipped_courses
from course_content.lint import lint_course
from tests.content.test_broken_content import edit, only_error
from tests.paths import MINI_COURSE
from tests.plans import PLAN, planned_mini_course


@pytest.fixture
def course(tmp_path) -> Path:
    return planned_mini_course(tmp_path)


def test_plan_loads_and_gives_the_course_its_duration(course):
    loaded, problems = check_course(course)
    assert loaded is not None, "\n".join(map(str, problems))
    plan = loaded.plan
    assert (plan.total_hours, plan.planned_hours, plan.planned_practice_hours) == (5, 5, 2)
    assert plan.placed_lessons() == {"handvask", "renholdsutstyr"}
    duration = loaded.description.duration
    assert (duration.weeks, duration.hours_per_week, duration.total_hours) == (1, 5, 5)
    assert duration.note == "Ett kurs på én uke, med en praksisdag."


def test_hours_that_do_not_add_up_name_the_total(course):
    line = edit(course / "plan.yaml", "total_hours: 5\nclassroom_hours: 3", "total_hours: 6\nclassroom_hours: 4")
    problem = only_error(course)
    assert (problem.path.name, problem.line, problem.field) == ("plan.yaml", line, "total_hours")
    assert problem.message == "states 6 hours but the sessions add up to 5"


def test_practice_hours_must_match_the_practice_sessions(course):
    edit(course / "plan.yaml", "classroom_hours: 3\npractice_hours: 2", "classroom_hours: 4\npractice_hours: 1")
    problem = only_error(course)
    assert problem.field == "practice_hours" and "add up to 2" in problem.message


def test_classroom_and_practice_hours_must_make_the_total(course):
    edit(course / "plan.yaml", "classroom_hours: 3", "classroom_hours: 2")
    problem = only_error(course)
    assert problem.line == 1 and "must equal total_hours (5)" in problem.message


def test_unknown_lesson_is_reported_at_its_line(course):
    line = edit(course / "plan.yaml", "lesson: renholdsutstyr", "lesson: renholdsutstyr-gammel")
    problem = only_error(course)
    assert (problem.line, problem.field) == (line, "weeks[0].days[0].sessions[1].lesson")
    assert problem.message == "no lesson 'renholdsutstyr-gammel' in the course's modules"


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("modules: [modul-en]", "modules: [modul-to]", "modules[0]", "no module 'modul-to' in this course"),
        ("forms: [egen-sjekkliste]", "forms: [finnes-ikke]", "forms[0]", "no form 'finnes-ikke' in this course"),
    ],
)
def test_unknown_module_or_form(course, old, new, field, message):
    line = edit(course / "plan.yaml", old, new)
    problem = only_error(course)
    assert (problem.line, problem.field, problem.message) == (line, f"weeks[0].days[1].sessions[1].{field}", message)


def test_a_session_without_material_is_refused(course):
    line = edit(
        course / "plan.yaml",
        "            material: Praksislogg uke 1 – se og gjør håndvask på arbeidsplassen.\n",
        "",
    )
    problem = only_error(course)
    assert problem.line == line - 2 and problem.field == "weeks[0].days[2].sessions[0]"
    assert "a practice session says what material it uses" in problem.message


def test_a_lesson_session_needs_its_lesson(course):
    edit(course / "plan.yaml", "            lesson: handvask\n", "")
    problem = only_error(course)
    assert "add `lesson: <lesson id>`" in problem.message


def test_hours_are_planned_in_quarter_hours(course):
    line = edit(course / "plan.yaml", "hours: 0.5\n            lessons", "hours: 0.4\n            lessons")
    problem = only_error(course)
    assert (problem.line, problem.field) == (line, "weeks[0].days[1].sessions[0].hours")
    assert "quarter hours" in problem.message


def test_days_in_weekday_order(course):
    edit(course / "plan.yaml", "- day: tirsdag", "- day: fredag")
    edit(course / "plan.yaml", "- day: onsdag", "- day: torsdag")
    problem = only_error(course)
    assert "weekday order" in problem.message and problem.field == "weeks[0]"


def test_weeks_are_numbered_in_order(course):
    edit(course / "plan.yaml", "number: 1", "number: 2")
    assert "weeks are numbered 1, 2, 3" in only_error(course).message


def test_duration_stated_beside_a_plan_is_refused(tmp_path):
    target = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, target)
    shutil.copy(PLAN, target / "plan.yaml")
    problem = only_error(target)
    assert (problem.path.name, problem.field) == ("course.yaml", "description.duration")
    assert "come from plan.yaml (1 weeks, 5 hours)" in problem.message


def test_no_plan_and_no_duration_is_refused(course):
    (course / "plan.yaml").unlink()
    problem = only_error(course)
    assert problem.field == "description.duration" and "add a plan.yaml" in problem.message


def test_lint_wants_every_lesson_in_the_plan(course):
    edit(course / "plan.yaml", "          - kind: lesson\n            lesson: renholdsutstyr\n", "          - kind: language\n            lessons: [renholdsutstyr]\n")
    loaded, problems = check_course(course)
    assert loaded is not None, "\n".join(map(str, problems))
    found = [p for p in lint_course(loaded) if p.path.name == "plan.yaml"]
    assert [(p.field, p.message) for p in found] == [
        ("weeks", "lesson 'renholdsutstyr' is not taught in any session of the plan")
    ]


def test_lint_wants_a_plan():
    found = [(p.field, p.message) for p in lint_course(load_course(MINI_COURSE)) if p.field == "plan"]
    assert found == [("plan", "no plan.yaml: account for every hour of the course in a course plan")]


def test_every_shipped_course_plan_accounts_for_its_hours():
    for course in shipped_courses().values():
        plan = course.plan
        assert plan is not None, course.slug
        assert plan.planned_hours == plan.total_hours == course.description.duration.total_hours
        assert plan.planned_practice_hours == plan.practice_hours > 0
        assert plan.placed_lessons() == set(course.lessons), course.slug

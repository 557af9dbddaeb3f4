"""A course run keeps the lessons it started with: a course upgrade changes neither it nor its report."""

import importlib
import shutil

import pytest
from django.apps import apps

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import LessonPage
from ksi_courses.teaching.lessons import run_lessons
from ksi_courses.teaching.models import CourseRun
from ksi_courses.teaching.reports import progress_matrix
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_with_a_new_lesson(tmp_path):
    """The mini course, version 1.1.0, with a third lesson first in its module."""
    folder = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, folder)
    course_file = folder / "course.yaml"
    text = course_file.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0")
    course_file.write_text(text.replace("    lessons:\n", "    lessons:\n      - oppvask\n", 1), encoding="utf-8")
    body = (folder / "lessons" / "renholdsutstyr.yaml").read_text(encoding="utf-8")
    (folder / "lessons" / "oppvask.yaml").write_text(
        body.replace("id: renholdsutstyr\n", "id: oppvask\n", 1), encoding="utf-8"
    )
    return load_course(folder)


def test_a_new_run_takes_the_course_lessons(run):
    assert [lesson.ksi_id for lesson in run_lessons(run)] == ["handvask", "renholdsutstyr"]


def test_an_upgrade_leaves_the_run_and_its_report_as_they_were(run, course_with_a_new_lesson):
    import_course(course_with_a_new_lesson)
    assert LessonPage.objects.live().filter(ksi_id="oppvask").exists()
    assert [lesson.ksi_id for lesson in progress_matrix(run).lessons] == ["handvask", "renholdsutstyr"]
    # Asked to, the run takes the course's lessons as they are now.
    run.pin_course_lessons()
    assert [lesson.ksi_id for lesson in run_lessons(run)] == ["oppvask", "handvask", "renholdsutstyr"]


def test_a_lesson_removed_upstream_stays_in_the_runs_that_taught_it(run):
    LessonPage.objects.get(ksi_id="renholdsutstyr").unpublish()
    assert [lesson.ksi_id for lesson in run_lessons(run)] == ["handvask", "renholdsutstyr"]


def test_the_migration_pins_runs_that_existed_before(run):
    run.lessons.clear()
    CourseRun.objects.filter(pk=run.pk).update(quiz_sizes={})
    migration = importlib.import_module("ksi_courses.teaching.migrations.0005_run_lessons")
    migration.pin_existing_runs(apps, None)
    assert sorted(run.lessons.values_list("ksi_id", flat=True)) == ["handvask", "renholdsutstyr"]
    handvask = LessonPage.objects.get(ksi_id="handvask")
    assert CourseRun.objects.get(pk=run.pk).quiz_sizes[str(handvask.pk)] == {"quiz": 3}


def test_the_teacher_can_take_the_updated_course_into_the_run(run, users, client, course_with_a_new_lesson):
    import_course(course_with_a_new_lesson)
    client.force_login(users["teacher"])
    form = {
        "course": run.course_id,
        "title": run.title,
        "place": run.place,
        "start_date": run.start_date.isoformat(),
        "end_date": run.end_date.isoformat(),
        "schedule": "",
    }
    page = client.get(f"/ksi/kurs/{run.pk}/endre/").content.decode()
    assert 'name="take_current_lessons"' in page
    client.post(f"/ksi/kurs/{run.pk}/endre/", form)
    assert [lesson.ksi_id for lesson in run_lessons(run)] == ["handvask", "renholdsutstyr"]
    answer = client.post(f"/ksi/kurs/{run.pk}/endre/", {**form, "take_current_lessons": "on"})
    assert answer.status_code == 302
    assert [lesson.ksi_id for lesson in run_lessons(run)] == ["oppvask", "handvask", "renholdsutstyr"]


def test_renamed_quizzes_questions_and_checklist_items_keep_participants_records(
    run, users, lesson, tmp_path, mini_course
):
    from ksi_courses.teaching import progress
    from ksi_courses.teaching.models import LessonProgress, QuizAttempt

    amina = users["participant_a"]
    progress.submit_quiz(amina, lesson, "quiz", {"q1": [0], "q2": [0], "q3": [0]})
    progress.save_checklist(amina, lesson, "for-jobb", ["sapa", "papir"])
    folder = tmp_path / "v2"
    shutil.copytree(MINI_COURSE, folder)
    path = folder / "lessons" / "handvask.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("    id: quiz\n", "    id: prove\n"),
        ("      - id: q1\n", "      - id: sporsmal-1\n"),
        ("      - id: sapa\n", "      - id: sape\n"),
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    with open(folder / "course.yaml", "a", encoding="utf-8") as handle:
        handle.write(
            "renamed:\n  handvask/quiz: handvask/prove\n  handvask/quiz/q1: handvask/prove/sporsmal-1\n"
            "  handvask/for-jobb/sapa: handvask/for-jobb/sape\n"
        )
    report = import_course(load_course(folder))
    assert [a.verb for a in report.actions if a.verb == "rename"] == ["rename"] * 3
    attempt = QuizAttempt.objects.get(participant=amina)
    assert attempt.quiz_id == "prove" and set(attempt.answers) == {"sporsmal-1", "q2", "q3"}
    assert LessonProgress.objects.get(participant=amina, lesson=lesson).checklist == {"for-jobb": ["sape", "papir"]}
    # A second import finds nothing left to move and writes nothing.
    assert not import_course(load_course(folder)).changes

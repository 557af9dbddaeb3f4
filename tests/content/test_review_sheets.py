"""Repetition sheets, assessments and the practice logbook, built from the content (pure code)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_content import check_course, load_course, shipped_courses
from course_content.assessment import (
    COURSE_ASSESSMENT,
    COURSE_SKILLS_PER_MODULE,
    MODULE_QUESTIONS,
    assessment,
    assessment_id_for,
    assessments,
    lesson_skills,
)
from course_content.blocks import ExerciseBlock
from course_content.logbook import LOGBOOK_FILE
from course_content.plan_rows import plan_outline
from course_content.repetition import (
    LONG_SHEET_LESSONS,
    MAX_SHEET_QUESTIONS,
    WORDS_PER_LESSON_IN_LONG_SHEETS,
    repetition_sessions,
    repetition_sheet,
    repetition_sheets,
)
from tests.content.test_broken_content import edit
from tests.paths import FIXTURES
from tests.plans import planned_mini_course

SHIPPED = shipped_courses()


@pytest.fixture
def course_dir(tmp_path) -> Path:
    """The mini course with its plan and a practice logbook whose week the practice day names."""
    folder = planned_mini_course(tmp_path)
    shutil.copy(FIXTURES / "mini-course-logbook.yaml", folder / LOGBOOK_FILE)
    edit(folder / "plan.yaml", "            hours: 2\n            material:", "            hours: 2\n            logbook_week: 1\n            material:")
    return folder


def errors(folder: Path) -> list:
    loaded, problems = check_course(folder)
    found = [p for p in problems if p.severity == "error"]
    assert loaded is None and found, "broken content was accepted"
    return found


# --- repetition sheets --------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SHIPPED))
def test_every_repetition_session_of_a_shipped_plan_has_a_sheet_from_its_lessons(slug):
    course = SHIPPED[slug]
    sessions = list(repetition_sessions(course))
    sheets = repetition_sheets(course)
    assert len(sheets) == len(sessions) >= 10
    for sheet, (sheet_id, _, _, session) in zip(sheets, sessions, strict=True):
        assert sheet.id == sheet_id
        named = set(session.lessons) | {lid for m in course.modules if m.id in session.modules for lid in m.lessons}
        assert {lesson.id for lesson in sheet.lessons} == named
        terms = {entry.term.casefold() for lesson in sheet.lessons for entry in lesson.vocabulary}
        words = {word.term.casefold() for word in sheet.words}
        assert len(sheet.words) == len(words) and words <= terms
        if len(sheet.lessons) <= LONG_SHEET_LESSONS:
            assert sheet.all_words and words == terms
        else:  # the first words of every lesson
            assert not sheet.all_words and {word.lesson_id for word in sheet.words} == named
            assert len(sheet.words) <= WORDS_PER_LESSON_IN_LONG_SHEETS * len(named)
        assert sheet.quiz and len(sheet.quiz) <= MAX_SHEET_QUESTIONS
        assert {item.lesson_id for item in sheet.quiz} <= named
        per_lesson = 2 if len(sheet.lessons) <= 4 else 1
        for lesson_id in named:
            assert sum(item.lesson_id == lesson_id for item in sheet.quiz) <= per_lesson


def test_a_session_that_names_modules_repeats_all_their_lessons():
    course = SHIPPED["matfag"]
    whole = next(sheet for sheet in repetition_sheets(course) if sheet.title == "Repetisjon av hele kurset")
    assert [lesson.id for lesson in whole.lessons] == [lesson.id for lesson in course.ordered_lessons()]
    assert len(whole.quiz) == MAX_SHEET_QUESTIONS
    assert len({item.lesson_id for item in whole.quiz}) == MAX_SHEET_QUESTIONS  # one per lesson, mixed


def test_key_words_carry_the_picture_of_their_entry(course_dir):
    sheet = repetition_sheet(load_course(course_dir), "repetisjon-1")
    assert [(word.term, word.picture, word.lesson_id) for word in sheet.words if word.term == "håndhygiene"] == [
        ("håndhygiene", "sape", "handvask")
    ]


def test_the_quiz_is_the_same_every_time_and_does_not_depend_on_other_lessons(course_dir):
    first = repetition_sheet(load_course(course_dir), "repetisjon-1")
    assert [item.key for item in first.quiz] == [item.key for item in repetition_sheet(load_course(course_dir), "repetisjon-1").quiz]
    assert len(first.quiz) == 2 and {item.lesson_id for item in first.quiz} == {"handvask"}  # the other has no quiz
    # Editing another lesson's text changes the content, not this selection.
    edit(course_dir / "lessons" / "renholdsutstyr.yaml", "title: Renholdsutstyr", "title: Utstyr til renhold")
    again = repetition_sheet(load_course(course_dir), "repetisjon-1")
    assert [item.key for item in again.quiz] == [item.key for item in first.quiz]


def test_an_unknown_sheet_names_the_sheets_there_are(course_dir):
    with pytest.raises(KeyError, match="no repetition sheet 'repetisjon-9'; its sheets: repetisjon-1"):
        repetition_sheet(load_course(course_dir), "repetisjon-9")


# --- assessments --------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SHIPPED))
def test_each_module_and_the_course_have_an_assessment_with_skills_and_a_quiz(slug):
    course = SHIPPED[slug]
    found = assessments(course)
    assert [a.id for a in found] == [*(f"modul-{m.id}" for m in course.modules), COURSE_ASSESSMENT]
    for item in found[:-1]:
        practical = [
            block.title
            for lesson in item.lessons
            for block in lesson.blocks_of(ExerciseBlock)
            if block.kind in ("task", "role_play", "workplace")
        ]
        assert [skill.text for skill in item.skills] == practical and practical
        assert 0 < len(item.quiz) <= MODULE_QUESTIONS
        assert {q.lesson_id for q in item.quiz} <= {lesson.id for lesson in item.lessons}
    final = found[-1]
    assert final.is_course and len(final.skills) <= COURSE_SKILLS_PER_MODULE * len(course.modules)
    modules_with_skills = {course.module_of(skill.lesson_id).id for skill in final.skills}
    assert modules_with_skills == {m.id for m in course.modules if any(lesson_skills(lesson) for lesson in course.lessons_in(m))}
    assert len({skill.id for a in found for skill in a.skills}) == sum(len(a.skills) for a in found[:-1])  # ids stable, shared


def test_discussions_are_not_observed_skills(course_dir):
    course = load_course(course_dir)
    (module_assessment,) = assessments(course)[:-1]
    assert [(s.id, s.text, s.kind_name) for s in module_assessment.skills] == [("handvask-1", "Vis en kollega", "Rollespill")]
    with pytest.raises(KeyError, match="its assessments: modul-modul-en, kurs"):
        assessment(course, "modul-finnes-ikke")


def test_plan_sessions_link_to_their_sheet():
    course = SHIPPED["matfag"]
    module_ids = [m.id for m in course.modules]
    rows = plan_outline(course.plan, {}, {m.id: m.title for m in course.modules})
    linked = [(s.kind, s.sheet) for week in rows for day in week.days for s in day.sessions if s.sheet]
    assert [sheet for kind, sheet in linked if kind == "repetition"] == [s.id for s in repetition_sheets(course)]
    assessed = [sheet for kind, sheet in linked if kind == "assessment"]
    # Each module's assessment once, in order; the course's (a test before practice, the final one) after them.
    assert list(dict.fromkeys(assessed)) == [*(f"modul-{m}" for m in module_ids), COURSE_ASSESSMENT]
    for _, _, session in course.plan.sessions():
        if session.kind == "assessment":
            assert assessment_id_for(session, module_ids) in assessed


# --- practice logbook ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SHIPPED))
def test_every_practice_session_works_on_a_week_of_the_logbook(slug):
    course = SHIPPED[slug]
    assert course.logbook is not None
    practice = [session for _, _, session in course.plan.sessions() if session.kind == "practice"]
    assert practice and all(session.logbook_week for session in practice)
    assert {session.logbook_week for session in practice} == {week.number for week in course.logbook.weeks}
    for week in course.logbook.weeks:
        assert {task.kind for task in week.tasks} == {"observe", "do", "describe", "words"}


def test_a_logbook_week_the_plan_names_must_exist(course_dir):
    line = edit(course_dir / "plan.yaml", "logbook_week: 1", "logbook_week: 2")
    (problem,) = errors(course_dir)
    assert (problem.path.name, problem.line, problem.field) == ("plan.yaml", line, "weeks[0].days[2].sessions[0].logbook_week")
    assert problem.message == "logbook.yaml has no week 2 (it has 1)"


def test_a_plan_that_names_a_logbook_week_needs_a_logbook(course_dir):
    (course_dir / LOGBOOK_FILE).unlink()
    (problem,) = errors(course_dir)
    assert problem.field.endswith("logbook_week") and "no logbook.yaml in the course folder" in problem.message


def test_a_week_needs_every_kind_of_task_and_says_where(course_dir):
    line = edit(course_dir / LOGBOOK_FILE, "        kind: words\n", "        kind: describe\n")
    (problem,) = errors(course_dir)
    assert problem.path.name == "logbook.yaml" and problem.field == "weeks[0]"
    assert problem.line is not None and problem.line < line
    assert "missing: Nye ord" in problem.message


def test_an_unknown_task_kind_names_its_line(course_dir):
    line = edit(course_dir / LOGBOOK_FILE, "        kind: observe\n", "        kind: look\n")
    problems = errors(course_dir)
    assert any(p.line == line and p.field == "weeks[0].tasks[0].kind" for p in problems), "\n".join(map(str, problems))


def test_only_practice_sessions_name_a_logbook_week(course_dir):
    line = edit(course_dir / "plan.yaml", "          - kind: repetition\n            hours: 0.5\n",
                "          - kind: repetition\n            hours: 0.5\n            logbook_week: 1\n")
    (problem,) = errors(course_dir)
    assert problem.path.name == "plan.yaml" and problem.line == line
    assert "`logbook_week` is only for kind practice" in problem.message


def test_the_logbook_survives_the_round_trip(course_dir, tmp_path):
    from course_content.writer import write_course

    course = load_course(course_dir)
    shutil.copytree(course_dir / "media", tmp_path / "again" / "media")
    again = load_course(write_course(course, tmp_path / "again"))
    assert again.logbook == course.logbook
    assert [s.logbook_week for _, _, s in again.plan.sessions()] == [s.logbook_week for _, _, s in course.plan.sessions()]


def test_a_logbook_week_no_practice_session_uses_is_a_warning(course_dir):
    edit(course_dir / "plan.yaml", "            logbook_week: 1\n", "")
    loaded, problems = check_course(course_dir)
    assert loaded is not None and loaded.logbook is not None
    (warning,) = [p for p in problems if p.severity == "warning" and p.path.name == LOGBOOK_FILE]
    assert warning.field == "weeks[0]" and "week 1 is not used" in warning.message


def test_the_schema_describes_the_logbook():
    from course_content.schema import content_schema

    schema = content_schema()
    assert "logbook.yaml" in schema["properties"]["logbook"]["description"]
    assert set(schema["$defs"]["LogbookTask"]["properties"]["kind"]["enum"]) == {"observe", "do", "describe", "words"}


@pytest.mark.parametrize("slug", sorted(SHIPPED))
def test_the_practice_evaluation_refers_to_the_logbook(slug):
    form = SHIPPED[slug].forms["praksisevaluering"]
    part2 = next(section for section in form.sections if section.title.startswith("Del 2"))
    assert "praksisloggen" in next(field.label for field in part2.fields if field.id == "d-praksislogg")
    talk = form.sections[-1]
    assert talk.title == "Samtale etter praksisen" and "praksislogg" in talk.intro

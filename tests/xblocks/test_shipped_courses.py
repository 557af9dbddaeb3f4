"""Every shipped lesson renders in the block without teacher-only content, and every shipped
course exports to OLX with its structure intact. Parametrized over the course folders, so a
course that does not load fails here instead of being skipped."""

from __future__ import annotations

import json

import pytest
from xblock.runtime import DictKeyValueStore, KvsFieldData

from course_content import get_course
from course_content.loader import COURSES_DIR, course_dirs
from tests.xblocks.conftest import RecordingRuntime, build_block
from tests.xblocks.test_olx import Archive, expected_structure
from tests.xblocks.test_views import teacher_only_strings
from xblocks.lesson import LessonBlock
from xblocks.olx import write_archive

SLUGS = [folder.name for folder in course_dirs(COURSES_DIR)]


def hidden_strings(lesson) -> list[str]:
    """Teacher notes and quiz explanations, except sentences the lesson also shows participants."""
    shown = json.dumps([b.model_dump(mode="json") for b in lesson.blocks if b.type not in ("teacher_note", "quiz")],
                       ensure_ascii=False)
    shown += json.dumps([q.prompt for quiz in lesson.quizzes for q in quiz.questions], ensure_ascii=False)
    return [s.strip() for s in teacher_only_strings(lesson) if s.strip() not in shown]


def test_there_are_shipped_courses():
    assert SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_every_lesson_renders_for_participants(slug):
    # No ksi_courses service on this runtime: the block falls back to the shipped courses.
    runtime = RecordingRuntime({"field-data": KvsFieldData(DictKeyValueStore())})
    course = get_course(slug)
    for lesson in course.ordered_lessons():
        block = build_block(runtime, course_slug=slug, lesson_id=lesson.id)
        html = block.render("student_view").content
        data = json.dumps(block.student_view_data(), ensure_ascii=False)
        assert lesson.title in html and 'role="alert"' not in html, f"{slug}/{lesson.id}"
        for secret in hidden_strings(lesson):
            assert secret not in html and secret not in data, f"{slug}/{lesson.id}: {secret[:60]!r}"
        assert '"correct"' not in data and "ksi-key" not in html


@pytest.mark.parametrize("slug", SLUGS)
def test_every_course_exports_to_olx(slug, tmp_path):
    course = get_course(slug)
    write_archive(course, tmp_path / "course.tar.gz")
    archive = Archive(tmp_path / "course.tar.gz")
    assert archive.structure() == expected_structure(course)
    graded = json.loads(archive.files["policies/v1/grading_policy.json"])["GRADER"]
    assert graded[0]["min_count"] == sum(bool(lesson.quizzes) for lesson in course.ordered_lessons())


def test_workbench_scenarios_cover_every_shipped_course(runtime):
    scenarios = LessonBlock.workbench_scenarios()
    assert len(scenarios) == len(SLUGS)
    for (_title, xml), slug in zip(scenarios, SLUGS, strict=True):
        block = runtime.get_block(runtime.parse_xml_string(xml))
        assert block.course_slug == slug and block.lesson_id == get_course(slug).ordered_lessons()[0].id

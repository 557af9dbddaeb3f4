"""Assessment results and practice logbook ticks of a course run.

The assessments are built by :mod:`course_content.assessment` from the course as the
municipality published it (as quiz scoring is, see :mod:`.lessons`): the live module and lesson
pages, their practical exercises and quizzes. The practice logbook comes from the shipped
course (it is content, not pages). Saving is idempotent: one result per participant and
assessment, one tick per participant and task.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from course_content.assessment import Assessment, assessments
from course_content.logbook import Logbook
from course_content.models import Course, Lesson, Module
from ksi_courses.models import LessonPage, ModulePage
from ksi_courses.stream import stream_to_blocks

from .models import AssessmentResult, CourseRun, Enrolment, LogbookTick

#: Only these blocks matter for an assessment (skills and quiz questions).
_ASSESSED_BLOCKS = ("exercise", "quiz")


def published_course(run: CourseRun) -> Course:
    """The run's course as published: modules and lessons with their exercises and quizzes only.

    Built without validation (``model_construct``) because only what the assessment builders read
    is filled in; ids are as the round trip gives them (content id, else slug).
    """
    course_page = run.course
    modules, lessons = [], {}
    lesson_pages = LessonPage.objects.live().descendant_of(course_page).order_by("path")
    by_module: dict[str, list[LessonPage]] = {}
    for page in lesson_pages:
        by_module.setdefault(page.path[: -LessonPage.steplen], []).append(page)
    for module_page in ModulePage.objects.child_of(course_page).live().order_by("path"):
        pages = by_module.get(module_page.path, [])
        if not pages:
            continue
        for page in pages:
            children = [child for child in page.body if child.block_type in _ASSESSED_BLOCKS]
            lessons[page.ksi_id or page.slug] = Lesson.model_construct(
                id=page.ksi_id or page.slug,
                title=page.title,
                duration_minutes=page.duration_minutes,
                goals=[],
                blocks=stream_to_blocks(children, src_for=_no_images),
            )
        modules.append(
            Module.model_construct(
                id=module_page.ksi_id or module_page.slug,
                title=module_page.title,
                goals=[],
                lessons=[page.ksi_id or page.slug for page in pages],
            )
        )
    return Course.model_construct(
        slug=course_page.ksi_id or course_page.slug, title=course_page.title, modules=modules, lessons=lessons
    )


def run_assessments(run: CourseRun) -> list[Assessment]:
    """The run's assessments: one per module, then the course's (``[]`` for a course without modules)."""
    course = published_course(run)
    return assessments(course) if course.modules else []


def run_assessment(run: CourseRun, assessment_id: str) -> Assessment | None:
    return next((found for found in run_assessments(run) if found.id == assessment_id), None)


def run_logbook(run: CourseRun) -> Logbook | None:
    """The practice logbook of the run's course (shipped content), or ``None``."""
    from ksi_courses.sheets import shipped_logbook

    return shipped_logbook(run.course)


@dataclass(frozen=True)
class ResultInput:
    skills_passed: list[str]
    quiz_score: int | None
    note: str


def record_result(enrolment: Enrolment, assessment: Assessment, data: ResultInput, recorded_by) -> AssessmentResult:
    """Save (or replace) ``enrolment``'s result in ``assessment``; unknown skill ids are dropped."""
    known = [skill.id for skill in assessment.skills]
    passed = [skill_id for skill_id in known if skill_id in set(data.skills_passed)]
    if data.quiz_score is not None and not 0 <= data.quiz_score <= len(assessment.quiz):
        raise ValueError(f"quiz score {data.quiz_score} is outside 0–{len(assessment.quiz)}")
    result, _ = AssessmentResult.objects.update_or_create(
        enrolment=enrolment,
        assessment_id=assessment.id,
        defaults={
            "skills_passed": passed,
            "skills_total": len(known),
            "quiz_score": data.quiz_score,
            "quiz_total": len(assessment.quiz),
            "note": data.note.strip(),
            "recorded_by": recorded_by,
        },
    )
    return result


def results_by_enrolment(run: CourseRun) -> dict[int, dict[str, AssessmentResult]]:
    """``{enrolment id: {assessment id: result}}`` for the run, in one query."""
    found: dict[int, dict[str, AssessmentResult]] = {}
    for result in AssessmentResult.objects.filter(enrolment__run=run):
        found.setdefault(result.enrolment_id, {})[result.assessment_id] = result
    return found


def ticked_tasks(enrolment: Enrolment) -> set[str]:
    return set(LogbookTick.objects.filter(enrolment=enrolment).values_list("task", flat=True))


def ticks_by_enrolment(run: CourseRun) -> dict[int, int]:
    """How many logbook tasks each participant of the run has ticked off, in one query."""
    counts: dict[int, int] = {}
    for enrolment_id in LogbookTick.objects.filter(enrolment__run=run).values_list("enrolment_id", flat=True):
        counts[enrolment_id] = counts.get(enrolment_id, 0) + 1
    return counts


@transaction.atomic
def save_ticks(enrolment: Enrolment, logbook: Logbook, tasks: list[str], ticked_by) -> int:
    """Make ``tasks`` the ticked tasks of ``enrolment`` (keys not in the logbook are dropped); returns the count."""
    keys = {key for _, _, key in logbook.task_keys()}
    wanted = {task for task in tasks if task in keys}
    LogbookTick.objects.filter(enrolment=enrolment).exclude(task__in=wanted).delete()
    have = ticked_tasks(enrolment)
    LogbookTick.objects.bulk_create(
        [LogbookTick(enrolment=enrolment, task=task, ticked_by=ticked_by) for task in sorted(wanted - have)],
        ignore_conflicts=True,  # a double submit saves the same ticks once
    )
    return len(wanted)


def _no_images(image) -> str:
    raise AssertionError("exercise and quiz blocks hold no images")

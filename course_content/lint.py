"""The content lint: the minimums every shipped course meets (CONTENT.md), checked in CI.

Schema validation says whether content is well-formed; the lint says whether it is complete
enough to teach from. Municipalities' own courses may be run with or without it.
"""

from __future__ import annotations

from pathlib import Path

from .blocks import ExerciseBlock
from .errors import ContentProblem
from .forms import COMMON_FORM_KINDS
from .glossary_lint import lint_glossary
from .models import Course
from .stable_ids import check_stable_ids
from .stats import lesson_stats
from .wordlist import form_file, lint_wording

MIN_MODULES = 6
MIN_LESSONS = 18
MIN_WORDS = 250  # CONTENT.md and the content issues: at least 250 words of participant text
VOCABULARY_RANGE = (8, 15)
MIN_QUIZ_QUESTIONS = 5
LESSON_MINUTES = (45, 90)


def lint_course(course: Course) -> list[ContentProblem]:
    """Every way ``course`` falls short of the minimums, as problems with file and field."""
    root = Path(course.root) if course.root is not None else Path(course.slug)
    course_file = root / "course.yaml"
    problems: list[ContentProblem] = []

    def fail(path: Path, field: str | None, message: str) -> None:
        problems.append(ContentProblem(path, None, field, message))

    if len(course.modules) < MIN_MODULES:
        fail(course_file, "modules", f"{len(course.modules)} modules; a course has at least {MIN_MODULES}")
    lessons = course.ordered_lessons()
    if len(lessons) < MIN_LESSONS:
        fail(course_file, "modules", f"{len(lessons)} lessons; a course has at least {MIN_LESSONS}")
    if not course.sources:
        fail(course_file, "sources", "no sources: cite the laws, regulations, curricula and standards used")
    kinds = {form.kind for form in course.forms.values()}
    for kind in COMMON_FORM_KINDS:
        if kind not in kinds:
            fail(course_file, "forms", f"no form of kind '{kind}'")
    for form in course.forms.values():
        if form.kind == "registration" and not form.privacy.strip():
            fail(form_file(root, form.id), "privacy", "a registration form needs a privacy notice (privacy)")
    problems.extend(check_stable_ids(course))
    if course.plan is None:
        fail(course_file, "plan", "no plan.yaml: account for every hour of the course in a course plan")
    else:
        placed = course.plan.placed_lessons()
        for lesson in lessons:
            if lesson.id not in placed:
                fail(root / "plan.yaml", "weeks", f"lesson '{lesson.id}' is not taught in any session of the plan")
    for lesson in lessons:
        problems.extend(lint_lesson(lesson, root / "lessons" / f"{lesson.id}.yaml"))
    problems.extend(lint_wording(course))
    problems.extend(lint_glossary(course))
    return problems


def lint_lesson(lesson, path: Path) -> list[ContentProblem]:
    problems: list[ContentProblem] = []

    def fail(field: str | None, message: str) -> None:
        problems.append(ContentProblem(path, None, field, message))

    stats = lesson_stats(lesson)
    low, high = LESSON_MINUTES
    if not low <= lesson.duration_minutes <= high:
        fail("duration_minutes", f"{lesson.duration_minutes} minutes; a lesson is {low}–{high} minutes")
    if stats.text.words < MIN_WORDS:
        fail("blocks", f"{stats.text.words} words of participant text; at least {MIN_WORDS}")
    low, high = VOCABULARY_RANGE
    if not low <= stats.vocabulary <= high:
        fail("blocks", f"{stats.vocabulary} vocabulary entries; {low}–{high} per lesson")
    if not lesson.blocks_of(ExerciseBlock):
        fail("blocks", "no exercise block (task, discussion, role play or workplace practice)")
    quiz_ok = any(len(quiz.questions) >= MIN_QUIZ_QUESTIONS for quiz in lesson.quizzes)
    if not (lesson.checklists or quiz_ok):
        fail("blocks", f"needs a checklist or a quiz with at least {MIN_QUIZ_QUESTIONS} questions")
    notes = lesson.teacher_notes
    if not notes:
        fail("blocks", "no teacher_note block")
    else:
        if not any(note.time_plan for note in notes):
            fail("teacher_note.time_plan", "the teacher note has no time plan")
        if not any(note.materials for note in notes):
            fail("teacher_note.materials", "the teacher note lists no materials")
        if not any(note.adaptation.strip() for note in notes):
            fail("teacher_note.adaptation", "the teacher note says nothing about adapting for lower language levels")
    return problems

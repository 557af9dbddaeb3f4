"""A participant's progress: marking lessons done, saving checklists, submitting quizzes.

Every write goes through :func:`_update`, which locks the participant's one progress row for the
lesson (creating it if needed) before changing it. On PostgreSQL many simultaneous requests for
the same participant and lesson (double clicks, several tabs, a flaky phone connection retrying)
therefore queue on the row lock: exactly one row exists afterwards and no change is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from course_content.scoring import AnswerError, QuizResult, parse_answers, score_quiz
from ksi_courses.models import CoursePage, LessonPage

from .lessons import course_lessons, page_checklists, page_quizzes
from .models import LessonProgress, QuizAttempt


class ProgressError(ValueError):
    """A request does not fit the lesson (unknown checklist, quiz or answer); the message says which."""


# --- writing ------------------------------------------------------------------------------------


def set_completed(participant, lesson: LessonPage, done: bool = True) -> LessonProgress:
    """Mark ``lesson`` done (keeping the first completion time) or not done."""

    def change(progress: LessonProgress) -> None:
        if not done:
            progress.completed_at = None
        elif progress.completed_at is None:
            progress.completed_at = timezone.now()

    return _update(participant, lesson, change)


def save_checklist(participant, lesson: LessonPage, checklist_id: str, ticked: Iterable[str]) -> LessonProgress:
    """Replace the ticked items of one checklist; other checklists of the lesson keep their state."""
    checklists = page_checklists(lesson)
    if checklist_id not in checklists:
        raise ProgressError(_("This lesson has no checklist “%(id)s”. Reload the page and try again.") % {"id": checklist_id})
    items = checklists[checklist_id]
    ticked = set(ticked)
    unknown = ticked - set(items)
    if unknown:
        raise ProgressError(
            _("The checklist “%(id)s” has no item “%(item)s”. Reload the page and try again.")
            % {"id": checklist_id, "item": sorted(unknown)[0]}
        )
    state = [item for item in items if item in ticked]  # page order, whatever order was posted

    def change(progress: LessonProgress) -> None:
        progress.checklist = {**progress.checklist, checklist_id: state}

    return _update(participant, lesson, change)


def submit_quiz(participant, lesson: LessonPage, quiz_id: str, answers: Mapping) -> tuple[QuizAttempt, QuizResult]:
    """Score ``answers`` (question id → chosen choice indexes) on the server and keep the attempt."""
    quiz, parsed = _checked_answers(lesson, quiz_id, answers)
    result = score_quiz(quiz, parsed)
    attempt = QuizAttempt.objects.create(
        participant=participant,
        lesson=lesson,
        quiz_id=quiz_id,
        answers=parsed,
        correct=result.correct,
        total=result.total,
    )
    return attempt, result


def check_quiz(lesson: LessonPage, quiz_id: str, answers: Mapping) -> QuizState:
    """Score ``answers`` without saving anything (a visitor who is not logged in)."""
    quiz, parsed = _checked_answers(lesson, quiz_id, answers)
    return QuizState(answers=parsed, result=score_quiz(quiz, parsed), saved=False)


def _checked_answers(lesson: LessonPage, quiz_id: str, answers: Mapping):
    """The quiz and the parsed answers (missing questions are allowed: they score as wrong)."""
    quiz = page_quizzes(lesson).get(quiz_id)
    if quiz is None:
        raise ProgressError(_("This lesson has no quiz “%(id)s”. Reload the page and try again.") % {"id": quiz_id})
    try:
        parsed = parse_answers(quiz, answers)
    except AnswerError as exc:
        raise ProgressError(str(exc)) from exc
    return quiz, parsed


def _update(participant, lesson: LessonPage, change: Callable[[LessonProgress], None]) -> LessonProgress:
    """Apply ``change`` to the participant's progress row for ``lesson`` under a row lock."""
    with transaction.atomic():
        progress = _locked(participant, lesson)
        change(progress)
        progress.save()
    return progress


def _locked(participant, lesson: LessonPage) -> LessonProgress:
    rows = LessonProgress.objects.select_for_update()
    progress = rows.filter(participant=participant, lesson=lesson).first()
    if progress is None:
        # get_or_create turns the IntegrityError of a concurrent insert into a read of that
        # row; the row is then locked like any other, so the losing requests queue behind it.
        LessonProgress.objects.get_or_create(participant=participant, lesson=lesson)
        progress = rows.get(participant=participant, lesson=lesson)
    return progress


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseProgress:
    """How far a participant has come in a course."""

    total: int
    completed: frozenset[int]  # ids of completed lesson pages that still count

    @property
    def done(self) -> int:
        return len(self.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.done == self.total


def course_progress(participant, course: CoursePage, lessons: list[LessonPage] | None = None) -> CourseProgress:
    """The participant's completed lessons among the course's current lessons."""
    lessons = course_lessons(course) if lessons is None else lessons
    ids = [lesson.pk for lesson in lessons]
    completed = LessonProgress.objects.filter(
        participant=participant, lesson_id__in=ids, completed_at__isnull=False
    ).values_list("lesson_id", flat=True)
    return CourseProgress(total=len(ids), completed=frozenset(completed))


@dataclass(frozen=True)
class QuestionState:
    chosen: tuple[int, ...]
    correct: bool | None  # None before the first attempt
    explanation: str
    unanswered: bool = False  # scored without an answer: the page says so rather than "not quite"


@dataclass
class QuizState:
    """The participant's latest attempt at one quiz, scored against the quiz as published now."""

    attempts: int = 0
    answers: dict[str, list[int]] = field(default_factory=dict)
    result: QuizResult | None = None
    saved: bool = True  # False: checked for a visitor who is not logged in, kept nowhere

    def question(self, question_id: str) -> QuestionState:
        chosen = tuple(self.answers.get(question_id, ()))
        if self.result is None:
            return QuestionState(chosen, None, "")
        for item in self.result.questions:
            if item.question_id == question_id:
                return QuestionState(chosen, item.correct, item.explanation, unanswered=not chosen)
        return QuestionState(chosen, None, "")


def quiz_states(participant, lesson: LessonPage) -> dict[str, QuizState]:
    """The state of every quiz of the lesson (one query for all attempts)."""
    quizzes = page_quizzes(lesson)
    states = {quiz_id: QuizState() for quiz_id in quizzes}
    for attempt in QuizAttempt.objects.filter(participant=participant, lesson=lesson).order_by("created_at", "pk"):
        state = states.get(attempt.quiz_id)
        if state is None:
            continue  # the quiz was removed from the page since
        state.attempts += 1
        state.answers = attempt.answers
    for quiz_id, state in states.items():
        if state.attempts:
            state.result = score_quiz(quizzes[quiz_id], state.answers)
    return states


def lesson_progress(participant, lesson: LessonPage) -> LessonProgress | None:
    return LessonProgress.objects.filter(participant=participant, lesson=lesson).first()

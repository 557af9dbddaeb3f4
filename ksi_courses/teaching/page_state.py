"""What the public course and lesson pages show of the visitor's own progress.

The page templates ask for it through template tags (``ksi_teaching`` library), so the page
models stay free of teaching code. Anonymous visitors cost no queries: they read the lesson and
get a link to log in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from ksi_courses.models import CoursePage, LessonPage

from .forms import quiz_answers
from .lessons import course_of
from .models import LessonProgress
from .progress import (
    CourseProgress,
    ProgressError,
    QuizState,
    check_quiz,
    course_progress,
    lesson_progress,
    quiz_states,
)


def login_url(next_url: str) -> str:
    """The teaching app's login page, returning to ``next_url`` afterwards."""
    return f"{reverse('ksi_teaching:login')}?{urlencode({'next': next_url})}"


@dataclass
class LessonState:
    """The visitor's state in one lesson, as the lesson page and its blocks render it."""

    page: LessonPage
    can_save: bool
    login_url: str
    progress: LessonProgress | None = None
    course: CourseProgress | None = None
    quizzes: dict[str, QuizState] = field(default_factory=dict)

    @property
    def completed(self) -> bool:
        return bool(self.progress and self.progress.completed_at)

    def ticked(self, checklist_id: str) -> list[str]:
        return list(self.progress.checklist.get(checklist_id, [])) if self.progress else []

    def quiz(self, quiz_id: str) -> QuizState:
        return self.quizzes.get(quiz_id) or QuizState()


def lesson_state(request, page: LessonPage) -> LessonState:
    """The state for ``request``'s user (empty, with a login link, for anonymous visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return LessonState(
            page=page, can_save=False, login_url=login_url(page.url), quizzes=checked_quizzes(request, page)
        )
    course = course_of(page)
    return LessonState(
        page=page,
        can_save=True,
        login_url="",
        progress=lesson_progress(user, page),
        course=course_progress(user, course) if course else None,
        quizzes=quiz_states(user, page),
    )


def checked_quizzes(request, page: LessonPage) -> dict[str, QuizState]:
    """A visitor who is not logged in checks a quiz with a GET form (``?sjekk=QUIZ`` and the
    answers): scored, shown on the page, saved nowhere. Answers that do not fit the quiz show nothing."""
    quiz_id = request.GET.get("sjekk")
    if not quiz_id:
        return {}
    try:
        return {quiz_id: check_quiz(page, quiz_id, quiz_answers(request.GET, quiz_id))}
    except ProgressError:
        return {}


@dataclass
class CourseState:
    """The visitor's progress on a course page (``None`` fields for anonymous visitors)."""

    login_url: str
    progress: CourseProgress | None = None

    def completed(self, lesson: LessonPage) -> bool:
        return bool(self.progress and lesson.pk in self.progress.completed)


def course_state(request, page: CoursePage) -> CourseState:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return CourseState(login_url=login_url(request.get_full_path()))
    return CourseState(login_url="", progress=course_progress(user, page))


@dataclass(frozen=True)
class ResumePoint:
    """Where a visitor goes on in a course: ``lesson`` (``None`` when every lesson is done),
    ``started`` (some lesson is completed) and ``finished`` (all are)."""

    lesson: LessonPage | None
    started: bool = False
    finished: bool = False


def resume_point(state: CourseState | None, lessons: list[LessonPage]) -> ResumePoint:
    """The first lesson, in course order, that the visitor has not completed (the first lesson
    for a visitor who is not logged in)."""
    completed = state.progress.completed if state is not None and state.progress else frozenset()
    for lesson in lessons:
        if lesson.pk not in completed:
            return ResumePoint(lesson, started=bool(completed & {item.pk for item in lessons}))
    return ResumePoint(None, started=bool(lessons), finished=bool(lessons))

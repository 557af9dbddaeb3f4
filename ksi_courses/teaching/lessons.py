"""What the teaching app needs to know about the published course pages.

Scoring and checklist checks run against the page as the municipality published it (edited pages
included), not against the shipped files: the quiz blocks of the page body are converted to the
content model with the same converter the round trip uses.
"""

from __future__ import annotations

from django.http import Http404

from course_content.blocks import QuizBlock
from ksi_courses.models import CoursePage, LessonPage, ModulePage
from ksi_courses.stream import stream_to_blocks


def page_quizzes(page: LessonPage) -> dict[str, QuizBlock]:
    """The quizzes in the lesson page's body, by quiz id, in page order."""
    children = [child for child in page.body if child.block_type == "quiz"]
    return {quiz.id: quiz for quiz in stream_to_blocks(children, src_for=_no_images)}


def page_checklists(page: LessonPage) -> dict[str, list[str]]:
    """The checklists in the lesson page's body: checklist id → item ids in order."""
    return {
        child.value["id"]: [item["id"] for item in child.value["items"]]
        for child in page.body
        if child.block_type == "checklist"
    }


def course_lessons(course: CoursePage) -> list[LessonPage]:
    """The lessons a participant can reach in the course, in teaching order.

    A lesson counts when it and its module are live, as on the course page; unpublished
    lessons keep their progress records but no longer count towards completion.
    """
    live_modules = set(ModulePage.objects.child_of(course).live().values_list("path", flat=True))
    lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
    return [lesson for lesson in lessons if lesson.path[: -LessonPage.steplen] in live_modules]


def run_lessons(run) -> list[LessonPage]:
    """The lessons of a course run, in teaching order: those it was created with, live or not (an
    upgrade of the course changes nothing in a running or finished run); the course's if none."""
    pinned = list(run.lessons.order_by("path"))
    return pinned or course_lessons(run.course)


def lesson_modules(lessons) -> dict[int, ModulePage]:
    """Lesson page id → the module page above it (one query), in the lessons' order."""
    parents = {lesson.pk: lesson.path[: -LessonPage.steplen] for lesson in lessons}
    modules = {module.path: module for module in ModulePage.objects.filter(path__in=set(parents.values()))}
    return {pk: modules[path] for pk, path in parents.items() if path in modules}


def quiz_sizes(lesson: LessonPage) -> dict[str, int]:
    """Quiz id → number of questions, for the quizzes of a lesson page as it is now."""
    return {quiz_id: len(quiz.questions) for quiz_id, quiz in page_quizzes(lesson).items()}


def run_quiz_sizes(run, lessons: list[LessonPage]) -> dict[int, dict[str, int]]:
    """Lesson page id → quiz id → questions, as the run started with them (an upgrade that adds
    questions leaves a run's report as it was); lessons the run has no record of count as they are now."""
    recorded = run.quiz_sizes or {}
    return {lesson.pk: recorded.get(str(lesson.pk)) or quiz_sizes(lesson) for lesson in lessons}


def course_of(lesson: LessonPage) -> CoursePage | None:
    """The course page above a lesson page."""
    return CoursePage.objects.ancestor_of(lesson).first()


def lesson_for_request(request, page_id: int) -> LessonPage:
    """The live lesson page ``page_id`` if this request may see it, else 404.

    Wagtail's page privacy (password, login, groups) applies to saving progress as it does to reading.
    """
    page = LessonPage.objects.live().filter(pk=page_id).first()
    if page is None or not all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        raise Http404("no such lesson")
    return page


def _no_images(image) -> str:
    raise AssertionError("quiz blocks hold no images")

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

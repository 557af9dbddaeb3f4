"""Template tags that put the visitor's own progress into the course and lesson pages.

``{% ksi_lesson_state page as teaching %}`` in the lesson template; the block templates
(checklist, quiz) then read ``teaching`` from the context they inherit. Every tag tolerates a
missing state, so the blocks still render in Wagtail's block previews.
"""

from django import template

from ..access import can_teach
from ..page_state import course_state, lesson_state, resume_point
from ..progress import QuestionState, QuizState

register = template.Library()


@register.simple_tag(takes_context=True)
def ksi_lesson_state(context, page):
    """The visitor's :class:`~ksi_courses.teaching.page_state.LessonState` for ``page``."""
    return lesson_state(context["request"], page)


@register.simple_tag(takes_context=True)
def ksi_course_state(context, page):
    """The visitor's :class:`~ksi_courses.teaching.page_state.CourseState` for a course page."""
    return course_state(context["request"], page)


@register.simple_tag
def ksi_ticked(state, checklist_id) -> list[str]:
    """Ticked item ids of one checklist."""
    return state.ticked(checklist_id) if state else []


@register.simple_tag
def ksi_quiz_state(state, quiz_id) -> QuizState:
    """The latest attempt at one quiz (an empty state before the first)."""
    return state.quiz(quiz_id) if state else QuizState()


@register.simple_tag
def ksi_question_state(quiz, question_id) -> QuestionState:
    """Chosen answers, and after an attempt right/wrong and the explanation, of one question."""
    return quiz.question(question_id) if quiz else QuestionState((), None, "")


@register.simple_tag
def ksi_can_teach(user) -> bool:
    """Whether ``user`` has the teacher role (for showing the course-run links)."""
    return can_teach(user)


@register.filter
def ksi_completed(state, lesson) -> bool:
    """Whether the visitor has completed ``lesson`` (on a course page)."""
    return bool(state) and state.completed(lesson)


@register.filter
def ksi_first_teacher_note(page) -> str:
    """The id of the first teacher note block of a lesson page ("" without one), for the
    teachers' "Lærerveiledning" jump link at the top of the page."""
    return next((block.id for block in page.body if block.block_type == "teacher_note"), "")


@register.filter
def ksi_done_in(state, lessons) -> int:
    """How many of ``lessons`` the visitor has completed (on a course page)."""
    return sum(1 for lesson in lessons if state and state.completed(lesson))


@register.simple_tag
def ksi_resume_lesson(state, modules):
    """Where to go on in a course (``modules`` as the course page's outline): see
    :func:`~ksi_courses.teaching.page_state.resume_point`."""
    return resume_point(state, [lesson for _, lessons in modules for lesson in lessons])

"""Where lesson blocks find their content: the ``ksi_courses`` runtime service.

A block stores only a course slug and a lesson id; the catalog turns them into the loaded
:class:`~course_content.Course` and :class:`~course_content.Lesson`. By default it serves the
courses shipped with the package. A runtime may offer its own catalog as the ``ksi_courses``
service (tests serve the mini course that way; an operator could serve edited course folders).

Pure Python: no XBlock import, so the OLX writer and the tests can use it on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from course_content import ContentError, Course, Lesson, load_course, shipped_courses

SERVICE_NAME = "ksi_courses"


class LessonNotFound(LookupError):
    """The block points at a course or lesson that the catalog does not have.

    ``str(error)`` says what is missing and what to do; it is shown to participants and authors.
    """


@dataclass(frozen=True)
class LessonChoice:
    """One entry of the Studio lesson picker."""

    course_slug: str
    lesson_id: str
    label: str


class CourseCatalog:
    """The courses a lesson block may show, by slug.

    ``load`` returns the courses; it is called on every lookup and is expected to cache (the
    default, :func:`course_content.shipped_courses`, loads once per process).
    """

    def __init__(self, load: Callable[[], dict[str, Course]] = shipped_courses):
        self._load = load

    @classmethod
    def from_dirs(cls, folders: Iterable[str | Path]) -> CourseCatalog:
        """A catalog of the course folders given (loaded now; errors name file and line)."""
        courses = {course.slug: course for course in (load_course(folder) for folder in folders)}
        return cls(lambda: courses)

    def courses(self) -> dict[str, Course]:
        """The courses by slug. Raises :class:`LessonNotFound` when the content does not load."""
        try:
            return self._load()
        except ContentError as exc:
            raise LessonNotFound(
                f"The course content could not be loaded. Run 'ksi-courses validate' and fix:\n{exc}"
            ) from exc

    def course(self, slug: str) -> Course:
        """The course with ``slug``; the error names the courses that exist."""
        courses = self.courses()
        if not slug:
            raise LessonNotFound("No course is chosen for this lesson block. Choose a course and a lesson in Studio.")
        try:
            return courses[slug]
        except KeyError:
            known = ", ".join(courses) or "none"
            raise LessonNotFound(
                f"There is no course '{slug}' (available: {known}). Choose another course in Studio."
            ) from None

    def lesson(self, slug: str, lesson_id: str) -> tuple[Course, Lesson]:
        """The course and lesson a block points at."""
        course = self.course(slug)
        if not lesson_id:
            raise LessonNotFound(f"No lesson is chosen in course '{slug}'. Choose a lesson in Studio.")
        try:
            return course, course.lessons[lesson_id]
        except KeyError:
            raise LessonNotFound(
                f"Course '{slug}' has no lesson '{lesson_id}'. It may have been renamed or removed;"
                " choose another lesson in Studio."
            ) from None

    def lesson_choices(self) -> list[LessonChoice]:
        """Every lesson of every course, in teaching order, labelled for the Studio picker."""
        try:
            courses = self.courses()
        except LessonNotFound:
            return []
        return [
            LessonChoice(course.slug, lesson.id, f"{course.title} › {course.module_of(lesson.id).title} › {lesson.title}")
            for course in courses.values()
            for lesson in course.ordered_lessons()
        ]


#: The catalog used when the runtime offers no ``ksi_courses`` service.
DEFAULT_CATALOG = CourseCatalog()

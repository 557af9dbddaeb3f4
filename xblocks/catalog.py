"""Where lesson blocks find their content: the ``ksi_courses`` runtime service.

A block stores only a course slug and a lesson id; the catalog turns them into the loaded
:class:`~course_content.Course` and :class:`~course_content.Lesson`. By default it serves the
courses shipped with the package. A runtime may offer its own catalog as the ``ksi_courses``
service (tests serve the mini course that way; an operator could serve edited course folders).

Pure Python: no XBlock import, so the OLX writer and the tests can use it on their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from course_content import ContentError, Course, Lesson, course_dirs, get_course, load_course
from course_content.loader import COURSES_DIR

log = logging.getLogger(__name__)

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

    ``slugs`` lists the course slugs; ``load`` returns one course by slug and is expected to
    cache (the default, :func:`course_content.get_course`, loads each shipped course once per
    process). Courses load one at a time, so one broken course does not hide the others.
    """

    def __init__(
        self,
        slugs: Callable[[], list[str]] = lambda: [folder.name for folder in course_dirs(COURSES_DIR)],
        load: Callable[[str], Course] = get_course,
    ):
        self._slugs = slugs
        self._load = load

    @classmethod
    def from_dirs(cls, folders: Iterable[str | Path]) -> CourseCatalog:
        """A catalog of the course folders given (loaded now; errors name file and line)."""
        courses = {course.slug: course for course in (load_course(folder) for folder in folders)}
        return cls(lambda: list(courses), courses.__getitem__)

    def slugs(self) -> list[str]:
        """Slugs of every course in the catalog."""
        return list(self._slugs())

    def course(self, slug: str) -> Course:
        """The course with ``slug``; the error names the courses that exist, or the content problems."""
        if not slug:
            raise LessonNotFound("No course is chosen for this lesson block. Choose a course and a lesson in Studio.")
        slugs = self.slugs()
        if slug not in slugs:
            raise LessonNotFound(
                f"There is no course '{slug}' (available: {', '.join(slugs) or 'none'}). Choose another course in Studio."
            )
        try:
            return self._load(slug)
        except ContentError as exc:
            raise LessonNotFound(
                f"Course '{slug}' could not be loaded. Run 'ksi-courses validate' and fix:\n{exc}"
            ) from exc

    def courses(self) -> dict[str, Course]:
        """Every course that loads, by slug. A course that does not load is logged and left out."""
        courses = {}
        for slug in self.slugs():
            try:
                courses[slug] = self.course(slug)
            except LessonNotFound as exc:
                log.error("ksi_courses catalog: %s", exc)
        return courses

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
        """Every lesson of every course that loads, in teaching order, labelled for the Studio picker."""
        return [
            LessonChoice(course.slug, lesson.id, f"{course.title} › {course.module_of(lesson.id).title} › {lesson.title}")
            for course in self.courses().values()
            for lesson in course.ordered_lessons()
        ]


#: The catalog used when the runtime offers no ``ksi_courses`` service.
DEFAULT_CATALOG = CourseCatalog()

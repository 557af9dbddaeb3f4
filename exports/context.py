"""Course → template context for the booklet, the lesson handout and the vocabulary list.

Edition rules live here, not in templates: a participant document never receives teacher notes,
so no template can print them by mistake. Quiz answers are shown by the ``show_answers`` flag.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from course_content import Course, Lesson, Module
from course_content.base import LANGUAGES
from course_content.blocks import ImageBlock, TeacherNoteBlock, VocabularyEntry
from course_content.pictures import library
from course_content.plan_rows import plan_outline

from . import images
from .html import nb_sort_key
from .options import PdfOptions

logger = logging.getLogger(__name__)

EDITION_TITLES = {"participant": "Deltakerhefte", "teacher": "Lærerutgave"}


@dataclass(frozen=True)
class LessonView:
    """A lesson as printed: its number, module and the blocks this edition shows."""

    number: str
    module: Module
    lesson: Lesson
    blocks: list

    @property
    def anchor(self) -> str:
        return f"lesson-{self.lesson.id}"


@dataclass(frozen=True)
class ModuleView:
    number: int
    module: Module
    lessons: list[LessonView]

    @property
    def anchor(self) -> str:
        return f"module-{self.module.id}"


@dataclass(frozen=True)
class GlossaryEntry:
    entry: VocabularyEntry
    lesson: LessonView


def course_root(course: Course) -> Path | None:
    """The course folder on disk, if the course was loaded from one."""
    return Path(str(course.root)).resolve() if course.root is not None else None


def build_context(course: Course, options: PdfOptions) -> dict:
    """The template context for the document ``options`` select."""
    from .review_sheets import CONTEXT_BUILDERS  # it builds on common_context below

    builders = {"booklet": booklet_context, "handout": handout_context, "vocabulary": vocabulary_context}
    builders.update(CONTEXT_BUILDERS)
    return builders[options.document](course, options)


def common_context(course: Course, options: PdfOptions) -> dict:
    branding = options.branding
    return {
        "course": course,
        "options": options,
        "teacher": options.teacher,
        "show_answers": options.teacher,
        "edition_title": EDITION_TITLES[options.edition],
        "branding": branding,
        "logo_url": branding.logo_data_url(),
        "image_url": _image_resolver(course),
        "picture_url": picture_url,
        "picture_credits": lambda picture_ids: library().credits(picture_ids),
        "translation_language": None,
        # Heading level of block titles: below course (h1), module (h2) and lesson (h3).
        "block_level": 4,
    }


def booklet_context(course: Course, options: PdfOptions) -> dict:
    modules = module_views(course, options)
    return {
        **common_context(course, options),
        "title": f"{course.title} – {EDITION_TITLES[options.edition]}",
        "modules": modules,
        "glossary": glossary(modules),
        "plan_weeks": plan_weeks(course),
    }


def plan_weeks(course: Course) -> list:
    """The course plan as rows for the teacher edition (``[]`` without a plan)."""
    if course.plan is None:
        return []
    lesson_titles = {lesson.id: lesson.title for lesson in course.lessons.values()}
    return plan_outline(course.plan, lesson_titles, {module.id: module.title for module in course.modules})


def handout_context(course: Course, options: PdfOptions) -> dict:
    lesson_id = options.lesson_id
    lessons = [lesson for module in module_views(course, options) for lesson in module.lessons]
    view = next((lesson for lesson in lessons if lesson.lesson.id == lesson_id), None)
    if view is None:
        # Only lessons placed in a module print: the number and the running header come from it.
        known = ", ".join(lesson.lesson.id for lesson in lessons)
        raise KeyError(f"course '{course.slug}' has no lesson '{lesson_id}' in its modules; its lessons are: {known}")
    context = common_context(course, options)
    context.update(
        title=f"{view.lesson.title} – {course.title}",
        lesson=view,
        translation_language=options.language,
        block_level=2,  # the handout's lesson title is its h1
    )
    return context


def vocabulary_context(course: Course, options: PdfOptions) -> dict:
    code = options.language
    language = LANGUAGES[code]
    modules = [module for module in module_views(course, options) if any(lv.lesson.vocabulary for lv in module.lessons)]
    return {
        **common_context(course, options),
        "title": f"Ordliste norsk–{language['name_nb']} – {course.title}",
        "language_code": code,
        "language": language,
        "reviewed": course.is_reviewed(code),
        "modules": modules,
        "entry_count": sum(len(lv.lesson.vocabulary) for module in modules for lv in module.lessons),
        "picture_credit": library().credits(
            entry.picture for module in modules for lv in module.lessons for entry in lv.lesson.vocabulary
        ),
    }


def module_views(course: Course, options: PdfOptions) -> list[ModuleView]:
    views = []
    for m_index, module in enumerate(course.modules, start=1):
        lessons = [
            LessonView(f"{m_index}.{l_index}", module, lesson, _visible_blocks(lesson, options))
            for l_index, lesson in enumerate(course.lessons_in(module), start=1)
        ]
        views.append(ModuleView(m_index, module, lessons))
    return views


def glossary(modules: list[ModuleView]) -> list[GlossaryEntry]:
    """Every vocabulary entry once (first lesson wins), in Norwegian alphabetical order."""
    seen: dict[str, GlossaryEntry] = {}
    for module in modules:
        for lesson in module.lessons:
            for entry in lesson.lesson.vocabulary:
                seen.setdefault(entry.term.casefold(), GlossaryEntry(entry, lesson))
    return sorted(seen.values(), key=lambda item: nb_sort_key(item.entry.term))


def _visible_blocks(lesson: Lesson, options: PdfOptions) -> list:
    if options.teacher:
        return list(lesson.blocks)
    return [block for block in lesson.blocks if not isinstance(block, TeacherNoteBlock)]


def _image_resolver(course: Course):
    root = course_root(course)

    def image_url(block: ImageBlock) -> str | None:
        """The URL of the image, or None (the template then prints the alt text in a box)."""
        if block.picture:
            return picture_url(block.picture)
        path = (root / block.src) if root is not None else None
        if path is None or not path.is_file():
            logger.warning("course %s: image %s not found; printing its text alternative instead", course.slug, block.src)
            return None
        return images.image_url(path)

    return image_url


def picture_url(picture_id: str | None) -> str | None:
    """The URL of a library picture as the PDF embeds it, or None for no (or an unknown) id."""
    pictures = library()
    if pictures.get(picture_id) is None:
        if picture_id:
            logger.warning("picture %s is not in the picture library; printing without it", picture_id)
        return None
    return images.image_url(pictures.path(picture_id))

"""Turn a course's page tree back into the content model (round trip), with its image files.

Only live pages are exported: a lesson the municipality unpublished (or that was removed
upstream and unpublished by the importer) is not part of the course it teaches.

The tree is walked through the pages' own hooks (``get_modules``, ``get_lessons``), not through
the page classes: the pages serve their PDFs through this module, so it must not import theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from course_content.loader import common_documents, get_course
from course_content.logbook import without_logbook_weeks
from course_content.models import Course, Lesson, Module

from . import payloads
from .images import image_src_finder

if TYPE_CHECKING:
    from .models import CoursePage


def export_course(course_page: CoursePage, shipped: Course | None = None) -> tuple[Course, dict[str, bytes]]:
    """The course as the municipality has it now, and the bytes of every image it uses.

    Forms and templates are not pages; they come from ``shipped`` (default: the shipped course
    with the same slug, or the common set for a course that is not shipped).
    """
    src_for = _RecordingSrcFinder(course_page.ksi_id)
    data = payloads.course_page_payload(course_page)
    modules, lessons = [], {}
    for module_page in course_page.get_modules().specific():
        lesson_pages = list(module_page.get_lessons())
        if not lesson_pages:
            continue
        modules.append(
            Module(
                id=_content_id(module_page),
                title=module_page.title,
                goals=payloads.module_page_payload(module_page)["goals"],
                lessons=[_content_id(page) for page in lesson_pages],
            )
        )
        for page in lesson_pages:
            payload = payloads.lesson_page_payload(page, src_for)
            lessons[_content_id(page)] = Lesson(id=_content_id(page), **payload)
    shipped = shipped or _shipped(course_page.ksi_id)
    course = Course(
        slug=course_page.ksi_id or course_page.slug,
        title=data["title"],
        version=course_page.ksi_version or "0.0.0",
        summary=data["summary"],
        leads_to=data["leads_to"],
        description={
            **{name: data[name] for name in payloads.DESCRIPTION_FIELDS},
            "goals": data["goals"],
            "duration": {
                "weeks": data["duration_weeks"],
                "hours_per_week": data["hours_per_week"],
                "note": data["duration_note"],
            },
        },
        translations=course_page.translations,
        modules=modules,
        sources=data["sources"],
        # The practice logbook is not a page either: the shipped course has it. Without one, the
        # plan's practice sessions cannot name its weeks (the course would not load again).
        plan=data.get("plan") if shipped and shipped.logbook else without_logbook_weeks(data.get("plan")),
        logbook=shipped.logbook if shipped else None,
        # The vocabulary is on the pages; the shipped glossary only decides ties when it is written back.
        glossary=shipped.glossary if shipped else None,
        # Renames and retirements are release history, not page content: the shipped course has them.
        renamed=shipped.renamed if shipped else {},
        retired=shipped.retired if shipped else [],
        lessons=lessons,
        forms=shipped.forms if shipped else common_documents()[0],
        templates=shipped.templates if shipped else common_documents()[1],
    )
    return course, src_for.files


def _content_id(page) -> str:
    """Imported pages keep their content id; pages a municipality added use their slug."""
    return page.ksi_id or page.slug


def _shipped(slug: str) -> Course | None:
    try:
        return get_course(slug)
    except KeyError:
        return None


class _RecordingSrcFinder:
    """Maps images to paths and remembers each image's bytes for writing."""

    def __init__(self, course_slug: str):
        self._find = image_src_finder(course_slug)
        self.files: dict[str, bytes] = {}

    def __call__(self, image) -> str:
        src = self._find(image)
        if src not in self.files:
            with image.file.open("rb") as handle:
                self.files[src] = handle.read()
        return src

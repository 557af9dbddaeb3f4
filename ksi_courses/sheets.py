"""The printable sheets of a course page: repetition sheets, assessments and the practice logbook.

Which sheets a course has follows from what the page holds: its plan (one repetition sheet per
repetition session), its live modules (one assessment each, plus the course's) and the shipped
course's logbook. The PDFs are built by ``exports`` from the published course (see
:mod:`.pdfs`); participants get the sheet without answers, teachers also the answer version.
"""

from __future__ import annotations

from dataclasses import dataclass

from course_content.assessment import COURSE_ASSESSMENT, MODULE_PREFIX
from course_content.logbook import LOGBOOK_SHEET
from course_content.plan_rows import parse_plan
from course_content.repetition import REPETITION_PREFIX


@dataclass(frozen=True)
class SheetLink:
    id: str
    title: str


def repetition_ids(course_page) -> list[str]:
    plan = parse_plan(course_page.plan)
    if plan is None:
        return []
    count = sum(1 for _, _, session in plan.sessions() if session.kind == "repetition")
    return [f"{REPETITION_PREFIX}{n}" for n in range(1, count + 1)]


def assessment_links(course_page, modules) -> list[SheetLink]:
    """One assessment per module that has lessons, then the course's (``[]`` without modules).

    ``modules`` as from ``get_module_outline()``: ``[(module page, [lesson pages])]``.
    """
    # The module's id as the exported course has it (``content_export``): content id, else slug.
    links = [SheetLink(f"{MODULE_PREFIX}{module.ksi_id or module.slug}", module.title) for module, lessons in modules if lessons]
    return [*links, SheetLink(COURSE_ASSESSMENT, course_page.title)] if links else []


def shipped_logbook(course_page):
    """The practice logbook of the course page: content, not pages, so the shipped course's
    (looked up as the round trip does, see ``content_export``); ``None`` without one."""
    from .content_export import _shipped

    shipped = _shipped(course_page.ksi_id)
    return shipped.logbook if shipped is not None else None


def has_logbook(course_page) -> bool:
    return shipped_logbook(course_page) is not None


def sheet_exists(course_page, sheet: str) -> bool:
    """Whether ``sheet`` names a sheet of ``course_page`` (else the URL is a 404)."""
    if sheet == LOGBOOK_SHEET:
        return has_logbook(course_page)
    if sheet.startswith(REPETITION_PREFIX):
        return sheet in repetition_ids(course_page)
    return any(link.id == sheet for link in assessment_links(course_page, course_page.get_module_outline()))

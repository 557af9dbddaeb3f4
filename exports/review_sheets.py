"""Repetition sheets, assessments and the practice logbook as printed documents.

The content comes from the pure builders in ``course_content`` (:mod:`course_content.repetition`,
:mod:`course_content.assessment`, :mod:`course_content.logbook`); this module only makes the
template context. The teacher version shows quiz answers and explanations and the columns for
marking observed skills; the participant version shows neither. Select a sheet with
``PdfOptions(sheet=…)``: ``repetisjon-N``, ``modul-<module id>``, ``kurs`` or ``praksislogg``.
"""

from __future__ import annotations

from course_content import Course
from course_content.assessment import assessment
from course_content.logbook import TASK_KIND_NAMES
from course_content.pictures import library
from course_content.repetition import repetition_sheet

from .context import common_context
from .documents import DocumentKind, register_document_kind
from .options import PdfOptions

_SHEET_CSS = ("fonts", "base", "blocks", "sheets")
REPETITION = register_document_kind(DocumentKind("repetition", "exports/repetition.html", _SHEET_CSS))
ASSESSMENT = register_document_kind(DocumentKind("assessment", "exports/assessment.html", _SHEET_CSS))
LOGBOOK = register_document_kind(DocumentKind("logbook", "exports/logbook.html", _SHEET_CSS))

WEEKDAY_NAMES = {"mandag": "Mandag", "tirsdag": "Tirsdag", "onsdag": "Onsdag", "torsdag": "Torsdag",
                 "fredag": "Fredag", "lørdag": "Lørdag", "søndag": "Søndag"}  # fmt: skip


def _version(options: PdfOptions) -> str:
    return "Lærerversjon med svar" if options.teacher else "Deltakerversjon"


def repetition_context(course: Course, options: PdfOptions) -> dict:
    sheet = repetition_sheet(course, options.sheet)
    return {
        **common_context(course, options),
        "title": f"Repetisjon {sheet.number} – {course.title}",
        "sheet": sheet,
        "day_name": WEEKDAY_NAMES[sheet.day],
        "version": _version(options),
        "picture_credit": library().credits(word.picture for word in sheet.words),
    }


def assessment_context(course: Course, options: PdfOptions) -> dict:
    found = assessment(course, options.sheet)
    return {
        **common_context(course, options),
        "title": f"{found.title} – {course.title}",
        "assessment": found,
        "version": _version(options),
    }


def logbook_context(course: Course, options: PdfOptions) -> dict:
    if course.logbook is None:
        raise KeyError(f"course '{course.slug}' has no practice logbook: add logbook.yaml to its folder")
    return {
        **common_context(course, options),
        "title": f"{course.logbook.title} – {course.title}",
        "logbook": course.logbook,
        "task_kinds": TASK_KIND_NAMES,
    }


CONTEXT_BUILDERS = {"repetition": repetition_context, "assessment": assessment_context, "logbook": logbook_context}

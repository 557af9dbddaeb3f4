"""Serving course and lesson PDFs from their pages' stable URLs (see the routes on the pages)."""

from __future__ import annotations

from django.http import FileResponse
from django.template.response import TemplateResponse
from wagtail.models import Site

from .access import require_teacher_material
from .pdfs import Located, PdfRequest, locate, storage_for
from .tasks import schedule

#: Teacher material is for the teacher's eyes: no browser or proxy keeps a copy.
RESTRICTED_CACHE_CONTROL = "private, no-store"
PUBLIC_CACHE_CONTROL = "public, max-age=300"


def serve_pdf(request, course_page, *, filename: str, edition="participant", lesson_id=None, language=None, sheet=None):
    """The PDF if it is ready, else the previous PDF of the same document while the new one is
    built; with neither, a "being prepared" page (HTTP 202) that checks back."""
    if edition == "teacher" and (refusal := require_teacher_material(request)) is not None:
        return refusal
    site = Site.find_for_request(request)
    pdf = PdfRequest(course_page.pk, site.pk if site else None, edition, lesson_id, language, sheet)
    found = locate(course_page, pdf)
    if not found.current and schedule(found.name, pdf) and storage_for(pdf).exists(found.name):
        found = Located(found.name, found.name)  # the immediate backend has built it already
    handle = _open(pdf, found.ready)
    if handle is None and found.ready is not None:  # a worker replaced that previous PDF just now
        found = locate(course_page, pdf)
        handle = _open(pdf, found.ready)
    if handle is None:  # nothing yet: the page checks back, so no cache may keep it either
        context = {"page": course_page, "filename": filename}
        response = TemplateResponse(request, "ksi_courses/pdf_preparing.html", context, status=202)
        response["Cache-Control"] = RESTRICTED_CACHE_CONTROL if pdf.restricted else "no-cache"
        return response
    response = FileResponse(handle, content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if pdf.restricted:
        response["Cache-Control"] = RESTRICTED_CACHE_CONTROL
    else:  # a previous PDF is replaced as soon as the new one is built: no cache keeps it
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL if found.current else "no-cache"
    return response


def _open(pdf: PdfRequest, name: str | None):
    """The stored file ``name`` opened for reading, or ``None`` if there is none (any more)."""
    if name is None:
        return None
    try:
        return storage_for(pdf).open(name, "rb")
    except FileNotFoundError:
        return None

"""Serving course and lesson PDFs from their pages' stable URLs (see the routes on the pages)."""

from __future__ import annotations

from django.http import FileResponse
from django.template.response import TemplateResponse
from wagtail.models import Site

from .access import require_teacher_material

#: Teacher material is for the teacher's eyes: no browser or proxy keeps a copy.
RESTRICTED_CACHE_CONTROL = "private, no-store"
PUBLIC_CACHE_CONTROL = "public, max-age=300"


def serve_pdf(request, course_page, *, filename: str, edition="participant", lesson_id=None, language=None, sheet=None):
    """The PDF if it is ready; otherwise a "being prepared" page (HTTP 202) that checks back."""
    if edition == "teacher" and (refusal := require_teacher_material(request)) is not None:
        return refusal
    # pdfs imports the page models, which import this module
    from .pdfs import PdfRequest, find_or_schedule, storage_for

    site = Site.find_for_request(request)
    pdf = PdfRequest(course_page.pk, site.pk if site else None, edition, lesson_id, language, sheet)
    name = find_or_schedule(course_page, pdf)
    if name is None:  # not ready: the page checks back, so no cache may keep it either
        context = {"page": course_page, "filename": filename}
        response = TemplateResponse(request, "ksi_courses/pdf_preparing.html", context, status=202)
        response["Cache-Control"] = RESTRICTED_CACHE_CONTROL if pdf.restricted else "no-cache"
        return response
    response = FileResponse(storage_for(pdf).open(name, "rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = RESTRICTED_CACHE_CONTROL if pdf.restricted else PUBLIC_CACHE_CONTROL
    return response

"""Serving course and lesson PDFs from their pages' stable URLs (see the routes on the pages)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.template.response import TemplateResponse
from wagtail.models import Site

from .access import can_see_teacher_material


def serve_pdf(request, course_page, *, filename: str, edition="participant", lesson_id=None, language=None):
    """The PDF if it is ready; otherwise a "being prepared" page (HTTP 202) that checks back."""
    if edition == "teacher" and not can_see_teacher_material(request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    from .pdfs import PdfRequest, find_or_schedule  # pdfs imports the page models, which import this module

    site = Site.find_for_request(request)
    pdf = PdfRequest(course_page.pk, site.pk if site else None, edition, lesson_id, language)
    name = find_or_schedule(course_page, pdf)
    if name is None:
        context = {"page": course_page, "filename": filename}
        return TemplateResponse(request, "ksi_courses/pdf_preparing.html", context, status=202)
    response = FileResponse(default_storage.open(name, "rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300" if edition == "teacher" else "public, max-age=300"
    return response

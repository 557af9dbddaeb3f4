"""Forms and templates (skjema og maler) of a course page as files: PDF and DOCX downloads.

Values for templates come from the municipality's Branding setting and the course; a course run
(see ``ksi_courses.teaching``) adds its own (dates, place, teacher) through ``extra_values``.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.http import Http404, HttpResponse

from course_content.loader import get_course

from .branding import Branding
from .content_export import export_course
from .pdfs import print_branding

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def course_for(course_page):
    """The content course behind ``course_page``, with its forms and templates (they are not
    pages): the shipped course, or for a course imported from elsewhere the course as published
    with the common forms and templates."""
    try:
        return get_course(course_page.ksi_id)
    except KeyError:
        return export_course(course_page)[0]


def municipality_values(site) -> dict:
    """Template values from the site's Branding setting (empty ones are left out)."""
    if site is None:
        return {}
    branding = Branding.for_site(site)
    values = {
        "name": branding.municipality_name,
        "unit": branding.unit_name,
        "address": branding.address,
        "phone": branding.phone,
        "email": branding.email,
    }
    return {"municipality": {key: value for key, value in values.items() if value}}


def file_response(data: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def form_pdf(course_page, form_id: str, *, fillable: bool, site) -> HttpResponse:
    from exports.forms import form_file_name, render_form_pdf

    course = course_for(course_page)
    if form_id not in course.forms:
        raise Http404(f"no form '{form_id}'")
    data = render_form_pdf(course, form_id, fillable=fillable, branding=print_branding(site.pk if site else None))
    return file_response(data, form_file_name(form_id, fillable=fillable), "pdf")


def template_file(
    course_page, template_id: str, fmt: str, *, site, extra_values: Mapping[str, object] | None = None
) -> HttpResponse:
    """A course template filled with the municipality's and (optionally) a course run's values."""
    from exports.filled_templates import render_template

    course = course_for(course_page)
    if template_id not in course.templates or fmt not in CONTENT_TYPES:
        raise Http404(f"no template '{template_id}' as {fmt}")
    values = {**municipality_values(site), **(extra_values or {})}
    data = render_template(course, template_id, fmt, values, branding=print_branding(site.pk if site else None))
    response = file_response(data, f"{template_id}.{fmt}", fmt)
    response["Cache-Control"] = "private, no-store"  # teacher material, maybe with a run's details
    return response

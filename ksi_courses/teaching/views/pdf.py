"""PDF responses of the teaching pages (certificates, password sheets), branded for the site."""

from __future__ import annotations

from django.http import HttpResponse
from wagtail.models import Site

from ksi_courses.pdfs import print_branding


def request_branding(request):
    """The print face's branding from the Branding setting of the request's site."""
    site = Site.find_for_request(request)
    return print_branding(site.pk if site else None)


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A PDF download that browsers and proxies do not keep (it holds personal data)."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

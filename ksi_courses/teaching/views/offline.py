"""The web app manifest, the service worker and the list of pages a "save" stores (all public)."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Site

from ksi_courses.branding import Branding

from ..flashcards import visible_page
from ..offline import CACHE_NAME, pages_to_save


@require_GET
def manifest(request):
    """The web app manifest: lets a participant add the courses to the phone's home screen."""
    branding = Branding.for_request(request)
    site = Site.find_for_request(request)
    name = branding.municipality_name or (site.site_name if site else "")
    data = {
        "name": f"{name} – kurs" if name else "Kurs",
        "short_name": "Kurs",
        "lang": "nb",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": branding.primary_colour,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def service_worker(request):
    """The service worker, from a URL under ``/ksi/`` but allowed to serve the whole site (the
    course pages live wherever the municipality put them); never cached, so updates arrive."""
    response = render(request, "ksi_teaching/service-worker.js", {"cache_name": CACHE_NAME}, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def pages(request, page_id: int):
    """The pages a save of the lesson or course ``page_id`` stores, as JSON."""
    return JsonResponse({"pages": pages_to_save(request, visible_page(request, page_id))})

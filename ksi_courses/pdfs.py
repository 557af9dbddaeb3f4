"""PDFs of courses and lessons on the web: built as background tasks, kept in Django storage.

A PDF's storage key combines the course's *published state* (one aggregate query over its live
pages, so an edit makes a new PDF and an unchanged course is served from storage), the print
options (edition, lesson, language, branding) and the renderer's own fingerprint. Building goes
through the exact round trip the export command uses: pages → content files → content model →
``exports``, so what is printed is what the municipality published.

Participant PDFs are kept in the default storage; the teacher edition (teacher notes, quiz
answers) in the restricted storage (``restricted_files``), which the web server never serves.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db.models import Count, Max, Sum
from wagtail.models import Page, Site

from course_content.loader import load_course
from course_content.writer import write_course

from .branding import Branding
from .content_export import export_course
from .models import CoursePage
from .restricted_files import restricted_storage

STORAGE_DIR = "ksi_courses/pdf"
PENDING_SECONDS = 15 * 60


@dataclass(frozen=True)
class PdfRequest:
    """What to print: a course page, and the print options as plain, JSON-safe values."""

    course_page_id: int
    site_id: int | None
    edition: str = "participant"
    lesson_id: str | None = None
    language: str | None = None
    sheet: str | None = None  # a repetition sheet, an assessment or the logbook (see .sheets)

    def as_task_args(self) -> dict:
        return self.__dict__.copy()

    @property
    def restricted(self) -> bool:
        """Whether the PDF holds teacher material (only the permission-checked view may read it)."""
        return self.edition == "teacher"


def storage_for(request: PdfRequest) -> Storage:
    """Where the PDF ``request`` asks for is kept."""
    return restricted_storage() if request.restricted else default_storage


def published_state(course_page: CoursePage) -> str:
    """A digest that changes whenever a page of the course is published, unpublished, added or removed."""
    state = (
        Page.objects.live()
        .descendant_of(course_page, inclusive=True)
        .aggregate(pages=Count("id"), ids=Sum("id"), latest=Max("last_published_at"))
    )
    return hashlib.sha256(json.dumps(state, default=str, sort_keys=True).encode()).hexdigest()


def print_options(request: PdfRequest):
    from exports.pdf import PdfOptions

    return PdfOptions(
        edition=request.edition,
        lesson_id=request.lesson_id,
        language=request.language,
        branding=print_branding(request.site_id),
        sheet=request.sheet,
    )


def print_branding(site_id: int | None):
    """The site's municipality profile (``Branding`` setting) as the print face's branding."""
    from exports.pdf import Branding as PrintBranding

    site = Site.objects.filter(pk=site_id).first() if site_id else None
    if site is None:
        return PrintBranding()
    setting = Branding.for_site(site)
    logo = None
    if image := setting.logo_for_print:
        with image.file.open("rb") as handle:
            logo = handle.read()
    return PrintBranding(
        municipality=setting.municipality_name,
        logo=logo,
        primary_colour=setting.primary_colour or "#2b2b2b",
        contact=setting.contact_line,
        privacy_contact=setting.data_protection_officer,
    )


def storage_name(course_page: CoursePage, request: PdfRequest) -> str:
    from exports.cache import cache_key

    options = print_options(request)
    return (
        f"{STORAGE_DIR}/{cache_key(course_page.ksi_id or course_page.slug, published_state(course_page), options)}.pdf"
    )


def building_key(name: str) -> str:
    """The cache key of the "being built" marker of the PDF stored under ``name``."""
    return f"ksi-pdf-pending:{name}"


def mark_building(name: str) -> bool:
    """Mark the PDF ``name`` as being built; ``False`` if a process (this one or another) already has.

    The marker lives in Django's cache, so several app servers share it only through a shared cache
    (``recommended_settings.redis_cache``). It expires after ``PENDING_SECONDS`` in case a worker
    dies mid-build; then the next request schedules the build again.
    """
    return cache.add(building_key(name), True, PENDING_SECONDS)


def find_or_schedule(course_page: CoursePage, request: PdfRequest) -> str | None:
    """The storage name of the finished PDF, or ``None`` after making sure a build is scheduled."""
    name = storage_name(course_page, request)
    storage = storage_for(request)
    if storage.exists(name):
        return name
    if mark_building(name):
        from .tasks import build_pdf

        build_pdf.enqueue(name, request.as_task_args())
    return name if storage.exists(name) else None  # the immediate backend has built it already


def build(name: str, request: PdfRequest) -> str:
    """Render the PDF and save it under ``name`` (the body of the ``build_pdf`` task)."""
    from exports.pdf import render_pdf

    try:
        storage = storage_for(request)
        if storage.exists(name):
            return name
        course_page = CoursePage.objects.get(pk=request.course_page_id)
        course, media = export_course(course_page)
        with tempfile.TemporaryDirectory() as folder:
            printable = load_course(write_course(course, folder, media))
            data = render_pdf(printable, print_options(request), cache=None)
        saved = storage.save(name, ContentFile(data))
        if saved != name:  # another worker finished first; keep theirs
            storage.delete(saved)
        return name
    finally:
        cache.delete(building_key(name))

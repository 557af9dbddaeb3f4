"""PDFs of courses and lessons on the web: built as background tasks, kept in Django storage.

A PDF's storage key combines the course's *published state* (one aggregate query over its live
pages, so an edit makes a new PDF and an unchanged course is served from storage), the print
options (edition, lesson, language, branding) and the renderer's own fingerprint. Building goes
pages → content model (in memory, :func:`~.content_export.export_course`) → ``exports``, so what
is printed is what the municipality published.

Each document (course, options, site) has a folder of its own, its *slot*; the PDFs of earlier
states stay there until a newer one is built, so while a build runs visitors get the previous
PDF (:func:`locate`) instead of waiting. Builds are scheduled when pages are published or a course
is imported (``pdf_builds``), and by a request that finds no PDF at all (``tasks.schedule``).

Participant PDFs are kept in the default storage; the teacher edition (teacher notes, quiz
answers) in the restricted storage (``restricted_files``), which the web server never serves.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db.models import Count, Max, Sum
from wagtail.models import Page, Site

from exports.render_process import render_pdf_in_child

from .branding import Branding
from .content_export import export_course
from .restricted_files import restricted_storage

if TYPE_CHECKING:
    from .models import CoursePage

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


def print_options(request: PdfRequest, branding=None):
    """The print face's options for ``request`` (``branding``: the site's, if the caller has it)."""
    from exports.pdf import PdfOptions

    return PdfOptions(
        edition=request.edition,
        lesson_id=request.lesson_id,
        language=request.language,
        branding=branding or print_branding(request.site_id),
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


def storage_name(course_page: CoursePage, request: PdfRequest, *, state: str | None = None, options=None) -> str:
    """Where the PDF of the course's current published state is (or will be) kept; ``state``
    (:func:`published_state`) and ``options`` (:func:`print_options`) if the caller has them."""
    from exports.cache import cache_key

    options = options or print_options(request)
    key = cache_key(course_page.ksi_id or course_page.slug, state or published_state(course_page), options)
    return f"{slot(course_page, request, options)}/{key}.pdf"


def slot(course_page: CoursePage, request: PdfRequest, options=None) -> str:
    """The folder of the document ``request`` asks for, whatever the course's state or branding:
    the PDFs of its successive states are kept there, so an earlier one can be served."""
    options = options or print_options(request)
    fields = {name: value for name, value in options.cache_fields().items() if name != "branding"}
    recipe = json.dumps({"site": request.site_id, **fields}, sort_keys=True)
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:24]
    return f"{STORAGE_DIR}/{course_page.ksi_id or course_page.slug}-{options.document}-{digest}"


@dataclass(frozen=True)
class Located:
    """What storage holds for a request: ``name`` is the PDF of the current state (maybe not
    built yet); ``ready`` the one to serve now (``name`` when built, else the newest earlier PDF
    of the same document, else ``None``)."""

    name: str
    ready: str | None

    @property
    def current(self) -> bool:
        return self.ready == self.name


def locate(course_page: CoursePage, request: PdfRequest) -> Located:
    """The current PDF of ``request`` if it is built, else the newest one built before it."""
    name = storage_name(course_page, request)
    storage = storage_for(request)
    if storage.exists(name):
        return Located(name, name)
    return Located(name, newest_in_slot(storage, name.rsplit("/", 1)[0]))


def newest_in_slot(storage: Storage, folder: str) -> str | None:
    """The most recently saved PDF in ``folder``, or ``None`` if it has none."""
    try:
        files = [f"{folder}/{file}" for file in storage.listdir(folder)[1] if file.endswith(".pdf")]
    except FileNotFoundError:
        return None
    return max(files, key=storage.get_modified_time, default=None)


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


def build(name: str, request: PdfRequest) -> str:
    """Render the PDF and save it under ``name`` (the body of the ``build_pdf`` task); then drop
    the earlier PDFs of the same document, except the one of the course's current state."""
    try:
        storage = storage_for(request)
        if storage.exists(name):
            return name
        course_page = Page.objects.get(pk=request.course_page_id).specific
        course, media = export_course(course_page)
        with printable_media(course, media) as printable:
            data = render(printable, print_options(request))
        saved = storage.save(name, ContentFile(data))
        if saved != name:  # another worker finished first; keep theirs
            storage.delete(saved)
        prune_slot(storage, name, keep={name, storage_name(course_page, request)})
        return name
    finally:
        cache.delete(building_key(name))


def render(course, options) -> bytes:
    """The PDF bytes. A whole course (participant booklet, teacher edition: 160–230 pages) takes
    the rendering process to a peak of about 580 MB, which a long-running worker would keep: it
    is rendered in a child process that gives the memory back when it exits
    (:mod:`exports.render_process`). Smaller documents (a lesson, a word list, a sheet) render
    here: for them a child's start would cost more than their render."""
    from exports.pdf import render_pdf

    if options.document == "booklet":
        return render_pdf_in_child(course, options)
    return render_pdf(course, options, cache=None)


def prune_slot(storage: Storage, name: str, *, keep: set[str]) -> None:
    """Delete the PDFs of earlier states beside ``name`` (a visitor still downloading one keeps
    its open file on local storage; object storage serves it to the end)."""
    folder = name.rsplit("/", 1)[0]
    for file in storage.listdir(folder)[1]:
        if f"{folder}/{file}" not in keep and file.endswith(".pdf"):
            storage.delete(f"{folder}/{file}")


@contextmanager
def printable_media(course, media: dict[str, bytes]):
    """``course`` ready to print, without writing it to files: with a content hash (the cover's
    version label), and when it has uploaded images, a folder holding just those image files as
    its root (the print face reads images from files; library pictures need none)."""
    digest = course.content_hash or hashlib.sha256(course.model_dump_json().encode()).hexdigest()
    printable = course.model_copy(update={"content_hash": digest})
    if not media:
        yield printable
        return
    with tempfile.TemporaryDirectory(prefix="ksi-pdf-media-") as folder:
        for src, data in media.items():
            path = Path(folder, src).resolve()
            if not path.is_relative_to(Path(folder).resolve()):  # printed as its alt text instead
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        printable._root = Path(folder)
        yield printable

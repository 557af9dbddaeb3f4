"""Building a course's PDFs ahead of its visitors.

When a page of a course is published or unpublished (the importer publishes every page it writes),
the course's main documents are queued as background tasks once the transaction commits: the
participant booklet, the teacher edition and the handout of each lesson. Other documents (word
lists, handouts in a language, sheets) are queued by the first request for them. Until a new PDF
is built, visitors get the previous one (``pdfs.locate``).
"""

from __future__ import annotations

from functools import partial

from django.core.cache import cache
from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from .models import CoursePage, LessonPage
from .pdfs import PENDING_SECONDS, PdfRequest, print_branding, print_options, published_state, storage_for, storage_name
from .tasks import builds_in_background, schedule


def course_documents(course_page: CoursePage, site_id: int | None) -> list[PdfRequest]:
    """The documents built ahead of visitors for ``course_page`` on the site ``site_id``."""
    lessons = LessonPage.objects.live().descendant_of(course_page).order_by("path").only("ksi_id", "slug")
    return [
        PdfRequest(course_page.pk, site_id),
        PdfRequest(course_page.pk, site_id, "teacher"),
        *(PdfRequest(course_page.pk, site_id, lesson_id=lesson.ksi_id or lesson.slug) for lesson in lessons),
    ]


def schedule_course(course_page: CoursePage) -> list[str]:
    """Queue the builds of ``course_page``'s documents for its current published state; the
    storage names queued (none when this state was queued before, or they are built already)."""
    site = course_page.get_site()
    site_id = site.pk if site else None
    state = published_state(course_page)
    if not cache.add(f"ksi-pdf-course:{course_page.pk}:{site_id}:{state}", True, PENDING_SECONDS):
        return []  # the importer publishes many pages in one transaction: one round is enough
    branding = print_branding(site_id)
    queued = []
    for request in course_documents(course_page, site_id):
        options = print_options(request, branding=branding)
        name = storage_name(course_page, request, state=state, options=options)
        if not storage_for(request).exists(name) and schedule(name, request):
            queued.append(name)
    return queued


def page_changed(sender, instance, **kwargs) -> None:
    """Receiver of ``page_published`` and ``page_unpublished``: queue the course's builds after commit."""
    if not builds_in_background():
        return
    course_page = CoursePage.objects.ancestor_of(instance, inclusive=True).first()
    if course_page is not None:
        transaction.on_commit(partial(_schedule_course_by_id, course_page.pk))


def _schedule_course_by_id(course_page_id: int) -> None:
    course_page = CoursePage.objects.filter(pk=course_page_id).first()
    if course_page is not None:
        schedule_course(course_page)


def connect() -> None:
    """Listen to Wagtail's publishing signals (called from the app's ``ready``)."""
    page_published.connect(page_changed, dispatch_uid="ksi_courses.pdf_builds.published")
    page_unpublished.connect(page_changed, dispatch_uid="ksi_courses.pdf_builds.unpublished")

"""Background tasks (django-tasks): the immediate backend runs them in the request by default;
with the database backend and `manage.py db_worker` they run in workers."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .pdfs import PdfRequest, build, mark_building


@task()
def build_pdf(name: str, request: dict) -> str:
    """Render a course or lesson PDF into Django storage under ``name``."""
    return build(name, PdfRequest(**request))


def schedule(name: str, request: PdfRequest) -> bool:
    """Queue the build of the PDF ``name`` unless one is already queued or running; ``True`` if queued."""
    if not mark_building(name):
        return False
    build_pdf.enqueue(name, request.as_task_args())
    return True


def builds_in_background() -> bool:
    """Whether PDFs are built ahead of visitors when pages are published (``KSI_PDF_PREBUILD``).

    By default only when a worker builds them (a task backend other than the immediate one):
    with the immediate backend, building on publish would keep the editor waiting instead.
    """
    configured = getattr(settings, "KSI_PDF_PREBUILD", None)
    if configured is not None:
        return bool(configured)
    return not isinstance(build_pdf.get_backend(), ImmediateBackend)

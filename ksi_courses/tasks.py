"""Background tasks (django-tasks): the immediate backend runs them in the request by default;
with the database backend and `manage.py db_worker` they run in workers."""

from django_tasks import task

from .pdfs import PdfRequest, build


@task()
def build_pdf(name: str, request: dict) -> str:
    """Render a course or lesson PDF into Django storage under ``name``."""
    return build(name, PdfRequest(**request))

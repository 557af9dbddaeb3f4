"""The health-check endpoint of a ksi-courses site (django-health-check, in the ``production`` extra).

    from ksi_courses.health import health_check_view
    urlpatterns = [path("health/", health_check_view), ...]   # before Wagtail's catch-all

It answers 200 when every check passes and 500 naming the failing check otherwise (``?format=json``
or ``Accept: application/json`` for JSON): the database answers, the cache stores and returns a
value, the default and the restricted storage save, read and delete a file, and no PDF build has
waited too long in django-tasks' database queue (no ``db_worker`` running, or all of them stuck).
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.checks import Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from .restricted_files import STORAGE_ALIAS, restricted_storage

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """No task has waited longer than ``max_wait`` for a worker in django-tasks' database queue.

    A PDF build is scheduled when someone first asks for the PDF and takes seconds to a minute; a
    task still waiting after ``max_wait`` means no ``db_worker`` takes tasks. With another backend
    (the immediate one runs tasks in the request) nothing can wait, and the check passes.
    """

    backend: str = "default"
    max_wait: datetime.timedelta = dataclasses.field(default=datetime.timedelta(minutes=10))

    def run(self) -> None:
        if settings.TASKS.get(self.backend, {}).get("BACKEND") != DATABASE_BACKEND:
            return
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready().filter(
            backend_name=self.backend, enqueued_at__lt=timezone.now() - self.max_wait
        )
        if count := waiting.count():
            minutes = self.max_wait.total_seconds() / 60
            raise ServiceUnavailable(
                f"{count} task(s) have waited more than {minutes:g} minutes for a worker: is `manage.py db_worker` running?"
            )


@dataclasses.dataclass
class RestrictedStorage(Storage):
    """The storage of teacher editions (``restricted_files``) saves, reads and deletes a file."""

    alias: str = STORAGE_ALIAS

    @property
    def storage(self):
        return restricted_storage()


#: The checks of ``health_check_view``, to extend in a project's own ``HealthCheckView``.
KSI_HEALTH_CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
    RestrictedStorage,
    TaskQueue,
)

health_check_view = HealthCheckView.as_view(checks=KSI_HEALTH_CHECKS)

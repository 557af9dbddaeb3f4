"""The health-check endpoint (``ksi_courses.health``): every check passes on a working site, and a
cache that cannot be reached or a task queue no worker takes from makes it answer 500 naming the check."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from health_check.exceptions import ServiceUnavailable

from ksi_courses.health import TaskQueue
from ksi_courses.recommended_settings import KSI_DATABASE_TASKS, redis_cache
from ksi_courses.tasks import build_pdf
from tests.production.redis_server import REDIS_URL, delete_keys, new_prefix

pytestmark = pytest.mark.urls("tests.production.urls")

CHECKS = ("Database", "Cache", "Storage", "RestrictedStorage", "TaskQueue")


def health(client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    results = {name.split("(")[0]: status for name, status in response.json().items()}
    return response.status_code, results


def enqueue_build(minutes_ago: float) -> None:
    build_pdf.enqueue("ksi_courses/pdf/ventende.pdf", {"course_page_id": 1, "site_id": None})
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=minutes_ago))


@pytest.mark.django_db
def test_every_check_passes_on_a_working_site_with_the_redis_cache(client):
    prefix = new_prefix()
    try:
        with override_settings(CACHES=redis_cache(REDIS_URL, key_prefix=prefix), TASKS=KSI_DATABASE_TASKS):
            status, results = health(client)
    finally:
        delete_keys(prefix)
    assert status == 200, results
    assert results == dict.fromkeys(CHECKS, "OK")


@pytest.mark.django_db
def test_a_cache_that_cannot_be_reached_fails_the_cache_check(client):
    # Nothing listens on port 9 (discard) of this machine: a Redis that is down.
    with override_settings(CACHES=redis_cache("redis://127.0.0.1:9/0")):
        status, results = health(client)
    assert status == 500
    assert results["Cache"] != "OK" and "Connection" in results["Cache"]
    assert results["Database"] == results["Storage"] == "OK"


# The checks run in other threads, with their own database connections: the task must be committed.
@pytest.mark.django_db(transaction=True)
def test_a_task_nobody_takes_for_ten_minutes_fails_the_queue_check(client):
    with override_settings(TASKS=KSI_DATABASE_TASKS):
        enqueue_build(minutes_ago=11)
        status, results = health(client)
    assert status == 500
    assert "1 task(s) have waited more than 10 minutes" in results["TaskQueue"]
    assert "db_worker" in results["TaskQueue"]


@pytest.mark.django_db
def test_a_task_that_just_arrived_or_has_finished_does_not_fail_it():
    check = TaskQueue(max_wait=datetime.timedelta(minutes=10))
    with override_settings(TASKS=KSI_DATABASE_TASKS):
        enqueue_build(minutes_ago=2)
        check.run()  # waiting two minutes is normal while workers are busy
        DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=2), status="SUCCESSFUL")
        check.run()  # done long ago: not waiting
        DBTaskResult.objects.update(status="READY")
        with pytest.raises(ServiceUnavailable, match="waited more than 10 minutes"):
            check.run()


def test_with_the_immediate_backend_nothing_can_wait():
    # The test settings run tasks in the request (django-tasks' immediate backend): no queue to check.
    TaskQueue().run()

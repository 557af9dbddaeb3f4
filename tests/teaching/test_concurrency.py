"""Many simultaneous saves for one participant and lesson leave exactly one consistent row.

Each thread has its own database connection and its own transaction, as concurrent requests
do. On PostgreSQL 50 threads start together; SQLite serialises writers with a database lock
that its in-memory test database reports as an error instead of waiting, so there the threads
take turns (the test still checks that one row results and that no change is lost).
"""

import threading

import pytest
from django.db import close_old_connections, connection

from ksi_courses.teaching import progress
from ksi_courses.teaching.models import LessonProgress

THREADS = 50


def with_checklists(lesson, count: int):
    """Give the lesson ``count`` checklists ``c0``… with one item each, and publish it."""
    body = list(lesson.body.raw_data)
    for i in range(count):
        body.append({"type": "checklist", "value": {"id": f"c{i}", "title": f"Liste {i}", "items": [{"id": f"i{i}", "text": f"Punkt {i}"}]}})
    lesson.body = body
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_saves_leave_one_row_and_lose_nothing(course, lesson, users):
    lesson = with_checklists(lesson, THREADS)
    amina = users["participant_a"]
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(THREADS if parallel else 1)
    turn = threading.Lock()
    errors = []

    def submit(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            if parallel:
                progress.save_checklist(amina, lesson, f"c{i}", [f"i{i}"])
                progress.set_completed(amina, lesson)
            else:
                with turn:
                    progress.save_checklist(amina, lesson, f"c{i}", [f"i{i}"])
                    progress.set_completed(amina, lesson)
        except Exception as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors[:3]
    rows = list(LessonProgress.objects.filter(participant=amina, lesson=lesson))
    assert len(rows) == 1
    row = rows[0]
    assert row.completed_at is not None
    assert row.checklist == {f"c{i}": [f"i{i}"] for i in range(THREADS)}  # not one save lost

"""A full class on the embedded default: SQLite options, no reference indexing, 503 instead of 500."""

import importlib
import sys

import pytest
from django.apps import apps
from django.db import OperationalError
from wagtail.models import ReferenceIndex

from ksi_courses.recommended_settings import sqlite_options
from ksi_courses.teaching import models, progress
from ksi_courses.teaching.busy import RETRY_AFTER_SECONDS
from ksi_courses.teaching.models import LessonProgress, QuizAttempt

CHECKLIST_URL = "/ksi/leksjon/{}/sjekkliste/for-jobb/"


def test_the_recommended_sqlite_options_queue_writers_and_use_wal():
    options = sqlite_options()
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] == 20
    assert "PRAGMA journal_mode=WAL" in options["init_command"]


def test_the_demo_uses_them_on_sqlite(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "tests-only-" + "x" * 50)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delitem(sys.modules, "demo.demo_site.settings", raising=False)
    demo = importlib.import_module("demo.demo_site.settings")
    assert demo.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert demo.DATABASES["default"]["OPTIONS"] == sqlite_options()


def test_teaching_models_are_not_in_wagtails_reference_index():
    teaching = list(apps.get_app_config("ksi_teaching").get_models())
    assert models.LessonProgress in teaching and models.SubmittedParticipantForm in teaching
    assert [model.__name__ for model in teaching if ReferenceIndex.model_is_indexable(model)] == []


@pytest.mark.django_db
def test_saving_progress_writes_nothing_to_the_reference_index(lesson, users):
    before = ReferenceIndex.objects.count()
    progress.save_checklist(users["participant_a"], lesson, "for-jobb", ["sapa"])
    progress.set_completed(users["participant_a"], lesson)
    progress.submit_quiz(users["participant_a"], lesson, "quiz", {"q1": [0]})
    assert ReferenceIndex.objects.count() == before


def locked(*args, **kwargs):
    raise OperationalError("database is locked")


@pytest.mark.django_db
def test_a_locked_database_is_a_503_with_a_retry_message(client, lesson, users, monkeypatch):
    client.force_login(users["participant_a"])
    monkeypatch.setattr(progress, "_update", locked)
    response = client.post(CHECKLIST_URL.format(lesson.pk), {"item": ["sapa"]})
    assert response.status_code == 503 and response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    html = response.content.decode()
    assert "Mange lagrer akkurat nå. Vent noen sekunder og prøv igjen." in html and "Ingenting ble lagret." in html
    response = client.post(CHECKLIST_URL.format(lesson.pk), {"item": ["sapa"]}, headers={"Accept": "application/json"})
    assert response.status_code == 503 and response.json() == {
        "ok": False,
        "error": "Mange lagrer akkurat nå. Vent noen sekunder og prøv igjen.",
    }
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_a_locked_database_on_a_teacher_page_is_a_503_too(client, run, users, monkeypatch):
    from ksi_courses.teaching import enrolment

    client.force_login(users["teacher"])
    monkeypatch.setattr(enrolment, "add_participants", locked)
    response = client.post(f"/ksi/kurs/{run.pk}/deltakere/liste/", {"names": "Liv Berg"})
    assert response.status_code == 503 and response["Retry-After"] == str(RETRY_AFTER_SECONDS)


@pytest.mark.django_db
def test_other_database_errors_are_not_hidden(client, lesson, users, monkeypatch):
    client.force_login(users["participant_a"])

    def broken(*args, **kwargs):
        raise OperationalError("no such table: ksi_teaching_lessonprogress")

    monkeypatch.setattr(progress, "_update", broken)
    with pytest.raises(OperationalError, match="no such table"):
        client.post(CHECKLIST_URL.format(lesson.pk), {"item": ["sapa"]})
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_a_locked_database_during_the_first_login_check_is_a_503(client, lesson, users, monkeypatch):
    """The first-login middleware reads before any view's busy handling: a locked database there
    is a 503 with a retry message too, not a server error."""
    from ksi_courses.teaching import one_time_passwords

    client.force_login(users["participant_a"])
    monkeypatch.setattr(one_time_passwords, "issued_at", locked)
    response = client.get(lesson.url)
    assert response.status_code == 503 and response["Retry-After"] == str(RETRY_AFTER_SECONDS)

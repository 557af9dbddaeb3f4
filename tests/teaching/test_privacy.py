"""``manage.py ksi_participant_data export|erase USER``."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from ksi_courses.form_pages import CourseFormPage, CourseFormSubmission
from ksi_courses.teaching import progress
from ksi_courses.teaching.attendance import add_session, record_attendance
from ksi_courses.teaching.models import Certificate, LessonProgress, QuizAttempt, TemporaryPassword
from ksi_courses.teaching.privacy import is_erased
from ksi_courses.teaching.reports import write_report_csv
from tests.wagtail.form_posts import filled_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(run, lesson, other_lesson, users):
    """Amina has done a bit of everything."""
    amina = users["participant_a"]
    enrolment = run.enrolments.get(participant=amina)
    progress.set_completed(amina, lesson)
    progress.save_checklist(amina, lesson, "for-jobb", ["sapa"])
    progress.submit_quiz(amina, lesson, "quiz", {"q1": [0], "q3": [1]})
    record_attendance(add_session(run, date(2026, 1, 5), Decimal(3)), [enrolment.pk])
    TemporaryPassword.objects.create(user=amina)
    return Certificate.objects.create(enrolment=enrolment, hours=Decimal(3))


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("ksi_participant_data", *args, stdout=out)
    return out.getvalue()


def test_export_holds_everything_stored_about_the_person(history, run):
    data = json.loads(run_command("export", "amina"))
    assert data["account"] | {"date_joined": None} == {
        "username": "amina", "first_name": "Amina", "last_name": "Hassan", "email": "", "date_joined": None,
        "last_login": None, "is_active": True, "groups": ["Deltaker"], "must_change_password": True,
    }
    assert data["enrolments"] == [{
        "run": run.title, "course": "Minikurs for testing", "start_date": "2026-01-05", "end_date": "2026-03-27",
        "place": "Læringssenteret", "enrolled_at": data["enrolments"][0]["enrolled_at"],
    }]
    [lesson_progress] = data["lesson_progress"]
    assert (lesson_progress["lesson_id"], lesson_progress["checklists"]) == ("handvask", {"for-jobb": ["sapa"]})
    assert lesson_progress["completed_at"]
    [attempt] = data["quiz_attempts"]
    assert (attempt["quiz_id"], attempt["answers"], attempt["correct"], attempt["total"]) == ("quiz", {"q1": [0], "q3": [1]}, 2, 3)
    assert data["attendance"] == [{"run": run.title, "date": "2026-01-05", "hours": "3.0", "present": True}]
    assert [c["code"] for c in data["certificates"]] == [history.code]
    assert data["teaches"] == []


def test_export_of_a_teacher_lists_their_runs(run):
    assert json.loads(run_command("export", "tone"))["teaches"] == [run.title]


def test_erase_removes_personal_data_and_keeps_the_counts(history, run, client):
    before = io.StringIO()
    write_report_csv(run, before)
    output = run_command("erase", "amina", "--no-input")
    assert "Kept anonymously for the statistics: 1 enrolments, 1 lesson progress, 1 quiz attempts, 1 attendance, 1 certificates." in output
    User = get_user_model()
    assert not User.objects.filter(username="amina").exists()
    erased = User.objects.get(pk=history.enrolment.participant_id)
    assert is_erased(erased)
    assert (erased.first_name, erased.last_name, erased.email, erased.has_usable_password()) == ("", "", "", False)
    assert not erased.groups.exists() and not TemporaryPassword.objects.exists()
    assert (LessonProgress.objects.count(), QuizAttempt.objects.count(), run.enrolments.count()) == (1, 1, 2)
    assert client.get(f"/ksi/bevis/{history.code}/").status_code == 404  # the old code shows nothing any more
    after = io.StringIO()
    write_report_csv(run, after)

    def totals(text):
        rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
        return len(rows), sorted((r["oppmøte_timer"], r["leksjoner_fullført"], r["quiz_riktige"], r["fullført"]) for r in rows)

    assert totals(after.getvalue()) == totals(before.getvalue())
    assert "Amina" not in after.getvalue() and "amina" not in after.getvalue()
    # django-axes wants the request that Client.login() does not pass on by itself.
    assert not client.login(request=RequestFactory().post("/ksi/logg-inn/"), username="amina", password="pw-amina")


def test_erase_asks_first_unless_told_not_to(history, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError, match="nothing erased"):
        run_command("erase", "amina")
    assert get_user_model().objects.filter(username="amina", first_name="Amina").exists()


def test_an_unknown_user_is_an_error_that_says_what_to_do(db):
    with pytest.raises(CommandError, match="no user 'nobody': check the spelling"):
        run_command("export", "nobody")


def test_form_submissions_sent_while_logged_in_are_exported_and_erased(client, users, course):
    # A participant's own web form (the registration form is a teacher's paper form: no web submissions).
    evaluation = CourseFormPage.objects.get(form_kind="course_evaluation")
    client.force_login(users["participant_a"])
    amina = filled_form(evaluation, kurs="Amina Hassan", nyttig="900 00 000", annet="amina@example.no")
    assert client.post(evaluation.url, amina).status_code == 200
    client.logout()
    assert client.post(evaluation.url, filled_form(evaluation, kurs="Noen Andre")).status_code == 200

    [exported] = json.loads(run_command("export", "amina"))["form_submissions"]
    assert exported["form"] == evaluation.title
    assert {key: exported["answers"][key] for key in ("kurs", "nyttig", "annet")} == {
        "kurs": "Amina Hassan", "nyttig": "900 00 000", "annet": "amina@example.no",
    }
    run_command("erase", "amina", "--no-input")
    assert [s.form_data["kurs"] for s in CourseFormSubmission.objects.all()] == ["Noen Andre"]  # not Amina's: kept
    assert "900 00 000" not in json.dumps(list(CourseFormSubmission.objects.values_list("form_data", flat=True)))

"""Course form submissions as personal data: tied to the logged-in sender, old anonymous ones deleted."""

import importlib
import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from ksi_courses.content_import import import_course
from ksi_courses.form_pages import CourseFormPage, CourseFormSubmission
from ksi_courses.form_submissions import export_submissions
from tests.wagtail.form_posts import filled_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(mini_course):
    """A participant's own web form (the course evaluation); the name is kept from when the
    registration form was a web form (teacher paper forms are not: see test_form_pages)."""
    import_course(mini_course)
    return CourseFormPage.objects.get(form_kind="course_evaluation")


def test_a_logged_in_senders_submission_is_tied_to_them(client, django_user_model, registration):
    amina = django_user_model.objects.create_user("amina", password="x")
    client.force_login(amina)
    response = client.post(registration.url, filled_form(registration, kurs="Renhold", nyttig="Å vaske hendene."))
    assert response.status_code == 200
    submission = CourseFormSubmission.objects.get()
    assert submission.user == amina and submission.form_data["kurs"] == "Renhold"
    assert registration.get_submissions().get() == submission  # the admin's list and CSV export read these
    [exported] = export_submissions(amina)
    assert (exported["form"], exported["answers"]["nyttig"]) == (registration.title, "Å vaske hendene.")


def test_an_anonymous_submission_belongs_to_nobody(client, registration):
    assert client.post(registration.url, filled_form(registration)).status_code == 200
    assert CourseFormSubmission.objects.get().user is None


def make_submission(page, *, days_old, user=None):
    submission = CourseFormSubmission.objects.create(page=page, form_data={"navn": "N"}, user=user)
    CourseFormSubmission.objects.filter(pk=submission.pk).update(submit_time=timezone.now() - timedelta(days=days_old))
    return submission.pk


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("ksi_form_submissions", *args, stdout=out)
    return out.getvalue()


def test_the_command_deletes_only_old_anonymous_submissions(registration, django_user_model):
    user = django_user_model.objects.create_user("bilal", password="x")
    old_anonymous = make_submission(registration, days_old=100)
    recent_anonymous = make_submission(registration, days_old=10)
    old_of_a_user = make_submission(registration, days_old=100, user=user)

    assert run_command("--older-than", "30", "--dry-run") == "Would delete 1 anonymous form submissions older than 30 days.\n"
    assert CourseFormSubmission.objects.count() == 3
    assert run_command("--older-than", "30") == "Deleted 1 anonymous form submissions older than 30 days.\n"
    remaining = set(CourseFormSubmission.objects.values_list("pk", flat=True))
    assert remaining == {recent_anonymous, old_of_a_user} and old_anonymous not in remaining


def test_the_command_refuses_a_negative_number_of_days(registration):
    make_submission(registration, days_old=1)
    with pytest.raises(CommandError, match="--older-than: the number of days must be 0 or more, not -1"):
        run_command("--older-than", "-1")
    assert CourseFormSubmission.objects.count() == 1


def test_the_upgrade_moves_earlier_submissions_of_course_forms(registration):
    sent = timezone.now() - timedelta(days=40)
    old = FormSubmission.objects.create(page=registration, form_data={"navn": "Olena"})
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=sent)
    migration = importlib.import_module("ksi_courses.migrations.0005_course_form_submissions")
    migration.move_submissions(apps, None)
    assert not FormSubmission.objects.exists()
    moved = CourseFormSubmission.objects.get()
    assert (moved.page_id, moved.form_data, moved.submit_time, moved.user) == (registration.pk, {"navn": "Olena"}, sent, None)

"""The teacher's tasks of issue 20: landing on the runs, the teacher edition from the run page, the
progress matrix (lesson links, module filter), everyone present in one click, honest certificates
(warning, confirmation, wording, all in one PDF), a new password sheet later, and the run's form
submissions summarised per question."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from pypdf import PdfReader

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.form_pages import CourseFormField, CourseFormPage, CourseFormSubmission
from ksi_courses.models import CoursePage, ModulePage
from ksi_courses.teaching import progress
from ksi_courses.teaching.attendance import add_session, present_ids
from ksi_courses.teaching.enrolment import add_participant
from ksi_courses.teaching.models import Certificate, CourseRun, Enrolment, SubmittedParticipantForm
from tests.plans import planned_mini_course

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def as_user(client, user):
    client.force_login(user)
    return client


# --- landing, run page ----------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "home"), [("teacher", "/ksi/kurs/"), ("admin", "/ksi/kurs/"), ("participant_a", "/ksi/mine-kurs/")])
def test_after_login_a_teacher_lands_on_their_runs_and_a_participant_on_their_courses(client, users, role, home):
    answer = client.post("/ksi/logg-inn/", {"username": users[role].username, "password": "pw-" + users[role].username})
    assert answer.status_code == 302 and answer["Location"] == home


def test_a_page_asked_for_before_the_login_still_wins(client, users, run):
    answer = client.post(f"/ksi/logg-inn/?next=/ksi/kurs/{run.pk}/", {"username": "tone", "password": "pw-tone"})
    assert answer["Location"] == f"/ksi/kurs/{run.pk}/"


def test_the_run_page_links_the_teacher_edition_and_a_new_password_sheet(client, users, run, course):
    html = as_user(client, users["teacher"]).get(f"/ksi/kurs/{run.pk}/").content.decode()
    assert f'href="{course.url}pdf/laerer/"' in html
    assert f'href="/ksi/kurs/{run.pk}/passordark/nye/"' in html


# --- progress matrix ------------------------------------------------------------------------------


@pytest.fixture
def two_modules(course, run, other_lesson):
    """The mini course with its second lesson moved into a second module."""
    second = course.add_child(instance=ModulePage(title="Andre modul", slug="andre-modul", goals="Kjenne utstyret."))
    other_lesson.move(second, pos="last-child")
    return ModulePage.objects.child_of(course).get(slug="modul-en"), second


def test_every_lesson_in_the_matrix_is_a_link(client, users, run, lesson, other_lesson):
    progress.set_completed(users["participant_a"], lesson)
    html = as_user(client, users["teacher"]).get(f"/ksi/kurs/{run.pk}/framdrift/").content.decode()
    for page in (lesson, other_lesson):
        assert f'<a href="{page.url}">{page.title}</a>' in html
    assert "1/2" in html


def test_the_matrix_filters_by_module_and_keeps_the_totals(client, users, run, lesson, other_lesson, two_modules):
    _first, second = two_modules
    other_lesson.refresh_from_db()
    progress.set_completed(users["participant_a"], lesson)
    client = as_user(client, users["teacher"])
    html = client.get(f"/ksi/kurs/{run.pk}/framdrift/?modul={second.pk}").content.decode()
    assert other_lesson.title in html and f">{lesson.title}</a>" not in html
    assert f'<option value="{second.pk}" selected>' in html
    assert "1/2" in html  # lessons completed in the whole run, whatever is shown
    everything = client.get(f"/ksi/kurs/{run.pk}/framdrift/").content.decode()
    assert f">{lesson.title}</a>" in everything and f">{other_lesson.title}</a>" in everything


@pytest.mark.parametrize("value", ["999999", "abc", "' OR 1=1"])
def test_an_unknown_module_is_404(client, users, run, value):
    assert as_user(client, users["teacher"]).get(f"/ksi/kurs/{run.pk}/framdrift/", {"modul": value}).status_code == 404


# --- attendance -----------------------------------------------------------------------------------


def test_everyone_present_in_one_click(client, users, run):
    session = add_session(run, date(2026, 1, 7), Decimal("3"))
    client = as_user(client, users["teacher"])
    page = client.get(f"/ksi/kurs/{run.pk}/oppmote/").content.decode()
    assert f'action="/ksi/kurs/{run.pk}/oppmote/{session.pk}/alle/"' in page
    answer = client.post(f"/ksi/kurs/{run.pk}/oppmote/{session.pk}/alle/")
    assert answer.status_code == 302 and answer["Location"] == f"/ksi/kurs/{run.pk}/oppmote/"
    assert present_ids(session) == set(run.enrolments.values_list("pk", flat=True)) and len(present_ids(session)) == 2
    assert "alle 2 til stede" in client.get(answer["Location"]).content.decode()


def test_a_session_of_another_run_cannot_be_marked(client, users, run, course):
    other = CourseRun.objects.create(course=course, title="B", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27))
    session = add_session(other, date(2026, 1, 7), Decimal("3"))
    assert as_user(client, users["teacher"]).post(f"/ksi/kurs/{run.pk}/oppmote/{session.pk}/alle/").status_code == 404
    assert not present_ids(session)


def test_sessions_from_the_plan_show_their_hours(client, users, tmp_path):
    import_course(load_course(planned_mini_course(tmp_path)))
    course = CoursePage.objects.get(ksi_id="mini-kurs")
    client = as_user(client, users["teacher"])
    form = {"course": course.pk, "title": "Minikurs høst", "start_date": "2026-08-17", "end_date": "2026-08-21"}
    assert client.post("/ksi/kurs/ny/", form).status_code == 302
    run = CourseRun.objects.get(title="Minikurs høst")
    html = client.get(f"/ksi/kurs/{run.pk}/oppmote/").content.decode()
    hours = [s.hours for s in run.sessions.order_by("date")]
    assert hours and sum(hours) == Decimal("5")
    for session in run.sessions.all():
        assert session.topic in html
    assert re.search(r"<td>2</td>", html) and re.search(r"<td>1</td>", html)


# --- certificates ---------------------------------------------------------------------------------


def _issue(client, run, enrolment, **extra):
    return client.post(f"/ksi/kurs/{run.pk}/kursbevis/", {"enrolments": [str(enrolment.pk)], **extra})


def test_none_issued_yet_says_so_and_download_all_waits(client, users, run):
    client = as_user(client, users["teacher"])
    html = client.get(f"/ksi/kurs/{run.pk}/kursbevis/").content.decode()
    assert "Ingen ennå." in html and "kursbevis/alle.pdf" not in html
    assert client.get(f"/ksi/kurs/{run.pk}/kursbevis/alle.pdf").status_code == 409


def test_issuing_early_warns_and_needs_a_confirmation(client, users, run, lesson):
    client = as_user(client, users["teacher"])
    amina = run.enrolments.get(participant=users["participant_a"])
    progress.set_completed(users["participant_a"], lesson)
    run.end_date = timezone.localdate() + timedelta(days=30)
    run.save()
    html = client.get(f"/ksi/kurs/{run.pk}/kursbevis/").content.decode()
    assert "Sjekk før du lager kursbevis" in html
    warning = html[html.index("Sjekk før du lager kursbevis"):html.index("<form", html.index("Sjekk før du lager kursbevis"))]
    assert "Disse har ikke fullført alle leksjonene:" in warning and "Amina Hassan" in warning and "Bilal Ahmadi" in warning
    assert "Kurset er ikke slutt (siste dag" in warning
    refused = _issue(client, run, amina)
    assert refused.status_code == 400 and not Certificate.objects.exists()
    assert "Kryss av for å lage dem likevel" in refused.content.decode()
    assert _issue(client, run, amina, confirm_early="on").status_code == 302
    certificate = Certificate.objects.get()
    _pages, text = pdf_text(client.get(f"/ksi/kursbevis/{certificate.pk}/pdf/").content)
    assert "har deltatt på kurset" in text and "fullført kurset" not in text
    assert "1 av 2 fullført" in text and "før kurset var slutt" in text


def test_a_finished_participant_after_the_end_gets_completed_without_a_question(client, users, run, lesson, other_lesson):
    client = as_user(client, users["teacher"])
    run.end_date = timezone.localdate() - timedelta(days=1)
    run.start_date = run.end_date - timedelta(days=60)
    run.save()
    for page in (lesson, other_lesson):
        progress.set_completed(users["participant_a"], page)
    amina = run.enrolments.get(participant=users["participant_a"])
    html = client.get(f"/ksi/kurs/{run.pk}/kursbevis/").content.decode()
    assert "fullført alle leksjonene: Bilal Ahmadi." in html and "Kurset er ikke slutt" not in html  # Bilal has lessons left
    assert _issue(client, run, amina).status_code == 302
    _pages, text = pdf_text(client.get(f"/ksi/kursbevis/{Certificate.objects.get().pk}/pdf/").content)
    assert "har fullført kurset" in text and "Leksjoner" not in text and "før kurset var slutt" not in text


def test_lessons_completed_after_issuing_do_not_change_the_certificate(client, users, run, lesson):
    client = as_user(client, users["teacher"])
    amina = run.enrolments.get(participant=users["participant_a"])
    assert _issue(client, run, amina, confirm_early="on").status_code == 302
    progress.set_completed(users["participant_a"], lesson)
    _pages, text = pdf_text(client.get(f"/ksi/kursbevis/{Certificate.objects.get().pk}/pdf/").content)
    assert "0 av 2 fullført" in text


def test_download_all_is_one_pdf_with_a_page_per_certificate(client, users, run):
    client = as_user(client, users["teacher"])
    ids = [str(pk) for pk in run.enrolments.values_list("pk", flat=True)]
    assert client.post(f"/ksi/kurs/{run.pk}/kursbevis/", {"enrolments": ids, "confirm_early": "on"}).status_code == 302
    html = client.get(f"/ksi/kurs/{run.pk}/kursbevis/").content.decode()
    assert f"/ksi/kurs/{run.pk}/kursbevis/alle.pdf" in html
    answer = client.get(f"/ksi/kurs/{run.pk}/kursbevis/alle.pdf")
    assert answer["Content-Type"] == "application/pdf" and "no-store" in answer["Cache-Control"]
    pages, text = pdf_text(answer.content)
    assert pages == 2 and "Amina Hassan" in text and "Bilal Ahmadi" in text
    for certificate in Certificate.objects.all():
        assert certificate.code in text


# --- a new password sheet for the run -------------------------------------------------------------


def test_new_passwords_for_everyone_who_never_logged_in(client, users, run):
    new = add_participant(run, "Liv", "Berg")
    get_user_model().objects.filter(username="amina").update(last_login=timezone.now())
    client = as_user(client, users["teacher"])
    page = client.get(f"/ksi/kurs/{run.pk}/passordark/nye/").content.decode()
    assert "Liv Berg" in page and "Bilal Ahmadi" in page and "Amina Hassan" not in page
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    before = dict(get_user_model().objects.values_list("username", "password"))
    answer = client.post(f"/ksi/kurs/{run.pk}/passordark/nye/", {"form_key": key})
    assert answer.status_code == 302 and answer["Location"] == f"/ksi/kurs/{run.pk}/deltakere/nye-passord/{key}/"
    after = dict(get_user_model().objects.values_list("username", "password"))
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {new.username, "bilal"}
    shown = client.get(answer["Location"])
    assert shown["Cache-Control"] == "no-store"
    html = shown.content.decode()
    assert "Liv Berg" in html and "Bilal Ahmadi" in html and "Amina Hassan" not in html
    assert f'action="/ksi/kurs/{run.pk}/passordark/"' in html
    # A reload or double click sends the same key: nothing changes twice.
    again = client.post(f"/ksi/kurs/{run.pk}/passordark/nye/", {"form_key": key})
    assert again["Location"] == answer["Location"]
    assert dict(get_user_model().objects.values_list("username", "password")) == after


def test_a_teacher_does_not_renew_accounts_only_the_admin_may_reset(client, users, run, course):
    other = CourseRun.objects.create(course=course, title="B", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27))
    Enrolment.objects.create(run=other, participant=users["participant_b"])  # Bilal is also in another teacher's run
    client = as_user(client, users["teacher"])
    page = client.get(f"/ksi/kurs/{run.pk}/passordark/nye/").content.decode()
    assert "Spør kommuneadministratoren" in page
    before = get_user_model().objects.get(username="bilal").password
    client.post(f"/ksi/kurs/{run.pk}/passordark/nye/", {"form_key": "k" * 32})
    assert get_user_model().objects.get(username="bilal").password == before
    assert SubmittedParticipantForm.objects.filter(key="k" * 32, run=run).exists()


@pytest.mark.parametrize("key", ["short", "<script>" * 4, "a" * 65])
def test_a_bad_form_key_is_400(client, users, run, key):
    assert as_user(client, users["teacher"]).post(f"/ksi/kurs/{run.pk}/passordark/nye/", {"form_key": key}).status_code == 400


# --- form submissions -----------------------------------------------------------------------------


@pytest.fixture
def form_page(course):
    page = CourseFormPage.objects.child_of(course).get(ksi_id="egen-sjekkliste")
    CourseFormField.objects.create(page=page, sort_order=10, label="Hvordan var timen?", field_type="radio", choices="Bra\nOk\nIkke bra")
    return page


def _send(page, user, **answers):
    submission = CourseFormSubmission.objects.create(page=page, user=user, form_data=answers)
    return submission


def test_submissions_are_summarised_per_question_with_names(client, users, run, form_page):
    fields = {f.label: f.clean_name for f in form_page.form_fields.all()}
    _send(form_page, users["participant_a"], **{fields["Rom"]: "Kjøkkenet", fields["Hvordan var timen?"]: "Bra"})
    _send(form_page, users["participant_b"], **{fields["Rom"]: "Gangen", fields["Hvordan var timen?"]: "Bra"})
    html = as_user(client, users["teacher"]).get(f"/ksi/kurs/{run.pk}/skjema/").content.decode()
    assert "2 svar" in html
    assert "<li>Bra: 2</li>" in html and "<li>Ok: 0</li>" in html and "<li>Ikke bra: 0</li>" in html
    assert "<strong>Amina Hassan:</strong> Kjøkkenet" in html and "<strong>Bilal Ahmadi:</strong> Gangen" in html


def test_an_anonymous_form_shows_no_names(client, users, run, form_page):
    form_page.form_kind = "course_evaluation"
    form_page.save()
    fields = {f.label: f.clean_name for f in form_page.form_fields.all()}
    _send(form_page, users["participant_b"], **{fields["Rom"]: "Åpent svar"})
    _send(form_page, users["participant_a"], **{fields["Rom"]: "Annet svar"})
    html = as_user(client, users["teacher"]).get(f"/ksi/kurs/{run.pk}/skjema/").content.decode()
    assert "anonymt" in html and "Amina" not in html.split("<h2")[-1] and "Bilal" not in html.split("<h2")[-1]
    assert html.index("Annet svar") < html.index("Åpent svar")  # sorted by text, not by who or when


def test_only_this_runs_submissions_after_joining_are_shown(client, users, run, course, form_page):
    fields = {f.label: f.clean_name for f in form_page.form_fields.all()}
    outsider = get_user_model().objects.create_user("ute", first_name="Ute", last_name="Annen")
    other = CourseRun.objects.create(course=course, title="B", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27))
    Enrolment.objects.create(run=other, participant=outsider)
    _send(form_page, outsider, **{fields["Rom"]: "Fra en annen kursrunde"})
    _send(form_page, None, **{fields["Rom"]: "Uten innlogging"})
    early = _send(form_page, users["participant_a"], **{fields["Rom"]: "Før kursrunden"})
    CourseFormSubmission.objects.filter(pk=early.pk).update(submit_time=timezone.now() - timedelta(days=400))
    client = as_user(client, users["teacher"])
    html = client.get(f"/ksi/kurs/{run.pk}/skjema/").content.decode()
    assert "Fra en annen kursrunde" not in html and "Uten innlogging" not in html and "Før kursrunden" not in html
    assert "Ingen ennå." in html
    assert "Fra en annen kursrunde" in as_user(client, users["admin"]).get(f"/ksi/kurs/{other.pk}/skjema/").content.decode()


def test_a_participant_in_two_runs_of_the_course_counts_once_in_the_run_joined_last(client, users, run, course, form_page):
    fields = {f.label: f.clean_name for f in form_page.form_fields.all()}
    other = CourseRun.objects.create(course=course, title="B", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27))
    _send(form_page, users["participant_a"], **{fields["Rom"]: "Sendt i den første"})
    Enrolment.objects.create(run=other, participant=users["participant_a"])
    _send(form_page, users["participant_a"], **{fields["Rom"]: "Sendt etter flyttingen"})
    first = as_user(client, users["admin"]).get(f"/ksi/kurs/{run.pk}/skjema/").content.decode()
    second = client.get(f"/ksi/kurs/{other.pk}/skjema/").content.decode()
    assert "Sendt i den første" in first and "Sendt etter flyttingen" not in first
    assert "Sendt etter flyttingen" in second and "Sendt i den første" not in second

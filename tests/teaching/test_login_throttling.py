"""Login throttling (django-axes, keyed on username + IP address) and lifting a lock."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from ksi_courses.teaching.models import CourseRun, Enrolment

pytestmark = pytest.mark.django_db

LOCKED = "Du har skrevet feil passord for mange ganger. Derfor kan du ikke logge inn nå."
SCHOOL = "10.0.0.7"


def log_in(client, username, password, address=SCHOOL):
    return client.post("/ksi/logg-inn/", {"username": username, "password": password}, REMOTE_ADDR=address)


def lock(username):
    """Five wrong passwords from the school's address; the fifth already answers with the lock."""
    client = Client()
    answers = [log_in(client, username, f"feil{i}") for i in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert LOCKED not in answers[3].content.decode()
    return answers[-1]


def test_five_wrong_passwords_lock_the_login_until_the_teacher_opens_it(run, users):
    locked = lock("amina").content.decode()
    assert LOCKED in locked and "Vent 60 minutter og prøv igjen, eller be læreren din om å åpne kontoen din." in locked
    assert 'name="username"' in locked  # the app's own login page, with the message on it
    client = Client()
    response = log_in(client, "amina", "pw-amina")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert client.get("/ksi/mine-kurs/")["Location"].startswith("/ksi/logg-inn/")  # not logged in

    teacher = Client()
    teacher.force_login(users["teacher"])
    html = teacher.get(f"/ksi/kurs/{run.pk}/").content.decode()
    enrolment = run.enrolments.get(participant=users["participant_a"])
    assert "Låst: for mange feil passord." in html and f"/deltakere/{enrolment.pk}/las-opp/" in html
    response = teacher.post(f"/ksi/kurs/{run.pk}/deltakere/{enrolment.pk}/las-opp/", follow=True)
    assert "Amina Hassan kan logge inn igjen." in response.content.decode()
    assert "Låst: for mange feil passord." not in response.content.decode()

    assert log_in(client, "amina", "pw-amina")["Location"] == "/ksi/mine-kurs/"
    assert client.get("/ksi/mine-kurs/").status_code == 200


def test_the_lock_is_for_one_username_from_one_address(users):
    lock("amina")
    assert log_in(Client(), "amina", "pw-amina", address="10.0.0.8")["Location"] == "/ksi/mine-kurs/"
    assert log_in(Client(), "bilal", "pw-bilal")["Location"] == "/ksi/mine-kurs/"


def test_a_teacher_of_another_run_cannot_open_the_login(run, users, course):
    run_b = CourseRun.objects.create(course=course, title="Olavs kurs", start_date=run.start_date, end_date=run.end_date)
    run_b.teachers.add(users["other_teacher"])
    Enrolment.objects.create(run=run_b, participant=users["participant_b"])
    lock("amina")
    enrolment = run.enrolments.get(participant=users["participant_a"])
    other = Client()
    other.force_login(users["other_teacher"])
    assert other.post(f"/ksi/kurs/{run.pk}/deltakere/{enrolment.pk}/las-opp/").status_code == 404
    assert other.post(f"/ksi/kurs/{run_b.pk}/deltakere/{enrolment.pk}/las-opp/").status_code == 404
    assert log_in(Client(), "amina", "pw-amina").status_code == 429


def test_a_teacher_cannot_open_an_account_with_more_rights(run, users):
    """Lifting the lock of an admin account would let someone go on guessing its password."""
    enrolment = Enrolment.objects.create(run=run, participant=users["admin"])
    lock("kari")
    teacher = Client()
    teacher.force_login(users["teacher"])
    html = teacher.get(f"/ksi/kurs/{run.pk}/").content.decode()
    assert "Låst: for mange feil passord." in html and f"/deltakere/{enrolment.pk}/las-opp/" not in html
    assert teacher.post(f"/ksi/kurs/{run.pk}/deltakere/{enrolment.pk}/las-opp/").status_code == 403
    assert log_in(Client(), "kari", "pw-kari").status_code == 429


def test_the_municipality_admin_opens_any_login(run, users):
    lock("amina")
    admin = Client()
    admin.force_login(users["admin"])
    enrolment = run.enrolments.get(participant=users["participant_a"])
    assert admin.post(f"/ksi/kurs/{run.pk}/deltakere/{enrolment.pk}/las-opp/")["Location"] == f"/ksi/kurs/{run.pk}/#deltakere"
    assert log_in(Client(), "amina", "pw-amina")["Location"] == "/ksi/mine-kurs/"


def test_the_wagtail_admin_login_is_throttled_too(users):
    client = Client()
    for i in range(5):
        client.post("/admin/login/", {"username": "kari", "password": f"feil{i}"}, REMOTE_ADDR=SCHOOL)
    response = client.post("/admin/login/", {"username": "kari", "password": "pw-kari"}, REMOTE_ADDR=SCHOOL)
    assert response.status_code == 429 and LOCKED in response.content.decode()


def test_the_municipality_admin_lifts_a_teachers_lock_in_the_wagtail_admin(users):
    """Teachers are in no run's participant list: their locks are lifted in the Wagtail admin."""
    lock("tone")
    attempt = AccessAttempt.objects.get(username="tone")
    teacher_b = Client()
    teacher_b.force_login(users["other_teacher"])
    assert teacher_b.post(reverse("ksi_login_locks:delete", args=[attempt.pk]))["Location"] == "/admin/"
    assert log_in(Client(), "tone", "pw-tone").status_code == 429
    admin = Client()
    admin.force_login(users["admin"])
    assert "tone" in admin.get(reverse("ksi_login_locks:index")).content.decode()
    assert admin.post(reverse("ksi_login_locks:delete", args=[attempt.pk])).status_code == 302
    assert log_in(Client(), "tone", "pw-tone")["Location"] == "/ksi/kurs/"  # a teacher lands on their runs


@pytest.mark.parametrize("username", ["x" * 300, "amina\x00"])
def test_odd_usernames_count_as_failed_logins_not_server_errors(users, username):
    """axes keeps usernames in a 255-character column (PostgreSQL refuses longer ones, and NUL)."""
    for _ in range(5):
        response = log_in(Client(), username, "feil")
    assert response.status_code in (200, 429)
    assert all(len(name) <= 255 and "\x00" not in name for name in AccessAttempt.objects.values_list("username", flat=True))

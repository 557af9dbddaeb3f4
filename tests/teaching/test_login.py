"""Logging in, and choosing one's own password after a one-time password."""

import pytest

from ksi_courses.teaching.enrolment import add_participant
from ksi_courses.teaching.models import TemporaryPassword

pytestmark = pytest.mark.django_db


def test_a_one_time_password_leads_to_choosing_ones_own(client, run, lesson):
    credentials = add_participant(run, "Liv", "Berg")
    response = client.post("/ksi/logg-inn/", {"username": credentials.username, "password": credentials.password, "next": lesson.url})
    assert response.status_code == 302
    assert response["Location"].startswith("/ksi/passord/?next=")
    page = client.get(response["Location"]).content.decode()
    assert "Du logget inn med et engangspassord fra læreren." in page
    response = client.post(
        response["Location"],
        {"old_password": credentials.password, "new_password1": "Såpe og vann 2026", "new_password2": "Såpe og vann 2026", "next": lesson.url},
    )
    assert response["Location"] == lesson.url
    assert not TemporaryPassword.objects.exists()
    client.logout()
    assert client.login(username=credentials.username, password="Såpe og vann 2026")


def test_a_normal_login_goes_to_next_or_my_courses(client, users, lesson):
    response = client.post("/ksi/logg-inn/", {"username": "amina", "password": "pw-amina", "next": lesson.url})
    assert response["Location"] == lesson.url
    client.logout()
    response = client.post("/ksi/logg-inn/", {"username": "amina", "password": "pw-amina"})
    assert response["Location"] == "/ksi/mine-kurs/"


def test_a_wrong_password_is_refused_in_norwegian(client, users):
    response = client.post("/ksi/logg-inn/", {"username": "amina", "password": "feil"})
    assert response.status_code == 200
    assert "Vennligst oppgi korrekt brukernavn og passord." in response.content.decode()


def test_password_change_refuses_outside_targets(client, users):
    client.force_login(users["participant_a"])
    response = client.post(
        "/ksi/passord/",
        {"old_password": "pw-amina", "new_password1": "Nytt passord 1", "new_password2": "Nytt passord 1", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/ksi/mine-kurs/"

"""Logging in, and choosing one's own password after a one-time password (the first login)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation

from ksi_courses.teaching import progress
from ksi_courses.teaching.enrolment import add_participant
from ksi_courses.teaching.models import LessonProgress, TemporaryPassword
from ksi_courses.teaching.one_time_passwords import valid_days
from ksi_courses.teaching.password_rules import plain_rules

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Såpe og vann 2026"


def log_in(client, username, password, **extra):
    return client.post("/ksi/logg-inn/", {"username": username, "password": password, **extra})


@pytest.fixture
def liv(run):
    """A new participant who has only the one-time password from the teacher."""
    return add_participant(run, "Liv", "Berg")


def test_a_one_time_password_leads_to_choosing_ones_own(client, liv, lesson):
    response = log_in(client, liv.username, liv.password, next=lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/ksi/passord/?next=")
    page = client.get(response["Location"]).content.decode()
    assert "Du logget inn med et engangspassord fra læreren." in page
    # The one-time password was just typed on the login page: it is not asked for again.
    assert 'name="old_password"' not in page and 'name="new_password1"' in page
    response = client.post(response["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "next": lesson.url})
    assert response["Location"] == lesson.url
    assert not TemporaryPassword.objects.exists()
    assert client.get("/ksi/mine-kurs/").status_code == 200
    client.post("/ksi/logg-ut/")
    assert log_in(client, liv.username, liv.password).status_code == 200  # the one-time password is gone
    assert log_in(client, liv.username, NEW_PASSWORD)["Location"] == "/ksi/mine-kurs/"


def test_until_then_every_page_leads_to_the_password_page(client, liv, lesson):
    log_in(client, liv.username, liv.password)
    for url in ("/ksi/mine-kurs/", lesson.url, "/ksi/kurs/", "/admin/", "/ksi/logg-inn/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].split("?")[0] == "/ksi/passord/", url
    assert client.get("/ksi/mine-kurs/")["Location"] == "/ksi/passord/?next=%2Fksi%2Fmine-kurs%2F"
    response = client.post(f"/ksi/leksjon/{lesson.pk}/fullfort/", {"done": "1"})
    assert response["Location"] == "/ksi/passord/"
    assert not LessonProgress.objects.exists()
    assert client.get("/ksi/passord/").status_code == 200
    assert client.post("/ksi/logg-ut/")["Location"] == "/ksi/logg-inn/"
    assert client.get("/ksi/mine-kurs/")["Location"].startswith("/ksi/logg-inn/")


def test_a_one_time_password_expires(client, liv, settings):
    TemporaryPassword.objects.update(issued_at=timezone.now() - timedelta(days=15))
    response = log_in(client, liv.username, liv.password)
    assert response.status_code == 200
    assert "Engangspassordet er for gammelt. Be læreren om et nytt." in response.content.decode()
    assert client.get("/ksi/mine-kurs/")["Location"].startswith("/ksi/logg-inn/")
    settings.KSI_ONE_TIME_PASSWORD_DAYS = 30
    assert log_in(client, liv.username, liv.password)["Location"].startswith("/ksi/passord/")


def test_a_session_with_an_expired_one_time_password_is_logged_out(client, liv):
    log_in(client, liv.username, liv.password)
    TemporaryPassword.objects.update(issued_at=timezone.now() - timedelta(days=15))
    response = client.get("/ksi/passord/")
    assert response["Location"] == "/ksi/logg-inn/"
    html = client.get("/ksi/logg-inn/").content.decode()
    assert "Engangspassordet er for gammelt." in html
    assert client.get("/ksi/passord/")["Location"].startswith("/ksi/logg-inn/")


@pytest.mark.parametrize("days", [0, -3, "14", 1.5, True])
def test_a_wrong_number_of_days_is_a_clear_configuration_error(settings, days):
    settings.KSI_ONE_TIME_PASSWORD_DAYS = days
    with pytest.raises(ImproperlyConfigured, match="KSI_ONE_TIME_PASSWORD_DAYS must be a whole number of days"):
        valid_days()


def test_the_default_is_14_days(settings):
    del settings.KSI_ONE_TIME_PASSWORD_DAYS
    assert valid_days() == 14


def test_the_password_page_explains_the_rules_in_plain_words(client, liv):
    log_in(client, liv.username, liv.password)
    html = client.get("/ksi/passord/").content.decode()
    for rule in (
        "Minst 8 tegn: bokstaver, tall eller andre tegn.",
        "Ikke likt navnet ditt eller brukernavnet ditt.",
        "Ikke et passord som mange bruker, som «12345678» eller «passord».",
        "Ikke bare tall.",
    ):
        assert rule in html, rule
    assert "Ditt passord kan ikke" not in html  # not Django's own, longer list as well
    for weak in ("kort1", "passord", "12345678901", "liv.berg1"):
        response = client.post("/ksi/passord/", {"new_password1": weak, "new_password2": weak})
        assert response.status_code == 200, weak
    assert TemporaryPassword.objects.exists()


@pytest.mark.parametrize(
    ("language", "first_rule"),
    [("nb", "Minst 8 tegn"), ("nn", "Minst 8 teikn"), ("en", "At least 8 characters")],
)
def test_the_rules_are_translated(language, first_rule):
    with translation.override(language):
        assert plain_rules()[0].startswith(first_rule)


def test_a_normal_password_change_asks_for_the_old_password(client, users):
    client.force_login(users["participant_a"])
    assert 'name="old_password"' in client.get("/ksi/passord/").content.decode()
    response = client.post("/ksi/passord/", {"old_password": "feil", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 200
    response = client.post("/ksi/passord/", {"old_password": "pw-amina", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/ksi/mine-kurs/"


def test_a_normal_login_goes_to_next_or_my_courses(client, users, lesson):
    response = log_in(client, "amina", "pw-amina", next=lesson.url)
    assert response["Location"] == lesson.url
    client.logout()
    response = log_in(client, "amina", "pw-amina")
    assert response["Location"] == "/ksi/mine-kurs/"
    assert client.get("/ksi/mine-kurs/").status_code == 200  # no one-time password: no detour


def test_a_teacher_without_next_lands_on_the_course_runs(client, users):
    assert log_in(client, "tone", "pw-tone")["Location"] == "/ksi/kurs/"


def test_a_wrong_password_is_refused_in_norwegian(client, users):
    response = log_in(client, "amina", "feil")
    assert response.status_code == 200
    assert "Vennligst oppgi korrekt brukernavn og passord." in response.content.decode()


def test_password_change_refuses_outside_targets(client, users):
    client.force_login(users["participant_a"])
    response = client.post(
        "/ksi/passord/",
        {"old_password": "pw-amina", "new_password1": "Nytt passord 1", "new_password2": "Nytt passord 1", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/ksi/mine-kurs/"


def test_a_teachers_new_password_makes_the_old_session_choose_again(client, run, users, lesson):
    """A forgotten password: the teacher's new one-time password leads to the password page again."""
    client.force_login(users["participant_a"])
    progress.set_completed(users["participant_a"], lesson)
    from ksi_courses.teaching.enrolment import new_one_time_password

    credentials = new_one_time_password(run.enrolments.get(participant=users["participant_a"]))
    assert client.get("/ksi/mine-kurs/")["Location"].startswith("/ksi/logg-inn/")  # the old session ended
    assert log_in(client, "amina", credentials.password)["Location"].startswith("/ksi/passord/")

"""Adding participants is POST → redirect → GET, once per form, and asks before adding a name twice."""

import re

import pytest
from django.contrib.auth import get_user_model

from ksi_courses.teaching.models import Enrolment, SubmittedParticipantForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client, users):
    client.force_login(users["teacher"])
    return client


def form_key(client, url: str) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


def passwords(html: str) -> list[str]:
    return re.findall(r'name="password" value="([^"]+)"', html)


def test_adding_one_participant_redirects_and_a_reload_creates_no_one(teacher_client, run):
    url = f"/ksi/kurs/{run.pk}/deltakere/ny/"
    data = {"first_name": "Liv", "last_name": "Berg", "form_key": form_key(teacher_client, url)}
    response = teacher_client.post(url, data)
    assert response.status_code == 302
    page = teacher_client.get(response["Location"])
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    first = passwords(page.content.decode())
    assert len(first) == 1 and get_user_model().objects.get(username="liv.berg").check_password(first[0])
    again = teacher_client.get(response["Location"])  # reload of the password page
    assert passwords(again.content.decode()) == first
    resent = teacher_client.post(url, data)  # the browser's “send the form again”
    assert resent["Location"] == response["Location"]
    assert not get_user_model().objects.filter(username="liv.berg2").exists()
    assert run.enrolments.count() == 3


def test_a_list_is_added_once_however_often_it_is_sent(teacher_client, run):
    url = f"/ksi/kurs/{run.pk}/deltakere/liste/"
    data = {"names": "Liv Berg\nOlena Коваль\n", "form_key": form_key(teacher_client, url)}
    locations = {teacher_client.post(url, data)["Location"] for _ in range(3)}
    assert len(locations) == 1
    assert run.enrolments.count() == 4 and SubmittedParticipantForm.objects.count() == 1
    html = teacher_client.get(locations.pop()).content.decode()
    assert len(passwords(html)) == 2 and "liv.berg" in html


def test_the_password_page_needs_the_teacher_who_sent_the_form(teacher_client, client, run, users):
    url = f"/ksi/kurs/{run.pk}/deltakere/ny/"
    location = teacher_client.post(url, {"first_name": "Liv", "last_name": "Berg", "form_key": form_key(teacher_client, url)})["Location"]
    client.logout()
    client.force_login(users["admin"])  # another session: the passwords are not in it
    response = client.get(location, follow=True)
    assert passwords(response.content.decode()) == []
    assert "Deltakerne er lagt til." in response.content.decode()
    assert client.get(f"/ksi/kurs/{run.pk}/deltakere/nye-passord/{'x' * 32}/").status_code == 404


def test_the_same_name_twice_asks_first(teacher_client, run):
    url = f"/ksi/kurs/{run.pk}/deltakere/liste/"
    key = form_key(teacher_client, url)
    response = teacher_client.post(url, {"names": "Liv Berg\nOla Nordmann\nliv  berg\n", "form_key": key})
    assert response.status_code == 400
    assert "Liv Berg" in response.content.decode() and "Kryss av" in response.content.decode()
    assert run.enrolments.count() == 2
    # A name already in the run (Amina Hassan) is asked about too.
    response = teacher_client.post(url, {"names": "Amina Hassan\n", "form_key": key})
    assert response.status_code == 400 and run.enrolments.count() == 2
    response = teacher_client.post(url, {"names": "Liv Berg\nliv berg\n", "form_key": key, "confirm_repeats": "on"})
    assert response.status_code == 302
    assert sorted(e.participant.username for e in Enrolment.objects.filter(run=run)) == ["amina", "bilal", "liv.berg", "liv.berg2"]


def test_cyrillic_and_arabic_names_get_transliterated_usernames(teacher_client, run):
    url = f"/ksi/kurs/{run.pk}/deltakere/liste/"
    response = teacher_client.post(url, {"names": "Олена Коваль\nأمينة حسن\n", "form_key": form_key(teacher_client, url)})
    html = teacher_client.get(response["Location"]).content.decode()
    assert re.findall(r'name="username" value="([^"]+)"', html) == ["olena.koval", "amina.hsn"]

"""The stored copy of a lesson and a course page is for visitors who are not logged in only: two
participants and an anonymous visitor, one after the other, each see their own state (#19)."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

CHECKLIST_URL = "/ksi/leksjon/{}/sjekkliste/for-jobb/"
LOGIN_HINT = "Logg inn for å lagre framdriften"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_two_participants_and_a_visitor_each_see_their_own_lesson_and_course(course, lesson, users, run):
    visitor, amina, bilal = Client(), logged_in(users["participant_a"]), logged_in(users["participant_b"])
    page(visitor, lesson.url), page(visitor, course.url)  # stored for visitors first
    amina.post(CHECKLIST_URL.format(lesson.pk), {"item": ["papir"]})
    amina.post(f"/ksi/leksjon/{lesson.pk}/fullfort/", {"done": "1"})
    amina_lesson = page(amina, lesson.url)
    assert 'name="item" value="papir" checked' in amina_lesson and "Du har fullført denne leksjonen." in amina_lesson
    assert LOGIN_HINT not in amina_lesson
    assert page(amina, course.url).count('class="ksi-status--done"') == 1
    for html in (
        page(bilal, lesson.url),
        page(bilal, course.url),
        page(visitor, lesson.url),
        page(visitor, course.url),
    ):
        assert "checked" not in html and "Du har fullført denne leksjonen." not in html
        assert 'class="ksi-status--done"' not in html
    bilal_lesson = page(bilal, lesson.url)
    assert 'name="item" value="papir">' in bilal_lesson and "Merk leksjonen som fullført" in bilal_lesson
    visitor_lesson = page(visitor, lesson.url)
    assert LOGIN_HINT in visitor_lesson and "/ksi/leksjon/" not in visitor_lesson
    # Amina's CSRF token is hers: not in Bilal's page nor the visitor's.
    amina_tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', amina_lesson))
    for html in (page(bilal, lesson.url), page(visitor, lesson.url)):
        assert not amina_tokens & set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    # After logging out, Amina is a visitor like any other.
    amina.logout()
    assert LOGIN_HINT in page(amina, lesson.url) and "checked" not in page(amina, lesson.url)

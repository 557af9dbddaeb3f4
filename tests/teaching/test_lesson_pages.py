"""The lesson and course pages with the participant's own state, through HTTP without JavaScript."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from ksi_courses.teaching.models import LessonProgress, QuizAttempt

pytestmark = pytest.mark.django_db

EXPLANATION = "Håndhygiene stopper mest smitte."
QUIZ_URL = "/ksi/leksjon/{}/quiz/quiz/"


def login_target(url: str) -> str:
    """Where the login page returns to (asserts that ``url`` is the login page)."""
    parts = urlsplit(url)
    assert parts.path == "/ksi/logg-inn/", url
    return parse_qs(parts.query)["next"][0]


def page(client, lesson) -> str:
    response = client.get(lesson.url)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_read_the_lesson_and_are_asked_to_log_in(client, lesson):
    html = page(client, lesson)
    assert "Logg inn for å lagre framdriften" in html
    link = re.search(r'href="(/ksi/logg-inn/[^"]*)"', html).group(1)
    assert login_target(unescape(link)) == lesson.url
    assert "Hva er viktigst for å stoppe smitte?" in html and "Jeg har såpe." in html
    assert "/ksi/leksjon/" not in html  # no forms that would only bounce to the login page
    assert EXPLANATION not in html and "ksi-result" not in html


def test_the_answer_key_is_not_in_the_page_before_submitting(client, lesson, users):
    client.force_login(users["participant_a"])
    html = page(client, lesson)
    assert f'action="{QUIZ_URL.format(lesson.pk)}"' in html
    for leak in (EXPLANATION, "Vask hendene etter toalettet og før du lager mat.", "correct", "ksi-answer", "Rett svar"):
        assert leak not in html, leak


def test_submitting_a_quiz_shows_right_wrong_and_explanations_and_keeps_the_answers(client, lesson, users):
    client.force_login(users["participant_a"])
    response = client.post(QUIZ_URL.format(lesson.pk), {"quiz-q1": "0", "quiz-q2": ["0", "2"], "quiz-q3": "1"})
    assert response.status_code == 302 and response["Location"] == f"{lesson.url}#quiz-quiz"
    html = page(client, lesson)
    assert "Du svarte riktig på 2 av 3 spørsmål." in html  # the message after the redirect
    assert "Siste svar: 2 av 3 riktige (1 forsøk)." in html
    assert html.count("ksi-result--right") == 2 and html.count("ksi-result--wrong") == 1
    assert EXPLANATION in html and "Vask hendene etter toalettet og før du lager mat." in html
    assert 'id="quiz-q2-0" name="quiz-q2" value="0" checked' in html
    assert 'id="quiz-q2-2" name="quiz-q2" value="2" checked' in html
    assert "Send svarene på nytt" in html
    attempt = QuizAttempt.objects.get()
    assert (attempt.participant, attempt.correct, attempt.total, attempt.answers) == (
        users["participant_a"], 2, 3, {"q1": [0], "q2": [0, 2], "q3": [1]}
    )


def test_tampered_quiz_answers_are_refused_with_a_message(client, lesson, users):
    client.force_login(users["participant_a"])
    response = client.post(QUIZ_URL.format(lesson.pk), {"quiz-q1": ["0", "1"]}, follow=True)
    assert "takes one answer" in response.content.decode()
    assert not QuizAttempt.objects.exists()
    response = client.post(QUIZ_URL.format(lesson.pk), {"quiz-q1": "x"}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and "out of range" in response.json()["error"]


def test_checklist_state_is_saved_and_shown_again(client, lesson, users):
    client.force_login(users["participant_a"])
    url = f"/ksi/leksjon/{lesson.pk}/sjekkliste/for-jobb/"
    response = client.post(url, {"item": ["papir"]})
    assert response["Location"] == f"{lesson.url}#checklist-for-jobb"
    html = page(client, lesson)
    assert "Lagret: 1 punkt er krysset av." in html
    assert 'name="item" value="papir" checked' in html and 'name="item" value="sapa">' in html
    response = client.post(url, {"item": ["sapa", "papir"]}, headers={"Accept": "application/json"})
    assert response.json() == {"ok": True, "message": "Lagret: 2 punkter er krysset av.", "repeated": False}
    assert LessonProgress.objects.get().checklist == {"for-jobb": ["sapa", "papir"]}


def test_marking_a_lesson_done_updates_the_progress_bar_and_the_course_page(client, course, lesson, users):
    client.force_login(users["participant_a"])
    html = page(client, lesson)
    assert "0 av 2 leksjoner fullført" in html and 'value="0"' in html and "Merk leksjonen som fullført" in html
    response = client.post(f"/ksi/leksjon/{lesson.pk}/fullfort/", {"done": "1"})
    assert response["Location"] == f"{lesson.url}#ksi-done"  # the done form, with the link to the next lesson
    html = page(client, lesson)
    assert "Leksjonen er merket som fullført." in html
    assert "1 av 2 leksjoner fullført" in html and '<progress max="2" value="1"' in html
    assert "Du har fullført denne leksjonen." in html and "Merk som ikke fullført" in html
    course_html = client.get(course.url).content.decode()
    assert "1 av 2 leksjoner fullført" in course_html
    assert course_html.count('class="ksi-status--done"') == 1
    client.post(f"/ksi/leksjon/{lesson.pk}/fullfort/", {"done": "0"})
    assert "0 av 2 leksjoner fullført" in page(client, lesson)


def test_anonymous_posts_go_to_the_login_and_back_to_the_lesson(client, lesson):
    for url in (f"/ksi/leksjon/{lesson.pk}/fullfort/", QUIZ_URL.format(lesson.pk)):
        response = client.post(url)
        assert response.status_code == 302
        assert login_target(response["Location"]) == lesson.url
    assert not LessonProgress.objects.exists()


def test_saving_respects_the_page_privacy_of_the_lesson(client, lesson, users):
    restriction = PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Bare for gruppe A"))
    client.force_login(users["participant_a"])
    assert client.post(f"/ksi/leksjon/{lesson.pk}/fullfort/").status_code == 404
    lesson.unpublish()
    restriction.delete()
    assert client.post(f"/ksi/leksjon/{lesson.pk}/fullfort/").status_code == 404
    assert not LessonProgress.objects.exists()


def test_saving_needs_post(client, lesson, users):
    client.force_login(users["participant_a"])
    assert client.get(f"/ksi/leksjon/{lesson.pk}/fullfort/").status_code == 405


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_participants_lesson_page_costs_a_fixed_number_of_queries(client, course, lesson, other_lesson, users):
    """The participant's state adds a fixed number of queries, whatever they have done."""
    client.force_login(users["participant_a"])
    before = queries(client, lesson.url)
    client.post(f"/ksi/leksjon/{lesson.pk}/fullfort/")
    client.post(f"/ksi/leksjon/{other_lesson.pk}/fullfort/")
    for _ in range(3):
        client.post(QUIZ_URL.format(lesson.pk), {"quiz-q1": "0"})
    client.post(f"/ksi/leksjon/{lesson.pk}/sjekkliste/for-jobb/", {"item": ["sapa"]})
    client.get(lesson.url)  # consume the messages
    assert queries(client, lesson.url) == before

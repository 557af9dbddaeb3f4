"""Offline reading (issue 19), server side: lesson actions sent again with the same idempotency key
are done once; the service worker, the manifest and the list of pages a save stores."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from ksi_courses.teaching import action_keys
from ksi_courses.teaching.models import HandledAction, LessonProgress, QuizAttempt

pytestmark = pytest.mark.django_db

KEY = "3f9a1c0e5b7d4a2e8c6f0b1d2e3a4c5f"


def post(client, url, data):
    return client.post(url, data, HTTP_ACCEPT="application/json")


def test_a_queued_checklist_sent_twice_is_saved_once_and_a_later_change_still_counts(client, lesson, users):
    client.force_login(users["participant_a"])
    url = f"/ksi/leksjon/{lesson.pk}/sjekkliste/for-jobb/"
    first = post(client, url, {"item": ["sapa"], action_keys.FIELD: KEY}).json()
    # The phone changes the ticks online, then sends the old queued action again: it must not undo them.
    post(client, url, {"item": ["sapa", "papir"]})
    again = post(client, url, {"item": ["sapa"], action_keys.FIELD: KEY}).json()
    assert (first["ok"], first["repeated"], again["ok"], again["repeated"]) == (True, False, True, True)
    assert LessonProgress.objects.get().checklist == {"for-jobb": ["sapa", "papir"]}
    assert HandledAction.objects.count() == 1


def test_a_queued_quiz_sent_twice_is_one_attempt_while_quizzes_without_a_key_count_every_time(client, lesson, users):
    client.force_login(users["participant_a"])
    url = f"/ksi/leksjon/{lesson.pk}/quiz/quiz/"
    for _ in range(3):
        assert post(client, url, {"quiz-q1": "0", action_keys.FIELD: KEY}).status_code == 200
    assert QuizAttempt.objects.count() == 1
    post(client, url, {"quiz-q1": "0"})
    post(client, url, {"quiz-q1": "0"})
    assert QuizAttempt.objects.count() == 3
    # Without JavaScript (no JSON asked for) a repeat goes back to the lesson like any save.
    response = client.post(url, {"quiz-q1": "0", action_keys.FIELD: KEY})
    assert response.status_code == 302 and response["Location"].startswith(lesson.url)
    assert QuizAttempt.objects.count() == 3


def test_keys_are_per_participant(client, lesson, users):
    url = f"/ksi/leksjon/{lesson.pk}/sjekkliste/for-jobb/"
    for role in ("participant_a", "participant_b"):
        client.force_login(users[role])
        assert post(client, url, {"item": ["sapa"], action_keys.FIELD: KEY}).json()["repeated"] is False
    assert LessonProgress.objects.count() == 2


def test_keys_older_than_a_month_are_forgotten_when_the_participant_sends_a_new_one(client, lesson, users):
    old, recent, other = "o" * 16, "r" * 16, "x" * 16
    HandledAction.objects.create(participant=users["participant_a"], key=old)
    HandledAction.objects.create(participant=users["participant_a"], key=recent)
    HandledAction.objects.create(participant=users["participant_b"], key=other)
    month_ago = timezone.now() - action_keys.KEEP_KEYS_FOR - timedelta(minutes=1)
    HandledAction.objects.filter(key__in=[old, other]).update(handled_at=month_ago)
    client.force_login(users["participant_a"])
    post(client, f"/ksi/leksjon/{lesson.pk}/sjekkliste/for-jobb/", {"item": ["sapa"], action_keys.FIELD: KEY})
    remaining = set(HandledAction.objects.values_list("participant__username", "key"))
    a, b = users["participant_a"].username, users["participant_b"].username
    # Only participant A's own old key goes; B's keys wait for B's next action.
    assert remaining == {(a, recent), (a, KEY), (b, other)}


def test_a_refused_action_keeps_its_key_free_and_a_malformed_key_is_refused(client, lesson, users):
    client.force_login(users["participant_a"])
    url = f"/ksi/leksjon/{lesson.pk}/sjekkliste/for-jobb/"
    refused = post(client, url, {"item": ["finnes-ikke"], action_keys.FIELD: KEY})
    assert refused.status_code == 400 and not HandledAction.objects.exists()
    assert post(client, url, {"item": ["sapa"], action_keys.FIELD: KEY}).json()["repeated"] is False
    for bad in ("kort", "x" * 65, "mellom rom og mer tekst", "<script>alert(1)</script>"):
        response = post(client, url, {"item": ["papir"], action_keys.FIELD: bad})
        assert response.status_code == 400 and action_keys.FIELD in response.json()["error"]
    assert LessonProgress.objects.get().checklist == {"for-jobb": ["sapa"]}


def test_the_service_worker_may_serve_the_whole_site_and_is_never_cached(client):
    response = client.get("/ksi/frakoblet/service-worker.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert 'var CACHE = "ksi-offline-v1";' in response.content.decode()


def test_the_manifest_names_the_courses_in_norwegian(client, course):
    response = client.get("/ksi/frakoblet/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert (data["lang"], data["start_url"], data["display"]) == ("nb", "/", "standalone")
    assert data["theme_color"].startswith("#")


def test_a_save_stores_the_lesson_or_the_whole_course_with_their_word_cards(client, course, lesson, other_lesson):
    lesson_pages = client.get(f"/ksi/frakoblet/{lesson.pk}/").json()["pages"]
    assert lesson_pages == [lesson.url, f"/ksi/ordkort/{lesson.pk}/"]
    course_pages = client.get(f"/ksi/frakoblet/{course.pk}/").json()["pages"]
    assert course_pages[0] == course.url
    assert {lesson.url, other_lesson.url, lesson.get_parent().url, f"/ksi/ordkort/{other_lesson.pk}/"} <= set(course_pages)
    other_lesson.unpublish()
    assert other_lesson.url not in client.get(f"/ksi/frakoblet/{course.pk}/").json()["pages"]


def test_lesson_and_course_pages_offer_word_cards_and_saving_for_offline_reading(client, course, lesson):
    html = client.get(lesson.url).content.decode()
    assert f'href="/ksi/ordkort/{lesson.pk}/' in html
    assert f'data-ksi-save="/ksi/frakoblet/{lesson.pk}/"' in html and f'data-ksi-save="/ksi/frakoblet/{course.pk}/"' in html
    assert "data-ksi-listen" in html and "data-ksi-listen-word" in html
    assert '<link rel="manifest" href="/ksi/frakoblet/manifest.webmanifest">' in html
    course_html = client.get(course.url).content.decode()
    assert f'href="/ksi/ordkort/{course.pk}/' in course_html and f'data-ksi-save="/ksi/frakoblet/{course.pk}/"' in course_html

"""Word practice (issue 19): the cards of a lesson and a course, and each participant's own boxes."""

import json

import pytest
from wagtail.models import PageViewRestriction

from ksi_courses.teaching.models import FlashcardState, HandledAction
from ksi_courses.teaching.privacy import erase_user, export_user_data

pytestmark = pytest.mark.django_db


def config(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="ksi-flashcard-config" type="application/json">') + len('<script id="ksi-flashcard-config" type="application/json">')
    return json.loads(html[start : html.index("</script>", start)])


def answer(client, page, word="håndhygiene", reply="kan"):
    return client.post(f"/ksi/ordkort/{page.pk}/svar/", {"word": word, "svar": reply}, HTTP_ACCEPT="application/json")


def test_a_lesson_has_cards_of_its_words_with_picture_and_chosen_language(client, lesson):
    response = client.get(f"/ksi/ordkort/{lesson.pk}/?sprak=ar")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-word="håndhygiene"' in html and "Å holde hendene rene." in html
    assert 'lang="ar" dir="rtl">' in html  # the translation in the chosen language, right to left
    assert "<svg" in html and "Twemoji" in html  # the picture, with its credit
    assert "Oversettelsene er maskinlagde" in html  # Arabic is not reviewed in this course: labelled
    assert "Oversettelsene er maskinlagde" not in client.get(f"/ksi/ordkort/{lesson.pk}/?sprak=en").content.decode()
    data = config(response)
    assert data["states"] is None and data["saveUrl"] == ""  # not logged in: boxes stay in the browser
    assert data["intervals"] == [0, 0, 1, 3, 7, 14]


def words(client, page) -> list[str]:
    html = client.get(f"/ksi/ordkort/{page.pk}/").content.decode()
    return [part.split('"')[0] for part in html.split('data-word="')[1:]]


def test_a_course_has_each_word_of_its_lessons_once_in_lesson_order(client, course, lesson, other_lesson):
    def entry(term):
        return {"term": term, "explanation": "Forklaring.", "translations": {"en": term.upper()}, "picture": ""}

    other_lesson.body = [*other_lesson.body.raw_data, {"type": "vocabulary", "value": {
        "title": "Ord", "entries": [entry("håndhygiene"), entry("bøtte")]}}]
    other_lesson.save()
    assert words(client, lesson) == ["håndhygiene"]
    assert words(client, other_lesson) == ["håndhygiene", "bøtte"]
    assert words(client, course) == ["håndhygiene", "bøtte"]


def test_answers_move_only_the_participants_own_box_and_the_page_shows_only_their_own(client, lesson, users):
    amina, bilal = users["participant_a"], users["participant_b"]
    client.force_login(amina)
    first = answer(client, lesson).json()
    assert (first["ok"], first["box"]) == (True, 2)
    assert answer(client, lesson).json()["box"] == 3
    assert answer(client, lesson, reply="ov").json()["box"] == 1
    assert config(client.get(f"/ksi/ordkort/{lesson.pk}/"))["states"]["håndhygiene"]["box"] == 1

    client.force_login(bilal)
    assert config(client.get(f"/ksi/ordkort/{lesson.pk}/"))["states"] == {}
    answer(client, lesson)
    assert dict(FlashcardState.objects.values_list("participant__username", "box")) == {"amina": 1, "bilal": 2}


def test_bad_answers_are_refused_with_a_message_and_change_nothing(client, lesson, users):
    client.force_login(users["participant_a"])
    unknown = answer(client, lesson, word="finnes-ikke")
    assert unknown.status_code == 400 and "finnes-ikke" in unknown.json()["error"]
    bad = answer(client, lesson, reply="kanskje")
    assert bad.status_code == 400 and "kanskje" in bad.json()["error"]
    assert not FlashcardState.objects.exists()


def test_anonymous_answers_go_to_the_login_and_private_pages_stay_private(client, lesson, course):
    response = answer(client, lesson)
    assert response.status_code == 302 and response["Location"].startswith("/ksi/logg-inn/")
    # A lesson that needs a login is left out of the course's cards and saves for a visitor.
    PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.LOGIN)
    assert words(client, course) == [] and client.get(f"/ksi/ordkort/{lesson.pk}/").status_code == 404
    assert lesson.url not in client.get(f"/ksi/frakoblet/{course.pk}/").json()["pages"]
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/ksi/ordkort/{lesson.pk}/").status_code == 404
    assert client.get(f"/ksi/ordkort/{course.pk}/").status_code == 404
    assert client.get(f"/ksi/frakoblet/{lesson.pk}/").status_code == 404
    assert not FlashcardState.objects.exists()


def test_boxes_and_offline_keys_are_in_the_data_export_and_gone_after_erasing(client, lesson, users):
    amina = users["participant_a"]
    client.force_login(amina)
    answer(client, lesson)
    client.post(f"/ksi/leksjon/{lesson.pk}/sjekkliste/for-jobb/", {"item": ["sapa"], "ksi_action_key": "k" * 20})
    data = export_user_data(amina)
    assert [(f["word"], f["box"]) for f in data["flashcards"]] == [("håndhygiene", 2)]
    assert [a["key"] for a in data["actions_sent_offline"]] == ["k" * 20]
    erase_user(amina)
    assert not FlashcardState.objects.exists() and not HandledAction.objects.exists()

"""The JSON handlers score on the server, keep learner state, and publish grade and completion."""

from __future__ import annotations

import json
from unittest.mock import ANY

import pytest
from webob import Request

from tests.xblocks.test_views import parse, quiz_results, words

ALL_RIGHT = {"q1": [0], "q2": [0, 1], "q3": [1]}


def call(block, handler: str, payload) -> tuple[int, dict]:
    request = Request.blank("/", method="POST", body=json.dumps(payload).encode())
    response = block.runtime.handle(block, handler, request)
    return response.status_code, json.loads(response.body)


@pytest.fixture
def block(make_block):
    return make_block(course_slug="mini-kurs", lesson_id="handvask", weight=2.0)


def test_all_right_publishes_full_grade(block, runtime):
    status, body = call(block, "submit_quiz", {"quiz": "quiz", "answers": ALL_RIGHT})
    assert status == 200
    assert body["correct"] == 3 and body["total"] == 3
    assert body["questions"]["q3"] == {
        "correct": True,
        "explanation": "Når hendene er synlig skitne, må du vaske med såpe og vann.",
    }
    assert runtime.events_of("grade") == [{"value": 2.0, "max_value": 2.0}]
    assert block.has_score is True and block.max_score() == 2.0


def test_partly_right_scores_per_question_without_revealing_the_key(block, runtime):
    # q2 is multiple choice: all correct choices and no wrong one, or it is wrong.
    status, body = call(block, "submit_quiz", {"quiz": "quiz", "answers": {"q1": [1], "q2": [0], "q3": [1]}})
    assert status == 200
    assert {qid: result["correct"] for qid, result in body["questions"].items()} == {"q1": False, "q2": False, "q3": True}
    assert body["grade"] == {"value": pytest.approx(2.0 / 3), "max_value": 2.0}
    assert runtime.events_of("grade") == [body["grade"]]
    assert "choices" not in json.dumps(body) and "correct_choices" not in json.dumps(body)


def test_unanswered_questions_count_as_wrong(block, runtime):
    status, body = call(block, "submit_quiz", {"quiz": "quiz", "answers": {"q1": [0]}})
    assert status == 200 and body["correct"] == 1
    assert runtime.events_of("grade")[-1]["value"] == pytest.approx(2.0 / 3)


def test_last_submission_counts_and_is_shown_after_reload(block, runtime):
    call(block, "submit_quiz", {"quiz": "quiz", "answers": {"q1": [1]}})
    call(block, "submit_quiz", {"quiz": "quiz", "answers": ALL_RIGHT})
    assert [grade["value"] for grade in runtime.events_of("grade")] == [0.0, 2.0]
    assert block.quiz_answers == {"quiz": ALL_RIGHT}
    html = block.render("student_view").content
    text = words(html)
    assert quiz_results(html) == ["You got 3 of 3 right."]
    assert "Håndhygiene stopper mest smitte." in text  # explanations appear once submitted


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"quiz": "nope", "answers": {}}, "has no quiz 'nope'"),
        ({"quiz": "quiz", "answers": {"q9": [0]}}, "has no question 'q9'"),
        ({"quiz": "quiz", "answers": {"q1": [0, 1]}}, "question 'q1' takes one answer"),
        ({"quiz": "quiz", "answers": {"q3": [2]}}, "choice index out of range 0..1"),
        ({"quiz": "quiz", "answers": {"q2": ["a"]}}, "must be a list of choice indexes"),
        ({"quiz": "quiz", "answers": []}, "answers must be an object"),
    ],
)
def test_bad_answers_are_rejected_with_a_reason(block, runtime, payload, message):
    status, body = call(block, "submit_quiz", payload)
    assert status == 400 and message in body["error"]
    assert runtime.events == [] and block.quiz_answers == {}


def test_checklist_ticks_are_saved_and_drive_completion(block, runtime):
    status, body = call(block, "toggle_checklist", {"checklist": "for-jobb", "item": "papir", "checked": True})
    assert status == 200 and body == {"checked": ["papir"], "completion": pytest.approx(1 / 3)}
    call(block, "toggle_checklist", {"checklist": "for-jobb", "item": "sapa", "checked": True})
    assert block.checked == {"for-jobb": ["sapa", "papir"]}  # content order, not click order
    call(block, "toggle_checklist", {"checklist": "for-jobb", "item": "papir", "checked": False})
    assert block.checked == {"for-jobb": ["sapa"]}
    assert runtime.events_of("completion") == [
        {"completion": pytest.approx(1 / 3)},
        {"completion": pytest.approx(2 / 3)},
        {"completion": pytest.approx(1 / 3)},
    ]
    assert runtime.events_of("grade") == []  # ticking is not graded


def test_lesson_is_complete_when_all_ticked_and_quiz_submitted(block, runtime):
    for item in ("sapa", "papir"):
        call(block, "toggle_checklist", {"checklist": "for-jobb", "item": item, "checked": True})
    assert runtime.events_of("completion")[-1] == {"completion": pytest.approx(2 / 3)}
    # A wrong answer still completes the lesson: completion is about doing the work.
    _, body = call(block, "submit_quiz", {"quiz": "quiz", "answers": {"q1": [1]}})
    assert body["completion"] == 1.0
    assert runtime.events_of("completion")[-1] == {"completion": 1.0}
    elements = parse(block.render("student_view").content).elements
    ticked = [a["data-item"] for t, a in elements if t == "input" and "data-item" in a and "checked" in a]
    assert ticked == ["sapa", "papir"]
    assert ("progress", {"class": "ksi-progress__bar", "max": "100", "value": "100", "aria-labelledby": ANY}) in [
        (t, {**a, "aria-labelledby": ANY} if "aria-labelledby" in a else a) for t, a in elements
    ]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"checklist": "x", "item": "sapa", "checked": True}, "has no checklist 'x'"),
        ({"checklist": "for-jobb", "item": "x", "checked": True}, "has no item 'x'"),
        ({"checklist": "for-jobb", "item": "sapa"}, '"checked": true|false'),
    ],
)
def test_bad_toggles_are_rejected(block, runtime, payload, message):
    status, body = call(block, "toggle_checklist", payload)
    assert status == 400 and message in body["error"] and runtime.events == []


def test_learners_do_not_share_state(make_block, runtime):
    first = make_block(user="anna", usage="shared-usage", course_slug="mini-kurs", lesson_id="handvask")
    second = make_block(user="bilal", usage="shared-usage")
    assert second.lesson_id == "handvask"  # settings are shared by the usage
    call(first, "toggle_checklist", {"checklist": "for-jobb", "item": "sapa", "checked": True})
    assert second.checked == {} and first.checked == {"for-jobb": ["sapa"]}


def test_reading_lesson_has_no_score_and_completes_on_view(make_block):
    block = make_block(course_slug="mini-kurs", lesson_id="renholdsutstyr")
    assert block.has_score is False and block.max_score() is None
    assert block.has_custom_completion is False  # the platform completes it when viewed


def test_handlers_explain_missing_lessons(make_block):
    block = make_block(course_slug="mini-kurs", lesson_id="gone")
    status, body = call(block, "toggle_checklist", {"checklist": "a", "item": "b", "checked": True})
    assert status == 404 and "has no lesson 'gone'" in body["error"]


def test_language_preference(block):
    assert call(block, "set_language", {"language": "ti"}) == (200, {"language": "ti"})
    assert block.vocabulary_language == "ti"
    status, body = call(block, "set_language", {"language": "xx"})
    assert status == 400 and "choose one of en, uk, ar, ti, so, prs, ru" in body["error"]

"""Saving progress and scoring quizzes through the services (no HTTP)."""

import pytest
from django.utils import translation

from ksi_courses.teaching import progress
from ksi_courses.teaching.models import LessonProgress, QuizAttempt
from ksi_courses.teaching.progress import ProgressError

pytestmark = pytest.mark.django_db


def test_marking_done_keeps_the_first_completion_time_and_can_be_undone(lesson, users):
    amina = users["participant_a"]
    first = progress.set_completed(amina, lesson).completed_at
    assert first is not None
    assert progress.set_completed(amina, lesson).completed_at == first
    assert progress.set_completed(amina, lesson, done=False).completed_at is None
    assert LessonProgress.objects.filter(participant=amina, lesson=lesson).count() == 1


def test_checklist_state_is_saved_per_checklist_in_page_order(lesson, users):
    amina = users["participant_a"]
    saved = progress.save_checklist(amina, lesson, "for-jobb", ["papir", "sapa"])
    assert saved.checklist == {"for-jobb": ["sapa", "papir"]}
    progress.set_completed(amina, lesson)
    saved = progress.save_checklist(amina, lesson, "for-jobb", [])
    assert saved.checklist == {"for-jobb": []} and saved.completed_at is not None


@pytest.mark.parametrize(
    ("checklist_id", "items", "message"),
    [("finnes-ikke", [], "no checklist “finnes-ikke”"), ("for-jobb", ["sapa", "hansker"], "no item “hansker”")],
)
def test_checklist_ids_are_checked_against_the_published_page(lesson, users, checklist_id, items, message):
    with translation.override("en"), pytest.raises(ProgressError, match=message):
        progress.save_checklist(users["participant_a"], lesson, checklist_id, items)
    assert not LessonProgress.objects.exists()


def test_quiz_is_scored_on_the_server_and_every_attempt_is_kept(lesson, users):
    amina = users["participant_a"]
    attempt, result = progress.submit_quiz(amina, lesson, "quiz", {"q1": [0], "q2": [1, 0], "q3": [0]})
    assert (attempt.correct, attempt.total) == (2, 3)
    assert attempt.answers == {"q1": [0], "q2": [0, 1], "q3": [0]}
    assert [q.correct for q in result.questions] == [True, True, False]
    attempt, _ = progress.submit_quiz(amina, lesson, "quiz", {"q1": [0], "q2": [0, 1], "q3": [1]})
    assert attempt.correct == 3
    assert QuizAttempt.objects.filter(participant=amina).count() == 2
    state = progress.quiz_states(amina, lesson)["quiz"]
    assert state.attempts == 2 and state.result.correct == 3
    assert state.question("q3") == progress.QuestionState((1,), True, "Når hendene er synlig skitne, må du vaske med såpe og vann.")


def test_quiz_scoring_uses_the_page_as_published_not_the_shipped_file(lesson, users):
    """The municipality swaps the right answer of q1 in the admin; scoring follows the page."""

    def value(item):  # list items are stored either bare or as {"type": "item", "value": ...}
        return item["value"] if "value" in item and "type" in item else item

    body = list(lesson.body.raw_data)
    quiz = next(block for block in body if block["type"] == "quiz")
    choices = value(quiz["value"]["questions"][0])["choices"]
    value(choices[0])["correct"], value(choices[1])["correct"] = False, True
    lesson.body = body
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    attempt, _ = progress.submit_quiz(users["participant_a"], lesson, "quiz", {"q1": [1]})
    assert attempt.correct == 1


@pytest.mark.parametrize(
    ("quiz_id", "answers", "message"),
    [
        ("nei", {}, "no quiz “nei”"),
        ("quiz", {"q9": [0]}, "no question 'q9'"),
        ("quiz", {"q1": [0, 1]}, "takes one answer"),
        ("quiz", {"q1": [7]}, "out of range"),
    ],
)
def test_bad_answers_are_refused_and_not_stored(lesson, users, quiz_id, answers, message):
    with translation.override("en"), pytest.raises(ProgressError, match=message):
        progress.submit_quiz(users["participant_a"], lesson, quiz_id, answers)
    assert not QuizAttempt.objects.exists()


def test_course_progress_counts_only_live_lessons(course, lesson, other_lesson, users):
    amina = users["participant_a"]
    progress.set_completed(amina, lesson)
    state = progress.course_progress(amina, course)
    assert (state.done, state.total, state.percent, state.finished) == (1, 2, 50, False)
    other_lesson.unpublish()
    state = progress.course_progress(amina, course)
    assert (state.done, state.total, state.finished) == (1, 1, True)

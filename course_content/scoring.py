"""Quiz scoring on the server. Pure: takes the content model and the participant's answers.

Answers are choice indexes per question, as the student view posts them: ``{"q1": [0]}``.
A true/false question has two choices, 0 = true and 1 = false (the order of
:meth:`course_content.blocks.Question.correct_choices`). A question counts as correct only when
exactly the correct choices are chosen; an unanswered question counts as wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .blocks import Question, QuizBlock
from .models import Lesson


class AnswerError(ValueError):
    """The posted answers do not fit the quiz; the message says which question and why."""


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class QuizResult:
    quiz_id: str
    questions: tuple[QuestionResult, ...]

    @property
    def correct(self) -> int:
        return sum(result.correct for result in self.questions)

    @property
    def total(self) -> int:
        return len(self.questions)

    def as_json(self) -> dict:
        """What the ``submit_quiz`` handler returns: correctness and explanations, never the key."""
        return {
            "quiz": self.quiz_id,
            "correct": self.correct,
            "total": self.total,
            "questions": {
                r.question_id: {"correct": r.correct, "explanation": r.explanation} for r in self.questions
            },
        }


def choice_count(question: Question) -> int:
    """How many choices the participant sees (two for true/false)."""
    return 2 if question.kind == "true_false" else len(question.choices)


def find_quiz(lesson: Lesson, quiz_id: object) -> QuizBlock:
    """The quiz with ``quiz_id`` in ``lesson``."""
    for quiz in lesson.quizzes:
        if quiz.id == quiz_id:
            return quiz
    known = ", ".join(quiz.id for quiz in lesson.quizzes) or "none"
    raise AnswerError(f"lesson '{lesson.id}' has no quiz {quiz_id!r} (quizzes: {known})")


def parse_answers(quiz: QuizBlock, raw: object) -> dict[str, list[int]]:
    """Check posted answers against ``quiz`` and return them normalised (sorted, de-duplicated).

    Unknown question ids, indexes out of range and several answers to a single-choice
    question are errors; missing questions are allowed (they score as wrong).
    """
    if not isinstance(raw, Mapping):
        raise AnswerError("answers must be an object of question id → list of choice indexes")
    questions = {question.id: question for question in quiz.questions}
    answers: dict[str, list[int]] = {}
    for question_id, chosen in raw.items():
        question = questions.get(question_id)
        if question is None:
            raise AnswerError(f"quiz '{quiz.id}' has no question {question_id!r}")
        if isinstance(chosen, int) and not isinstance(chosen, bool):
            chosen = [chosen]
        if not isinstance(chosen, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in chosen):
            raise AnswerError(f"question '{question_id}': answer must be a list of choice indexes, got {chosen!r}")
        indexes = sorted(set(chosen))
        if any(not 0 <= i < choice_count(question) for i in indexes):
            raise AnswerError(f"question '{question_id}': choice index out of range 0..{choice_count(question) - 1}")
        if question.kind != "multiple" and len(indexes) > 1:
            raise AnswerError(f"question '{question_id}' takes one answer, got {len(indexes)}")
        answers[question_id] = indexes
    return answers


def score_quiz(quiz: QuizBlock, answers: Mapping[str, list[int]]) -> QuizResult:
    """Score ``answers`` (as returned by :func:`parse_answers`) against the quiz's key."""
    return QuizResult(
        quiz.id,
        tuple(
            QuestionResult(
                question.id,
                frozenset(answers.get(question.id, ())) == question.correct_choices(),
                question.explanation,
            )
            for question in quiz.questions
        ),
    )


def lesson_score(lesson: Lesson, submitted: Mapping[str, Mapping[str, list[int]]]) -> tuple[int, int]:
    """``(correct, possible)`` over every question of every quiz in the lesson.

    ``submitted`` maps quiz id → the last answers submitted; quizzes not yet submitted score 0.
    """
    correct = possible = 0
    for quiz in lesson.quizzes:
        possible += len(quiz.questions)
        if quiz.id in submitted:
            correct += score_quiz(quiz, submitted[quiz.id]).correct
    return correct, possible

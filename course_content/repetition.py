"""Repetition sheets, built from the course plan and the lessons it repeats.

Every ``repetition`` session of the plan gets a sheet: the key words of the lessons it repeats
(term, explanation, picture where the entry has one) and a mixed quiz drawn from those lessons'
quiz questions. A session that names ``modules`` repeats every lesson of those modules.

The quiz is drawn *deterministically*: questions are ranked by a digest of their ids, so the
same content always gives the same selection and order (a teacher who prints the sheet twice,
or a participant and a teacher on two machines, see the same quiz), while a changed lesson can
change it. Pure: no Django.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .blocks import Question
from .models import Course, Lesson
from .plan import Day, Session, Week

REPETITION_PREFIX = "repetisjon-"
#: A sheet's quiz stays short enough for one sitting.
MAX_SHEET_QUESTIONS = 16
#: A sheet that repeats more lessons than this (a whole module or course) lists only the first
#: few key words of each lesson, so that it stays a sheet (all 340 words of a course fill 16 pages);
#: the full lists are in the booklet and the vocabulary lists.
LONG_SHEET_LESSONS = 6
WORDS_PER_LESSON_IN_LONG_SHEETS = 3


@dataclass(frozen=True)
class KeyWord:
    term: str
    explanation: str
    picture: str | None
    lesson_id: str


@dataclass(frozen=True)
class QuizItem:
    """A question drawn from a lesson's quiz, with where it comes from."""

    lesson_id: str
    lesson_title: str
    quiz_id: str
    question: Question

    @property
    def key(self) -> str:
        """``lesson/quiz/question``: the question's stable id path."""
        return f"{self.lesson_id}/{self.quiz_id}/{self.question.id}"


@dataclass(frozen=True)
class RepetitionSheet:
    id: str
    number: int
    title: str
    week: int
    day: str
    hours: float
    lessons: tuple[Lesson, ...]
    words: tuple[KeyWord, ...]
    quiz: tuple[QuizItem, ...]
    all_words: bool = True  # False: the first few key words of each lesson only


def rank(*parts: str) -> str:
    """A stable sort key for ``parts`` (the same ids always rank the same)."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def lesson_questions(lesson: Lesson) -> list[QuizItem]:
    return [
        QuizItem(lesson.id, lesson.title, quiz.id, question) for quiz in lesson.quizzes for question in quiz.questions
    ]


def draw_questions(slug: str, lessons: Iterable[Lesson], per_lesson: int, limit: int, salt: str) -> tuple[QuizItem, ...]:
    """Up to ``per_lesson`` questions from each lesson, at most ``limit`` in all, in a mixed order.

    Which questions and in what order depends only on the ids (``slug``, ``salt`` and each
    question's id path), never on chance.
    """
    drawn: list[QuizItem] = []
    for lesson in lessons:
        items = sorted(lesson_questions(lesson), key=lambda item: rank(slug, item.key))
        drawn.extend(items[:per_lesson])
    if len(drawn) > limit:
        drawn = sorted(drawn, key=lambda item: rank(slug, salt, "keep", item.key))[:limit]
    return tuple(sorted(drawn, key=lambda item: rank(slug, salt, "order", item.key)))


def key_words(lessons: Iterable[Lesson], per_lesson: int | None = None) -> tuple[KeyWord, ...]:
    """The vocabulary of ``lessons`` in lesson order, each term once (the first lesson's entry);
    with ``per_lesson``, at most that many new terms from each lesson, in the lesson's own order."""
    seen: dict[str, KeyWord] = {}
    for lesson in lessons:
        taken = 0
        for entry in lesson.vocabulary:
            if per_lesson is not None and taken >= per_lesson:
                break
            if entry.term.casefold() not in seen:
                seen[entry.term.casefold()] = KeyWord(entry.term, entry.explanation, entry.picture, lesson.id)
                taken += 1
    return tuple(seen.values())


def session_lessons(course: Course, session: Session) -> list[Lesson]:
    """The lessons ``session`` draws on: those it names and every lesson of the modules it names,
    once each, in the course's teaching order (ids the course lacks are skipped)."""
    wanted = set(session.lessons)
    for module in course.modules:
        if module.id in session.modules:
            wanted.update(module.lessons)
    return [lesson for lesson in course.ordered_lessons() if lesson.id in wanted]


def repetition_sessions(course: Course) -> Iterator[tuple[str, Week, Day, Session]]:
    """The plan's repetition sessions with their sheet ids (``repetisjon-1``, ``-2``, … in plan order)."""
    if course.plan is None:
        return
    number = 0
    for week, day, session in course.plan.sessions():
        if session.kind == "repetition":
            number += 1
            yield f"{REPETITION_PREFIX}{number}", week, day, session


def repetition_sheets(course: Course) -> list[RepetitionSheet]:
    """A sheet for every repetition session of the course plan (``[]`` without a plan)."""
    sheets = []
    for number, (sheet_id, week, day, session) in enumerate(repetition_sessions(course), start=1):
        lessons = session_lessons(course, session)
        per_lesson = 2 if len(lessons) <= 4 else 1
        long_sheet = len(lessons) > LONG_SHEET_LESSONS
        sheets.append(
            RepetitionSheet(
                id=sheet_id,
                number=number,
                title=session.title or "Repetisjon",
                week=week.number,
                day=day.day,
                hours=session.hours,
                lessons=tuple(lessons),
                words=key_words(lessons, WORDS_PER_LESSON_IN_LONG_SHEETS if long_sheet else None),
                quiz=draw_questions(course.slug, lessons, per_lesson, MAX_SHEET_QUESTIONS, sheet_id),
                all_words=not long_sheet,
            )
        )
    return sheets


def repetition_sheet(course: Course, sheet_id: str) -> RepetitionSheet:
    """The sheet ``sheet_id``; a ``KeyError`` naming the sheets there are."""
    sheets = repetition_sheets(course)
    for sheet in sheets:
        if sheet.id == sheet_id:
            return sheet
    known = ", ".join(sheet.id for sheet in sheets) or "none (the course has no repetition sessions in its plan)"
    raise KeyError(f"course '{course.slug}' has no repetition sheet '{sheet_id}'; its sheets: {known}")

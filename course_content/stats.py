"""Per-lesson statistics: participant words, vocabulary entries and LIX readability."""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import CalloutBlock, ExerciseBlock, TextBlock
from .models import Course, Lesson
from .readability import EMPTY, TextStats, text_stats


@dataclass(frozen=True)
class LessonStats:
    lesson_id: str
    title: str
    text: TextStats
    vocabulary: int
    quiz_questions: int
    checklist_items: int
    exercises: int

    def as_dict(self) -> dict:
        return {
            "lesson": self.lesson_id,
            "title": self.title,
            "words": self.text.words,
            "sentences": self.text.sentences,
            "lix": round(self.text.lix, 1),
            "vocabulary": self.vocabulary,
            "quiz_questions": self.quiz_questions,
            "checklist_items": self.checklist_items,
            "exercises": self.exercises,
        }


def participant_text(lesson: Lesson) -> list[str]:
    """The participant-facing prose of a lesson: text, callouts and exercises."""
    parts = []
    for block in lesson.participant_blocks():
        if isinstance(block, TextBlock):
            parts.append(block.body)
        elif isinstance(block, (CalloutBlock, ExerciseBlock)):
            parts.extend([block.title + ".", block.body])
    return parts


def lesson_stats(lesson: Lesson) -> LessonStats:
    text = sum((text_stats(part) for part in participant_text(lesson)), EMPTY)
    return LessonStats(
        lesson_id=lesson.id,
        title=lesson.title,
        text=text,
        vocabulary=len(lesson.vocabulary),
        quiz_questions=sum(len(quiz.questions) for quiz in lesson.quizzes),
        checklist_items=sum(len(checklist.items) for checklist in lesson.checklists),
        exercises=len(lesson.blocks_of(ExerciseBlock)),
    )


def course_stats(course: Course) -> list[LessonStats]:
    return [lesson_stats(lesson) for lesson in course.ordered_lessons()]


def average_lix(stats: list[LessonStats]) -> float:
    """LIX over all participant text of the lessons together (not a mean of per-lesson LIX)."""
    return sum((row.text for row in stats), EMPTY).lix

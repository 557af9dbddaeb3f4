"""The part of the answer key a quiz needs to check answers in the browser: per question the
indexes of the correct choices and the explanation shown after checking. Nothing else (no teacher
notes, no other lesson's answers) goes into a page."""

from __future__ import annotations

from course_content import Lesson


def quiz_key(lessons: list[Lesson]) -> dict:
    """``{lesson id: {quiz id: {question id: {"correct": [...], "explanation": ...}}}}``."""
    return {
        lesson.id: {
            quiz.id: {
                question.id: {"correct": sorted(question.correct_choices()), "explanation": question.explanation}
                for question in quiz.questions
            }
            for quiz in lesson.quizzes
        }
        for lesson in lessons
        if lesson.quizzes
    }

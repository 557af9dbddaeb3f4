"""Participants' records follow ids renamed upstream (``renamed:`` in a course's course.yaml).

Quiz attempts keep their quiz id and answers by question id; lesson progress keeps ticked items by
checklist id. When a release renames one of these, the importer sends
:data:`ksi_courses.signals.ids_renamed` and the records move to the new id, so nothing a participant did
is lost or counted twice.
"""

from __future__ import annotations

from django.db import transaction

from .lessons import page_checklists, page_quizzes
from .models import LessonProgress, QuizAttempt


def move_records(sender, page, old: str, new: str, **kwargs) -> int:
    """Move the records of ``page`` from the id path ``old`` to ``new``; return how many changed."""
    old_parts, new_parts = old.split("/"), new.split("/")
    if len(old_parts) != len(new_parts):
        return 0
    if old_parts[0] in page_quizzes(page) or new_parts[0] in page_quizzes(page):
        return _move_quiz(page, old_parts, new_parts)
    if old_parts[0] in page_checklists(page) or new_parts[0] in page_checklists(page):
        return _move_checklist(page, old_parts, new_parts)
    return 0


def _move_quiz(page, old: list[str], new: list[str]) -> int:
    if len(old) == 1:
        return QuizAttempt.objects.filter(lesson=page, quiz_id=old[0]).update(quiz_id=new[0])
    changed = 0
    with transaction.atomic():
        for attempt in QuizAttempt.objects.select_for_update().filter(lesson=page, quiz_id=new[0]):
            if old[1] in attempt.answers and new[1] not in attempt.answers:
                attempt.answers = {(new[1] if key == old[1] else key): value for key, value in attempt.answers.items()}
                attempt.save(update_fields=["answers"])
                changed += 1
    return changed


def _move_checklist(page, old: list[str], new: list[str]) -> int:
    changed = 0
    with transaction.atomic():
        for progress in LessonProgress.objects.select_for_update().filter(lesson=page):
            state = dict(progress.checklist)
            if len(old) == 1 and old[0] in state and new[0] not in state:
                state[new[0]] = state.pop(old[0])
            elif len(old) == 2 and old[1] in state.get(new[0], []):
                state[new[0]] = [new[1] if item == old[1] else item for item in state[new[0]]]
            else:
                continue
            progress.checklist = state
            progress.save(update_fields=["checklist"])
            changed += 1
    return changed

"""Checklist state and lesson completion. Pure: content model in, plain JSON-able values out.

A lesson is complete when every checklist item is ticked and every quiz has been submitted
(right or wrong: the grade measures correctness, completion measures that the work was done).
Completion is the share of those tasks done, so a participant sees it grow. A lesson with no
checklist and no quiz has nothing to do; the block then leaves completion to the platform
(complete on view).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from course_content import Lesson

#: Checklist state as stored: checklist id → ids of the ticked items.
CheckedItems = Mapping[str, Collection[str]]


class ChecklistError(ValueError):
    """A toggle names a checklist or item the lesson does not have."""


def has_tasks(lesson: Lesson) -> bool:
    """Whether the lesson has anything to tick or submit."""
    return bool(lesson.checklists or lesson.quizzes)


def toggle_item(lesson: Lesson, checked: CheckedItems, checklist_id: object, item_id: object, done: bool) -> dict[str, list[str]]:
    """Checklist state with one item ticked (``done``) or unticked; items keep content order.

    State of checklists no longer in the lesson is dropped, so an upgraded lesson does not
    carry ticks for items that are gone.
    """
    checklist = next((c for c in lesson.checklists if c.id == checklist_id), None)
    if checklist is None:
        known = ", ".join(c.id for c in lesson.checklists) or "none"
        raise ChecklistError(f"lesson '{lesson.id}' has no checklist {checklist_id!r} (checklists: {known})")
    if item_id not in {item.id for item in checklist.items}:
        raise ChecklistError(f"checklist '{checklist.id}' has no item {item_id!r}")
    state = {c.id: ticked_items(lesson, checked, c.id) for c in lesson.checklists}
    ticked = set(state[checklist.id]) - {item_id} | ({item_id} if done else set())
    state[checklist.id] = [item.id for item in checklist.items if item.id in ticked]
    return {key: value for key, value in state.items() if value}


def ticked_items(lesson: Lesson, checked: CheckedItems, checklist_id: str) -> list[str]:
    """Ticked item ids of one checklist, limited to items the lesson still has."""
    checklist = next((c for c in lesson.checklists if c.id == checklist_id), None)
    if checklist is None:
        return []
    ticked = set(checked.get(checklist_id, ()))
    return [item.id for item in checklist.items if item.id in ticked]


def completion(lesson: Lesson, checked: CheckedItems, submitted_quizzes: Collection[str]) -> float:
    """Share of the lesson's tasks done, 0.0–1.0 (1.0 for a lesson without tasks)."""
    items = sum(len(c.items) for c in lesson.checklists)
    done = sum(len(ticked_items(lesson, checked, c.id)) for c in lesson.checklists)
    quizzes = [quiz.id for quiz in lesson.quizzes]
    total = items + len(quizzes)
    if not total:
        return 1.0
    done += sum(quiz_id in submitted_quizzes for quiz_id in quizzes)
    return done / total

"""Write a course's vocabulary as files: ``glossary.yaml`` plus each lesson's term list.

The inverse of :func:`course_content.glossary.resolve_vocabulary`, used when a course model is
written back to a folder (``export_ksi_courses``). A lesson's vocabulary entries are complete, and
a municipality may have edited one lesson's copy of a term, so nothing may be dropped:

- per term and field (explanation, picture, safety, and each language of translations and review)
  the glossary takes the value most lessons use; on a tie, the course's own glossary value if it is
  one of them, else the value of the first lesson in teaching order;
- a lesson whose value differs keeps it as a lesson-level override (``explanation:``, or only the
  languages that differ under ``translations:``/``review:``).

So an edit to a term taught in one lesson becomes the glossary's value, and an edit to one lesson's
copy of a term taught in several stays with that lesson. Loading the written folder gives back
exactly the entries written.
"""

from __future__ import annotations

from collections import Counter

from .base import LANGUAGES
from .blocks import VocabularyBlock, VocabularyEntry
from .models import Course

_SCALARS = ("explanation", "picture", "safety")
_PER_LANGUAGE = ("translations", "review")


def split_vocabulary(course: Course) -> tuple[list[dict], dict[str, list[list[dict]]]]:
    """``(glossary entries, {lesson id: [items of each vocabulary block]})`` as file data."""
    uses: dict[str, list[VocabularyEntry]] = {}
    for lesson in course.ordered_lessons() + [
        lesson for lesson in course.lessons.values() if not _listed(course, lesson)
    ]:
        for entry in lesson.vocabulary:
            uses.setdefault(entry.term, []).append(entry)
    shipped = course.glossary.by_term() if course.glossary is not None else {}
    course_review = dict(course.translations)
    chosen = {term: _choose(entries, shipped.get(term)) for term, entries in uses.items()}
    glossary = [_glossary_item(term, values, course_review) for term, values in chosen.items()]
    lessons: dict[str, list[list[dict]]] = {}
    for lesson in course.lessons.values():
        lessons[lesson.id] = [
            [_lesson_item(entry, chosen[entry.term]) for entry in block.entries]
            for block in lesson.blocks_of(VocabularyBlock)
        ]
    return glossary, lessons


def _listed(course: Course, lesson) -> bool:
    return any(lesson.id in module.lessons for module in course.modules)


def _fields(entry: VocabularyEntry) -> dict:
    data = entry.model_dump(mode="json")
    data["review"] = {code: data["review"].get(code) for code in LANGUAGES}
    return data


def _choose(entries: list[VocabularyEntry], shipped: VocabularyEntry | None) -> dict:
    """The glossary's value of every field of a term, from the lessons' copies."""
    copies = [_fields(entry) for entry in entries]
    preferred = _fields(shipped) if shipped is not None else {}
    values: dict = {}
    for name in _SCALARS:
        values[name] = _most_used([copy[name] for copy in copies], preferred.get(name))
    for name in _PER_LANGUAGE:
        values[name] = {
            code: _most_used([copy[name][code] for copy in copies], preferred.get(name, {}).get(code))
            for code in LANGUAGES
        }
    return values


def _most_used(values: list, preferred):
    counts = Counter(values)
    top = max(counts.values())
    tied = [value for value in counts if counts[value] == top]
    return preferred if preferred in tied else tied[0]


def _glossary_item(term: str, values: dict, course_review: dict) -> dict:
    item: dict = {"term": term, "explanation": values["explanation"]}
    if values["picture"]:
        item["picture"] = values["picture"]
    if values["safety"]:
        item["safety"] = True
    item["translations"] = dict(values["translations"])
    review = {code: status for code, status in values["review"].items() if status and status != course_review.get(code)}
    if review:
        item["review"] = review
    return item


def _lesson_item(entry: VocabularyEntry, values: dict) -> dict:
    data = _fields(entry)
    item: dict = {"term": entry.term}
    for name in _SCALARS:
        if data[name] != values[name]:
            item[name] = data[name]
    for name in _PER_LANGUAGE:
        differing = {code: data[name][code] for code in LANGUAGES if data[name][code] != values[name][code]}
        if differing:
            item[name] = differing
    if "explanation" in item and len(item.get("translations", ())) == len(LANGUAGES):
        # Every translation differs: the loader takes such an item as a whole entry, so write all of it.
        item = {"term": entry.term, **{name: data[name] for name in (*_SCALARS, *_PER_LANGUAGE)}}
    return item

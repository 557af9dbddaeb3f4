"""Review one language of a course's vocabulary beside the Norwegian (issue 20).

The vocabulary lives on the lesson pages: each vocabulary block holds full entries (term,
explanation, a translation per language, the languages a native speaker has ``reviewed``), the
course glossary resolved into every lesson that teaches a term. A review works on the course's
terms, not on single lessons:

- :func:`term_rows` lists every term of the course once, with its explanation, the translation
  most lessons use (the one ``export_ksi_courses`` writes to ``glossary.yaml``), any other
  translations lessons use, and whether every copy is reviewed;
- :func:`save_translations` writes corrected translations into every live lesson page that uses
  the term and marks the corrected entries reviewed;
- :func:`mark_language_reviewed` marks every entry of the language reviewed and the course's
  status for the language (``translations`` on the course page), and logs who and when.

Changes are published as new page revisions by the reviewer (history and the lesson and course
caches follow the revision), and a draft waiting on a page gets the same change, so it is not
lost or published by the review. To the importer the changed pages are local edits: a later
``import_ksi_courses`` keeps them and reports them, and ``export_ksi_courses`` writes them back.
Input is checked as a whole before anything is written (:class:`ReviewError`).
"""

from __future__ import annotations

import copy
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from course_content.base import LANGUAGES

from .models import CoursePage, LessonPage
from .review_log import TranslationReview

MAX_LENGTH = 200


class ReviewError(ValueError):
    """Bad input for a review; ``messages`` say what is wrong and where, in Norwegian."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class TermRow:
    """One term of the course as the review screen shows it."""

    id: str
    term: str
    explanation: str
    translation: str
    variants: list[str] = field(default_factory=list)
    reviewed: bool = False
    safety: bool = False
    lessons: list[str] = field(default_factory=list)


def term_id(term: str) -> str:
    """A short stable id for ``term`` in form field names (the term itself may hold any letter)."""
    return hashlib.sha256(term.encode()).hexdigest()[:12]


def course_languages(course_page) -> list[str]:
    """The vocabulary languages of the course, in the package's order."""
    return [code for code in LANGUAGES if code in (course_page.translations or {})]


def check_language(course_page, language: str) -> None:
    if language not in course_languages(course_page):
        known = ", ".join(course_languages(course_page)) or "ingen"
        raise ReviewError([f"Kurset «{course_page.title}» har ikke språket «{language}» (språkene er: {known})."])


def lesson_pages(course_page) -> list:
    """The live lessons of the course, in course order."""
    return list(LessonPage.objects.live().descendant_of(course_page).order_by("path").specific())


def term_rows(course_page, language: str) -> list[TermRow]:
    """Every vocabulary term of the course once, in order of first use, for ``language``."""
    check_language(course_page, language)
    copies: dict[str, list[tuple[dict, str]]] = {}
    for page in lesson_pages(course_page):
        for entry in _entries(page.body.raw_data):
            copies.setdefault(entry["term"], []).append((entry, page.title))
    rows = []
    for term, uses in copies.items():
        translations = Counter(entry.get("translations", {}).get(language, "") for entry, _ in uses)
        chosen = translations.most_common(1)[0][0]
        rows.append(
            TermRow(
                id=term_id(term),
                term=term,
                explanation=Counter(entry.get("explanation", "") for entry, _ in uses).most_common(1)[0][0],
                translation=chosen,
                variants=[text for text in translations if text != chosen],
                reviewed=all(language in (entry.get("reviewed") or ()) for entry, _ in uses),
                safety=any(entry.get("safety") for entry, _ in uses),
                lessons=list(dict.fromkeys(title for _, title in uses)),
            )
        )
    return rows


def latest_review(course_page, language: str) -> TranslationReview | None:
    return (
        TranslationReview.objects.filter(course_page=course_page, language=language).select_related("reviewer").first()
    )


@transaction.atomic
def save_translations(course_page, language: str, submitted: dict[str, str], user) -> list[str]:
    """Write the corrected translations (``{term id: text}``) into every lesson that uses the
    term and mark those entries reviewed; returns the terms changed. Raises :class:`ReviewError`
    (nothing written) for an unknown language or term id or an empty or overlong translation."""
    rows = {row.id: row for row in term_rows(course_page, language)}
    problems, corrections = [], {}
    for key, raw in submitted.items():
        row = rows.get(key)
        if row is None:
            problems.append(
                f"Ordet med id «{key}» finnes ikke i kurset «{course_page.title}». "
                "Last inn siden på nytt og prøv igjen (noen kan ha endret leksjonene)."
            )
            continue
        text = " ".join((raw or "").split())
        if not text:
            problems.append(f"«{row.term}»: oversettelsen kan ikke være tom. Skriv oversettelsen, eller la den stå.")
        elif len(text) > MAX_LENGTH:
            problems.append(f"«{row.term}»: oversettelsen er for lang ({len(text)} tegn, høyst {MAX_LENGTH}).")
        elif text != row.translation or row.variants:
            corrections[row.term] = text
    if problems:
        raise ReviewError(problems)
    if not corrections:
        return []

    def correct(raw_stream: list) -> bool:
        changed = False
        for entry in _entries(raw_stream):
            text = corrections.get(entry["term"])
            if text is None:
                continue
            translations = entry.setdefault("translations", {})
            reviewed = list(entry.get("reviewed") or [])
            if translations.get(language) != text:
                translations[language] = text
                if language not in reviewed:
                    entry["reviewed"] = [code for code in LANGUAGES if code in {*reviewed, language}]
                changed = True
        return changed

    for page in lesson_pages(course_page):
        _publish_change(page, correct, user)
    return sorted(corrections)


@transaction.atomic
def mark_language_reviewed(course_page, language: str, user) -> TranslationReview:
    """Mark every vocabulary entry of the course in ``language`` reviewed, and the course's status
    for the language; logs the reviewer and the time."""
    check_language(course_page, language)
    count = 0

    def mark(raw_stream: list) -> bool:
        nonlocal count
        changed = False
        for entry in _entries(raw_stream):
            reviewed = list(entry.get("reviewed") or [])
            if language not in reviewed:
                entry["reviewed"] = [code for code in LANGUAGES if code in {*reviewed, language}]
                changed = True
                count += 1
        return changed

    for page in lesson_pages(course_page):
        _publish_change(page, mark, user)
    course_page = CoursePage.objects.get(pk=course_page.pk)
    if course_page.translations.get(language) != "reviewed":
        _publish_fields(course_page, {"translations": {**course_page.translations, language: "reviewed"}}, user)
    return TranslationReview.objects.create(course_page=course_page, language=language, reviewer=user, entries=count)


def _entries(raw_stream) -> list[dict]:
    """The vocabulary entries (raw, mutable) of a lesson body's raw data."""
    found = []
    for block in raw_stream:
        if block.get("type") == "vocabulary":
            found += [entry for entry in (block.get("value") or {}).get("entries") or () if isinstance(entry, dict)]
    # ListBlock items are stored as {"type": "item", "value": {...}, "id": ...} since Wagtail 2.16.
    return [entry["value"] if entry.get("type") == "item" and "value" in entry else entry for entry in found]


def _publish_change(page, change: Callable[[list], bool], user) -> None:
    """Apply ``change`` to the live body of ``page`` and publish it; a waiting draft gets it too."""
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    body = copy.deepcopy(list(page.body.raw_data))
    if change(body):
        page.body = body
        page.save_revision(user=user, clean=False, log_action=True).publish(user=user)
    if draft is not None:
        draft_body = copy.deepcopy(list(draft.body.raw_data))
        if change(draft_body):
            draft.body = draft_body
            draft.save_revision(user=user, clean=False, log_action=True)


def _publish_fields(page, values: dict, user) -> None:
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision(user=user, clean=False, log_action=True).publish(user=user)
    if draft is not None:
        for name, value in values.items():
            setattr(draft, name, value)
        draft.save_revision(user=user, clean=False, log_action=True)

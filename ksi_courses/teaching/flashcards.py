"""Word practice (flash cards) for a lesson or a whole course: the cards and the participant's boxes.

The cards are the key words of the page's vocabulary blocks, each word once (a word met in
several lessons is one card). Logged-in participants keep their boxes here
(:class:`~.models.FlashcardState`, one row per word); visitors who are not logged in keep them in
the browser. The box rule is :mod:`.leitner`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from ksi_courses.models import CoursePage, LessonPage

from . import leitner
from .lessons import course_lessons, course_of
from .models import FlashcardState


class FlashcardError(ValueError):
    """An answer that does not fit the cards (unknown word or answer); the message says which."""


@dataclass(frozen=True)
class Card:
    word: str
    explanation: str
    translation: str
    picture: str  # id in the picture library, "" without a picture
    entry: Any = field(compare=False, repr=False)  # the vocabulary block's entry (review status for the template)


@dataclass(frozen=True)
class Deck:
    """The cards of one lesson or course, with the page they belong to."""

    page: LessonPage | CoursePage
    course: CoursePage | None
    lessons: list[LessonPage]
    cards: list[Card]

    @property
    def words(self) -> set[str]:
        return {card.word for card in self.cards}


def visible_page(request, page_id: int) -> LessonPage | CoursePage:
    """The live lesson or course page ``page_id`` if this request may see it, else 404
    (Wagtail's page privacy applies as on the page itself)."""
    for model in (LessonPage, CoursePage):
        page = model.objects.live().filter(pk=page_id).first()
        if page is not None:
            if all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
                return page
            break
    raise Http404("no such lesson or course")


def page_lessons(request, page: LessonPage | CoursePage) -> list[LessonPage]:
    """The lesson itself, or the course's lessons this request may see, in teaching order."""
    if isinstance(page, LessonPage):
        return [page]
    # The course's own restrictions were checked with the course; those below it in two queries.
    below = PageViewRestriction.objects.filter(page__path__startswith=page.path, page__depth__gt=page.depth)
    refused = [r.page.path for r in below.select_related("page") if not r.accept_request(request)]
    return [lesson for lesson in course_lessons(page) if not any(lesson.path.startswith(path) for path in refused)]


def vocabulary_language(request, page: LessonPage | CoursePage, lessons: list[LessonPage]) -> str:
    """The language the visitor reads key words in, by the lesson pages' own hook (so a site
    that remembers the choice, or overrides the hook, gets the same language here)."""
    hook = getattr(page, "get_vocabulary_language", None) or (lessons[0].get_vocabulary_language if lessons else None)
    return hook(request) if hook else "en"


def build_deck(page: LessonPage | CoursePage, lessons: list[LessonPage], language: str) -> Deck:
    """The cards of ``lessons`` (those of ``page``) with translations into ``language``."""
    cards: dict[str, Card] = {}
    for lesson in lessons:
        for block in lesson.body:
            if block.block_type != "vocabulary":
                continue
            for entry in block.value["entries"]:
                word = entry["term"].strip()
                if word and word not in cards:
                    cards[word] = Card(
                        word=word,
                        explanation=entry["explanation"],
                        translation=(entry["translations"].get(language) or "").strip(),
                        picture=entry.get("picture") or "",
                        entry=entry,
                    )
    course = page if isinstance(page, CoursePage) else course_of(page)
    return Deck(page=page, course=course, lessons=lessons, cards=list(cards.values()))


def saved_states(participant, words) -> dict[str, dict]:
    """The participant's boxes for ``words``, as the page script reads them."""
    rows = FlashcardState.objects.filter(participant=participant, word__in=list(words))
    return {row.word: {"box": row.box, "due": row.due_at.isoformat()} for row in rows}


def record_answer(participant, deck: Deck, word: str, reply: str) -> FlashcardState:
    """Move ``word`` to its next box after the participant's ``reply`` (``kan`` or ``ov``)."""
    if word not in deck.words:
        raise FlashcardError(_("There is no card “%(word)s” here. Reload the page and try again.") % {"word": word[:80]})
    if reply not in leitner.ANSWERS:
        raise FlashcardError(_("Unknown answer “%(answer)s”. Reload the page and try again.") % {"answer": reply[:20]})
    now = timezone.now()
    with transaction.atomic():
        row = FlashcardState.objects.select_for_update().filter(participant=participant, word=word).first()
        old = leitner.CardState(row.box, row.due_at) if row else None
        new = leitner.answer(old, reply, now)
        row, _created = FlashcardState.objects.update_or_create(
            participant=participant, word=word, defaults={"box": new.box, "due_at": new.due_at}
        )
    return row

"""Word practice pages: flash cards for a lesson or a course, and saving a participant's answers.

Anyone who may read the page may practise; the boxes of logged-in participants are saved here
(each participant sees and changes only their own), those of other visitors stay in their browser.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from course_content.base import LANGUAGES
from course_content.pictures import library

from .. import leitner
from ..flashcards import (
    FlashcardError,
    build_deck,
    page_lessons,
    record_answer,
    saved_states,
    visible_page,
    vocabulary_language,
)
from .account import LOGIN_URL


@require_GET
def flashcards(request, page_id: int):
    """The flash cards of a lesson or a course (``?sprak=`` or the remembered key-word language)."""
    page = visible_page(request, page_id)
    lessons = page_lessons(request, page)
    language = vocabulary_language(request, page, lessons)
    deck = build_deck(page, lessons, language)
    logged_in = request.user.is_authenticated
    config = {
        "intervals": list(leitner.INTERVAL_DAYS),
        "known": leitner.KNOWN,
        "practise": leitner.PRACTISE,
        "states": saved_states(request.user, deck.words) if logged_in else None,
        "saveUrl": reverse("ksi_teaching:flashcard_answer", args=[page.pk]) if logged_in else "",
        # Boxes of visitors who are not logged in stay in this browser, under this name.
        "storage": "ksi-ordkort",
        "texts": {
            "count": _("Card {n} of {total}"),
            "back": _("The other side: {text}"),
            "picture": _("Picture: what is it called?"),
            "done": _("Done for now. You know {known} of {total} words."),
            "notSaved": _("Not saved: no connection. Your answers count on this page."),
        },
    }
    return render(
        request,
        "ksi_teaching/flashcards.html",
        {
            "page": page,
            "deck": deck,
            "vocabulary_language": language,
            "languages": list(LANGUAGES.items()),
            "vocabulary_reviewed": bool(deck.course and deck.course.translations.get(language) == "reviewed"),
            "flashcard_config": config,
            "picture_credits": library().credits(card.picture for card in deck.cards),
        },
    )


@require_POST
def flashcard_answer(request, page_id: int):
    """Save one answer (``word``, ``svar`` = ``kan`` or ``ov``) to the logged-in participant's boxes."""
    page = visible_page(request, page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("ksi_teaching:flashcards", args=[page.pk]), LOGIN_URL)
    deck = build_deck(page, page_lessons(request, page), "en")
    try:
        row = record_answer(request.user, deck, request.POST.get("word", ""), request.POST.get("svar", ""))
    except FlashcardError as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=400)
    return JsonResponse({"ok": True, "word": row.word, "box": row.box, "due": row.due_at.isoformat()})

"""The language shown beside the Norwegian key words, remembered from lesson to lesson.

A visitor picks it at a word list (a GET form: ``?sprak=ar``). The choice is kept in a cookie for
everyone and, for a logged-in user when the teaching app is installed, saved with their account,
so a participant finds it again on another phone. Order: ``?sprak=``, the cookie, the saved
choice, English.
"""

from __future__ import annotations

from django.apps import apps

from course_content.base import LANGUAGES

COOKIE = "ksi_sprak"
COOKIE_MAX_AGE = 365 * 24 * 3600
DEFAULT = "en"


def vocabulary_language(request) -> str:
    """The vocabulary language for this request (see the module docstring)."""
    for code in (request.GET.get("sprak"), request.COOKIES.get(COOKIE)):
        if code in LANGUAGES:
            return code
    saved = _saved_choice(request)
    return saved if saved in LANGUAGES else DEFAULT


def remember_choice(request, response) -> None:
    """After a page answered ``?sprak=CODE``: keep CODE in the cookie (and the account)."""
    code = request.GET.get("sprak")
    if code not in LANGUAGES or getattr(response, "status_code", 500) != 200:
        return
    if request.COOKIES.get(COOKIE) == code:
        return  # nothing new: no cookie, no write
    response.set_cookie(COOKIE, code, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure())
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and _teaching_installed():
        from ksi_courses.teaching.models import VocabularyLanguage

        VocabularyLanguage.objects.update_or_create(participant=user, defaults={"language": code})


def _saved_choice(request) -> str | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not _teaching_installed():
        return None
    from ksi_courses.teaching.models import VocabularyLanguage

    return VocabularyLanguage.objects.filter(participant=user).values_list("language", flat=True).first()


def _teaching_installed() -> bool:
    return apps.is_installed("ksi_courses.teaching")

"""Offline reading: which pages a "save" stores on the phone, and the service worker's settings.

The browser side is ``offline.js`` (save buttons, the queue of actions taken offline) and the
service worker (``ksi_teaching/service-worker.js``, served by :mod:`.views.offline` at a URL whose
scope covers the course pages). Pages are saved in one Cache Storage cache, :data:`CACHE_NAME`;
a new name (e.g. after a change to what is cached) makes the worker drop the old cache.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ksi_courses.models import CoursePage, LessonPage, ModulePage

from .flashcards import page_lessons

CACHE_NAME = "ksi-offline-v1"
QUEUE_NAME = "ksi-offline-queue"


def pages_to_save(request, page: LessonPage | CoursePage) -> list[str]:
    """The URLs (paths) of the pages a save of ``page`` stores: a lesson with its flash cards, or
    the course page, its modules, every lesson the visitor may see and their flash cards."""
    flashcards = "ksi_teaching:flashcards"
    if isinstance(page, LessonPage):
        return [page.url, reverse(flashcards, args=[page.pk])]
    lessons = page_lessons(request, page)
    urls = [page.url, reverse(flashcards, args=[page.pk])]
    urls += [module.url for module in ModulePage.objects.child_of(page).live().order_by("path")]
    for lesson in lessons:
        urls += [lesson.url, reverse(flashcards, args=[lesson.pk])]
    return urls


def lesson_action_prefix() -> str:
    """The path every lesson action (done, checklist, quiz) starts with: the actions offline.js queues."""
    done = reverse("ksi_teaching:lesson_done", args=[0])
    return done[: done.index("/0/") + 1]


def client_config(request) -> dict:
    """What ``offline.js`` needs to know, as JSON in the page."""
    logged_in = bool(getattr(request, "user", None) and request.user.is_authenticated)
    return {
        "worker": reverse("ksi_teaching:service_worker"),
        "scope": "/",
        "cache": CACHE_NAME,
        "queue": QUEUE_NAME,
        # Visitors have no lesson actions to queue (their pages have no such forms).
        "actions": lesson_action_prefix() if logged_in else "",
        "logout": reverse("ksi_teaching:logout"),
        "loggedIn": logged_in,
        "texts": {
            "saving": _("Saving …"),
            "saved": _("Saved on this phone. You can read it without the internet."),
            "savedBefore": _("This page is saved on this phone."),
            "notSaved": _("Could not save. Try again when you are online."),
            "queued": _("You are offline. The change is kept on this phone and sent when you are online again."),
            "sent": _("The changes you made offline have been sent."),
            "loginAgain": _("The changes you made offline are not sent yet. Log in, and they will be sent."),
        },
    }

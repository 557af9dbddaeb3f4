"""Locked logins: django-axes counts wrong passwords per username and IP address and locks the
login after ``AXES_FAILURE_LIMIT`` of them (settings in ``recommended_settings.KSI_AXES_SETTINGS``).

This module is the course app's side of it: the login page that explains the lock
(``AXES_LOCKOUT_CALLABLE``), which participants of a run are locked, and lifting a lock. Who may
lift whose lock is decided in :func:`~.access.lock_liftable`.
"""

from __future__ import annotations

from collections.abc import Iterable

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .account_forms import LoginForm

#: The length of ``AccessAttempt.username``.
USERNAME_LENGTH = 255


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, saying that the login is locked and what to do (``AXES_LOCKOUT_CALLABLE``)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "form": LoginForm(request, initial={"username": username}),
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "locked": lockout_message(request),
    }
    return render(request, "ksi_teaching/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def lockout_message(request) -> str:
    """What a locked-out user reads: what happened and what to do, in plain words."""
    cool_off = get_cool_off(request)
    message = _("You typed a wrong password too many times. For safety, you cannot log in now.")
    if cool_off:
        minutes = max(1, round(cool_off.total_seconds() / 60))
        wait = ngettext(
            "Wait %(minutes)d minute and try again, or ask your teacher to open your account.",
            "Wait %(minutes)d minutes and try again, or ask your teacher to open your account.",
            minutes,
        ) % {"minutes": minutes}
    else:
        wait = _("Ask your teacher to open your account.")
    return f"{message} {wait}"


def locked_usernames(request, usernames: Iterable[str]) -> set[str]:
    """Which of ``usernames`` cannot log in now (from some address) because of wrong passwords."""
    attempts = AccessAttempt.objects.filter(
        username__in=list(usernames), failures_since_start__gte=get_failure_limit(request, None)
    )
    cool_off = get_cool_off(request)
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return set(attempts.values_list("username", flat=True))


def axes_username(request, credentials=None) -> str | None:
    """The username axes counts failures for (``AXES_USERNAME_CALLABLE``): the one typed, cut to
    the 255 characters axes' table holds and without NUL characters, which PostgreSQL refuses.

    Django's login forms do not limit the length of what is typed, so without this a very long
    username gave a server error instead of a failed login.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    if not isinstance(username, str):
        return username
    return username.replace("\x00", "")[:USERNAME_LENGTH]


def lift(username: str) -> int:
    """Let ``username`` log in again from every address; returns how many failure records were removed."""
    return reset(username=username)

"""When a one-time password expires, and whether a user still has one to replace.

A teacher hands out one-time passwords on paper. One that was never used must not work for
ever, so it expires after ``KSI_ONE_TIME_PASSWORD_DAYS`` days (default 14); the teacher then
gives a new one. Until the participant has chosen their own password, the password page is the
only page they can use (:class:`~.middleware.FirstLoginMiddleware`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from .models import TemporaryPassword

DEFAULT_DAYS = 14


def valid_days() -> int:
    """``settings.KSI_ONE_TIME_PASSWORD_DAYS``: how many days a one-time password can be used."""
    days = getattr(settings, "KSI_ONE_TIME_PASSWORD_DAYS", DEFAULT_DAYS)
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ImproperlyConfigured(f"KSI_ONE_TIME_PASSWORD_DAYS must be a whole number of days, 1 or more (it is {days!r})")
    return days


def issued_at(user) -> datetime | None:
    """When ``user`` got the one-time password they still have, or ``None`` (own password)."""
    if not user.is_authenticated:
        return None
    return TemporaryPassword.objects.filter(user_id=user.pk).values_list("issued_at", flat=True).first()


def has_expired(issued: datetime, now: datetime | None = None) -> bool:
    """Whether a one-time password issued at ``issued`` is too old to be used."""
    return (now or timezone.now()) - issued > timedelta(days=valid_days())

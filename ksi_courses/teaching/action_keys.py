"""Idempotency keys for lesson actions: an action sent twice with the same key is done once.

A phone that was offline keeps the checklist ticks and quiz answers it could not send and sends
them when it is back online (``offline.js``); each carries a random key in the ``ksi_action_key``
field. The key is recorded in the same transaction as the action itself, under a unique
constraint, so a repeat (a lost response, two tabs sending the same queue) finds the key taken and
changes nothing: on PostgreSQL a concurrent repeat waits for the first to commit and then sees it.
Forms sent without a key behave as before.

A phone sends its queue as soon as it is online again, so a key only needs to be remembered for
as long as a queue can wait: keys older than :data:`KEEP_KEYS_FOR` are deleted when the same
participant records a new one (no table grows without end, and no job is needed for it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import HandledAction

FIELD = "ksi_action_key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
KEEP_KEYS_FOR = timedelta(days=30)

T = TypeVar("T")


class ActionKeyError(ValueError):
    """A malformed key; the message says what a key looks like."""


def action_key(data) -> str:
    """The request's idempotency key (``""`` if it sent none); raises :class:`ActionKeyError` if malformed."""
    key = data.get(FIELD, "")
    if key and not KEY_PATTERN.fullmatch(key):
        raise ActionKeyError(
            _("The field %(field)s must be 16–64 letters, digits, “-” or “_”.") % {"field": FIELD}
        )
    return key


def once(participant, key: str, action: Callable[[], T]) -> tuple[T | None, bool]:
    """Run ``action`` unless ``participant`` already sent ``key``: ``(result, False)`` when it
    ran, ``(None, True)`` for a repeat. Without a key the action always runs. If the action raises,
    the key is not recorded, so the same action can be sent again."""
    if not key:
        return action(), False
    with transaction.atomic():
        try:
            with transaction.atomic():
                HandledAction.objects.create(participant=participant, key=key)
        except IntegrityError:
            return None, True
        HandledAction.objects.filter(participant=participant, handled_at__lt=timezone.now() - KEEP_KEYS_FOR).delete()
        return action(), False

"""A write that cannot get the database in time answers 503 with a retry message, never 500.

On SQLite one writer at a time holds the database; the others wait up to the busy timeout
(``ksi_courses.recommended_settings.sqlite_options``). Should a write still not get its turn,
SQLite raises “database is locked”: the participant then sees a plain message and the browser a
``Retry-After`` header, instead of a server error. Nothing is half-saved: the transaction that
failed is rolled back.
"""

from __future__ import annotations

import functools
import logging

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: Seconds the browser is asked to wait before trying again.
RETRY_AFTER_SECONDS = 5


def is_database_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's “database is locked” (or “database table is locked”)."""
    return isinstance(exc, OperationalError) and "is locked" in str(exc).lower()


def busy_response(request) -> HttpResponse:
    """503 with a short Norwegian message (JSON for ``fetch`` requests) and ``Retry-After``."""
    message = _("Many people are saving at the same time. Wait a few seconds and try again.")
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"ok": False, "error": message}, status=503)
    else:
        try:
            response = render(request, "ksi_teaching/busy.html", {"message": message}, status=503)
        except OperationalError:  # the page itself needs the database: plain text will do
            response = HttpResponse(message, content_type="text/plain; charset=utf-8", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def database_busy_as_503(view):
    """Wrap ``view`` so that “database is locked” becomes :func:`busy_response`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OperationalError as exc:
            if not is_database_busy(exc):
                raise
            logger.warning("database busy, answered 503: %s %s", request.method, request.path)
            return busy_response(request)

    return wrapper

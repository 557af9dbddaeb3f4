"""First login: someone with a one-time password sees only the password page until they have
chosen their own password, and a one-time password that is too old logs nobody in.

Add ``FirstLoginMiddleware`` after Django's ``AuthenticationMiddleware`` and
``MessageMiddleware`` (``recommended_settings.KSI_MIDDLEWARE`` has it in the right place).
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import OperationalError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from . import one_time_passwords
from .busy import busy_response, is_database_busy


class FirstLoginMiddleware:
    """Every page but the password page, logging out and static files leads to the password page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        try:
            issued = one_time_passwords.issued_at(user) if user is not None else None
        except OperationalError as exc:  # this read runs before any view's busy handling
            if not is_database_busy(exc):
                raise
            return busy_response(request)
        if issued is not None:
            response = self._first_login(request, issued)
            if response is not None:
                return response
        return self.get_response(request)

    def _first_login(self, request, issued):
        path = request.path
        if path == reverse("ksi_teaching:logout"):
            return None
        login = reverse("ksi_teaching:login")
        if one_time_passwords.has_expired(issued):
            logout(request)
            messages.error(request, _("This one-time password is too old. Ask your teacher for a new one."), fail_silently=True)
            return HttpResponseRedirect(login)
        target = reverse("ksi_teaching:password_change")
        if path == target or any(path.startswith(prefix) for prefix in _open_prefixes()):
            return None
        if request.method == "GET" and path != login:
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseRedirect(target)


def _open_prefixes() -> list[str]:
    """Paths that stay open: static and media files (the password page's own style and logo) and
    the language switch (so the password page can be read in another language)."""
    prefixes = [url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and str(url).startswith("/") and str(url) != "/"]
    with contextlib.suppress(NoReverseMatch):  # the project may have no language switch
        prefixes.append(reverse("set_language"))
    return [str(prefix) for prefix in prefixes]

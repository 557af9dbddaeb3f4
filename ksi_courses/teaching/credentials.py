"""New one-time passwords between the form that made them and the page that shows them.

Adding participants is POST → redirect → GET: the POST creates the accounts and keeps their
one-time passwords in the teacher's session under the form's one-time key; the GET page shows
them. Reloading that page shows the same passwords again instead of creating ``amina.hassan2``.
The passwords stay in the session for :data:`KEEP_MINUTES` at most (and go at logout); the
database holds only Django's hash of each.
"""

from __future__ import annotations

import re
import secrets
import time

from .enrolment import Credentials

SESSION_KEY = "ksi_new_credentials"
KEEP_MINUTES = 15
#: The one-time key of a form (``secrets.token_urlsafe``), as it may be posted.
FORM_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_form_key() -> str:
    """A fresh one-time key for a form that adds participants."""
    return secrets.token_urlsafe(24)


def keep(session, run_id: int, key: str, credentials: list[Credentials]) -> None:
    """Keep ``credentials`` for the page of form ``key``; drop what is older than :data:`KEEP_MINUTES`."""
    now = time.time()
    kept = {k: v for k, v in session.get(SESSION_KEY, {}).items() if now - v["at"] < KEEP_MINUTES * 60}
    kept[key] = {"run": run_id, "at": now, "items": [[c.name, c.username, c.password] for c in credentials]}
    session[SESSION_KEY] = kept


def kept(session, run_id: int, key: str) -> list[Credentials] | None:
    """The credentials kept for form ``key`` of run ``run_id``, or None (expired, other run, unknown)."""
    entry = session.get(SESSION_KEY, {}).get(key)
    if not entry or entry["run"] != run_id or time.time() - entry["at"] >= KEEP_MINUTES * 60:
        return None
    return [Credentials(*item) for item in entry["items"]]

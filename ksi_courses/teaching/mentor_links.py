"""Links that let a workplace's mentor fill in one placement's evaluation without an account.

The token is 32 random bytes from :mod:`secrets` (256 bits, URL-safe Base64, 43 characters); only
its SHA-256 is stored (:class:`~.placement_models.MentorLink`), so a copy of the database opens no
evaluation. A link is found by the hash of the token it was given: the database compares hashes
of the visitor's input, so timing tells an attacker nothing about a stored token, and with 2**256
possible tokens guessing is futile (no rate limit is needed for that; the login's lock-out stays
where accounts are).

A link is valid for :data:`DEFAULT_DAYS` days: a practice period is two to four weeks and the
mentor fills in the evaluation midway and at the end, so a month from the day the teacher makes
the link covers a typical placement, while a link forwarded or left in a mailbox stops working
soon after. A new link for the same placement replaces the old one (one live link per placement).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from .placement_models import MentorLink, Placement, PlacementEvaluation

DEFAULT_DAYS = 30
MAX_DAYS = 120
TOKEN_BYTES = 32
#: What a token looks like (URL-safe Base64 of 32 bytes); anything else is not looked up at all.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class NewLink:
    """A link just made: the token is here and nowhere else (show it once)."""

    token: str
    link: MentorLink


def create_link(placement: Placement, created_by=None, *, days: int = DEFAULT_DAYS, now: datetime | None = None) -> NewLink:
    """A new mentor link for ``placement``, valid ``days`` days; earlier links of the placement stop working."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a mentor link is valid for 1 to {MAX_DAYS} days, not {days}")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = now or timezone.now()
    with transaction.atomic():
        MentorLink.objects.filter(placement=placement).delete()
        link = MentorLink.objects.create(
            placement=placement, token_hash=token_hash(token), expires_at=now + timedelta(days=days), created_by=created_by
        )
    return NewLink(token, link)


def valid_link(token: str, *, now: datetime | None = None) -> MentorLink | None:
    """The live link for ``token``, or ``None`` (unknown, malformed or expired: the caller cannot tell)."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        return None
    link = (
        MentorLink.objects.select_related("placement__workplace", "placement__enrolment__participant", "placement__enrolment__run__course")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None or link.expires_at <= (now or timezone.now()):
        return None
    return link


def current_link(placement: Placement, *, now: datetime | None = None) -> MentorLink | None:
    """The placement's live link (its expiry is shown to the teacher; the token is not kept)."""
    return placement.mentor_links.filter(expires_at__gt=now or timezone.now()).order_by("-expires_at").first()


def save_evaluation(placement: Placement, author: str, answers: dict) -> PlacementEvaluation:
    """Save (or correct) ``author``'s evaluation of ``placement``: one row per author."""
    if author not in PlacementEvaluation.Author.values:
        raise ValueError(f"an evaluation is by one of {', '.join(PlacementEvaluation.Author.values)}, not {author!r}")
    evaluation, _ = PlacementEvaluation.objects.update_or_create(
        placement=placement, author=author, defaults={"answers": answers}
    )
    return evaluation


# --- the evaluation form on the web ------------------------------------------------------------


def evaluation_form_class(form, field_ids):
    """A Django form class for the fields ``field_ids`` of the content form ``form`` (signatures
    are for paper and left out). Answers come back as JSON-ready values by field id."""
    from django import forms as django_forms

    by_id = {form_field.id: form_field for form_field in form.fields}
    fields = {}
    for field_id in field_ids:
        source = by_id[field_id]
        common = {"label": source.label, "help_text": source.help, "required": source.required and source.type != "checkbox"}
        if source.type == "text":
            fields[field_id] = django_forms.CharField(max_length=300, **common)
        elif source.type == "long_text":
            fields[field_id] = django_forms.CharField(max_length=4000, widget=django_forms.Textarea(attrs={"rows": 4}), **common)
        elif source.type == "date":
            fields[field_id] = django_forms.DateField(widget=django_forms.DateInput(attrs={"type": "date"}), **common)
        elif source.type == "number":
            fields[field_id] = django_forms.DecimalField(max_digits=8, decimal_places=2, **common)
        elif source.type == "single_choice":
            choices = [(choice, choice) for choice in source.choices]
            fields[field_id] = django_forms.ChoiceField(choices=choices, widget=django_forms.RadioSelect, **common)
        elif source.type == "multiple_choice":
            choices = [(choice, choice) for choice in source.choices]
            fields[field_id] = django_forms.MultipleChoiceField(
                choices=choices, widget=django_forms.CheckboxSelectMultiple, **common
            )
        elif source.type == "checkbox":
            fields[field_id] = django_forms.BooleanField(**common)

    def answers(self) -> dict:
        """The cleaned data as JSON values (dates as ISO text, numbers as text); empty answers left out."""
        result = {}
        for key, value in self.cleaned_data.items():
            if value in (None, "", [], False):
                continue
            result[key] = value.isoformat() if hasattr(value, "isoformat") else str(value) if not isinstance(value, bool | list) else value
        return result

    return type("EvaluationForm", (django_forms.Form,), {**fields, "answers": answers})

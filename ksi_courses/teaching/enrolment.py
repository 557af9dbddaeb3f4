"""Adding participants to a run: accounts with generated usernames and one-time passwords.

A teacher types names (one by one, or a CSV/list of names); each new participant gets a username
made from the name (:mod:`.usernames`, any script) and a one-time password. The password is shown
to the teacher on the next page and a printable sheet, kept for a few minutes in the teacher's
session only (:mod:`.credentials`); the database holds Django's hash of it, and the participant
is asked to choose their own password at first login (:class:`~.models.TemporaryPassword`).
Name lists are read and checked in :mod:`.name_lists`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CourseRun, Enrolment, MunicipalityMembership, SubmittedParticipantForm, TemporaryPassword
from .name_lists import ParticipantError, decode_upload, parse_names  # noqa: F401 (part of this module's API)
from .roles import PARTICIPANT_GROUP
from .usernames import username_base

#: Letters and digits that cannot be mistaken for each other on paper (no 0/o, 1/l/i).
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class AlreadySubmitted(Exception):
    """The form with this key has added its participants already (a double click or a reload)."""


@dataclass(frozen=True)
class Credentials:
    """What a teacher hands a new participant: name, username and the one-time password."""

    name: str
    username: str
    password: str


def generate_password() -> str:
    """A one-time password such as ``k7mq-x3pe-9hda`` (12 characters from 31: about 59 bits)."""
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def add_participant(run: CourseRun, first_name: str, last_name: str, municipality=None) -> Credentials:
    """Create an account for a new participant and enrol them in ``run`` (``municipality``: their home)."""
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name:
        raise ParticipantError(_("The first name is empty: type the participant's first name."))
    with transaction.atomic():
        password = generate_password()
        user = _create_user(first_name, last_name, password)
        user.groups.add(_participant_group())
        TemporaryPassword.objects.create(user=user)
        Enrolment.objects.create(run=run, participant=user)
        if municipality is not None:
            MunicipalityMembership.objects.create(user=user, municipality=municipality)
    return Credentials(user.get_full_name(), user.get_username(), password)


def add_participants(run: CourseRun, names: list[tuple[str, str]], key: str = "", municipality=None) -> list[Credentials]:
    """Add every name (first, last) to ``run``; all or nothing.

    ``key`` is the one-time key of the form that sent the names: a second submission with the
    same key raises :class:`AlreadySubmitted` and adds no one. The key is written first, so a
    concurrent second submission waits for the first (row lock on PostgreSQL, the write lock on
    SQLite) and then fails on the unique key instead of creating ``amina.hassan2``.
    """
    with transaction.atomic():
        if key:
            try:
                with transaction.atomic():
                    SubmittedParticipantForm.objects.create(key=key, run=run)
            except IntegrityError:
                raise AlreadySubmitted(key) from None
        return [add_participant(run, first, last, municipality) for first, last in names]


def enrol_existing(run: CourseRun, username: str, municipality=None) -> Enrolment:
    """Enrol a participant who already has an account (e.g. from an earlier course).

    Only for municipality admins (the view checks it): a teacher could otherwise pull any account,
    an admin's included, into their run. The error does not say whether the username exists.
    """
    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise ParticipantError(
            _("“%(username)s” could not be added. Check the username, or add the participant by name.")
            % {"username": username.strip()}
        )
    enrolment, created = Enrolment.objects.get_or_create(run=run, participant=user)
    if not created:
        raise ParticipantError(_("%(name)s is already in this course run.") % {"name": user.get_full_name() or user})
    user.groups.add(_participant_group())
    if municipality is not None and not MunicipalityMembership.objects.filter(user=user).exists():
        # An account that has a home municipality keeps it; one without gets the chosen one.
        MunicipalityMembership.objects.create(user=user, municipality=municipality)
    return enrolment


def new_one_time_password(enrolment: Enrolment) -> Credentials:
    """Replace a participant's password with a new one-time password (they forgot theirs).

    The caller checks who may do this (:func:`~.access.can_reset_password`).
    """
    user = enrolment.participant
    password = generate_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        # A new one-time password starts a new expiry period (KSI_ONE_TIME_PASSWORD_DAYS).
        TemporaryPassword.objects.update_or_create(user=user, defaults={"issued_at": timezone.now()})
    return Credentials(user.get_full_name(), user.get_username(), password)


def _create_user(first_name: str, last_name: str, password: str):
    User = get_user_model()
    base = username_base(first_name, last_name)
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    number = 1
    while True:
        username = base if number == 1 else f"{base}{number}"
        number += 1
        if username in taken:
            continue
        try:
            with transaction.atomic():
                return User.objects.create_user(
                    username=username, password=password, first_name=first_name, last_name=last_name
                )
        except IntegrityError:
            continue  # another teacher took the name a moment ago; try the next number


def _participant_group() -> Group:
    group, _ = Group.objects.get_or_create(name=PARTICIPANT_GROUP)
    return group

"""Adding participants to a run: accounts with generated usernames and one-time passwords.

A teacher types names (one by one, or a CSV/list of names); each new participant gets a username
made from the name and a one-time password. The password is shown to the teacher once (on the
page and on a printable sheet); only Django's hash of it is stored, and the participant is asked
to choose their own password at first login (:class:`~.models.TemporaryPassword`).
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import CourseRun, Enrolment, TemporaryPassword
from .roles import PARTICIPANT_GROUP

#: Letters and digits that cannot be mistaken for each other on paper (no 0/o, 1/l/i).
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
MAX_NAMES = 200
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a", "ß": "ss"})
_HEADER_WORDS = {"navn", "name", "fornavn", "first name", "first_name", "etternavn", "last name", "last_name", "fullt navn"}


class ParticipantError(ValueError):
    """Names a teacher typed or uploaded cannot be used; the message names the line and the fix."""


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


def username_base(first_name: str, last_name: str) -> str:
    """``amina.hassan`` for “Amina Hassan”: ASCII, lower case, first given name and last surname."""

    def ascii_word(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.translate(_NORWEGIAN))
        return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode().lower())

    first = ascii_word((first_name.split() or [""])[0])
    last = ascii_word((last_name.split() or [""])[-1])
    return ".".join(part for part in (first[:15], last[:15]) if part) or "deltaker"


def add_participant(run: CourseRun, first_name: str, last_name: str) -> Credentials:
    """Create an account for a new participant and enrol them in ``run``."""
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name:
        raise ParticipantError(_("The first name is empty: type the participant's first name."))
    with transaction.atomic():
        password = generate_password()
        user = _create_user(first_name, last_name, password)
        user.groups.add(_participant_group())
        TemporaryPassword.objects.create(user=user)
        Enrolment.objects.create(run=run, participant=user)
    return Credentials(user.get_full_name(), user.get_username(), password)


def add_participants(run: CourseRun, names: list[tuple[str, str]]) -> list[Credentials]:
    """Add every name (first, last) to ``run``; all or nothing."""
    with transaction.atomic():
        return [add_participant(run, first, last) for first, last in names]


def enrol_existing(run: CourseRun, username: str) -> Enrolment:
    """Enrol a participant who already has an account (e.g. from an earlier course)."""
    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise ParticipantError(
            _("There is no active user “%(username)s”. Check the spelling, or add the participant by name.")
            % {"username": username.strip()}
        )
    enrolment, created = Enrolment.objects.get_or_create(run=run, participant=user)
    if not created:
        raise ParticipantError(_("%(name)s is already in this course run.") % {"name": user.get_full_name() or user})
    user.groups.add(_participant_group())
    return enrolment


def new_one_time_password(enrolment: Enrolment) -> Credentials:
    """Replace a participant's password with a new one-time password (they forgot theirs)."""
    user = enrolment.participant
    password = generate_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        TemporaryPassword.objects.get_or_create(user=user)
    return Credentials(user.get_full_name(), user.get_username(), password)


def parse_names(text: str) -> list[tuple[str, str]]:
    """Names from a CSV file or a pasted list: ``(first name, last name)`` per line.

    A line holds either the full name (the last word is the surname) or first and last name in
    two columns separated by ``;``, ``,`` or a tab. A header line (“Fornavn;Etternavn”, “Navn”)
    and empty lines are skipped. All problems are reported at once, with line numbers.
    """
    lines = text.splitlines()
    sample = "\n".join(lines[:20])
    delimiter = next((d for d in (";", "\t", ",") if d in sample), ";")
    names, problems = [], []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if not names and not problems and {cell.casefold() for cell in cells} <= _HEADER_WORDS:
            continue
        if len(cells) == 1:
            words = cells[0].split()
            first, last = (" ".join(words[:-1]), words[-1]) if len(words) > 1 else (words[0], "")
        else:
            first, last = cells[0], " ".join(cell for cell in cells[1:] if cell)
        if not first:
            problems.append(_("Line %(line)d: the first name is empty.") % {"line": number})
        elif len(first) > 150 or len(last) > 150:
            problems.append(_("Line %(line)d: the name is longer than 150 characters.") % {"line": number})
        else:
            names.append((first, last))
    if problems:
        raise ParticipantError(" ".join(problems))
    if not names:
        raise ParticipantError(_("No names found. Write one participant per line, e.g. “Amina Hassan”."))
    if len(names) > MAX_NAMES:
        raise ParticipantError(
            _("%(count)d names is more than %(max)d: split the list into smaller parts.")
            % {"count": len(names), "max": MAX_NAMES}
        )
    return names


def decode_upload(data: bytes) -> str:
    """Text of an uploaded name list: UTF-8 (with or without BOM), else Windows-1252 as Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


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

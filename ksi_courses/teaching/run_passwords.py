"""A new sheet of one-time passwords for a whole run, later: for everyone who never logged in.

A sheet gets lost, or the first lesson is weeks after the participants were added and their
one-time passwords have expired. The teacher asks once for the run; each participant who has
never logged in, and whose password the teacher may reset (:func:`~.access.password_resettable`),
gets a new one-time password. Like adding participants, it happens once per form key
(:class:`~.models.SubmittedParticipantForm`), so a reload or a double click changes nothing twice.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .access import password_resettable
from .enrolment import AlreadySubmitted, Credentials, new_one_time_password
from .models import CourseRun, Enrolment, SubmittedParticipantForm


def never_logged_in(user, run: CourseRun) -> tuple[list[Enrolment], list[Enrolment]]:
    """``(renewable, others)``: the run's participants who have never logged in, split into those
    ``user`` may give a new one-time password and those only an admin may."""
    waiting = list(run.enrolments.filter(participant__last_login__isnull=True).select_related("participant"))
    allowed = password_resettable(user, [e.participant_id for e in waiting])
    renewable = [e for e in waiting if e.participant_id in allowed]
    return renewable, [e for e in waiting if e.participant_id not in allowed]


def renew(user, run: CourseRun, key: str) -> list[Credentials]:
    """New one-time passwords for every renewable participant (see :func:`never_logged_in`).

    Raises :class:`~.enrolment.AlreadySubmitted` when the form with ``key`` was sent before.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                SubmittedParticipantForm.objects.create(key=key, run=run)
        except IntegrityError:
            raise AlreadySubmitted(key) from None
        renewable, _others = never_logged_in(user, run)
        return [new_one_time_password(enrolment) for enrolment in renewable]

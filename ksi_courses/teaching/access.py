"""Who may see which course run and whose data.

The rule everywhere: a missing role is 403 (Forbidden); a role without a claim on *this* object
(another teacher's run, another participant's certificate) is 404, so nobody learns which runs or
certificates exist.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Certificate, CourseRun, Enrolment
from .roles import MANAGE_ALL_RUNS, PARTICIPANT_GROUP, TEACH


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_manage_all_runs(user) -> bool:
    """Municipality admins (and superusers) see and manage every run."""
    return _active(user) and user.has_perm(MANAGE_ALL_RUNS)


def can_teach(user) -> bool:
    """Teachers may set up runs and manage the runs they teach."""
    return _active(user) and (user.has_perm(TEACH) or can_manage_all_runs(user))


def runs_for(user) -> QuerySet[CourseRun]:
    """The runs ``user`` may manage: all for admins, their own for teachers, none otherwise."""
    runs = CourseRun.objects.select_related("course")
    if can_manage_all_runs(user):
        return runs
    if can_teach(user):
        return runs.filter(teachers=user)
    return runs.none()


def managed_run(user, run_id: int) -> CourseRun:
    """The run ``run_id`` if ``user`` may manage it: 403 without the teacher role, 404 if not theirs."""
    if not can_teach(user):
        raise PermissionDenied
    return get_object_or_404(runs_for(user), pk=run_id)


def can_manage_run(user, run: CourseRun) -> bool:
    return can_manage_all_runs(user) or (can_teach(user) and run.teachers.filter(pk=user.pk).exists())


def plain_participants(participant_ids: Iterable[int]) -> set[int]:
    """Which of ``participant_ids`` are plain participant accounts: not staff or superuser, no
    permissions of their own and no group but the participant group."""
    ids = set(participant_ids)
    powerful = (
        get_user_model()
        .objects.filter(pk__in=ids)
        .filter(
            Q(is_staff=True)
            | Q(is_superuser=True)
            | Q(user_permissions__isnull=False)
            | Q(groups__in=Group.objects.exclude(name=PARTICIPANT_GROUP))
        )
        .values_list("pk", flat=True)
    )
    return ids - set(powerful)


def password_resettable(user, participant_ids: Iterable[int]) -> set[int]:
    """Which of ``participant_ids`` may get a new one-time password from ``user``.

    Only :func:`plain_participants`. A teacher may reset them only if every run they are in is
    one the teacher teaches (else a teacher could take over a participant of another run, or an
    admin account enrolled in their run); municipality admins may reset any plain participant.
    """
    if not can_teach(user):
        return set()
    ids = plain_participants(participant_ids)
    if ids and not can_manage_all_runs(user):
        elsewhere = Enrolment.objects.filter(participant__in=ids).exclude(run__teachers=user)
        ids -= set(elsewhere.values_list("participant_id", flat=True))
    return ids


def lock_liftable(user, participant_ids: Iterable[int]) -> set[int]:
    """Whose locked login (too many wrong passwords) ``user`` may open again.

    Municipality admins: anyone's. Teachers: plain participants in a run they teach, never an
    account with more rights (lifting its lock would let someone go on guessing its password).
    """
    if can_manage_all_runs(user):
        return set(participant_ids)
    if not can_teach(user):
        return set()
    ids = plain_participants(participant_ids)
    return set(Enrolment.objects.filter(participant__in=ids, run__teachers=user).values_list("participant_id", flat=True))


def can_reset_password(user, participant) -> bool:
    """Whether ``user`` may give ``participant`` a new one-time password (see :func:`password_resettable`)."""
    return participant.pk in password_resettable(user, [participant.pk])


def visible_certificate(user, certificate_id: int) -> Certificate:
    """A certificate for its holder, the teachers of its run and admins; 404 for everyone else."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__run__course", "enrolment__participant"), pk=certificate_id
    )
    enrolment = certificate.enrolment
    if enrolment.participant_id == user.pk and user.is_active:
        return certificate
    if can_manage_run(user, enrolment.run):
        return certificate
    raise Http404("no such certificate")

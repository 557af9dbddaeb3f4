"""Who may see which course run and whose data.

The rule everywhere: a missing role is 403 (Forbidden); a role without a claim on *this* object
(another teacher's run, another participant's certificate) is 404, so nobody learns which runs or
certificates exist.

Several municipalities (issue 23): a Kommuneadministrator who belongs to a municipality
(:class:`~.models.MunicipalityMembership`) answers for that municipality only. They manage the runs
it hosts (and the runs they teach) in full; in a run hosted elsewhere they see their own
municipality's participants only, read-only (:func:`managed_run` with ``partial=True``). An admin
without a membership, and every superuser, is the region's admin and sees everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Certificate, CourseRun, Enrolment, MunicipalityMembership
from .roles import MANAGE_ALL_RUNS, PARTICIPANT_GROUP, TEACH


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_manage_all_runs(user) -> bool:
    """Municipality admins (and superusers) see and manage every run."""
    return _active(user) and user.has_perm(MANAGE_ALL_RUNS)


def can_teach(user) -> bool:
    """Teachers may set up runs and manage the runs they teach."""
    return _active(user) and (user.has_perm(TEACH) or can_manage_all_runs(user))


def admin_scope(user) -> frozenset[int] | None:
    """The municipalities (ids) a municipality admin answers for; ``None``: no limit.

    ``None`` for superusers, admins without a membership (the region's admin) and everyone who is
    not an admin (teachers are limited by the runs they teach, participants by their enrolments).
    """
    if not can_manage_all_runs(user) or user.is_superuser:
        return None
    cached = getattr(user, "_ksi_admin_scope", False)
    if cached is False:
        ids = frozenset(MunicipalityMembership.objects.filter(user=user).values_list("municipality_id", flat=True))
        cached = user._ksi_admin_scope = ids or None
    return cached


def own_municipalities(user) -> frozenset[int] | None:
    """The municipalities (ids) ``user`` sets up runs for; ``None``: any.

    A municipality admin's :func:`admin_scope`; a teacher's memberships. ``None`` for the region's
    admin, superusers and a teacher of no municipality (a teacher for the whole region).
    """
    if not _active(user) or user.is_superuser:
        return None
    if can_manage_all_runs(user):
        return admin_scope(user)
    ids = frozenset(MunicipalityMembership.objects.filter(user=user).values_list("municipality_id", flat=True))
    return ids or None


def fully_managed(user, scope: frozenset[int]) -> Q:
    """Runs a municipality admin manages in full: hosted by their municipality, or taught by them."""
    return Q(host_municipality__in=scope) | Q(teachers=user)


def runs_for(user) -> QuerySet[CourseRun]:
    """The runs ``user`` may manage: all for admins, their own for teachers, none otherwise.

    A municipality admin (see :func:`admin_scope`) gets the runs they manage in full and the runs
    elsewhere with participants from their municipality (seen in part: :func:`managed_run`).
    """
    runs = CourseRun.objects.select_related("course", "host_municipality")
    if can_manage_all_runs(user):
        scope = admin_scope(user)
        if scope is None:
            return runs
        visible = CourseRun.objects.filter(
            fully_managed(user, scope) | Q(enrolments__participant__ksi_memberships__municipality__in=scope)
        )
        return runs.filter(pk__in=visible.values("pk"))
    if can_teach(user):
        return runs.filter(teachers=user)
    return runs.none()


def partial_scope(user, run: CourseRun) -> frozenset[int] | None:
    """The municipalities whose participants alone ``user`` sees in ``run``; ``None``: the whole run."""
    scope = admin_scope(user)
    if scope is None or run.host_municipality_id in scope or run.teachers.filter(pk=user.pk).exists():
        return None
    return scope


def managed_run(user, run_id: int, *, partial: bool = False) -> CourseRun:
    """The run ``run_id`` if ``user`` may manage it: 403 without the teacher role, 404 if not theirs.

    A run a municipality admin sees only in part (their participants in a run hosted elsewhere) is
    404 unless ``partial``: then the run comes with ``ksi_scope`` set, and the view shows
    :func:`run_enrolments` only. Otherwise ``ksi_scope`` is ``None``.
    """
    if not can_teach(user):
        raise PermissionDenied
    run = get_object_or_404(runs_for(user), pk=run_id)
    run.ksi_scope = partial_scope(user, run)
    if run.ksi_scope is not None and not partial:
        raise Http404("this course run is hosted by another municipality")
    return run


def run_enrolments(run: CourseRun) -> QuerySet[Enrolment]:
    """The enrolments of ``run`` its viewer may see: all, or their municipality's (``run.ksi_scope``)."""
    return scope_enrolments(run.enrolments.all(), getattr(run, "ksi_scope", None))


def scope_enrolments(enrolments: QuerySet[Enrolment], scope: frozenset[int] | None) -> QuerySet[Enrolment]:
    """``enrolments`` of participants who belong to one of ``scope``'s municipalities (all if ``None``)."""
    if scope is None:
        return enrolments
    members = MunicipalityMembership.objects.filter(municipality__in=scope).values("user_id")
    return enrolments.filter(participant__in=members)


def visible_enrolments(user) -> QuerySet[Enrolment] | None:
    """The enrolments a municipality admin may see anywhere; ``None``: no limit (see :func:`admin_scope`)."""
    scope = admin_scope(user)
    if scope is None:
        return None
    members = MunicipalityMembership.objects.filter(municipality__in=scope).values("user_id")
    full = CourseRun.objects.filter(fully_managed(user, scope)).values("pk")
    return Enrolment.objects.filter(Q(run__in=full) | Q(participant__in=members))


def visible_participant_ids(user) -> QuerySet | None:
    """Ids of the users whose records a municipality admin may see; ``None``: no limit."""
    enrolments = visible_enrolments(user)
    if enrolments is None:
        return None
    members = MunicipalityMembership.objects.filter(municipality__in=admin_scope(user)).values_list("user_id", flat=True)
    return get_user_model().objects.filter(Q(pk__in=members) | Q(pk__in=enrolments.values("participant_id"))).values("pk")


def _outside_scope(user, ids: set[int]) -> set[int]:
    """Which of ``ids`` a municipality admin does not answer for (nobody's for an unlimited admin)."""
    visible = visible_participant_ids(user)
    if visible is None or not ids:
        return set()
    return ids - set(get_user_model().objects.filter(pk__in=visible).filter(pk__in=ids).values_list("pk", flat=True))


def can_manage_run(user, run: CourseRun) -> bool:
    """Whether ``user`` manages the whole of ``run`` (a teacher of it, or an admin who sees it all)."""
    if can_manage_all_runs(user):
        scope = admin_scope(user)
        return scope is None or partial_scope(user, run) is None
    return can_teach(user) and run.teachers.filter(pk=user.pk).exists()


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
    admin account enrolled in their run); municipality admins may reset any plain participant
    they answer for (all, for the region's admin: see :func:`admin_scope`).
    """
    if not can_teach(user):
        return set()
    ids = plain_participants(participant_ids)
    if ids and not can_manage_all_runs(user):
        elsewhere = Enrolment.objects.filter(participant__in=ids).exclude(run__teachers=user)
        ids -= set(elsewhere.values_list("participant_id", flat=True))
    return ids - _outside_scope(user, ids)


def lock_liftable(user, participant_ids: Iterable[int]) -> set[int]:
    """Whose locked login (too many wrong passwords) ``user`` may open again.

    Municipality admins: anyone's they answer for (see :func:`admin_scope`). Teachers: plain participants in a run they teach, never an
    account with more rights (lifting its lock would let someone go on guessing its password).
    """
    if can_manage_all_runs(user):
        ids = set(participant_ids)
        return ids - _outside_scope(user, ids)
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
    scope = admin_scope(user)
    if scope is not None and scope_enrolments(Enrolment.objects.filter(pk=enrolment.pk), scope).exists():
        return certificate  # their municipality's participant in a run hosted elsewhere
    raise Http404("no such certificate")

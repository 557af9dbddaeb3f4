"""Who may see which course run and whose data.

The rule everywhere: a missing role is 403 (Forbidden); a role without a claim on *this* object
(another teacher's run, another participant's certificate) is 404, so nobody learns which runs or
certificates exist.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Certificate, CourseRun
from .roles import MANAGE_ALL_RUNS, TEACH


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

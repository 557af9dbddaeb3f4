"""Which accounts a municipality admin manages in Wagtail's user admin, and which roles they may give.

Seeing an account (:func:`.access.visible_participant_ids`) is not enough to manage it: whoever
sets an account's password or roles holds what that account can reach. So a municipality admin
(see :func:`.access.admin_scope`) manages only the accounts whose reach stays inside their own:

- no superuser, staff flag, permission of its own or group other than the three roles;
- a teacher or admin belongs to none but the admin's municipalities, and teaches only runs the
  admin manages in full (a new password for a teacher of another municipality's run would open
  that run);
- an admin belongs to at least one municipality (an admin of none is the region's admin).

For the same reason the roles they may give are the participant role, the teacher role to an
account that stays inside their scope, and the admin role only to an account that already belongs
to their municipalities (never to a new account: it would be the region's admin). The region's
admin manages every account but superusers' and gives the three roles only: whoever could set a
superuser's password, or give a group that holds more than the roles, would hold more than the
region's admin role. Only superusers manage every account and give every group, as in plain
Wagtail.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet

from .access import admin_scope, fully_managed, visible_participant_ids
from .models import CourseRun, MunicipalityMembership
from .roles import ADMIN_GROUP, PARTICIPANT_GROUP, TEACHER_GROUP

ROLE_GROUPS = (PARTICIPANT_GROUP, TEACHER_GROUP, ADMIN_GROUP)


def _holders(*group_names: str) -> QuerySet:
    return get_user_model().groups.through.objects.filter(group__name__in=group_names).values("user_id")


def _reaching_beyond(user, scope: frozenset[int]) -> Q:
    """Accounts that belong to a municipality outside ``scope`` or teach a run ``user`` does not fully manage."""
    elsewhere = MunicipalityMembership.objects.exclude(municipality__in=scope).values("user_id")
    full_runs = CourseRun.objects.filter(fully_managed(user, scope)).values("pk")
    teaching_elsewhere = CourseRun.teachers.through.objects.exclude(courserun__in=full_runs).values("user_id")
    return Q(pk__in=elsewhere) | Q(pk__in=teaching_elsewhere)


def manageable_accounts(user, accounts: QuerySet) -> QuerySet:
    """``accounts`` cut down to those ``user`` may list, edit and act on (see the module docstring)."""
    scope = admin_scope(user)
    if scope is None:
        return accounts if user.is_superuser else accounts.exclude(is_superuser=True)
    User = get_user_model()
    beyond = (
        Q(is_superuser=True)
        | Q(is_staff=True)
        | Q(pk__in=User.user_permissions.through.objects.values("user_id"))
        | Q(pk__in=User.groups.through.objects.exclude(group__name__in=ROLE_GROUPS).values("user_id"))
        | (Q(pk__in=_holders(TEACHER_GROUP, ADMIN_GROUP)) & _reaching_beyond(user, scope))
        | (Q(pk__in=_holders(ADMIN_GROUP)) & ~Q(pk__in=MunicipalityMembership.objects.values("user_id")))
    )
    return accounts.filter(pk__in=visible_participant_ids(user)).exclude(beyond)


def grantable_groups(user, target=None) -> QuerySet[Group]:
    """The groups ``user`` may give ``target`` (an account, or ``None`` for a new one)."""
    scope = admin_scope(user)
    if scope is None:
        return Group.objects.all() if user.is_superuser else Group.objects.filter(name__in=ROLE_GROUPS)
    names = [PARTICIPANT_GROUP]
    User = get_user_model()
    stays_inside = target is None or not User.objects.filter(Q(pk=target.pk) & _reaching_beyond(user, scope)).exists()
    if stays_inside:
        names.append(TEACHER_GROUP)
    if target is not None and stays_inside and MunicipalityMembership.objects.filter(user=target).exists():
        names.append(ADMIN_GROUP)
    return Group.objects.filter(name__in=names)


def groups_grantable_to_all(user, targets) -> QuerySet[Group]:
    """The groups ``user`` may give every one of ``targets`` at once (a bulk "assign role")."""
    if admin_scope(user) is None or not targets:
        return grantable_groups(user)
    allowed: set[int] | None = None
    for target in targets:
        pks = set(grantable_groups(user, target).values_list("pk", flat=True))
        allowed = pks if allowed is None else allowed & pks
    return Group.objects.filter(pk__in=allowed)

"""The role groups created by the data migration, and what they allow."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from ksi_courses.access import can_see_teacher_material
from ksi_courses.teaching.access import can_manage_all_runs, can_teach, runs_for
from ksi_courses.teaching.roles import ADMIN_GROUP, PARTICIPANT_GROUP, ROLES, TEACHER_GROUP, sync_role_groups

pytestmark = pytest.mark.django_db


def permission_names(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_migration_creates_the_three_groups_with_their_permissions():
    for role in ROLES:
        assert permission_names(Group.objects.get(name=role.group)) == set(role.permissions), role.group
    admin = Group.objects.get(name=ADMIN_GROUP)
    assert {p.permission.codename for p in GroupPagePermission.objects.filter(group=admin, page__depth=1)} == {
        "add_page", "change_page", "publish_page", "lock_page", "unlock_page"
    }
    assert GroupCollectionPermission.objects.filter(group=admin, collection__depth=1).count() == 6
    assert not GroupPagePermission.objects.filter(group__name__in=[TEACHER_GROUP, PARTICIPANT_GROUP]).exists()


def test_syncing_again_adds_nothing_and_keeps_local_additions():
    teacher = Group.objects.get(name=TEACHER_GROUP)
    extra = Group.objects.get(name=ADMIN_GROUP).permissions.get(codename="view_courserun")
    teacher.permissions.add(extra)
    before = (Group.objects.count(), GroupPagePermission.objects.count(), teacher.permissions.count())
    sync_role_groups(apps)
    assert (Group.objects.count(), GroupPagePermission.objects.count(), teacher.permissions.count()) == before


def test_what_each_role_may_do(users, run):
    expectations = {
        "participant_a": (False, False, False),
        "teacher": (True, True, False),
        "admin": (True, True, True),
    }
    for key, (teacher_material, teach, manage_all) in expectations.items():
        user = users[key]
        assert (can_see_teacher_material(user), can_teach(user), can_manage_all_runs(user)) == (teacher_material, teach, manage_all), key
    assert list(runs_for(users["teacher"])) == [run]
    assert list(runs_for(users["other_teacher"])) == []
    assert list(runs_for(users["participant_a"])) == []
    assert list(runs_for(users["admin"])) == [run]


def test_inactive_users_lose_their_role(users):
    users["teacher"].is_active = False
    assert not can_teach(users["teacher"])

"""A municipality admin in Wagtail's user admin and in the run forms (issue 23, round 2).

The world of :mod:`.test_municipality_permissions`, with three more accounts: Dina (a participant
from Levanger in Verdal's own run), Lars (a teacher of Levanger only) and Randi (a teacher of no
municipality: the region's). Verdal's admin (``admin_2``, Vera) answers for Verdal's accounts
whose rights stay inside Verdal: she may give them the participant and teacher roles (and make a
Verdal member Verdal's admin), never the region's admin, an administrator (superuser) or a group
she does not hold herself; she never sees or edits an account whose rights reach beyond Verdal
(Tone teaches Levanger's run; Levanger's admin; the region's admin), and in Levanger's joint run
she looks at Bilal's records but does not write them.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from ksi_courses.teaching.models import MunicipalityMembership
from ksi_courses.teaching.roles import ADMIN_GROUP, PARTICIPANT_GROUP, TEACHER_GROUP
from ksi_courses.teaching.users_app import check_user_viewset
from tests.teaching.conftest import make_user
from tests.teaching.test_municipality_admin_choices import Choices, ids
from tests.teaching.test_municipality_permissions import clients, full_snapshot
from tests.teaching.test_municipality_permissions import world as municipality_world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(municipality_world, django_user_model):  # noqa: F811 (the fixture above, extended)
    users, levanger = municipality_world["users"], municipality_world["levanger"]
    users["dina"] = make_user(django_user_model, "dina", "Dina", "Dahl", PARTICIPANT_GROUP)
    users["lars"] = make_user(django_user_model, "lars", "Lars", "Levanger", TEACHER_GROUP)
    users["randi"] = make_user(django_user_model, "randi", "Randi", "Region", TEACHER_GROUP)
    MunicipalityMembership.objects.create(user=users["dina"], municipality=levanger)
    MunicipalityMembership.objects.create(user=users["lars"], municipality=levanger)
    municipality_world["own"].enrolments.create(participant=users["dina"])
    return municipality_world


def group_ids(*names: str) -> set[str]:
    return {str(pk) for pk in Group.objects.filter(name__in=names).values_list("pk", flat=True)}


def usernames_listed(response) -> set[str]:
    """The usernames in the user list's username column."""
    html = response.content.decode()
    return set(re.findall(r'<td class="username[^"]*">\s*([^<\s]+)\s*</td>', html))


def post_unchanged(client, url: str, data: dict):
    """POST ``data``; the response, and whether any account or teaching row changed (rolled back)."""
    with transaction.atomic():
        before = full_snapshot()
        response = client.post(url, data)
        changed = full_snapshot() != before
        transaction.set_rollback(True)
    return response, changed


def account_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": f"{user.username}@example.org",
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
    }
    return {**data, **changes}


# --- 1. the roles a municipality admin may give ----------------------------------------------


def test_the_user_forms_offer_only_the_roles_the_admins_scope_covers(world):
    made, users = clients(world), world["users"]
    everyone = {str(pk) for pk in Group.objects.values_list("pk", flat=True)}
    assert group_ids("Editors", "Moderators") <= everyone  # Wagtail's own groups are there to be refused

    def offered(client, url):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        return {**Choices(html).offered, "is_superuser": 'name="is_superuser"' in html}

    add = offered(made["admin_2"], reverse("wagtailusers_users:add"))
    # A new account belongs to no municipality yet: made an admin it would be the region's.
    assert add["groups"] == group_ids(PARTICIPANT_GROUP, TEACHER_GROUP)
    assert not add["is_superuser"]
    # Bilal belongs to Verdal alone: he may become Verdal's admin.
    bilal = offered(made["admin_2"], reverse("wagtailusers_users:edit", args=[users["bilal"].pk]))
    assert bilal["groups"] == group_ids(PARTICIPANT_GROUP, TEACHER_GROUP, ADMIN_GROUP)
    assert not bilal["is_superuser"]
    # Dina (Levanger's, in Verdal's run) stays a participant: any other role would reach into Levanger.
    dina = offered(made["admin_2"], reverse("wagtailusers_users:edit", args=[users["dina"].pk]))
    assert dina["groups"] == group_ids(PARTICIPANT_GROUP)
    # The region's admin gives the three roles anywhere, but no other group and no superuser
    # rights: both would hold more than her own role. A superuser keeps every choice.
    roles = group_ids(PARTICIPANT_GROUP, TEACHER_GROUP, ADMIN_GROUP)
    region = offered(made["region"], reverse("wagtailusers_users:edit", args=[users["dina"].pk]))
    assert region["groups"] == roles and not region["is_superuser"]
    assert offered(made["region"], reverse("wagtailusers_users:add"))["groups"] == roles
    superuser = offered(made["superuser"], reverse("wagtailusers_users:edit", args=[users["dina"].pk]))
    assert superuser["groups"] == everyone and superuser["is_superuser"]


def test_a_forged_role_gets_a_form_error_and_changes_nothing(world):
    made, users = clients(world), world["users"]
    bilal, dina = users["bilal"], users["dina"]
    new = {
        "username": "ny",
        "first_name": "Ny",
        "last_name": "Bruker",
        "email": "ny@example.org",
        "password1": "Et langt passord 4711",
        "password2": "Et langt passord 4711",
    }
    forged = [  # (url, data, the field that must refuse it; the superuser box is not in her form at all)
        (reverse("wagtailusers_users:add"), {**new, "groups": list(group_ids(ADMIN_GROUP))}, "groups"),
        (reverse("wagtailusers_users:add"), {**new, "groups": list(group_ids("Moderators"))}, "groups"),
        (reverse("wagtailusers_users:add"), {**new, "is_superuser": "on"}, "__all__"),
        (
            reverse("wagtailusers_users:edit", args=[bilal.pk]),
            account_form(bilal, groups=list(group_ids("Editors"))),
            "groups",
        ),
        (reverse("wagtailusers_users:edit", args=[bilal.pk]), account_form(bilal, is_superuser="on"), "__all__"),
        (
            reverse("wagtailusers_users:edit", args=[dina.pk]),
            account_form(dina, groups=list(group_ids(TEACHER_GROUP))),
            "groups",
        ),
        (
            reverse("wagtailusers_users:edit", args=[dina.pk]),
            account_form(dina, groups=list(group_ids(ADMIN_GROUP))),
            "groups",
        ),
    ]
    wrong = []
    for url, data, field in forged:
        response, changed = post_unchanged(made["admin_2"], url, data)
        errors = response.context["form"].errors if response.context and "form" in response.context else {}
        if response.status_code != 200 or field not in errors or changed:
            wrong.append(f"{url} {data}: {response.status_code}, errors {dict(errors)}, changed={changed}")
    assert not wrong, "\n".join(wrong)
    # What is in scope is saved (so the refusals above are the scope's): Bilal becomes a teacher,
    # and a new account is made a participant.
    response = made["admin_2"].post(
        reverse("wagtailusers_users:edit", args=[bilal.pk]), account_form(bilal, groups=list(group_ids(TEACHER_GROUP)))
    )
    assert response.status_code == 302 and set(bilal.groups.values_list("name", flat=True)) == {TEACHER_GROUP}
    response = made["admin_2"].post(
        reverse("wagtailusers_users:add"), {**new, "groups": list(group_ids(PARTICIPANT_GROUP))}
    )
    assert response.status_code == 302
    # The region's admin may still make anyone Levanger's teacher or admin.
    response = made["region"].post(
        reverse("wagtailusers_users:edit", args=[dina.pk]), account_form(dina, groups=list(group_ids(ADMIN_GROUP)))
    )
    assert response.status_code == 302 and dina.groups.filter(name=ADMIN_GROUP).exists()


def test_accounts_whose_rights_reach_beyond_the_admins_municipality_are_404(world):
    """Tone (Verdal's member, but teacher of Levanger's run): a new password would open that run."""
    made, users = clients(world), world["users"]
    for target in ("teacher", "amina", "admin_1", "region", "superuser", "lars", "randi"):
        for view in ("edit", "history"):
            url = reverse(f"wagtailusers_users:{view}", args=[users[target].pk])
            assert made["admin_2"].get(url).status_code == 404, (target, view)
    tone = users["teacher"]
    response, changed = post_unchanged(
        made["admin_2"],
        reverse("wagtailusers_users:edit", args=[tone.pk]),
        account_form(tone, password1="Et langt passord 4711", password2="Et langt passord 4711"),
    )
    assert response.status_code == 404 and not changed
    for target in ("bilal", "cato", "teacher_2", "dina", "admin_2"):
        assert made["admin_2"].get(reverse("wagtailusers_users:edit", args=[users[target].pk])).status_code == 200, (
            target
        )
    assert made["region"].get(reverse("wagtailusers_users:edit", args=[tone.pk])).status_code == 200


def test_the_bulk_actions_touch_only_the_admins_accounts_and_give_only_their_roles(world):
    made, users = clients(world), world["users"]

    def bulk(action: str, *targets: str) -> str:
        query = "&".join(f"id={users[t].pk}" for t in targets)
        return reverse("wagtail_bulk_action", args=("auth", "user", action)) + "?" + query

    admin_role = Group.objects.get(name=ADMIN_GROUP).pk
    cases = [  # (url, POST data): none may change anything
        (bulk("assign_role", "amina"), {"role": admin_role}),
        (bulk("assign_role", "region", "bilal"), {"role": group_ids("Moderators").pop()}),
        (bulk("assign_role", "dina"), {"role": admin_role}),
        (bulk("assign_role", "bilal"), {"role": group_ids("Editors").pop()}),
        (bulk("set_active_state", "region", "admin_1", "teacher"), {"mark_as_active": "False"}),
        (bulk("delete", "amina"), {}),
    ]
    wrong = []
    for url, data in cases:
        response, changed = post_unchanged(made["admin_2"], url, data)
        if changed:
            wrong.append(f"{url} {data}: {response.status_code}, changed")
    assert not wrong, "\n".join(wrong)
    # The confirmation page names nobody outside the scope, and offers only the roles she may give.
    page = made["admin_2"].get(bulk("assign_role", "amina", "bilal"))
    assert page.status_code == 200 and "Amina" not in page.content.decode()
    assert Choices(page.content.decode()).offered["role"] == group_ids(PARTICIPANT_GROUP, TEACHER_GROUP, ADMIN_GROUP)
    assert made["admin_2"].get(bulk("set_active_state", "amina")).status_code == 404
    # In scope it works: Cato becomes a teacher; the region's admin deactivates Tone.
    assert (
        made["admin_2"].post(bulk("assign_role", "cato"), {"role": group_ids(TEACHER_GROUP).pop()}).status_code == 302
    )
    assert users["cato"].groups.filter(name=TEACHER_GROUP).exists()
    assert made["region"].post(bulk("set_active_state", "teacher"), {"mark_as_active": "False"}).status_code == 302
    users["teacher"].refresh_from_db()
    assert not users["teacher"].is_active


def test_a_municipality_admin_cannot_change_groups_or_their_permissions(world):
    """The admin role has no ``auth.*_group`` permission: Wagtail's group views are closed to it."""
    made = clients(world)
    admin_group = Group.objects.get(name=ADMIN_GROUP)
    assert not any(world["users"]["admin_2"].has_perm(f"auth.{a}_group") for a in ("add", "change", "delete", "view"))
    for url in (
        reverse("wagtailusers_groups:index"),
        reverse("wagtailusers_groups:add"),
        reverse("wagtailusers_groups:edit", args=[admin_group.pk]),
    ):
        assert made["admin_2"].get(url).status_code in (302, 403), url
    response, changed = post_unchanged(
        made["admin_2"],
        reverse("wagtailusers_groups:edit", args=[admin_group.pk]),
        {"name": ADMIN_GROUP, "is_superuser": "on"},
    )
    assert response.status_code in (302, 403) and not changed
    assert not admin_group.permissions.filter(codename="change_group").exists()


def test_a_site_that_still_lists_wagtail_users_is_warned(monkeypatch):
    """The scoped user list needs ``KSI_USERS_APP`` in INSTALLED_APPS: ``manage.py check`` says so."""
    config = apps.get_app_config("wagtailusers")
    assert check_user_viewset() == []
    monkeypatch.setattr(config, "user_viewset", "wagtail.users.views.users.UserViewSet")
    assert [message.id for message in check_user_viewset()] == ["ksi_teaching.W001"]


# --- 2. the user list --------------------------------------------------------------------------


def test_the_user_list_its_search_and_filters_show_only_the_admins_accounts(world):
    made, users = clients(world), world["users"]
    index = reverse("wagtailusers_users:index")
    mine = {"vera", "bilal", "cato", "olav", "dina"}
    assert usernames_listed(made["admin_2"].get(index)) == mine
    assert usernames_listed(made["admin_2"].get(index, {"q": "a"})) == {"vera", "bilal", "cato", "olav", "dina"}
    assert usernames_listed(made["admin_2"].get(index, {"q": "amina"})) == set()
    admins = Group.objects.get(name=ADMIN_GROUP).pk
    assert usernames_listed(made["admin_2"].get(index, {"group": admins})) == {"vera"}
    assert usernames_listed(made["admin_2"].get(index, {"is_superuser": "true"})) == set()
    # The group filter offers only groups found in her list.
    offered = Choices(made["admin_2"].get(index).content.decode()).offered["group"]
    assert offered == group_ids(PARTICIPANT_GROUP, TEACHER_GROUP, ADMIN_GROUP)
    # The region's admin lists everyone but superusers; a superuser lists everyone.
    superusers = {u.username for u in users.values() if u.is_superuser}
    assert superusers
    everyone = {u.username for u in users.values()}
    assert usernames_listed(made["region"].get(index, {"per_page": 50})) >= everyone - superusers
    assert not usernames_listed(made["region"].get(index, {"per_page": 50})) & superusers
    assert usernames_listed(made["superuser"].get(index, {"per_page": 50})) >= everyone


# --- 3. read-only records in a run hosted elsewhere ----------------------------------------------


def test_records_of_a_run_hosted_elsewhere_are_listed_and_inspected_but_not_edited(world):
    made, enrolments = clients(world), world["enrolments"]
    bilal = enrolments["bilal"]
    certificate, attendance = bilal.certificate, bilal.attendance.get()
    listing = made["admin_2"].get(reverse("ksi_enrolments:index")).content.decode()
    assert "bilal" in listing.lower()
    # ... without an edit or delete link (Cato's, in her own run, has them).
    assert reverse("ksi_enrolments:edit", args=[bilal.pk]) not in listing
    assert reverse("ksi_enrolments:delete", args=[bilal.pk]) not in listing
    assert reverse("ksi_enrolments:edit", args=[enrolments["cato"].pk]) in listing
    inspect = made["admin_2"].get(reverse("ksi_certificates:inspect", args=[certificate.pk]))
    assert inspect.status_code == 200
    assert reverse("ksi_certificates:delete", args=[certificate.pk]) not in inspect.content.decode()
    assert made["admin_2"].get(reverse("ksi_attendance:inspect", args=[attendance.pk])).status_code == 200
    refused = [
        reverse("ksi_enrolments:edit", args=[bilal.pk]),
        reverse("ksi_enrolments:delete", args=[bilal.pk]),
        reverse("ksi_certificates:edit", args=[certificate.pk]),
        reverse("ksi_certificates:delete", args=[certificate.pk]),
        reverse("ksi_attendance:delete", args=[attendance.pk]),
    ]
    wrong = []
    for url in refused:
        if (got := made["admin_2"].get(url).status_code) != 404:
            wrong.append(f"GET {url}: {got}")
        response, changed = post_unchanged(
            made["admin_2"], url, {"run": world["own"].pk, "participant": world["users"]["bilal"].pk, "hours": "1"}
        )
        if response.status_code != 404 or changed:
            wrong.append(f"POST {url}: {response.status_code}, changed={changed}")
    assert not wrong, "\n".join(wrong)
    # A new certificate or mark can be made only for an enrolment in a run she manages in full.
    offered = Choices(made["admin_2"].get(reverse("ksi_certificates:add")).content.decode()).offered
    assert offered["enrolment"] == ids(
        enrolments["cato"], world["own"].enrolments.get(participant=world["users"]["dina"])
    )
    # Her own run's records, and the host's admin, edit as before.
    assert made["admin_2"].get(reverse("ksi_enrolments:edit", args=[enrolments["cato"].pk])).status_code == 200
    assert made["admin_1"].get(reverse("ksi_enrolments:edit", args=[bilal.pk])).status_code == 200
    host_inspect = made["admin_1"].get(reverse("ksi_certificates:inspect", args=[certificate.pk])).content.decode()
    assert reverse("ksi_certificates:delete", args=[certificate.pk]) in host_inspect


# --- 4. the teaching pages' run form -------------------------------------------------------------


def test_the_run_form_offers_the_users_own_municipalities_and_their_teachers(world):
    made, users = clients(world), world["users"]
    create = reverse("ksi_teaching:run_create")

    def offered(role, url=create):
        response = made[role].get(url)
        assert response.status_code == 200, (role, url)
        return Choices(response.content.decode()).offered

    levanger, verdal = world["levanger"], world["verdal"]
    verdal_teachers = ids(users["teacher"], users["teacher_2"], users["randi"])  # Tone teaches for both; Randi for all
    vera = offered("admin_2")
    assert vera["host_municipality"] == ids(verdal)
    assert vera["teachers"] == verdal_teachers
    olav = offered("teacher_2")
    assert olav["host_municipality"] == ids(verdal) and olav["teachers"] == verdal_teachers
    tone = offered("teacher")
    assert tone["host_municipality"] == ids(levanger, verdal)
    assert tone["teachers"] == verdal_teachers | ids(users["lars"])
    region = offered("region")
    assert region["host_municipality"] == ids(levanger, verdal) and region["teachers"] == verdal_teachers | ids(
        users["lars"]
    )
    # Editing keeps what the run has (Levanger's run, edited by its admin who is not Verdal's).
    edit = offered("admin_1", reverse("ksi_teaching:run_edit", args=[world["joint"].pk]))
    assert ids(users["teacher"]) <= edit["teachers"] and ids(users["teacher_2"]).isdisjoint(edit["teachers"])


def test_a_forged_run_form_gets_a_field_error_and_changes_nothing(world):
    made, users, own = clients(world), world["users"], world["own"]
    form = {
        "course": own.course_id,
        "title": "Verdal vår",
        "host_municipality": world["verdal"].pk,
        "start_date": "2027-01-04",
        "end_date": "2027-03-26",
        "teachers": [users["teacher_2"].pk],
    }
    forged = [
        (
            "admin_2",
            reverse("ksi_teaching:run_create"),
            {**form, "host_municipality": world["levanger"].pk},
            "host_municipality",
        ),
        ("admin_2", reverse("ksi_teaching:run_create"), {**form, "teachers": [users["lars"].pk]}, "teachers"),
        (
            "teacher_2",
            reverse("ksi_teaching:run_create"),
            {**form, "host_municipality": world["levanger"].pk},
            "host_municipality",
        ),
        (
            "admin_2",
            reverse("ksi_teaching:run_edit", args=[own.pk]),
            {**form, "host_municipality": world["levanger"].pk},
            "host_municipality",
        ),
        (
            "teacher_2",
            reverse("ksi_teaching:run_edit", args=[own.pk]),
            {**form, "teachers": [users["lars"].pk]},
            "teachers",
        ),
    ]
    wrong = []
    for role, url, data, field in forged:
        response, changed = post_unchanged(made[role], url, data)
        errors = response.context["form"].errors if response.context and "form" in response.context else {}
        if response.status_code != 400 or field not in errors or changed:  # the teaching pages' bad form: 400
            wrong.append(f"{role} {url} {data}: {response.status_code}, errors {dict(errors)}, changed={changed}")
    assert not wrong, "\n".join(wrong)
    # In scope it saves; the region's admin may host anywhere with anyone.
    assert made["admin_2"].post(reverse("ksi_teaching:run_create"), form).status_code == 302
    region_run = {
        **form,
        "title": "Levanger vår",
        "host_municipality": world["levanger"].pk,
        "teachers": [users["lars"].pk],
    }
    assert made["region"].post(reverse("ksi_teaching:run_create"), region_run).status_code == 302


# --- the region's admin and superuser accounts ---------------------------------------------


def test_the_regions_admin_neither_reaches_nor_makes_a_superuser(world):
    """Whoever sets a superuser's password holds the superuser's rights: the region's admin (not a
    superuser) does not see, edit or delete a superuser's account, cannot tick the superuser box
    or give a group beyond the three roles, on a form or by a forged POST."""
    made, users = clients(world), world["users"]
    root = users["superuser"]
    listed = usernames_listed(made["region"].get(reverse("wagtailusers_users:index")))
    assert "dina" in listed and root.username not in listed
    assert root.username in usernames_listed(made["superuser"].get(reverse("wagtailusers_users:index")))
    for view in ("edit", "delete"):
        assert made["region"].get(reverse(f"wagtailusers_users:{view}", args=[root.pk])).status_code == 404
    response, changed = post_unchanged(
        made["region"],
        reverse("wagtailusers_users:edit", args=[root.pk]),
        account_form(root, password1="Nytt passord 4711 for root", password2="Nytt passord 4711 for root"),
    )
    assert response.status_code == 404 and not changed

    dina_url = reverse("wagtailusers_users:edit", args=[users["dina"].pk])
    response, changed = post_unchanged(made["region"], dina_url, account_form(users["dina"], is_superuser="on"))
    assert response.status_code == 200 and not changed
    assert "Bare en superbruker kan gjøre en konto til administrator" in response.content.decode()
    editors = Group.objects.get(name="Editors")
    response, changed = post_unchanged(made["region"], dina_url, account_form(users["dina"], groups=[str(editors.pk)]))
    assert response.status_code == 200 and not changed
    assert response.context["form"].errors["groups"]
    # The same change by a superuser is saved.
    response, changed = post_unchanged(made["superuser"], dina_url, account_form(users["dina"], is_superuser="on"))
    assert response.status_code == 302 and changed


def test_a_new_account_made_by_a_municipality_admin_belongs_to_her_municipality(world):
    """Vera (Verdal's admin) makes a teacher account: it belongs to Verdal, so she finds and edits it
    afterwards. Her only municipality is shown, fixed: a forged other municipality is ignored."""
    made = clients(world)
    verdal, levanger = world["verdal"], world["levanger"]
    new = {
        "username": "nora",
        "first_name": "Nora",
        "last_name": "Ny",
        "email": "nora@example.org",
        "password1": "Et langt passord 4711",
        "password2": "Et langt passord 4711",
        "groups": list(group_ids(TEACHER_GROUP)),
    }
    add = reverse("wagtailusers_users:add")
    form_html = made["admin_2"].get(add).content.decode()
    assert Choices(form_html).offered["ksi_municipality"] == {str(verdal.pk)}
    assert 'name="ksi_municipality"' not in made["region"].get(add).content.decode()

    response = made["admin_2"].post(add, {**new, "ksi_municipality": str(levanger.pk)})
    assert response.status_code == 302
    nora = get_user_model().objects.get(username="nora")
    assert list(MunicipalityMembership.objects.filter(user=nora).values_list("municipality", flat=True)) == [verdal.pk]
    assert "nora" in usernames_listed(made["admin_2"].get(reverse("wagtailusers_users:index")))
    assert made["admin_2"].get(reverse("wagtailusers_users:edit", args=[nora.pk])).status_code == 200

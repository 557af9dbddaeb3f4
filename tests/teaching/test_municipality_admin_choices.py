"""The Wagtail admin's choice lists for a municipality admin (issue 23's loose end): the selects of
the create and edit forms and the list filters offer only what the admin's scope allows, and a
forged POST with an id outside it gets the field's error and changes nothing.

The world of :mod:`.test_municipality_permissions`: Verdal's admin (``admin_2``) has Verdal's own
run (Cato) and sees Bilal (from Verdal) in Levanger's joint run; Levanger's run, Amina (its
participant, with her enrolment, sessions and certificate), Levanger's admin and Levanger itself
are another municipality's.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.urls import reverse

from ksi_courses.teaching.models import CourseRun
from tests.teaching.test_municipality_permissions import clients, full_snapshot
from tests.teaching.test_municipality_permissions import world as municipality_world

pytestmark = pytest.mark.django_db

world = municipality_world  # the fixture these tests build on


class Choices(HTMLParser):
    """Every value a form offers, per field name: ``<option>``s of selects, and radio buttons and check boxes."""

    def __init__(self, html: str):
        super().__init__()
        self.offered: dict[str, set[str]] = {}
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = attrs.get("name")
            self.offered.setdefault(self._select, set())
        elif tag == "option" and self._select and attrs.get("value"):
            self.offered[self._select].add(attrs["value"])
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox") and attrs.get("value"):
            self.offered.setdefault(attrs.get("name"), set()).add(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def ids(*objects) -> set[str]:
    return {str(obj.pk) for obj in objects}


def other_municipalitys(world) -> dict[str, set[str]]:
    """For each form field name, the ids that are Levanger's alone (Verdal's admin must not be offered them)."""
    users, joint = world["users"], world["joint"]
    return {
        "run": ids(joint),
        "participant": ids(users["amina"], users["admin_1"], users["region"], users["superuser"]),
        "teachers": ids(users["amina"], users["admin_1"], users["region"], users["superuser"]),
        "enrolment": ids(world["enrolments"]["amina"]),
        "host_municipality": ids(world["levanger"]),
        "session": ids(*joint.sessions.all()),
    }


FORMS = {  # form → the fields with choices it must have
    "ksi_courseruns:add": {"host_municipality", "teachers"},
    "ksi_enrolments:add": {"run", "participant"},
    "ksi_sessions:add": {"run"},
    "ksi_certificates:add": {"enrolment"},
}


def test_the_admin_forms_offer_only_the_admins_own_municipalitys_objects(world):
    made, foreign = clients(world), other_municipalitys(world)
    users = world["users"]
    wrong = []
    forms = {
        **FORMS,
        "ksi_courseruns:edit": {"host_municipality", "teachers"},
        "ksi_enrolments:edit": {"run", "participant"},
    }
    for name, fields in forms.items():
        args = {"ksi_courseruns:edit": [world["own"].pk], "ksi_enrolments:edit": [world["enrolments"]["cato"].pk]}.get(
            name, []
        )
        response = made["admin_2"].get(reverse(name, args=args))
        assert response.status_code == 200, name
        offered = Choices(response.content.decode()).offered
        for field in fields:
            if not offered.get(field):
                wrong.append(f"{name}: no choices for {field}")
            if leaked := offered.get(field, set()) & foreign[field]:
                wrong.append(f"{name}: {field} offers {sorted(leaked)}")
    assert not wrong, "\n".join(wrong)
    # What the admin may choose is there: their run, their participants, the enrolments they see.
    offered = Choices(made["admin_2"].get(reverse("ksi_enrolments:add")).content.decode()).offered
    assert offered["run"] == ids(world["own"])
    assert ids(users["bilal"], users["cato"]) <= offered["participant"]
    # A certificate only in a run she manages in full: Bilal's enrolment in the joint run is read-only.
    certificate = Choices(made["admin_2"].get(reverse("ksi_certificates:add")).content.decode()).offered
    assert certificate["enrolment"] == ids(world["enrolments"]["cato"])
    assert Choices(made["admin_2"].get(reverse("ksi_courseruns:add")).content.decode()).offered[
        "host_municipality"
    ] == ids(world["verdal"])
    # The region's admin (no municipality) is offered everything.
    region = Choices(made["region"].get(reverse("ksi_enrolments:add")).content.decode()).offered
    assert (
        ids(world["joint"], world["own"]) <= region["run"]
        and ids(users["amina"], users["cato"]) <= region["participant"]
    )


def test_the_list_filters_offer_only_runs_found_in_the_admins_list(world):
    made = clients(world)
    # Levanger's admin: Levanger's joint run only, not Verdal's own run (its one participant is Verdal's).
    for index in ("ksi_enrolments:index", "ksi_sessions:index"):
        offered = Choices(made["admin_1"].get(reverse(index)).content.decode()).offered
        assert offered.get("run") == ids(world["joint"]), (index, offered)
    # Verdal's admin: the enrolment list has Bilal in the joint run, the session list Verdal's run only.
    assert Choices(made["admin_2"].get(reverse("ksi_enrolments:index")).content.decode()).offered["run"] == ids(
        world["joint"], world["own"]
    )
    assert Choices(made["admin_2"].get(reverse("ksi_sessions:index")).content.decode()).offered["run"] == ids(
        world["own"]
    )
    # A forged filter value shows no row of the other municipality.
    listing = made["admin_1"].get(reverse("ksi_enrolments:index"), {"run": world["own"].pk}).content.decode()
    assert "cato" not in listing


def test_a_forged_post_with_an_id_outside_the_scope_gets_a_field_error_and_changes_nothing(world):
    made, users, enrolments = clients(world), world["users"], world["enrolments"]
    own, joint = world["own"], world["joint"]
    run_form = {
        "course": own.course_id,
        "title": "Verdals eget kurs",
        "host_municipality": world["verdal"].pk,
        "start_date": "2026-08-03",
        "end_date": "2026-10-30",
        "teachers": [users["teacher_2"].pk],
    }
    forged = [  # (url name, args, POST data, the field that must refuse it)
        ("ksi_enrolments:add", [], {"run": own.pk, "participant": users["amina"].pk}, "participant"),
        ("ksi_enrolments:add", [], {"run": joint.pk, "participant": users["cato"].pk}, "run"),
        (
            "ksi_enrolments:edit",
            [enrolments["cato"].pk],
            {"run": own.pk, "participant": users["amina"].pk},
            "participant",
        ),
        # (Bilal's enrolment in the joint run she may not edit at all: test_municipality_admin_users.)
        ("ksi_enrolments:edit", [enrolments["cato"].pk], {"run": joint.pk, "participant": users["cato"].pk}, "run"),
        ("ksi_courseruns:edit", [own.pk], {**run_form, "host_municipality": world["levanger"].pk}, "host_municipality"),
        ("ksi_courseruns:edit", [own.pk], {**run_form, "teachers": [users["admin_1"].pk]}, "teachers"),
        ("ksi_courseruns:add", [], {**run_form, "teachers": [users["amina"].pk]}, "teachers"),
        ("ksi_sessions:add", [], {"run": joint.pk, "date": "2026-01-09", "hours": "3", "topic": "x"}, "run"),
        ("ksi_certificates:add", [], {"enrolment": enrolments["amina"].pk, "hours": "3"}, "enrolment"),
    ]
    wrong = []
    for name, args, data, field in forged:
        with transaction.atomic():
            before = full_snapshot()
            response = made["admin_2"].post(reverse(name, args=args), data)
            changed = full_snapshot() != before
            transaction.set_rollback(True)
        errors = response.context["form"].errors if response.context and "form" in response.context else {}
        if response.status_code != 200 or field not in errors or changed:
            wrong.append(f"{name} {data}: {response.status_code}, errors {dict(errors)}, changed={changed}")
    assert not wrong, "\n".join(wrong)
    # The same forms save what is in scope (so the refusals above are the scope's, not a bad form).
    assert (
        made["admin_2"]
        .post(reverse("ksi_enrolments:add"), {"run": own.pk, "participant": users["bilal"].pk})
        .status_code
        == 302
    )
    assert own.enrolments.filter(participant=users["bilal"]).exists()
    saved = made["admin_2"].post(reverse("ksi_courseruns:edit", args=[own.pk]), {**run_form, "title": "Verdal høst"})
    assert saved.status_code == 302 and CourseRun.objects.get(pk=own.pk).title == "Verdal høst"


def test_wagtails_user_admin_edits_only_the_accounts_the_admin_answers_for(world):
    made, users = clients(world), world["users"]
    amina = users["amina"]
    for target in ("amina", "admin_1", "region"):  # Levanger's participant and admin, the region's admin
        url = reverse("wagtailusers_users:edit", args=[users[target].pk])
        assert made["admin_2"].get(url).status_code == 404, target
        # The role has no delete_user: Wagtail sends them away before the hook (302 to the admin's home).
        assert made["admin_2"].get(reverse("wagtailusers_users:delete", args=[users[target].pk])).status_code in (
            302,
            404,
        )
    with transaction.atomic():
        before = full_snapshot()
        response = made["admin_2"].post(
            reverse("wagtailusers_users:edit", args=[amina.pk]),
            {
                "username": "amina",
                "first_name": "Kapret",
                "last_name": "Hassan",
                "email": "x@example.org",
                "password1": "Nytt passord 12345",
                "password2": "Nytt passord 12345",
                "is_active": "on",
            },
        )
        assert response.status_code == 404 and full_snapshot() == before
        transaction.set_rollback(True)
    # Their own municipality's participant, and the region's admin for anyone.
    assert made["admin_2"].get(reverse("wagtailusers_users:edit", args=[users["bilal"].pk])).status_code == 200
    assert made["region"].get(reverse("wagtailusers_users:edit", args=[amina.pk])).status_code == 200

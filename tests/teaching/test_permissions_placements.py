"""The permission matrix of the practice placement pages (issue 25), on the world of
:mod:`.test_permissions`: every URL × every role × GET and POST, ids of the other run, its
enrolments and placements, and workplaces of a municipality the user does not belong to.

Beside run A and run B the world has Levanger (a workplace) and Verdal (a workplace; the other
teacher belongs to Verdal, so Levanger's workplaces are not theirs). The teacher of A, the admin
(Kommuneadministrator) and the superuser belong to no municipality and manage every workplace.
The coverage check in :mod:`.test_permissions` counts these cases too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client

from ksi_courses.teaching.models import Municipality, MunicipalityMembership, Placement, Workplace
from tests.teaching.test_permissions import (
    ROLES,
    RUN_TEACHERS,
    TEACHERS,
    Case,
    answer,
    answers,
    body_for,
    snapshot,
    url_for,
)
from tests.teaching.test_permissions import world as base_world

pytestmark = pytest.mark.django_db

WRITERS = ("teacher", "admin", "superuser")
#: Workplaces of Levanger: the other teacher (Verdal) has no claim on them.
LEVANGER = {**TEACHERS, "other_teacher": 404}

WORKPLACE = {"municipality": "{levanger_id}", "name": "Ny Renhold AS", "organisation_number": "974 760 673"}
PLACEMENT = {"enrolment": "{enrolment_id}", "workplace": "{workplace_id}", "start_date": "2026-03-02", "end_date": "2026-03-20",
             "weekdays": ["2", "4"], "hours_per_day": "5", "status": "planned", "tasks": ["1/se-vasken"]}

CASES = [
    Case("workplaces", "get", TEACHERS),
    Case("workplaces", "post", answers(TEACHERS, ok=405)),
    Case("workplace_create", "get", TEACHERS),
    Case("workplace_create", "post", answers(TEACHERS, ok="workplaces", other_teacher=400), WORKPLACE, changes=WRITERS),
    Case("workplace_create", "post", answers(TEACHERS, ok=400), {**WORKPLACE, "organisation_number": "974 760 674"}, label="bad-number"),
    Case("workplace_edit", "get", LEVANGER),
    Case("workplace_edit", "get", TEACHERS, args={"workplace_id": "verdal_workplace_id"}, label="verdal"),
    Case("workplace_edit", "post", answers(LEVANGER, ok="workplaces"), WORKPLACE, changes=WRITERS),
    # Olav may edit Verdal's workplace, but not move it to Levanger.
    Case("workplace_edit", "post", answers(TEACHERS, ok="workplaces", other_teacher=400), WORKPLACE,
         args={"workplace_id": "verdal_workplace_id"}, changes=WRITERS, label="verdal-to-levanger"),
    Case("placements", "get", RUN_TEACHERS),
    Case("placements", "get", answers(RUN_TEACHERS, teacher=404, other_teacher=200), args={"run_id": "run_b_id"}, label="run-b"),
    Case("placements", "post", answers(RUN_TEACHERS, ok=405)),
    Case("placement_create", "get", RUN_TEACHERS),
    Case("placement_create", "post", answers(RUN_TEACHERS, ok="placements"), PLACEMENT, changes=WRITERS),
    Case("placement_create", "post", answers(RUN_TEACHERS, ok=400), {**PLACEMENT, "enrolment": "{enrolment_b_id}"},
         label="enrolment-of-b"),
    Case("placement_create", "post", answers(RUN_TEACHERS, ok=400), {**PLACEMENT, "start_date": "2026-02-02"}, label="overlap"),
    Case("placement_edit", "get", RUN_TEACHERS),
    Case("placement_edit", "get", answers(RUN_TEACHERS, ok=404), args={"placement_id": "placement_b_id"}, label="placement-of-b"),
    Case("placement_edit", "post", answers(RUN_TEACHERS, ok="placements"), {**PLACEMENT, "agreement_signed_on": "2026-01-20"},
         changes=WRITERS),
    Case("placement_edit", "post", answers(RUN_TEACHERS, ok=404), PLACEMENT, args={"placement_id": "placement_b_id"},
         label="placement-of-b"),
    Case("placements_csv", "get", RUN_TEACHERS),
    Case("placements_csv", "post", answers(RUN_TEACHERS, ok=405)),
    Case("timetable", "get", RUN_TEACHERS),
    Case("timetable", "post", answers(RUN_TEACHERS, ok=405)),
]


world = base_world  # the fixture this matrix builds on


@pytest.fixture
def placement_world(world, users):
    levanger = Municipality.objects.create(name="Levanger", number="5037")
    verdal = Municipality.objects.create(name="Verdal", number="5038")
    MunicipalityMembership.objects.create(user=users["other_teacher"], municipality=verdal)
    workplace = Workplace.objects.create(municipality=levanger, name="Rent AS", organisation_number="923609016")
    other = Workplace.objects.create(municipality=verdal, name="Butikken", organisation_number="974760673")

    def placed(enrolment_id, at):
        return Placement.objects.create(enrolment_id=enrolment_id, workplace=at, start_date=date(2026, 2, 2), end_date=date(2026, 2, 27),
                                        weekdays=[1, 2, 3], hours_per_day=Decimal(6)).pk

    return {
        **world,
        "levanger_id": levanger.pk,
        "workplace_id": workplace.pk,
        "verdal_workplace_id": other.pk,
        "placement_id": placed(world["enrolment_id"], workplace),
        "placement_b_id": placed(world["enrolment_b_id"], other),
    }


def placement_answer(response, ids: dict) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location == "/ksi/praksissteder/":
            return "workplaces"
        if location == f"/ksi/kurs/{ids['run_id']}/praksis/":
            return "placements"
    return answer(response, ids)


def placement_snapshot() -> list:
    return [*snapshot(), *(sorted(map(repr, model.objects.values_list())) for model in (Workplace, Placement, Municipality))]


def test_placement_permission_matrix(placement_world, users):
    """One world for all cells (each cell is rolled back); every wrong cell is listed at the end."""
    wrong = []
    for case in CASES:
        for role in ROLES:
            with transaction.atomic():
                client = Client()
                if role != "anonymous":
                    client.force_login(users[role])
                before = placement_snapshot()
                response = getattr(client, case.method)(url_for(case, placement_world), body_for(case, placement_world))
                changed = placement_snapshot() != before
                transaction.set_rollback(True)
            got = placement_answer(response, placement_world)
            if got != case.expected[role]:
                wrong.append(f"{case.id} as {role}: {got}, expected {case.expected[role]}")
            if changed and role not in case.changes:
                wrong.append(f"{case.id} as {role}: changed data ({got})")
            if not changed and role in case.changes and got == case.expected[role]:
                wrong.append(f"{case.id} as {role}: expected a change, nothing changed")
    assert not wrong, "\n".join(wrong)

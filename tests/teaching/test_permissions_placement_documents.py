"""The permission matrix of a placement's documents and evaluations: every URL × every role × GET and POST.

Run A (taught by ``teacher``) has Amina's placement, run B (taught by ``other_teacher``) Bilal's.
Roles as in test_permissions.py: anonymous, participant A (of the placement), participant B
(another participant), the run's teacher, another teacher, a municipality admin and a superuser.
The mentor's link is tried live, expired and guessed. Every cell runs in a savepoint rolled back
afterwards; a cell not expected to change data must leave evaluations and links as they were.
test_permissions.py counts these ``CASES`` in its check that every URL of the app is in a matrix.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ksi_courses.teaching import mentor_links
from ksi_courses.teaching.models import CourseRun, Enrolment
from ksi_courses.teaching.placement_models import MentorLink, PlacementEvaluation
from tests.teaching.test_mentor_links import MENTOR_ANSWERS
from tests.teaching.test_placement_documents import logbook, make_placement  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant_a", "participant_b", "teacher", "other_teacher", "admin", "superuser")
RUN_TEACHERS = {"anonymous": "login", "participant_a": 403, "participant_b": 403, "teacher": 200, "other_teacher": 404,
                "admin": 200, "superuser": 200}
NOBODY = dict.fromkeys(ROLES, 405)


@dataclass(frozen=True)
class Case:
    url_name: str
    method: str
    expected: dict
    args: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    changes: tuple = ()
    label: str = ""


def _with(base: dict, **changes) -> dict:
    return {**base, **changes}


FILE = {"run_id": "run", "placement_id": "placement", "document": "avtale", "fmt": "docx"}
PLACEMENT = {"run_id": "run", "placement_id": "placement"}
OWN = {"placement_id": "placement"}
CASES = [
    Case("placement_file", "get", RUN_TEACHERS, FILE),
    Case("placement_file", "get", _with(RUN_TEACHERS, teacher=404, admin=404, superuser=404),
         {**FILE, "placement_id": "placement_b"}, label="placement-of-run-b"),
    Case("placement_file", "get", _with(RUN_TEACHERS, teacher=404, other_teacher=200),
         {**FILE, "run_id": "run_b", "placement_id": "placement_b"}, label="run-b"),
    Case("placement_file", "post", _with(RUN_TEACHERS, teacher=405, admin=405, superuser=405), FILE),
    Case("placement_evaluations", "get", RUN_TEACHERS, PLACEMENT),
    Case("placement_evaluations", "get", _with(RUN_TEACHERS, teacher=404, admin=404, superuser=404),
         {**PLACEMENT, "placement_id": "placement_b"}, label="placement-of-run-b"),
    Case("placement_evaluations", "post", _with(RUN_TEACHERS, teacher=405, admin=405, superuser=405), PLACEMENT),
    Case("mentor_link_create", "get", _with(RUN_TEACHERS, teacher=405, admin=405, superuser=405), PLACEMENT),
    Case("mentor_link_create", "post", RUN_TEACHERS, PLACEMENT, changes=("teacher", "admin", "superuser")),
    Case("mentor_link_create", "post", _with(RUN_TEACHERS, teacher=404, admin=404, superuser=404),
         {**PLACEMENT, "placement_id": "placement_b"}, label="placement-of-run-b"),
    # The mentor's link: the same for everyone, signed in or not.
    Case("mentor_evaluation", "get", dict.fromkeys(ROLES, 200), {"token": "token"}),
    Case("mentor_evaluation", "post", dict.fromkeys(ROLES, "saved"), {"token": "token"}, MENTOR_ANSWERS, changes=ROLES),
    Case("mentor_evaluation", "get", dict.fromkeys(ROLES, 404), {"token": "expired_token"}, label="expired"),
    Case("mentor_evaluation", "post", dict.fromkeys(ROLES, 404), {"token": "expired_token"}, MENTOR_ANSWERS, label="expired"),
    Case("mentor_evaluation", "get", dict.fromkeys(ROLES, 404), {"token": "guessed_token"}, label="guessed"),
    # The participant's own part: only the participant of the placement.
    Case("participant_evaluation", "get", _with(dict.fromkeys(ROLES, 404), anonymous="login", participant_a=200), OWN),
    Case("participant_evaluation", "post", _with(dict.fromkeys(ROLES, 404), anonymous="login", participant_a="saved"),
         OWN, {"tidspunkt": "Midtveis i praksisen", "d-trivsel": "Bra"}, changes=("participant_a",)),
    Case("participant_evaluation", "get", _with(dict.fromkeys(ROLES, 404), anonymous="login", participant_b=200),
         {"placement_id": "placement_b"}, label="placement-of-b"),
]


@pytest.fixture
def world(run, course, users, logbook, django_user_model):  # noqa: F811
    """Run A (teacher, Amina's placement) and run B (other teacher, Bilal's placement)."""
    users["superuser"] = django_user_model.objects.create_user("root", password="pw-root", is_staff=True, is_superuser=True)
    Enrolment.objects.filter(run=run, participant=users["participant_b"]).delete()
    run_b = CourseRun.objects.create(course=course, title="Olavs kurs", start_date=run.start_date, end_date=run.end_date)
    run_b.teachers.add(users["other_teacher"])
    Enrolment.objects.create(run=run_b, participant=users["participant_b"])
    placement = make_placement(run, users["participant_a"])
    placement_b = make_placement(run_b, users["participant_b"])
    return {
        "run": run.pk,
        "run_b": run_b.pk,
        "placement": placement.pk,
        "placement_b": placement_b.pk,
        "token": mentor_links.create_link(placement, users["teacher"]).token,
        "expired_token": mentor_links.create_link(placement_b, users["other_teacher"], now=timezone.now() - timedelta(days=40)).token,
        "guessed_token": secrets.token_urlsafe(32),
        }


def snapshot() -> list:
    return [
        sorted(map(repr, PlacementEvaluation.objects.values_list("placement_id", "author", "answers"))),
        sorted(map(repr, MentorLink.objects.values_list("placement_id", "token_hash", "expires_at"))),
    ]


def answer(response, url: str) -> object:
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith("/ksi/logg-inn/"):
        return "login"
    return "saved" if location == url else f"302 {location}"


def test_every_url_of_placement_documents_is_in_the_matrix_with_get_and_post():
    names = {"placement_file", "placement_evaluations", "mentor_link_create", "mentor_evaluation", "participant_evaluation"}
    assert {(name, method) for name in names for method in ("get", "post")} <= {(case.url_name, case.method) for case in CASES}


def test_permission_matrix(world, users):
    wrong = []
    for case in CASES:
        kwargs = {key: world.get(value, value) for key, value in case.args.items()}
        url = reverse(f"ksi_teaching:{case.url_name}", kwargs=kwargs)
        for role in ROLES:
            with transaction.atomic():
                client = Client()
                if role != "anonymous":
                    client.force_login(users[role])
                before = snapshot()
                response = getattr(client, case.method)(url, case.data)
                changed = snapshot() != before
                transaction.set_rollback(True)
            got = answer(response, url)
            if got != case.expected[role]:
                wrong.append(f"{case.url_name}-{case.method}{'-' + case.label if case.label else ''} as {role}: {got}, expected {case.expected[role]}")
            if changed and role not in case.changes:
                wrong.append(f"{case.url_name}-{case.method} as {role}: changed data")
    assert not wrong, "\n".join(wrong)


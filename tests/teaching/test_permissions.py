"""The permission matrix: every URL the teaching app adds × every role, with the expected answer.

Roles: anonymous, participant A and B (both in the run; A holds a certificate), the teacher of
the run, another teacher, and a municipality admin (the Kommuneadministrator group, not a
superuser). Each URL is tried by every role against a fresh world, in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from ksi_courses.teaching.attendance import add_session
from ksi_courses.teaching.models import Certificate
from ksi_courses.teaching.wagtail_hooks import TeachingViewSetGroup

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant_a", "participant_b", "teacher", "other_teacher", "admin")

# Expected answers. "login": 302 to the teaching login; "lesson": 302 back to the lesson page;
# "admin-login"/"admin-home": Wagtail's redirects for no admin access / no permission.
PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": "login"}
OWN_PROGRESS = {**dict.fromkeys(ROLES, "lesson"), "anonymous": "login"}
TEACHERS = {"anonymous": "login", "participant_a": 403, "participant_b": 403, "teacher": 200, "other_teacher": 200, "admin": 200}
RUN_TEACHERS = {**TEACHERS, "other_teacher": 404}
CERTIFICATE = {"anonymous": "login", "participant_a": 200, "participant_b": 404, "teacher": 200, "other_teacher": 404, "admin": 200}
WAGTAIL_ADMIN = {
    "anonymous": "admin-login",
    "participant_a": "admin-login",
    "participant_b": "admin-login",
    "teacher": "admin-home",
    "other_teacher": "admin-home",
    "admin": 200,
}


@dataclass(frozen=True)
class Case:
    url_name: str
    method: str
    expected: dict
    data: dict = field(default_factory=dict)


CASES = [
    Case("login", "get", PUBLIC),
    Case("logout", "post", dict.fromkeys(ROLES, "login")),
    Case("password_change", "get", SIGNED_IN),
    Case("dashboard", "get", SIGNED_IN),
    Case("lesson_done", "post", OWN_PROGRESS, {"done": "1"}),
    Case("checklist", "post", OWN_PROGRESS, {"item": ["sapa"]}),
    Case("quiz", "post", OWN_PROGRESS, {"quiz-q1": "0"}),
    Case("certificate_pdf", "get", CERTIFICATE),
    Case("verify", "get", PUBLIC),
    Case("runs", "get", TEACHERS),
    Case("run_create", "get", TEACHERS),
    Case("run", "get", RUN_TEACHERS),
    Case("run_edit", "get", RUN_TEACHERS),
    Case("participant_add", "get", RUN_TEACHERS),
    Case("participants_import", "get", RUN_TEACHERS),
    Case("new_password", "post", RUN_TEACHERS),
    Case("password_sheet", "post", RUN_TEACHERS, {"username": ["amina"], "password": ["abcd-efgh-jkmn"]}),
    Case("sessions", "get", RUN_TEACHERS),
    Case("attendance", "get", RUN_TEACHERS),
    Case("progress", "get", RUN_TEACHERS),
    Case("certificates", "get", RUN_TEACHERS),
    Case("report", "get", RUN_TEACHERS),
    Case("attendance_list_pdf", "get", RUN_TEACHERS),
    Case("run_template", "get", RUN_TEACHERS),
    *(Case(f"{viewset.name}:index", "get", WAGTAIL_ADMIN) for viewset in TeachingViewSetGroup.items),
]


@pytest.fixture
def world(run, lesson, users):
    amina = run.enrolments.get(participant=users["participant_a"])
    certificate = Certificate.objects.create(enrolment=amina, hours=Decimal(3))
    session = add_session(run, date(2026, 1, 5), Decimal(3))
    return {
        "page_id": lesson.pk,
        "checklist_id": "for-jobb",
        "quiz_id": "quiz",
        "certificate_id": certificate.pk,
        "code": certificate.code,
        "run_id": run.pk,
        "enrolment_id": amina.pk,
        "session_id": session.pk,
        "lesson_url": lesson.url,
        "template_id": "invitasjon-deltakere",
        "fmt": "pdf",
    }


def url_for(case: Case, world: dict) -> str:
    """The case's URL with the world's objects filled in for the arguments it takes."""
    name = case.url_name if ":" in case.url_name else f"ksi_teaching:{case.url_name}"
    namespace, _, url_name = name.rpartition(":")
    resolver = get_resolver().namespace_dict[namespace][1]
    params = resolver.reverse_dict.getlist(url_name)[0][0][0][1]
    return reverse(name, kwargs={param: world[param] for param in params})


def answer(response, world: dict) -> object:
    """The response in the matrix's terms (status, or where a redirect goes)."""
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith("/ksi/logg-inn/"):
        return "login"
    if location.split("#")[0] == world["lesson_url"]:
        return "lesson"
    if location.startswith("/admin/login/"):
        return "admin-login"
    if location == "/admin/":
        return "admin-home"
    return f"302 {location}"


def test_every_url_of_the_app_is_in_the_matrix():
    names = {f"ksi_teaching:{name}" for name in get_resolver().namespace_dict["ksi_teaching"][1].reverse_dict if isinstance(name, str)}
    assert names == {f"ksi_teaching:{case.url_name}" for case in CASES if ":" not in case.url_name}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.url_name)
def test_permission_matrix(case, world, users):
    url = url_for(case, world)
    got = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        response = getattr(client, case.method)(url, case.data)
        got[role] = answer(response, world)
    assert got == case.expected, url


# --- the Wagtail admin: every URL of every teaching viewset ------------------------------------

RECORD_VIEWSETS = {"ksi_progress", "ksi_quiz_attempts", "ksi_attendance"}  # looked at, never written by hand


def admin_expected(viewset: str, route: str) -> dict:
    # Wagtail's usage view needs the change permission, which records do not give.
    admin = "admin-home" if viewset in RECORD_VIEWSETS and route in ("add", "edit", "usage") else 200
    return {**WAGTAIL_ADMIN, "admin": admin}


def admin_urls(objects: dict) -> list[tuple[str, str, str]]:
    """``(viewset, route, url)`` for every URL the teaching viewsets register."""
    urls = []
    for viewset in TeachingViewSetGroup.items:
        resolver = get_resolver().namespace_dict[viewset.name][1]
        for route in sorted(name for name in resolver.reverse_dict if isinstance(name, str)):
            params = resolver.reverse_dict.getlist(route)[0][0][0][1]
            kwargs = {"pk": objects[viewset.model].pk} if "pk" in params else {}
            urls.append((viewset.name, route, reverse(f"{viewset.name}:{route}", kwargs=kwargs)))
    return urls


def test_wagtail_admin_matrix(world, users, run, lesson):
    """GET only (nothing changes), so one world serves every URL."""
    from ksi_courses.teaching import models, progress
    from ksi_courses.teaching.attendance import record_attendance

    amina = users["participant_a"]
    progress.set_completed(amina, lesson)
    progress.submit_quiz(amina, lesson, "quiz", {"q1": [0]})
    session = models.AttendanceSession.objects.get(pk=world["session_id"])
    record_attendance(session, [world["enrolment_id"]])
    objects = {
        models.CourseRun: run,
        models.Enrolment: models.Enrolment.objects.get(pk=world["enrolment_id"]),
        models.AttendanceSession: session,
        models.Attendance: models.Attendance.objects.first(),
        models.LessonProgress: models.LessonProgress.objects.get(),
        models.QuizAttempt: models.QuizAttempt.objects.get(),
        models.Certificate: models.Certificate.objects.get(),
    }
    clients = {role: Client() for role in ROLES}
    for role, client in clients.items():
        if role != "anonymous":
            client.force_login(users[role])
    wrong = []
    urls = admin_urls(objects)
    assert len(urls) >= 7 * 8
    for viewset, route, url in urls:
        got = {role: answer(clients[role].get(url), world) for role in ROLES}
        if got != admin_expected(viewset, route):
            wrong.append((url, got))
    assert not wrong, "\n".join(f"{url}: {got}" for url, got in wrong)


def test_participants_see_only_their_own_data(world, users, lesson):
    from ksi_courses.teaching import progress

    amina, bilal = users["participant_a"], users["participant_b"]
    progress.set_completed(amina, lesson)
    progress.save_checklist(amina, lesson, "for-jobb", ["sapa", "papir"])
    progress.submit_quiz(amina, lesson, "quiz", {"q1": [0]})
    client = Client()
    client.force_login(bilal)
    dashboard = client.get(reverse("ksi_teaching:dashboard")).content.decode()
    assert f"/ksi/kursbevis/{world['certificate_id']}/" not in dashboard and "0 av 2 leksjoner fullført" in dashboard
    html = client.get(lesson.url).content.decode()
    assert "0 av 2 leksjoner fullført" in html and " checked" not in html and "Siste svar" not in html
    client.force_login(amina)
    dashboard = client.get(reverse("ksi_teaching:dashboard")).content.decode()
    assert f"/ksi/kursbevis/{world['certificate_id']}/pdf/" in dashboard and "1 av 2 leksjoner fullført" in dashboard

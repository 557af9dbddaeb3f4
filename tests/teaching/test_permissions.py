"""The permission matrix: every URL the teaching app adds × every role × GET and POST.

Two runs of the same course: run A (taught by ``teacher``, participant A holds a certificate)
and run B (taught by ``other_teacher``, participant B). Roles: anonymous, participant A and B, the
teacher of A, the teacher of B, a municipality admin (the Kommuneadministrator group, not a
superuser) and a superuser. Besides the plain cases the matrix posts ids of the other run, its
enrolments and sessions, and enrolments of accounts a teacher must not take over (staff, admins,
teachers, participants of another run).

Every cell runs in its own savepoint, rolled back afterwards, so every cell starts from the same
world; a cell that is not expected to change data must leave every teaching and account table
exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
import yaml
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse

from course_content.logbook import Logbook
from ksi_courses.teaching import models
from ksi_courses.teaching.attendance import add_session
from ksi_courses.teaching.models import Certificate, CourseRun, Enrolment
from ksi_courses.teaching.roles import PARTICIPANT_GROUP
from ksi_courses.teaching.wagtail_hooks import TeachingViewSetGroup
from tests.paths import FIXTURES

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant_a", "participant_b", "teacher", "other_teacher", "admin", "superuser")
SIGNED_IN_ROLES = ROLES[1:]

# Expected answers. "login": 302 to the teaching login; "lesson": 302 back to the lesson page;
# "run", "sessions": 302 to run A's pages; "admin-login"/"admin-home": Wagtail's redirects for no
# admin access / no permission.
PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": "login"}
OWN_PROGRESS = {**dict.fromkeys(ROLES, "lesson"), "anonymous": "login"}
TEACHERS = {**dict.fromkeys(ROLES, 200), "anonymous": "login", "participant_a": 403, "participant_b": 403}
RUN_TEACHERS = {**TEACHERS, "other_teacher": 404}
CERTIFICATE = {**RUN_TEACHERS, "participant_a": 200, "participant_b": 404}
ADMINS = {**TEACHERS, "teacher": 403, "other_teacher": 403}
WAGTAIL_ADMIN = {
    "anonymous": "admin-login",
    "participant_a": "admin-login",
    "participant_b": "admin-login",
    "teacher": "admin-home",
    "other_teacher": "admin-home",
    "admin": 200,
    "superuser": 200,
}


def answers(base: dict, **changes) -> dict:
    """``base`` with some roles' answers replaced; ``ok=X`` sets every role that passed ``base``."""
    if "ok" in changes:
        ok = changes.pop("ok")
        base = {role: ok if value == 200 else value for role, value in base.items()}
    return {**base, **changes}


@dataclass(frozen=True)
class Case:
    url_name: str
    method: str
    expected: dict
    data: dict = field(default_factory=dict)
    #: URL arguments taken from other world entries, e.g. {"run_id": "run_b_id"}.
    args: dict = field(default_factory=dict)
    #: Roles whose request is expected to change data (every other cell must change nothing).
    changes: tuple = ()
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.url_name}-{self.method}{'-' + self.label if self.label else ''}"


RUN_DATA = {"course": "{course_id}", "title": "Kapret", "start_date": "2026-01-05", "end_date": "2026-03-27",
            "teachers": ["{other_teacher_id}"]}
RUN_WRITERS = ("teacher", "admin", "superuser")

CASES = [
    # accounts
    Case("login", "get", PUBLIC),
    Case("login", "post", PUBLIC, {"username": "kari", "password": "feil"}, changes=ROLES),  # axes counts the failure
    Case("logout", "get", dict.fromkeys(ROLES, 405)),
    Case("logout", "post", dict.fromkeys(ROLES, "login")),
    Case("password_change", "get", SIGNED_IN),
    Case("password_change", "post", SIGNED_IN, {"new_password1": "x"}),
    # participants
    Case("dashboard", "get", SIGNED_IN),
    Case("dashboard", "post", answers(SIGNED_IN, ok=405)),
    *(Case(name, "get", dict.fromkeys(ROLES, 405)) for name in ("lesson_done", "checklist", "quiz")),
    Case("lesson_done", "post", OWN_PROGRESS, {"done": "1"}, changes=SIGNED_IN_ROLES),
    Case("checklist", "post", OWN_PROGRESS, {"item": ["sapa"]}, changes=SIGNED_IN_ROLES),
    Case("quiz", "post", OWN_PROGRESS, {"quiz-q1": "0"}, changes=SIGNED_IN_ROLES),
    # An idempotency key (offline queue) that is malformed saves nothing.
    Case("checklist", "post", {**dict.fromkeys(ROLES, 400), "anonymous": "login"}, {"item": ["sapa"], "ksi_action_key": "kort"},
         label="bad-action-key"),
    # word practice and offline reading: pages for everyone, boxes only for oneself
    Case("flashcards", "get", PUBLIC),
    Case("flashcards", "get", PUBLIC, args={"page_id": "course_id"}, label="course"),
    Case("flashcards", "get", dict.fromkeys(ROLES, 404), args={"page_id": "module_id"}, label="not-lesson-or-course"),
    Case("flashcards", "post", dict.fromkeys(ROLES, 405)),
    Case("flashcard_answer", "get", dict.fromkeys(ROLES, 405)),
    Case("flashcard_answer", "post", SIGNED_IN, {"word": "håndhygiene", "svar": "kan"}, changes=SIGNED_IN_ROLES),
    Case("flashcard_answer", "post", answers(SIGNED_IN, ok=400), {"word": "finnes-ikke", "svar": "kan"}, label="unknown-word"),
    Case("flashcard_answer", "post", answers(SIGNED_IN, ok=400), {"word": "håndhygiene", "svar": "kanskje"}, label="bad-answer"),
    Case("flashcard_answer", "post", dict.fromkeys(ROLES, 404), {"word": "håndhygiene", "svar": "kan"},
         args={"page_id": "module_id"}, label="not-lesson-or-course"),
    Case("offline_pages", "get", PUBLIC),
    Case("offline_pages", "get", PUBLIC, args={"page_id": "course_id"}, label="course"),
    Case("offline_pages", "get", dict.fromkeys(ROLES, 404), args={"page_id": "module_id"}, label="not-lesson-or-course"),
    Case("offline_pages", "post", dict.fromkeys(ROLES, 405)),
    Case("manifest", "get", PUBLIC),
    Case("manifest", "post", dict.fromkeys(ROLES, 405)),
    Case("service_worker", "get", PUBLIC),
    Case("service_worker", "post", dict.fromkeys(ROLES, 405)),
    Case("certificate_pdf", "get", CERTIFICATE),
    Case("certificate_pdf", "post", answers(CERTIFICATE, ok=405, participant_b=405, other_teacher=405)),
    Case("verify", "get", PUBLIC),
    Case("verify", "post", dict.fromkeys(ROLES, 405)),
    # teachers: runs
    Case("runs", "get", TEACHERS),
    Case("runs", "post", answers(TEACHERS, ok=405)),
    Case("reports", "get", ADMINS),
    Case("reports", "post", answers(TEACHERS, ok=405)),
    Case("nir_export", "get", answers(ADMINS, ok=400)),  # no municipality chosen
    Case("nir_export", "post", answers(TEACHERS, ok=405)),
    Case("run_create", "get", TEACHERS),
    Case("run_create", "post", answers(TEACHERS, ok=400), {"title": ""}),
    Case("run", "get", RUN_TEACHERS),
    Case("run", "post", answers(RUN_TEACHERS, ok=405)),
    Case("run_edit", "get", RUN_TEACHERS),
    Case("run_edit", "post", answers(RUN_TEACHERS, ok="run"), RUN_DATA, changes=RUN_WRITERS),
    Case("run_edit", "post", answers(RUN_TEACHERS, ok="run_b", teacher=404, other_teacher="run_b"), RUN_DATA,
         args={"run_id": "run_b_id"}, changes=("other_teacher", "admin", "superuser"), label="run-b"),
    # teachers: participants. A teacher's username field does not exist: the name is required.
    Case("participant_add", "get", RUN_TEACHERS),
    Case("participant_add", "post", answers(RUN_TEACHERS, teacher=400, admin="run", superuser="run"), {"username": "sjef"},
         changes=("admin", "superuser"), label="superuser"),
    Case("participant_add", "post", answers(RUN_TEACHERS, teacher=400, admin="run", superuser="run"), {"username": "bilal"},
         changes=("admin", "superuser"), label="participant-of-b"),
    Case("participant_add", "post", answers(RUN_TEACHERS, ok="credentials"), {"first_name": "Ny", "last_name": "Person"},
         changes=RUN_WRITERS),
    Case("participants_import", "get", RUN_TEACHERS),
    Case("participants_import", "post", answers(RUN_TEACHERS, ok="credentials"), {"names": "Liv Berg"}, changes=RUN_WRITERS),
    Case("new_credentials", "get", answers(RUN_TEACHERS, ok="run")),
    Case("new_credentials", "get", answers(RUN_TEACHERS, ok=404), args={"key": "unknown_key"}, label="unknown-key"),
    Case("new_credentials", "get", answers(RUN_TEACHERS, ok=404), args={"run_id": "run_b_id"}, label="run-b-url-run-a-key"),
    Case("new_credentials", "post", answers(RUN_TEACHERS, ok=405)),
    Case("new_password", "get", answers(RUN_TEACHERS, ok=405)),
    Case("new_password", "post", RUN_TEACHERS, changes=RUN_WRITERS),
    Case("new_password", "post", answers(RUN_TEACHERS, ok=404), args={"run_id": "run_b_id"}, label="run-b-url-run-a-enrolment"),
    Case("new_password", "post", answers(RUN_TEACHERS, ok=403), args={"enrolment_id": "superuser_enrolment_id"}, label="superuser"),
    Case("new_password", "post", answers(RUN_TEACHERS, ok=403), args={"enrolment_id": "admin_enrolment_id"}, label="municipality-admin"),
    Case("new_password", "post", answers(RUN_TEACHERS, ok=403), args={"enrolment_id": "teacher_b_enrolment_id"}, label="teacher-b"),
    Case("new_password", "post", answers(RUN_TEACHERS, ok=403), args={"enrolment_id": "staff_enrolment_id"}, label="staff"),
    Case("new_password", "post", answers(RUN_TEACHERS, ok=403), args={"enrolment_id": "permitted_enrolment_id"}, label="own-permission"),
    Case("new_password", "post", answers(RUN_TEACHERS, teacher=403), args={"enrolment_id": "shared_enrolment_id"},
         changes=("admin", "superuser"), label="also-in-run-b"),
    Case("new_password", "post", answers(RUN_TEACHERS, teacher=404, other_teacher=403),
         args={"run_id": "run_b_id", "enrolment_id": "shared_b_enrolment_id"}, changes=("admin", "superuser"), label="also-in-run-a"),
    Case("unlock", "get", answers(RUN_TEACHERS, ok=405)),
    Case("unlock", "post", answers(RUN_TEACHERS, ok="run"), changes=RUN_WRITERS),
    Case("unlock", "post", answers(RUN_TEACHERS, ok=404), args={"run_id": "run_b_id"}, label="run-b-url-run-a-enrolment"),
    Case("unlock", "post", answers(RUN_TEACHERS, teacher=403, admin="run", superuser="run"), args={"enrolment_id": "admin_enrolment_id"},
         changes=("admin", "superuser"), label="municipality-admin"),
    Case("password_sheet", "get", answers(RUN_TEACHERS, ok=405)),
    Case("password_sheet", "post", RUN_TEACHERS, {"username": ["amina"], "password": ["abcd-efgh-jkmn"]}),
    Case("password_sheet", "post", answers(RUN_TEACHERS, ok="run"), {"username": ["bilal"], "password": ["abcd-efgh-jkmn"]},
         label="participant-of-b"),
    Case("run_passwords", "get", RUN_TEACHERS),
    Case("run_passwords", "post", answers(RUN_TEACHERS, ok="credentials"), changes=RUN_WRITERS),
    Case("run_passwords", "post", answers(RUN_TEACHERS, ok="credentials"), {"form_key": "{key}"}, label="sent-before"),
    Case("run_passwords", "post", answers(RUN_TEACHERS, ok=400), {"form_key": "<bad>"}, label="bad-key"),
    Case("run_passwords", "post", answers(RUN_TEACHERS, ok="credentials", teacher=404, other_teacher="credentials"),
         args={"run_id": "run_b_id"}, changes=("other_teacher", "admin", "superuser"), label="run-b"),
    # teachers: attendance, progress, certificates, report, documents
    Case("sessions", "get", RUN_TEACHERS),
    Case("sessions", "post", answers(RUN_TEACHERS, ok="attendance"), {"date": "2026-01-07", "hours": "3"}, changes=RUN_WRITERS),
    Case("attendance", "get", RUN_TEACHERS),
    Case("attendance", "get", answers(RUN_TEACHERS, ok=404), args={"session_id": "session_b_id"}, label="session-of-b"),
    Case("attendance", "post", answers(RUN_TEACHERS, ok="sessions"), {"present": ["{enrolment_id}"]}, changes=RUN_WRITERS),
    Case("attendance", "post", answers(RUN_TEACHERS, ok=400), {"present": ["{enrolment_b_id}"]}, label="enrolment-of-b"),
    Case("attendance_all", "get", answers(RUN_TEACHERS, ok=405)),
    Case("attendance_all", "post", answers(RUN_TEACHERS, ok="sessions"), changes=RUN_WRITERS),
    Case("attendance_all", "post", answers(RUN_TEACHERS, ok=404), args={"session_id": "session_b_id"}, label="session-of-b"),
    Case("progress", "get", RUN_TEACHERS),
    Case("progress", "post", answers(RUN_TEACHERS, ok=405)),
    Case("certificates", "get", RUN_TEACHERS),
    Case("certificates", "post", answers(RUN_TEACHERS, ok=400), {"enrolments": ["{enrolment_b_id}"]}, label="enrolment-of-b"),
    # Lessons left: issuing needs the explicit confirmation.
    Case("certificates", "post", answers(RUN_TEACHERS, ok=400), {"enrolments": ["{staff_enrolment_id}"]}, label="unconfirmed"),
    Case("certificates", "post", answers(RUN_TEACHERS, ok="certificates"), {"enrolments": ["{staff_enrolment_id}"], "confirm_early": "on"},
         changes=RUN_WRITERS, label="confirmed"),
    Case("certificates_pdf", "get", RUN_TEACHERS),
    Case("certificates_pdf", "post", answers(RUN_TEACHERS, ok=405)),
    Case("submissions", "get", RUN_TEACHERS),
    Case("submissions", "post", answers(RUN_TEACHERS, ok=405)),
    Case("assessments", "get", RUN_TEACHERS),
    Case("assessments", "post", answers(RUN_TEACHERS, ok=405)),
    Case("assessment_result", "get", RUN_TEACHERS),
    Case("assessment_result", "post", answers(RUN_TEACHERS, ok="assessments"), {"note": "Bra"}, changes=RUN_WRITERS),
    Case("assessment_result", "post", answers(RUN_TEACHERS, ok=404), {"note": "Bra"}, args={"enrolment_id": "enrolment_b_id"},
         label="enrolment-of-b"),
    Case("assessment_result", "post", answers(RUN_TEACHERS, ok=404), {"note": "Bra"}, args={"run_id": "run_b_id"},
         label="run-b-url-run-a-enrolment"),
    # The world gives the mini course a practice logbook (see ``world``).
    Case("logbook", "get", RUN_TEACHERS),
    Case("logbook", "post", answers(RUN_TEACHERS, ok="assessments"), {"tasks": ["1/se-vasken"]}, changes=RUN_WRITERS),
    Case("logbook", "post", answers(RUN_TEACHERS, ok=404), {"tasks": ["1/se-vasken"]}, args={"enrolment_id": "enrolment_b_id"},
         label="enrolment-of-b"),
    Case("logbook", "post", answers(RUN_TEACHERS, ok=400), {"tasks": ["9/finnes-ikke"]}, label="unknown-task"),
    # classroom mode: teachers and admins, any lesson; participants 403 (teacher material)
    Case("classroom", "get", TEACHERS),
    Case("classroom", "post", dict.fromkeys(ROLES, 405)),
    Case("report", "get", RUN_TEACHERS),
    Case("report", "post", answers(RUN_TEACHERS, ok=405)),
    Case("attendance_list_pdf", "get", RUN_TEACHERS),
    Case("attendance_list_pdf", "post", answers(RUN_TEACHERS, ok=405)),
    Case("run_template", "get", RUN_TEACHERS),
    Case("run_template", "post", answers(RUN_TEACHERS, ok=405)),
    *(Case(f"{viewset.name}:index", "get", WAGTAIL_ADMIN) for viewset in TeachingViewSetGroup.items),
]


def _user(username, *, group=None, **flags):
    user = get_user_model().objects.create_user(username, password="pw-" + username, first_name=username.title(), **flags)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def world(run, lesson, users, course, monkeypatch):
    """Run A (``run``: teacher, participant A) and run B (other teacher, participant B)."""
    logbook = Logbook.model_validate(yaml.safe_load((FIXTURES / "mini-course-logbook.yaml").read_text(encoding="utf-8")))
    monkeypatch.setattr("ksi_courses.sheets.shipped_logbook", lambda course_page: logbook)
    users["superuser"] = _user("root", is_staff=True, is_superuser=True)
    for username in ("amina", "kari"):  # locked logins (django-axes), for the "unlock" cases
        AccessAttempt.objects.create(username=username, ip_address="10.0.0.7", user_agent="", failures_since_start=5,
                                     get_data="", post_data="", http_accept="", path_info="/ksi/logg-inn/")
    _user("sjef", is_staff=True, is_superuser=True)  # a superuser in no run
    Enrolment.objects.filter(run=run, participant=users["participant_b"]).delete()
    amina = run.enrolments.get(participant=users["participant_a"])
    certificate = Certificate.objects.create(enrolment=amina, hours=Decimal(3))
    session = add_session(run, date(2026, 1, 5), Decimal(3))
    run_b = CourseRun.objects.create(course=course, title="Olavs kurs", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27))
    run_b.teachers.add(users["other_teacher"])
    bilal = Enrolment.objects.create(run=run_b, participant=users["participant_b"])
    session_b = add_session(run_b, date(2026, 1, 6), Decimal(3))
    # Accounts in run A that its teacher must not take over.
    staff = _user("stab", group=PARTICIPANT_GROUP, is_staff=True)
    permitted = _user("rett", group=PARTICIPANT_GROUP)
    permitted.user_permissions.add(Permission.objects.get(codename="view_courserun"))
    shared = _user("delt", group=PARTICIPANT_GROUP)
    enrol = {key: Enrolment.objects.create(run=run, participant=user).pk for key, user in (
        ("superuser", users["superuser"]), ("admin", users["admin"]), ("teacher_b", users["other_teacher"]),
        ("staff", staff), ("permitted", permitted), ("shared", shared))}
    return {
        "page_id": lesson.pk,
        "checklist_id": "for-jobb",
        "quiz_id": "quiz",
        "certificate_id": certificate.pk,
        "code": certificate.code,
        "run_id": run.pk,
        "run_b_id": run_b.pk,
        "enrolment_id": amina.pk,
        "enrolment_b_id": bilal.pk,
        **{f"{key}_enrolment_id": pk for key, pk in enrol.items()},
        "shared_b_enrolment_id": Enrolment.objects.create(run=run_b, participant=shared).pk,
        "session_id": session.pk,
        "session_b_id": session_b.pk,
        "lesson_url": lesson.url,
        "template_id": "invitasjon-deltakere",
        "fmt": "pdf",
        "assessment_id": "modul-modul-en",  # the mini course's first module assessment
        "course_id": course.pk,
        "module_id": lesson.get_parent().pk,
        # a form that added participants to run A (its passwords are in its teacher's session only)
        "key": models.SubmittedParticipantForm.objects.create(run=run, key="a" * 32).key,
        "unknown_key": "b" * 32,
        "other_teacher_id": users["other_teacher"].pk,
    }


def url_for(case: Case, world: dict) -> str:
    """The case's URL with the world's objects filled in for the arguments it takes."""
    name = case.url_name if ":" in case.url_name else f"ksi_teaching:{case.url_name}"
    namespace, _, url_name = name.rpartition(":")
    resolver = get_resolver().namespace_dict[namespace][1]
    params = resolver.reverse_dict.getlist(url_name)[0][0][0][1]
    return reverse(name, kwargs={param: world[case.args.get(param, param)] for param in params})


def body_for(case: Case, world: dict) -> dict:
    def fill(value):
        return value.format(**world) if isinstance(value, str) else [fill(v) for v in value]

    return {key: fill(value) for key, value in case.data.items()}


def answer(response, world: dict) -> object:
    """The response in the matrix's terms (status, or where a redirect goes)."""
    if response.status_code != 302:
        return response.status_code
    location = response["Location"].split("#")[0]
    run, run_b = f"/ksi/kurs/{world['run_id']}/", f"/ksi/kurs/{world['run_b_id']}/"
    named = {run: "run", run_b: "run_b", f"{run}oppmote/": "sessions", f"{run}vurdering/": "assessments", f"{run}kursbevis/": "certificates",
             "/admin/": "admin-home"}
    if location.startswith("/ksi/logg-inn/"):
        return "login"
    if location == world["lesson_url"]:
        return "lesson"
    if location.startswith("/admin/login/"):
        return "admin-login"
    if location.startswith(f"{run}oppmote/") and location.rstrip("/").split("/")[-1].isdigit():
        return "attendance"
    if location.startswith((f"{run}deltakere/nye-passord/", f"{run_b}deltakere/nye-passord/")):
        return "credentials"
    return named.get(location, f"302 {location}")


def snapshot() -> list:
    """Every row a request could change to take over an account or a run."""
    User = get_user_model()
    tables = [
        User.objects.values_list("pk", "username", "password", "is_staff", "is_superuser", "is_active", "first_name", "last_name"),
        User.groups.through.objects.values_list("user_id", "group_id"),
        User.user_permissions.through.objects.values_list("user_id", "permission_id"),
        models.TemporaryPassword.objects.values_list("user_id", "issued_at"),
        CourseRun.objects.values_list("pk", "course_id", "title", "place", "start_date", "end_date", "schedule", "auto_certificate"),
        CourseRun.teachers.through.objects.values_list("courserun_id", "user_id"),
        Enrolment.objects.values_list("pk", "run_id", "participant_id"),
        models.AttendanceSession.objects.values_list("pk", "run_id", "date", "hours", "topic"),
        models.Attendance.objects.values_list("pk", "session_id", "enrolment_id", "present"),
        Certificate.objects.values_list("pk", "enrolment_id", "code", "hours"),
        models.LessonProgress.objects.values_list("pk", "participant_id", "lesson_id", "completed_at", "checklist"),
        models.QuizAttempt.objects.values_list("pk", "participant_id", "quiz_id", "answers"),
        AccessAttempt.objects.values_list("pk", "username", "failures_since_start"),
        models.AssessmentResult.objects.values_list(),
        models.LogbookTick.objects.values_list(),
        models.FlashcardState.objects.values_list("participant_id", "word", "box"),
        models.HandledAction.objects.values_list("participant_id", "key"),
    ]
    return [sorted(map(repr, table)) for table in tables]


def cell(case: Case, role: str, world: dict, users: dict) -> tuple[object, bool]:
    """One request, rolled back afterwards: ``(answer, whether data changed)``."""
    with transaction.atomic():
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        before = snapshot()
        response = getattr(client, case.method)(url_for(case, world), body_for(case, world))
        changed = snapshot() != before
        transaction.set_rollback(True)
    return answer(response, world), changed


def all_cases() -> list[Case]:
    """The cases here and in the sibling matrices ``test_permissions_*.py`` (one per feature)."""
    import importlib
    import pkgutil
    from pathlib import Path

    cases = list(CASES)
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name.startswith("test_permissions_"):
            cases += importlib.import_module(f"{__package__}.{module.name}").CASES
    return cases


def test_every_url_of_the_app_is_in_the_matrix_with_get_and_post():
    names = {name for name in get_resolver().namespace_dict["ksi_teaching"][1].reverse_dict if isinstance(name, str)}
    assert {(name, method) for name in names for method in ("get", "post")} <= {(c.url_name, c.method) for c in all_cases()}


def test_permission_matrix(world, users):
    """One world for all cells (each cell is rolled back); every wrong cell is listed at the end."""
    wrong = []
    for case in CASES:
        for role in ROLES:
            got, changed = cell(case, role, world, users)
            if got != case.expected[role]:
                wrong.append(f"{case.id} as {role}: {got}, expected {case.expected[role]}")
            if changed and role not in case.changes:
                wrong.append(f"{case.id} as {role}: changed data ({got})")
    assert not wrong, "\n".join(wrong)


# --- the Wagtail admin: every URL of every teaching viewset ------------------------------------

# Looked at (and deleted), never written by hand.
RECORD_VIEWSETS = {"ksi_progress", "ksi_quiz_attempts", "ksi_attendance", "ksi_login_locks"}


def admin_expected(viewset: str, route: str) -> dict:
    # Wagtail's usage view needs the change permission, which records do not give.
    admin = "admin-home" if viewset in RECORD_VIEWSETS and route in ("add", "edit", "usage") else 200
    return {**WAGTAIL_ADMIN, "admin": admin, "superuser": admin}


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
    municipality = models.Municipality.objects.create(name="Levanger", number="5037")
    objects = {
        models.Municipality: municipality,
        models.MunicipalityMembership: models.MunicipalityMembership.objects.create(user=amina, municipality=municipality),
        models.CourseRun: run,
        models.Enrolment: models.Enrolment.objects.get(pk=world["enrolment_id"]),
        models.AttendanceSession: session,
        models.Attendance: models.Attendance.objects.first(),
        models.LessonProgress: models.LessonProgress.objects.get(),
        models.QuizAttempt: models.QuizAttempt.objects.get(),
        models.Certificate: models.Certificate.objects.get(),
        AccessAttempt: AccessAttempt.objects.get(username="amina"),
    }
    clients = {role: Client() for role in ROLES}
    for role, client in clients.items():
        if role != "anonymous":
            client.force_login(users[role])
    wrong = []
    urls = admin_urls(objects)
    assert len(urls) >= 8 * 8
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

"""Two municipalities on one installation (issue 23): who sees what, the reports and the NIR export.

The world: Levanger (5037) hosts a joint run taught by ``teacher`` with Amina (from Levanger,
holds a certificate) and Bilal (from Verdal); Verdal (5038) hosts its own run taught by
``teacher_2`` with Cato (from Verdal). Roles: anonymous, the three participants, both teachers,
the admin of each municipality, the region's admin (no membership) and a superuser.

As in ``test_permissions``, every cell runs in a savepoint that is rolled back, and a cell that
must not change data is checked against a snapshot of every teaching and account table.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
import yaml
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from course_content.logbook import Logbook
from ksi_courses.teaching import models, progress
from ksi_courses.teaching.attendance import add_session, record_attendance
from ksi_courses.teaching.certificates import certificate_data
from ksi_courses.teaching.models import (
    Certificate,
    CourseRun,
    Enrolment,
    MentorLink,
    Municipality,
    MunicipalityMembership,
    Placement,
    PlacementEvaluation,
    Workplace,
)
from ksi_courses.teaching.privacy import erase_user, export_user_data
from ksi_courses.teaching.roles import ADMIN_GROUP, PARTICIPANT_GROUP, TEACHER_GROUP
from ksi_courses.teaching.wagtail_hooks import TeachingViewSetGroup
from tests.paths import FIXTURES
from tests.teaching.conftest import make_user
from tests.teaching.test_permissions import answer, snapshot, url_for
from tests.teaching.test_teacher import pdf_text

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "amina", "bilal", "cato", "teacher", "teacher_2", "admin_1", "admin_2", "region", "superuser")

#: Read-only run pages a municipality admin opens for a run hosted elsewhere (their participants only).
PARTIAL_PAGES = {"run", "progress", "certificates", "certificates_pdf", "report", "placements"}
#: Every URL of a run, with what a user who may manage the run gets for a GET.
RUN_URLS = {
    "run": 200,
    "run_edit": 200,
    "participant_add": 200,
    "participants_import": 200,
    "new_credentials": "run",
    "run_passwords": 200,
    "sessions": 200,
    "attendance": 200,
    "attendance_all": 405,
    "progress": 200,
    "certificates": 200,
    "certificates_pdf": 200,
    "assessments": 200,
    "assessment_result": 200,
    "logbook": 200,
    "submissions": 200,
    "report": 200,
    "attendance_list_pdf": 200,
    "run_template": 200,
    "new_password": 405,
    "unlock": 405,
    "password_sheet": 405,
    # practice placements (issue 25); ``placement_id`` is a placement of the guest municipality's participant
    "placements": 200,
    "placement_create": 200,
    "placement_edit": 200,
    "placements_csv": 200,
    "timetable": 200,
    "placement_evaluations": 200,
    "mentor_link_create": 405,
    "placement_file": 200,
}
#: PDFs are slow to build: their 200 cells are asked of one role each (the rest are refusals).
PDF_URLS = {"certificates_pdf", "attendance_list_pdf", "run_template", "placement_file"}


def run_expected(run: str, url_name: str) -> dict:
    """Who gets what for a GET of one of ``run``'s URLs (``run``: "joint", hosted by Levanger, or "verdal")."""
    ok = RUN_URLS[url_name]
    if run == "verdal" and url_name == "certificates_pdf":
        ok = 409  # nobody in Verdal's own run has a certificate yet
    own_teacher, other_teacher = ("teacher", "teacher_2") if run == "joint" else ("teacher_2", "teacher")
    host_admin, guest_admin = ("admin_1", "admin_2") if run == "joint" else ("admin_2", "admin_1")
    # The joint run has a participant from Verdal: Verdal's admin sees its read-only pages.
    guest = ok if run == "joint" and url_name in PARTIAL_PAGES else 404
    return {
        "anonymous": "login",
        "amina": 403,
        "bilal": 403,
        "cato": 403,
        own_teacher: ok,
        other_teacher: 404,
        host_admin: ok,
        guest_admin: guest,
        "region": ok,
        "superuser": ok,
    }


@pytest.fixture
def world(course, lesson, other_lesson, django_user_model, monkeypatch):
    logbook = Logbook.model_validate(
        yaml.safe_load((FIXTURES / "mini-course-logbook.yaml").read_text(encoding="utf-8"))
    )
    monkeypatch.setattr("ksi_courses.sheets.shipped_logbook", lambda course_page: logbook)
    levanger = Municipality.objects.create(name="Levanger kommune", number="5037")
    verdal = Municipality.objects.create(name="Verdal kommune", number="5038")
    users = {
        "amina": make_user(django_user_model, "amina", "Amina", "Hassan", PARTICIPANT_GROUP),
        "bilal": make_user(django_user_model, "bilal", "Bilal", "Ahmadi", PARTICIPANT_GROUP),
        "cato": make_user(django_user_model, "cato", "Cato", "Berg", PARTICIPANT_GROUP),
        "teacher": make_user(django_user_model, "tone", "Tone", "Lærer", TEACHER_GROUP),
        "teacher_2": make_user(django_user_model, "olav", "Olav", "Annen", TEACHER_GROUP),
        "admin_1": make_user(django_user_model, "lena", "Lena", "Levanger", ADMIN_GROUP),
        "admin_2": make_user(django_user_model, "vera", "Vera", "Verdal", ADMIN_GROUP),
        "region": make_user(django_user_model, "rita", "Rita", "Region", ADMIN_GROUP),
        "superuser": django_user_model.objects.create_superuser("root", password="pw-root"),
    }
    for key, municipality in (
        ("amina", levanger),
        ("admin_1", levanger),
        ("teacher", levanger),
        ("teacher", verdal),
        ("bilal", verdal),
        ("cato", verdal),
        ("admin_2", verdal),
        ("teacher_2", verdal),
    ):
        MunicipalityMembership.objects.create(user=users[key], municipality=municipality)
    joint = CourseRun.objects.create(
        course=course,
        title="Felles renhold",
        host_municipality=levanger,
        start_date=date(2026, 1, 5),
        end_date=date(2026, 3, 27),
    )
    joint.teachers.add(users["teacher"])
    own = CourseRun.objects.create(
        course=course,
        title="Verdals eget kurs",
        host_municipality=verdal,
        start_date=date(2026, 8, 3),
        end_date=date(2026, 10, 30),
    )
    own.teachers.add(users["teacher_2"])
    amina = Enrolment.objects.create(run=joint, participant=users["amina"])
    bilal = Enrolment.objects.create(run=joint, participant=users["bilal"])
    cato = Enrolment.objects.create(run=own, participant=users["cato"])
    session = add_session(joint, date(2026, 1, 5), Decimal(3))
    add_session(joint, date(2026, 1, 7), Decimal("2.5"))
    session_2 = add_session(own, date(2026, 8, 3), Decimal(3))
    record_attendance(session, [amina.pk, bilal.pk])
    record_attendance(session_2, [cato.pk])
    for key in ("amina", "bilal"):
        progress.set_completed(users[key], lesson)
        progress.submit_quiz(users[key], lesson, "quiz", {"q1": [0]})
    progress.set_completed(users["bilal"], other_lesson)
    certificates = {e: Certificate.objects.create(enrolment=e, hours=Decimal(3)) for e in (amina, bilal)}
    workplaces = {
        "levanger": Workplace.objects.create(
            municipality=levanger, name="Rent & Pent AS", organisation_number="923609016"
        ),
        "verdal": Workplace.objects.create(municipality=verdal, name="Verdal Vask AS", organisation_number="974760673"),
    }

    def placed(enrolment, workplace, mentor, status=Placement.Status.RUNNING):
        return Placement.objects.create(
            enrolment=enrolment,
            workplace=workplace,
            start_date=date(2026, 2, 2),
            end_date=date(2026, 2, 27),
            weekdays=[1, 3],
            hours_per_day=Decimal(6),
            mentor_name=mentor,
            status=status,
        )

    placements = {
        "amina": placed(amina, workplaces["levanger"], "Mona Levangermentor", Placement.Status.ENDED),
        "bilal": placed(bilal, workplaces["verdal"], "Vidar Verdalmentor", Placement.Status.ENDED),
        "cato": placed(cato, workplaces["verdal"], "Cecilie Catomentor"),
    }
    PlacementEvaluation.objects.create(
        placement=placements["amina"], author="mentor", answers={"ag-mestrer": "Aminas vurdering"}
    )
    MentorLink.objects.create(
        placement=placements["amina"],
        token_hash="0" * 64,
        created_by=users["teacher"],
        expires_at=timezone.now() + timedelta(days=30),
    )
    for username in ("amina", "bilal", "cato"):
        AccessAttempt.objects.create(
            username=username,
            ip_address="10.0.0.7",
            user_agent="",
            failures_since_start=5,
            get_data="",
            post_data="",
            http_accept="",
            path_info="/ksi/logg-inn/",
        )
    common = {
        "page_id": lesson.pk,
        "template_id": "invitasjon-deltakere",
        "fmt": "pdf",
        "assessment_id": "modul-modul-en",
        "document": "avtale",
    }
    ids = {
        # Bilal's placement in the joint run: even Verdal's admin may not edit it there (read-only).
        "joint": {
            **common,
            "run_id": joint.pk,
            "enrolment_id": amina.pk,
            "session_id": session.pk,
            "placement_id": placements["bilal"].pk,
            "key": models.SubmittedParticipantForm.objects.create(run=joint, key="a" * 32).key,
        },
        "verdal": {
            **common,
            "run_id": own.pk,
            "enrolment_id": cato.pk,
            "session_id": session_2.pk,
            "placement_id": placements["cato"].pk,
            "key": models.SubmittedParticipantForm.objects.create(run=own, key="c" * 32).key,
        },
    }
    return {
        "users": users,
        "levanger": levanger,
        "verdal": verdal,
        "joint": joint,
        "own": own,
        "ids": ids,
        "enrolments": {"amina": amina, "bilal": bilal, "cato": cato},
        "certificates": certificates,
        "lesson": lesson,
        "workplaces": workplaces,
        "placements": placements,
    }


def clients(world) -> dict[str, Client]:
    made = {}
    for role in ROLES:
        made[role] = Client()
        if role != "anonymous":
            made[role].force_login(world["users"][role])
    return made


class _Case:
    def __init__(self, url_name):
        self.url_name, self.args = url_name, {}


def run_url(world, run: str, url_name: str) -> str:
    ids = world["ids"][run]
    return url_for(_Case(url_name), {**ids, "run_b_id": ids["run_id"], "lesson_url": world["lesson"].url})


def full_snapshot() -> list:
    """:func:`snapshot`, the runs' hosts and the placement tables (workplaces, placements, evaluations, mentor links)."""
    tables = (Workplace, Placement, PlacementEvaluation, MentorLink)
    hosts = sorted(CourseRun.objects.values_list("pk", "host_municipality_id"))
    return [*snapshot(), hosts, *(sorted(map(repr, model.objects.values_list())) for model in tables)]


def test_run_pages_matrix(world):
    """Every URL of both runs × every role (GET), and every POST of the joint run as Verdal's admin."""
    users, wrong, made = world["users"], [], clients(world)
    answer_world = {"run_id": world["joint"].pk, "run_b_id": world["own"].pk, "lesson_url": world["lesson"].url}
    for run in ("joint", "verdal"):
        for url_name in RUN_URLS:
            expected = run_expected(run, url_name)
            url = run_url(world, run, url_name)
            for role in ROLES:
                if (
                    url_name in PDF_URLS
                    and expected[role] == 200
                    and role != ("admin_2" if run == "joint" else "teacher_2")
                ):
                    continue
                with transaction.atomic():
                    got = answer(made[role].get(url), answer_world)
                    transaction.set_rollback(True)
                if run == "verdal" and got == "run_b":
                    got = "run"
                if got != expected[role]:
                    wrong.append(f"{run} {url_name} GET as {role}: {got}, expected {expected[role]}")
    # Verdal's admin may look at the joint run in part, never change it (not even Bilal's placement,
    # with a form that would place or move him at Verdal's own workplace).
    placement_form = {
        "enrolment": world["enrolments"]["bilal"].pk,
        "workplace": world["workplaces"]["verdal"].pk,
        "start_date": "2026-03-02",
        "end_date": "2026-03-20",
        "weekdays": ["2"],
        "hours_per_day": "5",
        "status": "planned",
        "days": "14",
    }
    for url_name in RUN_URLS:
        url = run_url(world, "joint", url_name)
        with transaction.atomic():
            before = full_snapshot()
            response = made["admin_2"].post(
                url, {"first_name": "Ny", "names": "Liv Berg", "present": [], "note": "x", **placement_form}
            )
            changed = full_snapshot() != before
            transaction.set_rollback(True)
        if response.status_code != 404 or changed:
            wrong.append(f"joint {url_name} POST as admin_2: {response.status_code}, changed={changed}")
    assert users["admin_2"].pk and not wrong, "\n".join(wrong)


def _text(response) -> str:
    return (
        b"".join(response.streaming_content).decode("utf-8-sig")
        if response.streaming
        else response.content.decode("utf-8-sig")
    )


def test_a_municipality_admin_sees_only_their_participants_in_a_run_hosted_elsewhere(world):
    made, joint = clients(world), world["joint"]
    for url_name in ("run", "progress", "certificates"):
        html = _text(made["admin_2"].get(reverse(f"ksi_teaching:{url_name}", args=[joint.pk])))
        assert "Bilal" in html and "Amina" not in html and "amina" not in html, url_name
    # The host sees the whole run, and so do the teacher and the region's admin.
    for role in ("admin_1", "teacher", "region"):
        html = _text(made[role].get(reverse("ksi_teaching:progress", args=[joint.pk])))
        assert "Bilal" in html and "Amina" in html, role
    runs = _text(made["admin_2"].get(reverse("ksi_teaching:runs")))
    assert "Felles renhold" in runs and "Verdals eget kurs" in runs and "1 deltaker" in runs
    assert "Verdals eget kurs" not in _text(made["admin_1"].get(reverse("ksi_teaching:runs")))
    # The run page of a run hosted elsewhere offers no actions the admin cannot take.
    html = _text(made["admin_2"].get(reverse("ksi_teaching:run", args=[joint.pk])))
    assert reverse("ksi_teaching:participant_add", args=[joint.pk]) not in html
    assert reverse("ksi_teaching:sessions", args=[joint.pk]) not in html
    # Certificates: one's own participant's, never the other municipality's.
    certificates = world["certificates"]
    amina_pdf = reverse("ksi_teaching:certificate_pdf", args=[certificates[world["enrolments"]["amina"]].pk])
    bilal_pdf = reverse("ksi_teaching:certificate_pdf", args=[certificates[world["enrolments"]["bilal"]].pk])
    assert made["admin_2"].get(amina_pdf).status_code == 404
    assert made["admin_2"].get(bilal_pdf).status_code == 200
    assert made["admin_1"].get(amina_pdf).status_code == 200


def test_a_municipality_admin_sees_their_participants_placements_read_only_in_a_run_hosted_elsewhere(world):
    made, joint, placements = clients(world), world["joint"], world["placements"]
    url = reverse("ksi_teaching:placements", args=[joint.pk]) + "?uke=2026-W06"
    html = _text(made["admin_2"].get(url))
    # Bilal's placement (Verdal's participant), with the week's days and the missing evaluation.
    assert "Bilal Ahmadi: Verdal Vask AS (6 t)" in html.split("mandag 2. februar")[1].split("</tr>")[0]
    assert "Vidar Verdalmentor" in html and "kommune. Du ser bare deltakerne fra din egen kommune." in html
    assert "Bilal Ahmadi – Verdal Vask AS: mangler fra veileder" in html.split('id="mangler-evaluering"')[1]
    # Nothing of Levanger's participant: not her placement, workplace, mentor or evaluation.
    for hidden in ("Amina", "amina", "Rent &amp; Pent", "Mona Levangermentor", "Aminas vurdering"):
        assert hidden not in html, hidden
    # Read-only: no way to place, edit, open documents and evaluations or make a mentor link.
    page = html.split('class="ksi-user-nav"')[1].split("</nav>", 1)[1].split("</main>")[0]  # below the account menu
    for name, args in (
        ("placement_create", [joint.pk]),
        ("timetable", [joint.pk]),
        ("placements_csv", [joint.pk]),
        ("placement_edit", [joint.pk, placements["bilal"].pk]),
        ("placement_evaluations", [joint.pk, placements["bilal"].pk]),
        ("mentor_link_create", [joint.pk, placements["bilal"].pk]),
        ("workplaces", []),
    ):
        assert reverse(f"ksi_teaching:{name}", args=args) not in page, name
    assert "<form" not in page and "Bilal Ahmadi" in page
    # The run's tabs lead to the page; the host's admin sees both participants, with the links.
    assert f'href="{reverse("ksi_teaching:placements", args=[joint.pk])}"' in _text(
        made["admin_2"].get(reverse("ksi_teaching:run", args=[joint.pk]))
    )
    host = _text(made["admin_1"].get(url))
    assert "Amina Hassan" in host and "Bilal Ahmadi" in host
    assert reverse("ksi_teaching:placement_edit", args=[joint.pk, placements["bilal"].pk]) in host


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_run_report_by_home_municipality(world):
    made, joint = clients(world), world["joint"]
    url = reverse("ksi_teaching:report", args=[joint.pk])
    whole = _csv(_text(made["teacher"].get(url)))
    assert sorted(row[0] for row in whole[1:]) == ["amina", "bilal"]
    assert [row[0] for row in _csv(_text(made["region"].get(url + "?kommune=5038")))[1:]] == ["bilal"]
    assert [row[0] for row in _csv(_text(made["admin_1"].get(url + "?kommune=5037")))[1:]] == ["amina"]
    # Verdal's admin gets Verdal's participants whatever they ask for.
    assert [row[0] for row in _csv(_text(made["admin_2"].get(url)))[1:]] == ["bilal"]
    assert [row[0] for row in _csv(_text(made["admin_2"].get(url + "?kommune=5037")))[1:]] == []
    bad = made["teacher"].get(url + "?kommune=9999")
    assert bad.status_code == 400 and "9999" in bad.content.decode()


def test_the_nir_export(world, tmp_path):
    made = clients(world)
    query = {"kommune": "5038", "fra": "2026-01-01", "til": "2026-12-31"}
    response = made["admin_2"].get(reverse("ksi_teaching:nir_export"), query)
    assert response.status_code == 200 and response["Content-Disposition"].endswith('nir-5038-20260101-20261231.csv"')
    rows = _csv(_text(response))
    assert rows[0][:4] == ["kommunenummer", "etternavn", "fornavn", "brukernavn"]
    by_user = {row[3]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_user) == {"bilal", "cato"}
    bilal = by_user["bilal"]
    assert bilal["kurs"] == "Minikurs" or bilal["kurs"]  # the course's title
    assert (bilal["kursrunde"], bilal["vertskommune"], bilal["startdato"], bilal["sluttdato"]) == (
        "Felles renhold",
        "5037",
        "2026-01-05",
        "2026-03-27",
    )
    assert (bilal["planlagte_timer"], bilal["oppmøte_timer"], bilal["fullført"]) == ("5,5", "3", "ja")
    assert (
        bilal["kursbevis_kode"] == world["certificates"][world["enrolments"]["bilal"]].code and bilal["kursbevis_dato"]
    )
    assert by_user["cato"]["fullført"] == "nei" and by_user["cato"]["kursbevis_kode"] == ""
    # The period picks runs that overlap it; Verdal's admin cannot export Levanger's participants.
    spring = made["region"].get(reverse("ksi_teaching:nir_export"), {**query, "til": "2026-06-30"})
    assert [row[3] for row in _csv(_text(spring))[1:]] == ["bilal"]
    refused = made["admin_2"].get(reverse("ksi_teaching:nir_export"), {**query, "kommune": "5037"})
    assert refused.status_code == 400 and "Velg en av kommunene" in refused.content.decode()
    backwards = made["region"].get(
        reverse("ksi_teaching:nir_export"), {**query, "fra": "2026-12-31", "til": "2026-01-01"}
    )
    assert backwards.status_code == 400 and "før startdatoen" in backwards.content.decode()
    assert made["teacher"].get(reverse("ksi_teaching:nir_export"), query).status_code == 403
    assert "nir.csv" in _text(made["admin_2"].get(reverse("ksi_teaching:reports")))
    # The management command writes the same rows.
    out = tmp_path / "nir.csv"
    call_command("ksi_nir_export", "--kommune", "5037", "--from", "2026-01-01", "--to", "2026-06-30", "-o", str(out))
    rows = _csv(out.read_text(encoding="utf-8-sig"))
    assert [row[3] for row in rows[1:]] == ["amina"] and rows[1][0] == "5037"
    with pytest.raises(CommandError, match="4321"):
        call_command("ksi_nir_export", "--kommune", "4321", "--from", "2026-01-01", "--to", "2026-06-30")
    with pytest.raises(CommandError, match="2026-13-01"):
        call_command("ksi_nir_export", "--kommune", "5037", "--from", "2026-13-01", "--to", "2026-06-30")


def test_the_certificate_of_a_joint_run_names_both_municipalities(world):
    certificates, enrolments = world["certificates"], world["enrolments"]
    bilal = certificate_data(certificates[enrolments["bilal"]], "https://example.org/ksi/bevis/x/")
    assert bilal.organised_by == "Arrangert av Levanger kommune i samarbeid med Verdal kommune"
    assert certificate_data(certificates[enrolments["amina"]], "https://example.org/").organised_by == ""
    # The printed certificate, read back: the line is on Bilal's page, not on Amina's.
    client = Client()
    client.force_login(world["users"]["teacher"])
    printed = pdf_text(client.get(reverse("ksi_teaching:certificates_pdf", args=[world["joint"].pk])).content)
    pages = printed.split("KURSBEVIS")
    assert " ".join(printed.split()).count("Arrangert av Levanger kommune i samarbeid med Verdal kommune") == 1
    assert any("Bilal" in page and "Arrangert av" in page for page in pages)
    assert not any("Amina" in page and "Arrangert av" in page for page in pages)


def test_adding_participants_sets_their_home_municipality(world):
    made, joint = clients(world), world["joint"]
    page = _text(made["admin_1"].get(reverse("ksi_teaching:participant_add", args=[joint.pk])))
    assert "Hjemkommune" in page and 'value="{}" selected'.format(world["levanger"].pk) in page
    made["admin_1"].post(
        reverse("ksi_teaching:participant_add", args=[joint.pk]),
        {"first_name": "Dina", "last_name": "Dahl", "municipality": world["verdal"].pk},
    )
    made["admin_1"].post(
        reverse("ksi_teaching:participants_import", args=[joint.pk]),
        {"names": "Eli Eng\nFrode Fjell", "municipality": world["levanger"].pk},
    )
    homes = dict(
        MunicipalityMembership.objects.filter(user__first_name__in=["Dina", "Eli", "Frode"]).values_list(
            "user__first_name", "municipality__number"
        )
    )
    assert homes == {"Dina": "5038", "Eli": "5037", "Frode": "5037"}
    # The run form takes the host; a new run's host is its creator's municipality.
    form = _text(made["admin_2"].get(reverse("ksi_teaching:run_create")))
    assert "Vertskommune" in form and 'value="{}" selected'.format(world["verdal"].pk) in form


def test_privacy_export_and_erase_cover_the_home_municipality(world):
    bilal = world["users"]["bilal"]
    assert export_user_data(bilal)["municipalities"] == [{"name": "Verdal kommune", "number": "5038"}]
    kept = erase_user(bilal)
    assert kept["municipality_memberships"] == 1
    assert MunicipalityMembership.objects.filter(user=bilal, municipality=world["verdal"]).exists()


#: Bilal's records in Levanger's joint run: Verdal's admin lists and inspects them, never edits or deletes them.
READ_ONLY_RECORDS = {"Enrolment", "Attendance", "Certificate"}
ADMIN_OBJECTS = {  # model → (an object Verdal's admin may see, one they may not)
    "CourseRun": (lambda w: w["own"], lambda w: w["joint"]),
    "Enrolment": (lambda w: w["enrolments"]["bilal"], lambda w: w["enrolments"]["amina"]),
    "AttendanceSession": (lambda w: w["own"].sessions.get(), lambda w: w["joint"].sessions.first()),
    "Attendance": (
        lambda w: models.Attendance.objects.get(enrolment=w["enrolments"]["bilal"]),
        lambda w: models.Attendance.objects.get(enrolment=w["enrolments"]["amina"]),
    ),
    "LessonProgress": (
        lambda w: models.LessonProgress.objects.filter(participant=w["users"]["bilal"]).first(),
        lambda w: models.LessonProgress.objects.get(participant=w["users"]["amina"]),
    ),
    "QuizAttempt": (
        lambda w: models.QuizAttempt.objects.get(participant=w["users"]["bilal"]),
        lambda w: models.QuizAttempt.objects.get(participant=w["users"]["amina"]),
    ),
    "Certificate": (
        lambda w: w["certificates"][w["enrolments"]["bilal"]],
        lambda w: w["certificates"][w["enrolments"]["amina"]],
    ),
    "AccessAttempt": (
        lambda w: AccessAttempt.objects.get(username="bilal"),
        lambda w: AccessAttempt.objects.get(username="amina"),
    ),
    "Municipality": (lambda w: w["verdal"], None),
    "MunicipalityMembership": (
        lambda w: MunicipalityMembership.objects.get(user=w["users"]["bilal"]),
        lambda w: MunicipalityMembership.objects.get(user=w["users"]["amina"]),
    ),
}


def test_wagtail_admin_views_apply_the_same_filter(world):
    made = clients(world)
    answer_world = {"run_id": 0, "run_b_id": 0, "lesson_url": ""}
    wrong = []
    for viewset in TeachingViewSetGroup.items:
        name = viewset.model.__name__
        if name not in ADMIN_OBJECTS:
            continue  # another issue's models (e.g. placements) have their own tests
        own, other = (get(world) if get else None for get in ADMIN_OBJECTS[name])
        index = made["admin_2"].get(reverse(f"{viewset.name}:index"))
        if index.status_code != 200:
            wrong.append(f"{viewset.name} index: {index.status_code}")
        for route in ("inspect", "edit", "delete"):
            try:
                own_url = reverse(f"{viewset.name}:{route}", args=[own.pk])
            except NoReverseMatch:  # a viewset without this view
                continue
            region = answer(made["region"].get(own_url), answer_world)
            got = answer(made["admin_2"].get(own_url), answer_world)
            expected = (404,) if name in READ_ONLY_RECORDS and route != "inspect" else (200, "admin-home")
            if region == 200 and got not in expected:
                wrong.append(f"{own_url} (own) as admin_2: {got}, expected {expected}")
            if other is not None:
                other_url = reverse(f"{viewset.name}:{route}", args=[other.pk])
                if (
                    answer(made["region"].get(other_url), answer_world) == 200
                    and made["admin_2"].get(other_url).status_code != 404
                ):
                    wrong.append(f"{other_url} (other municipality's) as admin_2: not 404")
    assert not wrong, "\n".join(wrong)
    listing = _text(made["admin_2"].get(reverse("ksi_enrolments:index")))
    assert "bilal" in listing and "amina" not in listing and "cato" in listing
    assert "Verdals eget kurs" not in _text(made["admin_1"].get(reverse("ksi_courseruns:index")))
    # Municipalities: Verdal's admin looks, the region's admin edits.
    assert made["admin_2"].get(reverse("ksi_municipalities:edit", args=[world["levanger"].pk])).status_code in (
        302,
        403,
    )
    assert made["region"].get(reverse("ksi_municipalities:edit", args=[world["levanger"].pk])).status_code == 200
    assert "Kommuner" in _text(made["region"].get(reverse("ksi_municipalities:index")))


def test_an_installation_without_municipalities_asks_for_none(course, client, django_user_model):
    admin = make_user(django_user_model, "kari", "Kari", "Kommune", ADMIN_GROUP)
    client.force_login(admin)
    run = CourseRun.objects.create(course=course, title="Kurs", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27))
    assert "Vertskommune" not in _text(client.get(reverse("ksi_teaching:run_create")))
    assert "Hjemkommune" not in _text(client.get(reverse("ksi_teaching:participant_add", args=[run.pk])))
    reports = _text(client.get(reverse("ksi_teaching:reports")))
    assert "Ingen kommuner er lagt inn ennå" in reports

"""Repetition sheets, assessments and the practice logbook on the web: links on the course page,
PDFs at stable URLs, the answer versions for teachers only (as the teacher edition)."""

from __future__ import annotations

import io
import shutil

import pytest
from django.contrib.auth.models import Permission
from pypdf import PdfReader

from course_content import load_course
from course_content.logbook import LOGBOOK_FILE
from ksi_courses import content_export
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage
from tests.content.test_broken_content import edit
from tests.paths import FIXTURES
from tests.plans import planned_mini_course

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def course(tmp_path, monkeypatch):
    """The planned mini course with a logbook, imported; the logbook comes with it as if shipped."""
    folder = planned_mini_course(tmp_path)
    shutil.copy(FIXTURES / "mini-course-logbook.yaml", folder / LOGBOOK_FILE)
    edit(folder / "plan.yaml", "            hours: 2\n            material:", "            hours: 2\n            logbook_week: 1\n            material:")
    loaded = load_course(folder)
    monkeypatch.setattr(content_export, "_shipped", lambda slug: loaded if slug == loaded.slug else None)
    import_course(loaded)
    return CoursePage.objects.get(ksi_id="mini-kurs")


@pytest.fixture
def teacher(django_user_model):
    user = django_user_model.objects.create_user("laerer", password="x")
    user.user_permissions.add(Permission.objects.get(codename="view_teacher_material"))
    return user


def test_the_plan_links_its_sessions_to_their_sheets(client, course, teacher):
    html = client.get(course.url).content.decode()
    plan = html[html.index('id="kursplan"') :]
    assert f'href="{course.url}ark/repetisjon-1/"' in plan and "Repetisjonsark (PDF)" in plan
    assert f'href="{course.url}ark/modul-modul-en/"' in plan and "Vurdering (PDF)" in plan
    assert f'href="{course.url}ark/praksislogg/"' in plan and "Praksislogg, uke 1 (PDF)" in plan
    assert f'href="{course.url}ark/kurs/"' in plan and "Sluttvurdering: Minikurs for testing (PDF)" in plan
    assert "laerer/" not in plan.split('id="vurdering"')[0].split("kursplan")[1]  # no answers for visitors
    client.force_login(teacher)
    plan = client.get(course.url).content.decode()
    assert f'href="{course.url}ark/repetisjon-1/laerer/"' in plan and f'href="{course.url}ark/kurs/laerer/"' in plan


def test_participant_sheets_are_public_and_answer_versions_for_teachers_only(client, course, teacher, django_user_model):
    sheet = client.get(course.url + "ark/repetisjon-1/")
    assert sheet.status_code == 200 and sheet["Cache-Control"] == "public, max-age=300"
    text = pdf_text(sheet)
    assert "Repetisjon 1" in text and "håndhygiene" in text and "riktig svar" not in text
    logbook = pdf_text(client.get(course.url + "ark/praksislogg/"))
    assert "Vask hendene før du begynner." in logbook
    url = course.url + "ark/modul-modul-en/laerer/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(django_user_model.objects.create_user("deltaker", password="x"))
    assert client.get(url).status_code == 403
    client.force_login(teacher)
    answers = client.get(url)
    assert answers.status_code == 200 and answers["Cache-Control"] == "private, no-store"
    text = pdf_text(answers)
    assert "riktig svar" in text and "Mestrer" in text and "Vis en kollega" in text


def test_a_sheet_the_course_does_not_have_is_not_found(client, course):
    for sheet in ("repetisjon-2", "modul-finnes-ikke", "ukjent"):
        assert client.get(course.url + f"ark/{sheet}/").status_code == 404


def test_without_a_shipped_logbook_there_is_no_logbook_link(client, mini_course):
    import_course(mini_course)
    page = CoursePage.objects.get(ksi_id="mini-kurs")
    html = client.get(page.url).content.decode()
    assert "ark/praksislogg/" not in html and f'href="{page.url}ark/kurs/"' in html  # no plan: assessments still
    assert client.get(page.url + "ark/praksislogg/").status_code == 404


def test_a_course_without_its_logbook_still_exports_and_prints(course, monkeypatch, tmp_path, client):
    """A plan naming logbook weeks, but no logbook to go with it (e.g. a course whose release has none): the
    export keeps the week in the material text, so the course loads and its PDFs build."""
    from course_content.writer import write_course

    without = content_export._shipped("mini-kurs").model_copy(update={"logbook": None})
    monkeypatch.setattr(content_export, "_shipped", lambda slug: without)
    exported, media = content_export.export_course(course)
    assert exported.logbook is None
    again = load_course(write_course(exported, tmp_path / "export", media))
    practice = [s for _, _, s in again.plan.sessions() if s.kind == "practice"]
    assert [(s.logbook_week, s.material) for s in practice] == [
        (None, "Praksislogg uke 1 – se og gjør håndvask på arbeidsplassen.")
    ]
    assert "Repetisjon 1" in pdf_text(client.get(course.url + "ark/repetisjon-1/"))
    assert client.get(course.url + "ark/praksislogg/").status_code == 404

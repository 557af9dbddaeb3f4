"""Assessment results and practice logbook ticks in a course run: the model, the pages, the report."""

from __future__ import annotations

import csv
import io

import pytest
import yaml
from django.db import IntegrityError, transaction

from course_content.logbook import Logbook
from ksi_courses.teaching import assessments
from ksi_courses.teaching.models import AssessmentResult, LogbookTick
from tests.paths import FIXTURES

pytestmark = pytest.mark.django_db

MODULE = "modul-modul-en"


@pytest.fixture
def logbook(monkeypatch) -> Logbook:
    """The mini course's practice logbook, as if the course were shipped with it."""
    book = Logbook.model_validate(yaml.safe_load((FIXTURES / "mini-course-logbook.yaml").read_text(encoding="utf-8")))
    monkeypatch.setattr("ksi_courses.sheets.shipped_logbook", lambda course_page: book)
    return book


@pytest.fixture
def teacher_client(client, users):
    client.force_login(users["teacher"])
    return client


@pytest.fixture
def amina(run, users):
    return run.enrolments.get(participant=users["participant_a"])


def test_the_run_has_an_assessment_per_module_and_one_for_the_course(run):
    found = assessments.run_assessments(run)
    assert [a.id for a in found] == [MODULE, "kurs"]
    module = found[0]
    assert [(s.id, s.text) for s in module.skills] == [("handvask-1", "Vis en kollega")]
    assert len(module.quiz) == 2 and {item.lesson_id for item in module.quiz} == {"handvask"}


def test_an_edited_page_changes_what_is_assessed(run, lesson):
    body = [child for child in lesson.body.raw_data if child["type"] != "exercise"]
    lesson.body = body
    lesson.save_revision().publish()
    assert assessments.run_assessment(run, MODULE).skills == ()


def test_recording_a_result_keeps_one_row_and_drops_unknown_skills(run, amina, users):
    module = assessments.run_assessment(run, MODULE)
    data = assessments.ResultInput(["handvask-1", "oppfunnet"], 1, "  Øv mer på tørking.  ")
    assessments.record_result(amina, module, data, users["teacher"])
    result = assessments.record_result(amina, module, assessments.ResultInput([], 2, ""), users["teacher"])
    assert AssessmentResult.objects.count() == 1
    result.refresh_from_db()
    assert (result.skills_passed, result.skills_total, result.quiz_score, result.quiz_total) == ([], 1, 2, 2)
    first = assessments.record_result(amina, module, data, None)
    assert first.skills_passed == ["handvask-1"] and first.note == "Øv mer på tørking."
    with pytest.raises(ValueError, match="outside 0–2"):
        assessments.record_result(amina, module, assessments.ResultInput([], 3, ""), None)
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentResult.objects.create(enrolment=amina, assessment_id=MODULE)


def test_the_teacher_records_a_result_on_the_run_page(teacher_client, run, amina):
    url = f"/ksi/kurs/{run.pk}/vurdering/{MODULE}/{amina.pk}/"
    page = teacher_client.get(url).content.decode()
    assert "Vurdering: Første modul" in page and "Vis en kollega (Håndvask)" in page and 'max="2"' in page
    refused = teacher_client.post(url, {"skills": ["handvask-1"], "quiz_score": "3"})
    assert refused.status_code == 400 and not AssessmentResult.objects.exists()
    saved = teacher_client.post(url, {"skills": ["handvask-1"], "quiz_score": "2", "note": "Bra."})
    assert saved.status_code == 302 and saved["Location"] == f"/ksi/kurs/{run.pk}/vurdering/"
    result = AssessmentResult.objects.get()
    assert (result.enrolment, result.skills_passed, result.quiz_score, result.note) == (amina, ["handvask-1"], 2, "Bra.")
    assert result.recorded_by.username == "tone"
    overview = teacher_client.get(saved["Location"]).content.decode()
    assert "ferdigheter 1/1, quiz 2/2" in overview and "registrer" in overview  # Bilal has none yet
    assert teacher_client.get(f"/ksi/kurs/{run.pk}/vurdering/modul-ukjent/{amina.pk}/").status_code == 404


def test_logbook_tasks_are_ticked_off_per_participant(teacher_client, run, amina, logbook):
    url = f"/ksi/kurs/{run.pk}/praksislogg/{amina.pk}/"
    page = teacher_client.get(url).content.decode()
    assert "Uke 1: Håndvask på arbeidsplassen" in page and "Vask hendene før du begynner." in page
    response = teacher_client.post(url, {"tasks": ["1/se-vasken", "1/vask-hendene"]})
    assert response.status_code == 302
    assert sorted(LogbookTick.objects.values_list("task", flat=True)) == ["1/se-vasken", "1/vask-hendene"]
    teacher_client.post(url, {"tasks": ["1/vask-hendene", "1/vask-hendene"]})
    assert list(LogbookTick.objects.values_list("task", flat=True)) == ["1/vask-hendene"]
    assert teacher_client.post(url, {"tasks": ["9/finnes-ikke"]}).status_code == 400
    assert 'value="1/vask-hendene" id="task-1-2" checked' in teacher_client.get(url).content.decode()
    assert "1/4 oppgaver" in teacher_client.get(f"/ksi/kurs/{run.pk}/vurdering/").content.decode()


def test_without_a_logbook_its_page_is_not_found(teacher_client, run, amina):
    assert teacher_client.get(f"/ksi/kurs/{run.pk}/praksislogg/{amina.pk}/").status_code == 404


def test_results_show_in_the_progress_matrix_and_the_report(teacher_client, run, amina, users, logbook):
    final = assessments.run_assessment(run, "kurs")
    assessments.record_result(amina, final, assessments.ResultInput(["handvask-1"], 1, ""), users["teacher"])
    assessments.record_result(amina, assessments.run_assessment(run, MODULE), assessments.ResultInput([], None, ""), None)
    assessments.save_ticks(amina, logbook, ["1/fortell"], users["teacher"])
    progress = teacher_client.get(f"/ksi/kurs/{run.pk}/framdrift/").content.decode()
    assert "2 registrert, praksislogg 1" in progress
    text = teacher_client.get(f"/ksi/kurs/{run.pk}/rapport.csv").content.decode("utf-8")[1:]
    rows = {row["brukernavn"]: row for row in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert (rows["amina"]["vurderinger_registrert"], rows["amina"]["sluttvurdering_ferdigheter"]) == ("2", "1/1")
    assert (rows["amina"]["sluttvurdering_quiz"], rows["amina"]["praksislogg_oppgaver"]) == (f"1/{len(final.quiz)}", "1")
    assert [rows["bilal"][key] for key in ("vurderinger_registrert", "sluttvurdering_ferdigheter", "praksislogg_oppgaver")] == ["0", "", "0"]


def test_results_go_with_the_enrolment(run, amina, users):
    assessments.record_result(amina, assessments.run_assessment(run, MODULE), assessments.ResultInput([], 1, ""), None)
    amina.delete()
    assert not AssessmentResult.objects.exists()


def test_results_and_ticks_are_in_the_data_export_and_the_note_is_erased(run, amina, users, logbook):
    from ksi_courses.teaching.privacy import erase_user, export_user_data

    module = assessments.run_assessment(run, MODULE)
    assessments.record_result(amina, module, assessments.ResultInput(["handvask-1"], 2, "Amina øver hjemme."), users["teacher"])
    assessments.save_ticks(amina, logbook, ["1/nye-ord"], users["teacher"])
    data = export_user_data(users["participant_a"])
    (result,) = data["assessment_results"]
    assert (result["assessment_id"], result["skills_passed"], result["quiz_score"], result["note"]) == (
        MODULE, ["handvask-1"], 2, "Amina øver hjemme.")
    assert [t["task"] for t in data["logbook_tasks_done"]] == ["1/nye-ord"]
    erase_user(users["participant_a"])
    kept = AssessmentResult.objects.get()
    assert kept.note == "" and kept.quiz_score == 2  # the result stays for the run's numbers, without the note

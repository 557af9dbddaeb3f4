"""Repetition sheets, assessments and the practice logbook in print.

The mini course (with its plan and a logbook) is rendered once for this module, each sheet in
both versions, and read back: what each version shows, the tag structure (headings without
gaps, header cells with a scope), and one ``outloud`` run over all of them. The HTML of every
sheet of every shipped course is checked for heading gaps (fast, and names the heading).
"""

from __future__ import annotations

import shutil
from itertools import pairwise

import pytest

from course_content import load_course, shipped_courses
from course_content.assessment import assessments
from course_content.logbook import LOGBOOK_FILE, LOGBOOK_SHEET
from course_content.repetition import repetition_sheets
from exports.cache import pdf_cache_key
from exports.pdf import PdfOptions, render_html
from tests.content.test_broken_content import edit
from tests.exports.pdfread import render_checked
from tests.exports.test_heading_outline import skipped_levels
from tests.exports.test_pdfua import _elements, check, warnings_by_rule
from tests.paths import FIXTURES
from tests.plans import planned_mini_course

SHEETS = ("repetisjon-1", "modul-modul-en", "kurs")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = planned_mini_course(tmp_path_factory.mktemp("sheets"))
    shutil.copy(FIXTURES / "mini-course-logbook.yaml", folder / LOGBOOK_FILE)
    edit(folder / "plan.yaml", "            hours: 2\n            material:", "            hours: 2\n            logbook_week: 1\n            material:")
    return load_course(folder)


@pytest.fixture(scope="module")
def pdfs(course):
    rendered = {
        (sheet, edition): render_checked(course, PdfOptions(edition=edition, sheet=sheet))
        for sheet in SHEETS
        for edition in ("participant", "teacher")
    }
    rendered[(LOGBOOK_SHEET, "participant")] = render_checked(course, PdfOptions(sheet=LOGBOOK_SHEET))
    return rendered


def test_the_repetition_sheet_has_the_key_words_and_a_quiz(pdfs, course):
    sheet = repetition_sheets(course)[0]
    for edition in ("participant", "teacher"):
        pdf = pdfs[("repetisjon-1", edition)]
        assert "Repetisjon 1" in pdf and "Vi repeterer" in pdf and "Håndvask" in pdf and "Renholdsutstyr" in pdf
        assert "håndhygiene" in pdf and "Å holde hendene rene." in pdf and "Bilder: Twemoji" in pdf
        for item in sheet.quiz:
            assert item.question.prompt in pdf
    participant, teacher = pdfs[("repetisjon-1", "participant")], pdfs[("repetisjon-1", "teacher")]
    assert "riktig svar" not in participant and "Forklaring:" not in participant and "Deltakerversjon" in participant
    assert "riktig svar" in teacher and "Forklaring:" in teacher and "Lærerversjon med svar" in teacher
    assert sheet.quiz[0].question.explanation in teacher and sheet.quiz[0].question.explanation not in participant


def test_the_assessment_has_the_observation_checklist_and_a_quiz(pdfs, course):
    module, final = assessments(course)
    for sheet, found in (("modul-modul-en", module), ("kurs", final)):
        participant, teacher = pdfs[(sheet, "participant")], pdfs[(sheet, "teacher")]
        assert found.title in participant and "Vis en kollega (rollespill)" in participant
        assert "Dette skal du vise læreren." in participant and "Mestrer" not in participant
        assert "Mestrer" in teacher and "Ikke ennå" in teacher and "Riktige svar i quizen" in teacher
        assert "riktig svar" in teacher and "riktig svar" not in participant


def test_the_logbook_prints_every_task_week_by_week(pdfs, course):
    pdf = pdfs[(LOGBOOK_SHEET, "participant")]
    assert "Praksislogg – minikurs" in pdf and "Uke 1: Håndvask på arbeidsplassen" in pdf
    for heading in ("Se og finn ut", "Gjør", "Fortell og skriv", "Nye ord"):
        assert f"{heading} (uke 1)" in pdf
    for _, task, _ in course.logbook.task_keys():
        assert task.text in pdf
    assert pdf.text.count("Gjort") == len(course.logbook.weeks[0].tasks)


def test_tables_have_scoped_headers_and_headings_have_no_gaps(pdfs):
    for (sheet, edition), pdf in pdfs.items():
        headers = _elements(pdf, "/TH")
        scopes = {str(th["/A"]["/Scope"]) for th in headers}
        # Column headers everywhere; the name/date lines to fill in have row headers.
        assert "/Column" in scopes or sheet == LOGBOOK_SHEET, (sheet, edition, scopes)
        assert headers and scopes <= {"/Column", "/Row"}, (sheet, edition, scopes)
    for (sheet, edition), pdf in pdfs.items():
        levels = [int(role[1]) for role, _ in pdf.structure() if role in ("H1", "H2", "H3", "H4", "H5", "H6")]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in pairwise(levels)), (sheet, edition, levels)


def test_an_independent_checker_finds_no_pdf_ua_error(pdfs, tmp_path):
    files = {f"{sheet}-{edition}.pdf": pdf.data for (sheet, edition), pdf in pdfs.items()}
    results = check(files, tmp_path)
    for name, result in results.items():
        assert result["counts"]["error"] == 0, (name, [f for f in result["findings"] if f["severity"] == "error"])
        # Content painted out of tag order and recurring lines: see exports/README.md.
        assert set(warnings_by_rule(result)) <= {"ORD-001", "PAG-001"}, (name, warnings_by_rule(result))


def test_each_version_has_its_own_cache_key_but_the_logbook_has_one(course):
    keys = {sheet: {pdf_cache_key(course, PdfOptions(edition=e, sheet=sheet)) for e in ("participant", "teacher")} for sheet in (*SHEETS, LOGBOOK_SHEET)}
    assert all(len(found) == 2 for sheet, found in keys.items() if sheet != LOGBOOK_SHEET)
    assert len(keys[LOGBOOK_SHEET]) == 1
    assert len(set().union(*keys.values())) == 2 * len(SHEETS) + 1


def test_bad_sheet_ids_say_what_exists(course):
    with pytest.raises(KeyError, match="its sheets: repetisjon-1"):
        render_html(course, PdfOptions(sheet="repetisjon-7"))
    with pytest.raises(KeyError, match="its assessments: modul-modul-en, kurs"):
        render_html(course, PdfOptions(sheet="modul-x"))
    with pytest.raises(ValueError, match="is not a sheet id"):
        PdfOptions(sheet="../etc")


@pytest.mark.parametrize("slug", sorted(shipped_courses()))
def test_no_sheet_of_a_shipped_course_skips_a_heading_level(slug):
    course = shipped_courses()[slug]
    sheets = [s.id for s in repetition_sheets(course)] + [a.id for a in assessments(course)] + [LOGBOOK_SHEET]
    jumps = {
        (sheet, edition): found
        for sheet in sheets
        for edition in ("participant", "teacher")
        if (found := skipped_levels(render_html(course, PdfOptions(edition=edition, sheet=sheet))))
    }
    assert not jumps


def test_the_pdf_command_prints_a_sheet_and_names_the_sheets_there_are(course, tmp_path, capsys):
    from course_content.cli import main
    from tests.exports.pdfread import Pdf

    folder = str(course.root)
    out = tmp_path / "vurdering.pdf"
    assert main(["pdf", folder, "--sheet", "kurs", "--edition", "teacher", "-o", str(out)]) == 0
    pdf = Pdf(out.read_bytes())
    assert "Sluttvurdering: Minikurs for testing" in pdf and "Mestrer" in pdf
    assert main(["pdf", folder, "--sheet", "repetisjon-5", "-o", str(out)]) == 2
    assert "no repetition sheet 'repetisjon-5'; its sheets: repetisjon-1" in capsys.readouterr().err
    assert main(["pdf", folder, "--sheet", "kurs", "--lesson", "handvask", "-o", str(out)]) == 2
    assert "leave out --lesson and --lang" in capsys.readouterr().err

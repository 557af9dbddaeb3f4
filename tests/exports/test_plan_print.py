"""The course plan prints in the teacher edition (a table per week), never in the participant booklet."""

import pytest

from course_content import load_course
from exports.options import PdfOptions
from exports.pdf import render_pdf
from tests.exports.pdfread import Pdf, no_render_warnings
from tests.plans import planned_mini_course


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    return load_course(planned_mini_course(tmp_path_factory.mktemp("plan")))


@pytest.fixture(scope="module")
def teacher_edition(planned):
    with no_render_warnings():
        return Pdf(render_pdf(planned, PdfOptions(edition="teacher"), cache=None))


def test_teacher_edition_has_the_plan_week_by_week(teacher_edition):
    assert "Kursplan" in teacher_edition
    assert "1 uke, 5 timer i alt: 3 timer i klasserommet og 2 timer i praksis." in teacher_edition
    assert "Uke 1: Hygiene og utstyr (5 timer)" in teacher_edition
    for row in (
        "Mandag Leksjon Håndvask 1",
        "Repetisjon Håndvask; Renholdsutstyr (ark: repetisjon-1) 0,5",  # the sheet to print for the session
        "Vurdering Første modul (ark: modul-modul-en) 0,5",
    ):
        assert row in teacher_edition, row
    assert "Kursplan" in [title for title, _ in teacher_edition.outline()]


def test_participant_booklet_has_no_plan(planned):
    with no_render_warnings():
        booklet = Pdf(render_pdf(planned, PdfOptions(), cache=None))
    assert "Kursplan" not in booklet and "Repetisjon" not in booklet

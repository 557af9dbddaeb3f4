"""The attendance list pre-filled with a course run's participants and session dates."""

from datetime import date

import pytest

from course_content import load_course
from exports.attendance import AttendanceSheet, attendance_form, attendance_values, render_attendance_pdf
from tests.exports.pdfread import Pdf, no_render_warnings
from tests.paths import MINI_COURSE

PARTICIPANTS = ["Amina Hassan", "Olena Kovalenko", "Yonas Tesfay"]
DATES = [date(2026, 1, 12), date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 5)]  # unordered, one twice


@pytest.fixture(scope="module")
def sheet():
    return AttendanceSheet("Renhold høst 2026", "Storgata 1, Testvik", "Kari Lærer", DATES, PARTICIPANTS)


@pytest.fixture(scope="module")
def printed(mini_course, sheet):
    with no_render_warnings():
        return Pdf(render_attendance_pdf(mini_course, sheet))


def test_printed_list_is_a_grid_of_participants_by_day_one_per_week(printed):
    text = printed.flat
    # Week 2 has two session days, week 3 one; each grid lists every participant once.
    week2 = text.index("Uke 2 (2026): 5. januar 2026 – 6. januar 2026")
    week3 = text.index("Uke 3 (2026): 12. januar 2026")
    assert week2 < week3
    assert "Deltaker mandag 05.01 tirsdag 06.01 Amina Hassan Olena Kovalenko Yonas Tesfay" in text[week2:week3]
    assert "Deltaker mandag 12.01 Amina Hassan Olena Kovalenko Yonas Tesfay" in text[week3:]
    assert text.count("Amina Hassan") == 2  # once per week, not once per date


def test_printed_list_has_the_legend_of_valid_and_invalid_absence(printed):
    assert "T = til stede G = gyldig fravær U = ugyldig fravær" in printed.flat
    assert "introduksjonsstønaden" in printed.flat  # why the kind of absence matters


def test_printed_list_has_the_runs_details(printed):
    assert "Oppmøteliste" in printed
    assert "Renhold høst 2026" in printed and "Storgata 1, Testvik" in printed and "Kari Lærer" in printed
    assert "5. januar 2026 – 12. januar 2026" in printed  # the period
    assert "/AcroForm" not in printed.reader.trailer["/Root"]


def test_fillable_list_has_a_field_per_participant_and_day(mini_course, sheet):
    with no_render_warnings():
        pdf = Pdf(render_attendance_pdf(mini_course, sheet, fillable=True))
    fields = pdf.reader.get_fields()
    assert fields["kurs"]["/V"] == "Renhold høst 2026" and fields["laerer"]["/V"] == "Kari Lærer"
    cells = sorted(name for name in fields if name.startswith("oppmote:"))
    # week 1 of the run: 3 participants × 2 days; week 2: 3 × 1
    assert cells == sorted(
        [f"oppmote:1:{row}:dag{day}" for row in (1, 2, 3) for day in (1, 2)]
        + [f"oppmote:2:{row}:dag1" for row in (1, 2, 3)]
    )
    assert fields["oppmote:1:2:dag2"]["/FT"] == "/Tx"
    assert fields["oppmote:1:2:dag2"]["/TU"] == (
        "Oppmøte denne uka, Uke 2 (2026): 5. januar 2026 – 6. januar 2026, Olena Kovalenko: tirsdag 06.01 (T, G eller U)"
    )


def test_each_week_is_a_block_of_its_session_days(mini_course, sheet):
    blocks = attendance_values(attendance_form(mini_course), sheet).grids["oppmote"]
    assert [list(block.columns) for block in blocks] == [["mandag 05.01", "tirsdag 06.01"], ["mandag 12.01"]]
    assert all(list(block.rows) == PARTICIPANTS for block in blocks)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"participants": [" "]}, "participants is empty"),
        ({"dates": []}, "dates is empty"),
    ],
)
def test_a_sheet_without_people_or_dates_is_an_error(kwargs, message):
    data = {"course_title": "K", "place": "S", "teacher": "L", "dates": DATES, "participants": PARTICIPANTS} | kwargs
    with pytest.raises(ValueError, match=message):
        AttendanceSheet(**data)


def test_a_course_without_an_attendance_form_is_a_clear_error(sheet):
    course = load_course(MINI_COURSE, common=None)  # only the course's own forms: no attendance list
    with pytest.raises(
        KeyError, match="needs exactly one form of kind 'attendance' for the attendance list; found: none"
    ):
        render_attendance_pdf(course, sheet)

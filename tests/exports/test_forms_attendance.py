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


def _rows(pdf: Pdf) -> list[str]:
    """The table rows as text, "name dd.mm.yyyy ☐", in page order."""
    words = pdf.flat.split(" ")
    return [
        " ".join(words[i - 2 : i + 1]) for i, word in enumerate(words) if word.count(".") == 2 and word[:2].isdigit()
    ]


def test_printed_list_has_a_row_per_participant_and_date_in_date_order(printed):
    rows = _rows(printed)
    expected = [f"{name} {day}" for day in ("05.01.2026", "06.01.2026", "12.01.2026") for name in PARTICIPANTS]
    assert rows == expected
    assert printed.flat.count("☐") == 9  # "Til stede" left to tick


def test_printed_list_has_the_runs_details(printed):
    assert "Oppmøteliste" in printed
    assert "Renhold høst 2026" in printed and "Storgata 1, Testvik" in printed and "Kari Lærer" in printed
    assert "5. januar 2026 – 12. januar 2026" in printed  # the period
    assert "/AcroForm" not in printed.reader.trailer["/Root"]


def test_fillable_list_holds_the_names_and_dates_as_field_values(mini_course, sheet):
    with no_render_warnings():
        pdf = Pdf(render_attendance_pdf(mini_course, sheet, fillable=True))
    fields = pdf.reader.get_fields()
    assert fields["kurs"]["/V"] == "Renhold høst 2026" and fields["laerer"]["/V"] == "Kari Lærer"
    assert [fields[f"oppmote:{n}:deltaker"]["/V"] for n in range(1, 4)] == PARTICIPANTS
    assert fields["oppmote:4:dato"]["/V"] == "06.01.2026"
    assert fields["oppmote:9:dato"]["/V"] == "12.01.2026" and "oppmote:10:dato" not in fields
    assert fields["oppmote:9:til-stede"]["/FT"] == "/Btn"


def test_each_new_date_starts_a_group(mini_course, sheet):
    rows = attendance_values(attendance_form(mini_course), sheet).tables["oppmote"]
    assert [row.starts_group for row in rows] == [False, False, False, True, False, False, True, False, False]


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

"""The attendance list (oppmøteliste) pre-filled with a course run's participants and dates.

Plain data in, PDF out, so the Wagtail face (or a script) passes a run's data without this
module knowing about Django::

    from exports.attendance import AttendanceSheet, render_attendance_pdf

    sheet = AttendanceSheet("Renhold og smittevern", "Storgata 1", "Kari Lærer",
                            dates=[date(2026, 1, 5), date(2026, 1, 6)], participants=["Amina Hassan", "Olena K."])
    pdf = render_attendance_pdf(course, sheet, branding=branding)

The list is the course's form of kind ``attendance`` (the common ``oppmoteliste`` unless the course
has its own): a grid of participants × the run's session days, one grid per week, each cell to
be marked present or valid/invalid absence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from course_content import Course, Form

from .course_run import norwegian_date
from .forms import FormValues, GridBlock, render_form_pdf
from .options import Branding

ATTENDANCE_KIND = "attendance"
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@dataclass(frozen=True)
class AttendanceSheet:
    """A course run as the attendance list needs it: who comes, and on which days."""

    course_title: str
    place: str
    teacher: str
    dates: Sequence[date]
    participants: Sequence[str]

    def __post_init__(self) -> None:
        if not [name for name in self.participants if name.strip()]:
            raise ValueError("AttendanceSheet.participants is empty: add the run's participants first")
        if not self.dates:
            raise ValueError("AttendanceSheet.dates is empty: give the run's session dates")

    @property
    def session_dates(self) -> list[date]:
        """The dates in order, each once."""
        return sorted(set(self.dates))

    @property
    def period(self) -> str:
        """``5. januar 2026 – 27. mars 2026`` (one date alone when the run has one session)."""
        first, last = self.session_dates[0], self.session_dates[-1]
        return norwegian_date(first) if first == last else f"{norwegian_date(first)} – {norwegian_date(last)}"


def short_date(value: date) -> str:
    """``05.01.2026``: the form's date hint (dd.mm.åååå)."""
    return value.strftime("%d.%m.%Y")


def day_heading(value: date) -> str:
    """``mandag 05.01``: a day column of the grid."""
    return f"{WEEKDAYS[value.weekday()]} {value.strftime('%d.%m')}"


def week_blocks(sheet: AttendanceSheet) -> list[GridBlock]:
    """One grid per calendar week of the run: its session days as columns, the participants as rows."""
    participants = [name.strip() for name in sheet.participants if name.strip()]
    blocks = []
    for (year, week), days in groupby(sheet.session_dates, key=lambda day: day.isocalendar()[:2]):
        days = list(days)
        span = norwegian_date(days[0]) if len(days) == 1 else f"{norwegian_date(days[0])} – {norwegian_date(days[-1])}"
        blocks.append(GridBlock(f"Uke {week} ({year}): {span}", [day_heading(day) for day in days], participants))
    return blocks


def attendance_form(course: Course) -> Form:
    """The course's attendance form (kind ``attendance``); a ``KeyError`` if it has none or several."""
    forms = [form for form in course.forms.values() if form.kind == ATTENDANCE_KIND]
    if len(forms) != 1:
        found = ", ".join(sorted(form.id for form in forms)) or "none"
        raise KeyError(
            f"course '{course.slug}' needs exactly one form of kind '{ATTENDANCE_KIND}' for the attendance list;"
            f" found: {found}"
        )
    return forms[0]


def attendance_values(form: Form, sheet: AttendanceSheet) -> FormValues:
    """``sheet`` as values of ``form``: its header fields and, in its grid, one block per week.

    The header fields ``kurs``, ``sted``, ``laerer`` and ``periode`` are filled when the form has
    them (the common ``oppmoteliste`` has all four).
    """
    grids = [f for f in form.fields if f.type == "grid"]
    if len(grids) != 1:
        raise ValueError(
            f"attendance form '{form.id}' needs exactly one grid field (participants × days), it has {len(grids)}"
        )
    header = {"kurs": sheet.course_title, "sted": sheet.place, "laerer": sheet.teacher, "periode": sheet.period}
    field_ids = {f.id for f in form.fields}
    return FormValues(
        fields={field_id: value for field_id, value in header.items() if field_id in field_ids and value},
        grids={grids[0].id: week_blocks(sheet)},
    )


def render_attendance_pdf(
    course: Course, sheet: AttendanceSheet, *, fillable: bool = False, branding: Branding | None = None
) -> bytes:
    """The course's attendance list pre-filled from ``sheet``: printable, or fillable with ``fillable=True``."""
    form = attendance_form(course)
    return render_form_pdf(course, form, fillable=fillable, values=attendance_values(form, sheet), branding=branding)

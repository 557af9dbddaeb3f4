"""A course run's documents: the pre-filled attendance list and templates filled with the run."""

from __future__ import annotations

from ksi_courses.documents import course_for


def run_values(run) -> dict:
    """Template placeholder values for ``run`` (see ``course_content.templates.PLACEHOLDERS``)."""
    teacher = run.teachers.order_by("last_name", "first_name", "pk").first()
    values = {
        "run": {
            "title": run.title,
            "start": run.start_date,
            "end": run.end_date,
            "place": run.place,
            "schedule": run.schedule,
        }
    }
    if teacher is not None:
        values["teacher"] = {"name": teacher.get_full_name() or teacher.get_username(), "email": teacher.email}
    return values


def attendance_sheet(run):
    """The run's participants and session dates as the print face's attendance sheet."""
    from exports.attendance import AttendanceSheet

    participants = [
        enrolment.participant.get_full_name() or enrolment.participant.get_username()
        for enrolment in run.enrolments.select_related("participant").order_by("participant__last_name", "participant__first_name")
    ]
    teacher = run_values(run).get("teacher", {}).get("name", "")
    dates = list(run.sessions.order_by("date").values_list("date", flat=True).distinct())
    return AttendanceSheet(
        course_title=run.course.title, place=run.place, teacher=teacher, dates=dates, participants=participants
    )


def attendance_pdf(run, *, fillable: bool, branding) -> bytes:
    from exports.attendance import render_attendance_pdf

    return render_attendance_pdf(course_for(run.course), attendance_sheet(run), fillable=fillable, branding=branding)

"""Attendance: sessions of a run, who was present, and the hours each participant attended."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum

from .models import Attendance, AttendanceSession, CourseRun, Enrolment


def add_session(run: CourseRun, day: date, hours: Decimal, topic: str = "") -> AttendanceSession:
    """A new session of ``run`` for which attendance can be taken."""
    return AttendanceSession.objects.create(run=run, date=day, hours=hours, topic=topic)


def record_attendance(session: AttendanceSession, present_enrolment_ids: Iterable[int]) -> int:
    """Save who was present; every other participant of the run is recorded as absent.

    Returns how many were present. Saving twice (two teachers, a resubmitted form) updates the
    same rows: one row per session and participant.
    """
    present = set(present_enrolment_ids)
    enrolments = list(session.run.enrolments.values_list("pk", flat=True))
    unknown = present - set(enrolments)
    if unknown:
        raise ValueError(f"enrolments {sorted(unknown)} are not in the course run '{session.run}'")
    rows = [Attendance(session=session, enrolment_id=pk, present=pk in present) for pk in enrolments]
    with transaction.atomic():
        Attendance.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["session", "enrolment"], update_fields=["present"]
        )
    return len(present)


def present_ids(session: AttendanceSession) -> set[int]:
    """Enrolment ids recorded as present at ``session``."""
    return set(session.attendance.filter(present=True).values_list("enrolment_id", flat=True))


def attendance_totals(enrolments: Iterable[Enrolment]) -> dict[int, tuple[Decimal, int]]:
    """Enrolment id → (hours attended, sessions attended), for every given enrolment."""
    ids = [enrolment.pk for enrolment in enrolments]
    totals = {pk: (Decimal(0), 0) for pk in ids}
    rows = (
        Attendance.objects.filter(enrolment_id__in=ids, present=True)
        .values("enrolment_id")
        .annotate(hours=Sum("session__hours"), sessions=Count("pk"))
    )
    for row in rows:
        totals[row["enrolment_id"]] = (row["hours"] or Decimal(0), row["sessions"])
    return totals

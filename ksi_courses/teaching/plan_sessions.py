"""A new course run takes its attendance sessions from the course plan: one per planned day.

Teachers can still add, change and delete sessions; the plan only gives the starting point, so
attendance and the report's hours follow the plan from the first day.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from course_content.plan import SESSION_KIND_NAMES, WEEKDAYS
from course_content.plan_rows import parse_plan

from .models import AttendanceSession, CourseRun

TOPIC_LENGTH = AttendanceSession._meta.get_field("topic").max_length


def add_plan_sessions(run: CourseRun) -> list[AttendanceSession]:
    """Create a session for every day of the course plan that falls within the run's dates.

    Week 1 of the plan is the week the run starts in (dates count from its Monday). A course
    without a plan gets no sessions.
    """
    plan = parse_plan(run.course.plan)
    if plan is None:
        return []
    titles = dict(run.lessons.values_list("ksi_id", "title"))
    monday = run.start_date - timedelta(days=run.start_date.weekday())
    sessions = []
    for week in plan.weeks:
        for day in week.days:
            when = monday + timedelta(weeks=week.number - 1, days=WEEKDAYS.index(day.day))
            if not run.start_date <= when <= run.end_date:
                continue
            parts = []
            for session in day.sessions:
                part = titles.get(session.lesson) if session.lesson else SESSION_KIND_NAMES[session.kind]
                if part and part not in parts:
                    parts.append(part)
            topic = f"Uke {week.number}: " + ", ".join(parts)
            sessions.append(
                AttendanceSession(run=run, date=when, hours=Decimal(str(day.hours)), topic=_shorten(topic))
            )
    return AttendanceSession.objects.bulk_create(sessions)


def _shorten(text: str) -> str:
    return text if len(text) <= TOPIC_LENGTH else text[: TOPIC_LENGTH - 1].rstrip(" ,") + "…"

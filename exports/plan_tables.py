"""The course plan as Markdown tables for the kursplan and ukeplan templates.

Without a plan (a municipality's own course) the tables have blank rows to fill in by hand, as
the templates always had.
"""

from __future__ import annotations

from datetime import date, timedelta

from course_content import Course
from course_content.markdown import escape_markdown
from course_content.plan import SESSION_KIND_NAMES, WEEKDAYS

from .html import decimal

BLANK_WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag")


def _cell(text: str) -> str:
    """Text as one table cell: no line breaks, no column separator, no inline markup."""
    return escape_markdown(text)


def _hours(value: float) -> str:
    return decimal(float(value))


def course_plan_table(course: Course) -> str:
    """One row per week: theme, hours, practice hours, and a column for the teacher's remarks."""
    header = "| Uke | Tema | Timer | Herav praksis | Merknad |\n|---|---|---|---|---|"
    if course.plan is None:
        weeks = course.description.duration.weeks if course.description.duration else 10
        return header + "\n" + "\n".join("| | | | | |" for _ in range(weeks))
    rows = []
    for week in course.plan.weeks:
        practice = sum(s.hours for d in week.days for s in d.sessions if s.is_practice)
        rows.append(
            f"| {week.number} | {_cell(week.theme)} | {_hours(week.hours)} | {_hours(practice) if practice else '–'} | |"
        )
    return header + "\n" + "\n".join(rows)


def week_plan_table(course: Course, course_week: int, start: date | None = None) -> str:
    """The sessions of week ``course_week`` of the plan, a row each, with dates when ``start`` is known.

    ``start`` is the run's first day; the dates count from the Monday of that week.
    """
    header = "| Dag | Dato | Hva skal vi gjøre? | Timer |\n|---|---|---|---|"
    plan = course.plan
    if plan is None or not 1 <= course_week <= len(plan.weeks):
        return header + "\n" + "\n".join(f"| {day} | | | |" for day in BLANK_WEEKDAYS)
    week = plan.weeks[course_week - 1]
    monday = start - timedelta(days=start.weekday()) + timedelta(weeks=course_week - 1) if start else None
    titles = {lesson.id: lesson.title for lesson in course.lessons.values()}
    rows = []
    for day in week.days:
        when = monday + timedelta(days=WEEKDAYS.index(day.day)) if monday else None
        for index, session in enumerate(day.sessions):
            what = SESSION_KIND_NAMES[session.kind]
            detail = session.title or titles.get(session.lesson or "", "") or session.material
            if detail:
                what = f"{what}: {detail}"
            rows.append(
                "| "
                + " | ".join(
                    [
                        day.day.capitalize() if index == 0 else "",
                        f"{when.day}.{when.month}." if when and index == 0 else "",
                        _cell(what),
                        _hours(session.hours),
                    ]
                )
                + " |"
            )
    return header + "\n" + "\n".join(rows)

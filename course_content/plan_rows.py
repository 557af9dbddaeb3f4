"""The course plan as rows to show: weeks, days and sessions with titles and material in words.

The course page (with links to lesson pages) and the teacher edition both lay the plan out from these rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from .assessment import assessment_id_for
from .plan import SESSION_KIND_NAMES, CoursePlan
from .repetition import REPETITION_PREFIX


@dataclass
class SessionRow:
    kind: str
    kind_name: str
    hours: float
    title: str
    link: object | None = None  # what the lesson id maps to in ``links`` (a page on the web)
    material: list[str] = field(default_factory=list)
    #: ``repetisjon-N`` (a repetition sheet) or an assessment id (``modul-…``, ``kurs``), else None.
    sheet: str | None = None
    logbook_week: int | None = None


@dataclass
class DayRow:
    day: str
    hours: float
    sessions: list[SessionRow]


@dataclass
class WeekRow:
    number: int
    theme: str
    hours: float
    days: list[DayRow]


def parse_plan(data) -> CoursePlan | None:
    """The plan stored on a course page, or ``None`` where there is none (or it no longer parses)."""
    if not data:
        return None
    try:
        return CoursePlan.model_validate(data)
    except ValidationError:
        return None


def plan_outline(
    plan: CoursePlan,
    lesson_titles: dict[str, str],
    module_titles: dict[str, str],
    links: dict[str, object] | None = None,
) -> list[WeekRow]:
    """Rows for showing ``plan``; ids without a title show as themselves, ``links`` maps lesson ids to links."""
    links = links or {}
    module_ids = list(module_titles)
    repetitions = 0
    weeks = []
    for week in plan.weeks:
        days = []
        for day in week.days:
            rows = []
            for session in day.sessions:
                material = [lesson_titles.get(lesson_id, lesson_id) for lesson_id in session.lessons]
                material += [module_titles.get(module_id, module_id) for module_id in session.modules]
                if session.material:
                    material.append(session.material)
                if session.logbook_week and not session.material:
                    material.append(f"Praksislogg uke {session.logbook_week}")
                title = session.title or (lesson_titles.get(session.lesson, session.lesson) if session.lesson else "")
                sheet = assessment_id_for(session, module_ids)
                if session.kind == "repetition":
                    repetitions += 1
                    sheet = f"{REPETITION_PREFIX}{repetitions}"
                rows.append(
                    SessionRow(
                        kind=session.kind,
                        kind_name=SESSION_KIND_NAMES[session.kind],
                        hours=session.hours,
                        title=title,
                        link=links.get(session.lesson) if session.lesson else None,
                        material=material,
                        sheet=sheet,
                        logbook_week=session.logbook_week,
                    )
                )
            days.append(DayRow(day=day.day, hours=day.hours, sessions=rows))
        weeks.append(WeekRow(number=week.number, theme=week.theme, hours=week.hours, days=days))
    return weeks

"""The course plan as the course page shows it: weeks, days and sessions with links to lessons."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from course_content.plan import SESSION_KIND_NAMES, CoursePlan


@dataclass
class SessionRow:
    kind: str
    kind_name: str
    hours: float
    title: str
    page: object | None = None  # the lesson page, for lesson sessions that are live
    material: list[str] = field(default_factory=list)


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


def plan_outline(plan: CoursePlan, lesson_pages: dict[str, object], module_titles: dict[str, str]) -> list[WeekRow]:
    """Rows for the plan table; ``lesson_pages`` maps lesson ids to live pages (titles and links)."""

    def title_of(lesson_id: str) -> str:
        page = lesson_pages.get(lesson_id)
        return page.title if page is not None else lesson_id

    weeks = []
    for week in plan.weeks:
        days = []
        for day in week.days:
            rows = []
            for session in day.sessions:
                material = [title_of(lesson_id) for lesson_id in session.lessons]
                material += [module_titles.get(module_id, module_id) for module_id in session.modules]
                if session.material:
                    material.append(session.material)
                rows.append(
                    SessionRow(
                        kind=session.kind,
                        kind_name=SESSION_KIND_NAMES[session.kind],
                        hours=session.hours,
                        title=session.title or (title_of(session.lesson) if session.lesson else ""),
                        page=lesson_pages.get(session.lesson) if session.lesson else None,
                        material=material,
                    )
                )
            days.append(DayRow(day=day.day, hours=day.hours, sessions=rows))
        weeks.append(WeekRow(number=week.number, theme=week.theme, hours=week.hours, days=days))
    return weeks

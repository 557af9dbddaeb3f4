"""The course plan (``plan.yaml``): weeks → days → sessions, accounting for every hour of a course.

The plan is content like the lessons: a teacher runs the course from it, a course run takes its
sessions from it, and the course description takes its weeks and hours from it. Checks that need
only the plan are pydantic validators (errors at file:line); checks against the rest of the course
(lesson, module and form ids, hours adding up) are in :func:`check_plan_references`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import ContentModel, Id, NonEmptyStr
from .errors import ContentProblem

SessionKind = Literal["lesson", "repetition", "assessment", "practice", "visit", "language", "guidance"]

#: Norwegian names of the session kinds, as teachers and participants see them.
SESSION_KIND_NAMES: dict[str, str] = {
    "lesson": "Leksjon",
    "repetition": "Repetisjon",
    "assessment": "Vurdering",
    "practice": "Praksis",
    "visit": "Bedriftsbesøk",
    "language": "Fagnorsk",
    "guidance": "Veiledning",
}

#: Kinds that take place at a workplace rather than in the classroom.
PRACTICE_KINDS = frozenset({"practice"})

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
Weekday = Literal["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

#: Hours are planned in quarter hours (a 45-minute lesson is 0.75).
HOUR_STEP = 0.25


def _quarter_hours(value: float) -> float:
    if abs(value / HOUR_STEP - round(value / HOUR_STEP)) > 1e-9:
        raise ValueError(f"{value} hours: plan in quarter hours (0.25, 0.5, 0.75, …)")
    return value


class Session(ContentModel):
    """One block of a day: a lesson, or a repetition, assessment, practice, visit, … with its material."""

    kind: SessionKind
    hours: float = Field(gt=0, le=10, description="Length in hours, in quarter hours (0.75 = 45 minutes)")
    lesson: Id | None = Field(default=None, description="The lesson taught (kind: lesson only)")
    title: str = Field(default="", description="Shown in the plan; for a lesson the lesson's title is used")
    lessons: list[Id] = Field(default_factory=list, description="Lessons this session repeats or draws on")
    modules: list[Id] = Field(default_factory=list, description="Modules this session repeats or assesses")
    forms: list[Id] = Field(default_factory=list, description="Forms used (e.g. praksisavtale, egenvurdering)")
    material: str = Field(default="", description="Other material, in words (e.g. the practice logbook task)")
    logbook_week: int | None = Field(
        default=None, ge=1, le=52, description="Week of the practice logbook (logbook.yaml) this practice session works on"
    )

    @field_validator("hours")
    @classmethod
    def _check_hours(cls, value: float) -> float:
        return _quarter_hours(value)

    @model_validator(mode="after")
    def _lesson_or_material(self):
        if self.kind == "lesson":
            if self.lesson is None:
                raise ValueError("a lesson session names its lesson: add `lesson: <lesson id>`")
        elif self.lesson is not None:
            raise ValueError(f"`lesson` is only for kind lesson; list what a {self.kind} session uses under `lessons`")
        elif self.logbook_week is not None and self.kind != "practice":
            raise ValueError(f"`logbook_week` is only for kind practice, not {self.kind}")
        elif not (self.lessons or self.modules or self.forms or self.material.strip() or self.logbook_week):
            raise ValueError(
                f"a {self.kind} session says what material it uses: `lessons`, `modules`, `forms` or `material`"
            )
        return self

    @property
    def is_practice(self) -> bool:
        return self.kind in PRACTICE_KINDS


class Day(ContentModel):
    day: Weekday
    sessions: list[Session] = Field(min_length=1)

    @property
    def hours(self) -> float:
        return sum(session.hours for session in self.sessions)


class Week(ContentModel):
    number: int = Field(ge=1, le=104)
    theme: NonEmptyStr
    days: list[Day] = Field(min_length=1)

    @model_validator(mode="after")
    def _days_in_order(self):
        order = [WEEKDAYS.index(day.day) for day in self.days]
        if order != sorted(set(order)):
            raise ValueError("days must be in weekday order, each at most once")
        return self

    @property
    def hours(self) -> float:
        return sum(day.hours for day in self.days)


class CoursePlan(ContentModel):
    """What ``plan.yaml`` holds: the stated totals and the weeks that account for them."""

    total_hours: float = Field(gt=0, le=2000)
    classroom_hours: float = Field(ge=0)
    practice_hours: float = Field(ge=0)
    note: str = Field(default="", description="About the length and organisation, shown with the duration")
    weeks: list[Week] = Field(min_length=1)

    @model_validator(mode="after")
    def _weeks_numbered(self):
        numbers = [week.number for week in self.weeks]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"weeks are numbered 1, 2, 3, … in order (found {numbers})")
        if abs(self.classroom_hours + self.practice_hours - self.total_hours) > 1e-9:
            raise ValueError(
                f"classroom_hours ({self.classroom_hours:g}) + practice_hours ({self.practice_hours:g}) "
                f"must equal total_hours ({self.total_hours:g})"
            )
        return self

    def sessions(self) -> Iterator[tuple[Week, Day, Session]]:
        for week in self.weeks:
            for day in week.days:
                for session in day.sessions:
                    yield week, day, session

    @property
    def planned_hours(self) -> float:
        return sum(session.hours for _, _, session in self.sessions())

    @property
    def planned_practice_hours(self) -> float:
        return sum(session.hours for _, _, session in self.sessions() if session.is_practice)

    @property
    def hours_per_week(self) -> float:
        return round(self.total_hours / len(self.weeks), 1)

    def placed_lessons(self) -> set[str]:
        """Lessons taught in a lesson session."""
        return {session.lesson for _, _, session in self.sessions() if session.lesson}


def check_plan_references(plan: CoursePlan, doc, module_lessons: dict[str, list[str]], form_ids, problems) -> None:
    """Check ``plan`` (parsed from ``doc``) against the course: ids it names exist, hours add up.

    ``module_lessons`` maps each module id to its lesson ids; problems name plan.yaml's lines.
    """
    lesson_ids = {lesson for lessons in module_lessons.values() for lesson in lessons}
    checks = (("lessons", lesson_ids, "lesson"), ("modules", set(module_lessons), "module"), ("forms", set(form_ids), "form"))
    for w, week in enumerate(plan.weeks):
        for d, day in enumerate(week.days):
            for s, session in enumerate(day.sessions):
                where = ("weeks", w, "days", d, "sessions", s)
                field = f"weeks[{w}].days[{d}].sessions[{s}]"
                if session.lesson is not None and session.lesson not in lesson_ids:
                    problems.append(
                        ContentProblem(
                            doc.path,
                            doc.line_of((*where, "lesson")),
                            f"{field}.lesson",
                            f"no lesson '{session.lesson}' in the course's modules",
                        )
                    )
                for key, known, noun in checks:
                    for index, ref in enumerate(getattr(session, key)):
                        if ref not in known:
                            problems.append(
                                ContentProblem(
                                    doc.path,
                                    doc.line_of((*where, key, index)),
                                    f"{field}.{key}[{index}]",
                                    f"no {noun} '{ref}' in this course",
                                )
                            )
    planned, practice = plan.planned_hours, plan.planned_practice_hours
    for total, stated, key in (
        (planned, plan.total_hours, "total_hours"),
        (practice, plan.practice_hours, "practice_hours"),
    ):
        if abs(total - stated) > 1e-9:
            problems.append(
                ContentProblem(
                    doc.path,
                    doc.line_of((key,)),
                    key,
                    f"states {stated:g} hours but the sessions add up to {total:g}",
                )
            )

"""The practice logbook (praksislogg, ``logbook.yaml``): weekly tasks for the practice days.

Each week of practice has tasks of four kinds — observe, do, describe and new words — that the
participant works on at the workplace and the teacher ticks off in the course run. The plan's
practice sessions name their week (``logbook_week``); :func:`check_logbook_weeks` checks that
every week they name is in the logbook (errors at plan.yaml's lines). Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from .base import ContentModel, Id, NonEmptyStr
from .errors import ContentProblem
from .plan import CoursePlan
from .validation import validate_document
from .yaml_source import read_yaml

LOGBOOK_FILE = "logbook.yaml"
#: The logbook's id among a course's printable sheets (beside ``repetisjon-N``, ``modul-…``, ``kurs``).
LOGBOOK_SHEET = "praksislogg"

TaskKind = Literal["observe", "do", "describe", "words"]

#: The kinds in the order the booklet prints them, with their Norwegian headings.
TASK_KIND_NAMES: dict[str, str] = {
    "observe": "Se og finn ut",
    "do": "Gjør",
    "describe": "Fortell og skriv",
    "words": "Nye ord",
}


class LogbookTask(ContentModel):
    """One task of a week; ``lines`` is how many writing lines the booklet leaves for the answer."""

    id: Id
    kind: TaskKind
    text: NonEmptyStr
    lines: int = Field(default=3, ge=0, le=12, description="Writing lines printed under the task")


class LogbookWeek(ContentModel):
    number: int = Field(ge=1, le=52, description="Practice week 1, 2, 3, … (not the course week)")
    theme: NonEmptyStr
    tasks: list[LogbookTask] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_kind_once_or_more(self):
        ids = [task.id for task in self.tasks]
        duplicates = sorted({task_id for task_id in ids if ids.count(task_id) > 1})
        if duplicates:
            raise ValueError(f"task ids must be unique within a week (twice: {', '.join(duplicates)})")
        missing = [name for kind, name in TASK_KIND_NAMES.items() if kind not in {task.kind for task in self.tasks}]
        if missing:
            raise ValueError(f"a week has tasks of every kind (observe, do, describe, words); missing: {', '.join(missing)}")
        return self

    def tasks_of(self, kind: str) -> list[LogbookTask]:
        return [task for task in self.tasks if task.kind == kind]


class Logbook(ContentModel):
    """What ``logbook.yaml`` holds."""

    title: NonEmptyStr = "Praksislogg"
    intro: NonEmptyStr = Field(description="To the participant: what the logbook is for and how to use it")
    weeks: list[LogbookWeek] = Field(min_length=1)

    @model_validator(mode="after")
    def _weeks_numbered(self):
        numbers = [week.number for week in self.weeks]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"weeks are numbered 1, 2, 3, … in order (found {numbers})")
        return self

    def week(self, number: int) -> LogbookWeek | None:
        return next((week for week in self.weeks if week.number == number), None)

    def task_keys(self) -> Iterator[tuple[LogbookWeek, LogbookTask, str]]:
        """Every task with its key ``<week>/<task id>`` (what a run records as ticked)."""
        for week in self.weeks:
            for task in week.tasks:
                yield week, task, task_key(week.number, task.id)


def task_key(week: int, task_id: str) -> str:
    """The key a ticked task is stored under: ``2/kjemikalier``."""
    return f"{week}/{task_id}"


def load_logbook(root: Path, problems: list[ContentProblem]) -> Logbook | None:
    """The logbook in ``root/logbook.yaml`` if there is one; problems name its lines."""
    file = root / LOGBOOK_FILE
    if not file.is_file():
        return None
    return validate_document(Logbook, read_yaml(file), problems)


def check_logbook_weeks(plan: CoursePlan, plan_file: Path, logbook: Logbook | None, problems: list[ContentProblem]) -> None:
    """Every ``logbook_week`` a practice session names is a week of the logbook."""
    if logbook is None and (plan_file.parent / LOGBOOK_FILE).is_file():
        return  # the logbook failed to load and has reported why; a second error would mislead
    doc = None
    used = {session.logbook_week for _, _, session in plan.sessions()}
    for week in logbook.weeks if logbook is not None else ():
        if week.number not in used:
            problems.append(
                ContentProblem(
                    plan_file.parent / LOGBOOK_FILE,
                    None,
                    f"weeks[{week.number - 1}]",
                    f"week {week.number} is not used: give a practice session in {plan_file.name} `logbook_week: {week.number}`",
                    "warning",
                )
            )
    for w, week in enumerate(plan.weeks):
        for d, day in enumerate(week.days):
            for s, session in enumerate(day.sessions):
                number = session.logbook_week
                if number is None or (logbook is not None and logbook.week(number) is not None):
                    continue
                doc = doc or read_yaml(plan_file)
                where = ("weeks", w, "days", d, "sessions", s, "logbook_week")
                reason = (
                    f"no {LOGBOOK_FILE} in the course folder: add one with the weekly practice tasks"
                    if logbook is None
                    else f"{LOGBOOK_FILE} has no week {number} (it has {len(logbook.weeks)})"
                )
                problems.append(
                    ContentProblem(plan_file, doc.line_of(where), f"weeks[{w}].days[{d}].sessions[{s}].logbook_week", reason)
                )


def without_logbook_weeks(plan_data: dict | None) -> dict | None:
    """Plan data (as JSON) whose practice sessions no longer name a logbook week, for a course
    that has no logbook to go with its plan: the week stays in the session's material text."""
    if not plan_data:
        return plan_data
    weeks = []
    for week in plan_data.get("weeks", []):
        days = []
        for day in week.get("days", []):
            sessions = []
            for session in day.get("sessions", []):
                number = session.get("logbook_week")
                if number:
                    session = {**session, "logbook_week": None}
                    session["material"] = session.get("material") or f"Praksislogg uke {number}"
                sessions.append(session)
            days.append({**day, "sessions": sessions})
        weeks.append({**week, "days": days})
    return {**plan_data, "weeks": weeks}

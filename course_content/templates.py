"""Document templates (maler): Markdown with ``{{ placeholder }}`` fields filled from a course run."""

from __future__ import annotations

import re

from pydantic import Field

from .base import ContentModel, Id, NonEmptyStr

BLANK = r"\_" * 10
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

#: Every placeholder a template may use, with its meaning. Filled from the municipality's site
#: settings, the course and the course run; the CLI fills sample values when none are given.
PLACEHOLDERS: dict[str, str] = {
    "municipality.name": "Name of the municipality (kommune)",
    "municipality.unit": "The unit that runs the course, e.g. voksenopplæringen",
    "municipality.address": "Postal address of the unit",
    "municipality.phone": "Contact phone number",
    "municipality.email": "Contact e-mail address",
    "course.title": "Title of the course",
    "course.summary": "One-paragraph summary of the course",
    "course.weeks": "Duration in weeks",
    "course.hours_per_week": "Hours per week",
    "course.total_hours": "Total hours",
    "course.modules": "List of the course's modules (Markdown list)",
    "course.plan": "The course plan week by week (Markdown table; blank rows when the course has no plan)",
    "run.title": "Name of the course run, e.g. 'Renhold høst 2026'",
    "run.start": "First day of the course run",
    "run.end": "Last day of the course run",
    "run.place": "Where the course is held",
    "run.schedule": "Days and times, e.g. 'mandag–torsdag 09.00–14.30'",
    "teacher.name": "Name of the teacher",
    "teacher.phone": "Teacher's phone number",
    "teacher.email": "Teacher's e-mail address",
    "participant.name": "Name of the participant",
    "employer.name": "Name of the employer (practice placement)",
    "employer.contact": "Contact person at the employer",
    "placement.start": "First day of the practice placement",
    "placement.end": "Last day of the practice placement",
    "week.number": "Week number (week plan)",
    "week.course_week": "Which week of the course the week plan is for: 1, 2, … (default 1)",
    "week.plan": "That week's sessions from the course plan (Markdown table; blank rows without a plan)",
    "lesson.title": "Title of a lesson (lesson plan)",
    "today": "Today's date",
}


class DocumentTemplate(ContentModel):
    """A template: front matter (id, title, description) and a Markdown body with placeholders."""

    id: Id
    title: NonEmptyStr
    description: str = ""
    body: str = Field(min_length=1)

    def placeholders(self) -> list[str]:
        return [match.group(1) for match in PLACEHOLDER.finditer(self.body)]

    def fill(self, values: dict[str, str]) -> str:
        """The body with every placeholder replaced; a missing value leaves a visible blank to fill
        in by hand (escaped, so a blank alone on a line does not become a Markdown rule)."""
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), BLANK)), self.body)

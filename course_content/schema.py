"""JSON Schema of the content format, for editors (YAML language servers) and reviewers."""

from __future__ import annotations

from pydantic.json_schema import models_json_schema

from .forms import Form
from .logbook import Logbook
from .models import CourseFile, Lesson
from .plan import CoursePlan
from .templates import PLACEHOLDERS, DocumentTemplate

FILE_KINDS = {
    "course": (CourseFile, "course.yaml"),
    "lesson": (Lesson, "lessons/<id>.yaml"),
    "plan": (CoursePlan, "plan.yaml (the course plan: weeks, days, sessions and hours)"),
    "logbook": (Logbook, "logbook.yaml (the practice logbook: weekly tasks for the practice days)"),
    "form": (Form, "forms/<id>.yaml"),
    "template": (DocumentTemplate, "templates/<id>.md (front matter: id, title, description; body: Markdown)"),
}


def content_schema() -> dict:
    """One JSON Schema document describing every file kind of a course folder."""
    models = [(model, "validation") for model, _ in FILE_KINDS.values()]
    refs, schema = models_json_schema(models, ref_template="#/$defs/{model}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ksi-courses content format",
        "description": "A course folder holds course.yaml, plan.yaml, lessons/, forms/, templates/ and media/.",
        "$defs": schema["$defs"],
        "properties": {
            kind: {**refs[(model, "validation")], "description": f"File: {where}"}
            for kind, (model, where) in FILE_KINDS.items()
        },
        "x-template-placeholders": PLACEHOLDERS,
    }

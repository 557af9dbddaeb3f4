"""JSON Schema of the content format, for editors (YAML language servers) and reviewers."""

from __future__ import annotations

from pydantic.json_schema import models_json_schema

from .forms import Form
from .glossary import Glossary
from .logbook import Logbook
from .models import CourseFile, Lesson
from .plan import CoursePlan
from .templates import PLACEHOLDERS, DocumentTemplate

FILE_KINDS = {
    "course": (CourseFile, "course.yaml"),
    "lesson": (Lesson, "lessons/<id>.yaml"),
    "glossary": (Glossary, "glossary.yaml (a list of entries: every vocabulary term of the course once)"),
    "plan": (CoursePlan, "plan.yaml (the course plan: weeks, days, sessions and hours)"),
    "logbook": (Logbook, "logbook.yaml (the practice logbook: weekly tasks for the practice days)"),
    "form": (Form, "forms/<id>.yaml"),
    "template": (DocumentTemplate, "templates/<id>.md (front matter: id, title, description; body: Markdown)"),
}


def content_schema() -> dict:
    """One JSON Schema document describing every file kind of a course folder."""
    models = [(model, "validation") for model, _ in FILE_KINDS.values()]
    refs, schema = models_json_schema(models, ref_template="#/$defs/{model}")
    defs = schema["$defs"]
    _lesson_items_name_glossary_terms(defs)
    properties = {
        kind: {**refs[(model, "validation")], "description": f"File: {where}"}
        for kind, (model, where) in FILE_KINDS.items()
    }
    # glossary.yaml is the list itself (the model wraps it as ``entries`` to validate it).
    properties["glossary"] = {
        "type": "array",
        "items": {"$ref": "#/$defs/VocabularyEntry"},
        "description": properties["glossary"]["description"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ksi-courses content format",
        "description": "A course folder holds course.yaml, plan.yaml, lessons/, forms/, templates/ and media/.",
        "$defs": defs,
        "properties": properties,
        "x-template-placeholders": PLACEHOLDERS,
    }


def _lesson_items_name_glossary_terms(defs: dict) -> None:
    """In a lesson file a vocabulary item names a glossary term: only ``term`` is required, and
    ``translations``/``review`` give only the languages the lesson overrides (see ``glossary.py``)."""
    entry = defs["VocabularyEntry"]
    partial = {**defs["Translations"], "title": "TranslationOverrides", "required": []}
    partial["description"] = "Only the languages this lesson translates differently from the glossary"
    defs["TranslationOverrides"] = partial
    item = {
        **entry,
        "title": "VocabularyItem",
        "description": "A term of the course's glossary.yaml taught in this lesson; any other field overrides "
        "the glossary's value for this lesson only.",
        "properties": {**entry["properties"], "translations": {"$ref": "#/$defs/TranslationOverrides"}},
        "required": ["term"],
    }
    defs["VocabularyItem"] = item
    defs["VocabularyBlock"]["properties"]["entries"]["items"] = {"$ref": "#/$defs/VocabularyItem"}

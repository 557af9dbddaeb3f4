"""What each kind of page holds of the shipped content, as plain data ("payload").

The importer writes a payload onto a page; reading a page back gives the payload again. A
fingerprint of the payload, stored on the page at import, tells later imports whether the
municipality has edited the page (its payload no longer matches) and whether the shipped
content has changed (the new payload does not match either).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from course_content.models import Course, Lesson, Module

from .page_mixins import lines
from .stream import blocks_to_stream, stream_to_blocks

DESCRIPTION_FIELDS = ("target_group", "prerequisites", "organisation", "assessment", "certificate", "cooperation")


def fingerprint(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- content → payload -------------------------------------------------------------------------


def course_payload(course: Course) -> dict:
    description = course.description
    return {
        "title": course.title,
        "summary": course.summary,
        "leads_to": course.leads_to,
        **{name: getattr(description, name) for name in DESCRIPTION_FIELDS},
        "goals": list(description.goals),
        "duration_weeks": description.duration.weeks,
        "hours_per_week": float(description.duration.hours_per_week),
        "duration_note": description.duration.note,
        "sources": [source.model_dump(mode="json") for source in course.sources],
        # Only present with a plan, so pages imported before plans existed keep their fingerprint.
        **({"plan": course.plan.model_dump(mode="json")} if course.plan is not None else {}),
    }


def module_payload(module: Module) -> dict:
    return {"title": module.title, "goals": list(module.goals)}


def lesson_payload(lesson: Lesson) -> dict:
    return {
        "title": lesson.title,
        "duration_minutes": lesson.duration_minutes,
        "goals": list(lesson.goals),
        "blocks": [block.model_dump(mode="json") for block in lesson.blocks],
    }


# --- page → payload ----------------------------------------------------------------------------


def normalise_newlines(data):
    """``data`` with every line break in its text as ``\n``.

    A browser sends the text of a ``<textarea>`` with CRLF line breaks, so a page saved in the
    admin stores them; the shipped content has LF. Compared raw, every multi-line block of such a
    page would look edited.
    """
    if isinstance(data, str):
        return data.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(data, dict):
        return {key: normalise_newlines(value) for key, value in data.items()}
    if isinstance(data, list):
        return [normalise_newlines(value) for value in data]
    return data


def course_page_payload(page) -> dict:
    return {
        "title": page.title,
        "summary": page.summary,
        "leads_to": page.leads_to,
        **{name: getattr(page, name) for name in DESCRIPTION_FIELDS},
        "goals": lines(page.goals),
        "duration_weeks": page.duration_weeks,
        "hours_per_week": float(page.hours_per_week),
        "duration_note": page.duration_note,
        "sources": [_source(child.value) for child in page.sources],
        **({"plan": page.plan} if page.plan is not None else {}),
    }


def module_page_payload(page) -> dict:
    return {"title": page.title, "goals": lines(page.goals)}


def lesson_page_payload(page, src_for) -> dict:
    return {
        "title": page.title,
        "duration_minutes": page.duration_minutes,
        "goals": lines(page.goals),
        "blocks": [block.model_dump(mode="json") for block in stream_to_blocks(page.body, src_for)],
    }


def _source(value) -> dict:
    return {
        "id": value["id"],
        "title": value["title"],
        "publisher": value["publisher"],
        "url": value["url"] or None,
        "note": value["note"],
    }


# --- payload → page fields ---------------------------------------------------------------------


def course_page_fields(payload: dict) -> dict:
    fields = {key: value for key, value in payload.items() if key not in ("goals", "sources", "hours_per_week")}
    fields["plan"] = payload.get("plan")
    fields["goals"] = "\n".join(payload["goals"])
    fields["hours_per_week"] = Decimal(str(payload["hours_per_week"]))
    fields["sources"] = [
        {"type": "source", "value": {**source, "url": source["url"] or ""}} for source in payload["sources"]
    ]
    return fields


def module_page_fields(payload: dict) -> dict:
    return {"title": payload["title"], "goals": "\n".join(payload["goals"])}


def lesson_page_fields(lesson: Lesson, image_id_for) -> dict:
    return {
        "title": lesson.title,
        "duration_minutes": lesson.duration_minutes,
        "goals": "\n".join(lesson.goals),
        "body": blocks_to_stream(lesson.blocks, image_id_for),
    }

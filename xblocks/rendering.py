"""What the lesson block shows: view data built from the content model, and the HTML templates.

Pure (no XBlock import). :func:`lesson_data` is the one place that decides what a participant
may see: teacher notes, correct answers and explanations are never in it; the author view asks
for teacher notes explicitly. The student view, ``student_view_data()`` and the author view all
render from it, so the rules hold for HTML and JSON alike.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from course_content import Course, Lesson
from course_content.base import LANGUAGES
from course_content.blocks import (
    CalloutBlock,
    ChecklistBlock,
    ExerciseBlock,
    ImageBlock,
    QuizBlock,
    TeacherNoteBlock,
    TextBlock,
    VideoBlock,
    VocabularyBlock,
)
from course_content.markdown import render_markdown
from course_content.pictures import library

Gettext = Callable[[str], str]


def _(text: str) -> str:
    """Mark a string for translation; it is translated when rendered (see ``gettext`` arguments)."""
    return text


EXERCISE_LABELS = {
    "task": _("Task"),
    "discussion": _("Discussion"),
    "role_play": _("Role play"),
    "workplace": _("At the workplace"),
}
CALLOUT_LABELS = {
    "warning": _("Warning"),
    "hygiene": _("Hygiene"),
    "tip": _("Tip"),
    "info": _("Note"),
}


def html(markdown_text: str) -> Markup:
    """Markdown rendered by the package's one renderer (raw HTML in content is escaped)."""
    return Markup(render_markdown(markdown_text))


def lesson_data(
    course: Course,
    lesson: Lesson,
    *,
    gettext: Gettext,
    media_url: Callable[[str], str],
    include_teacher_notes: bool = False,
) -> dict:
    """JSON-able view of ``lesson`` for participants (and, with teacher notes, for authors).

    ``media_url`` maps an image's ``src`` (relative to the course folder) to a URL.
    """
    module = course.module_of(lesson.id)
    blocks = []
    for block in lesson.blocks:
        if isinstance(block, TeacherNoteBlock) and not include_teacher_notes:
            continue
        blocks.append(_block_data(block, gettext, media_url))
    return {
        "course": {"slug": course.slug, "title": course.title, "version": course.version_label},
        "module": {"id": module.id, "title": module.title},
        "lesson": {
            "id": lesson.id,
            "title": lesson.title,
            "duration_minutes": lesson.duration_minutes,
            "goals": list(lesson.goals),
        },
        "languages": [
            {
                "code": code,
                "name": language["name"],
                "dir": language["dir"],
                "reviewed": course.is_reviewed(code),
            }
            for code, language in LANGUAGES.items()
        ],
        "blocks": blocks,
    }


def _block_data(block, gettext: Gettext, media_url: Callable[[str], str]) -> dict:
    if isinstance(block, TextBlock):
        return {"type": "text", "html": html(block.body)}
    if isinstance(block, ImageBlock):
        if block.picture:
            # A library picture travels inside the block: an LMS cannot serve the package's files.
            url, credit = library().data_url(block.picture), block.credit or library().credits([block.picture])
        else:
            url, credit = media_url(block.src), block.credit
        return {
            "type": "image",
            "url": url,
            "picture": block.picture,
            "alt": block.alt,
            "caption": block.caption,
            "credit": credit,
        }
    if isinstance(block, VocabularyBlock):
        return {
            "type": "vocabulary",
            "title": block.title,
            "entries": [
                {
                    "term": entry.term,
                    "explanation": entry.explanation,
                    "translations": {code: entry.translations.get(code) for code in LANGUAGES},
                    "picture": entry.picture,
                    "picture_url": library().data_url(entry.picture) if entry.picture else None,
                }
                for entry in block.entries
            ],
            "picture_credit": library().credits(entry.picture for entry in block.entries),
        }
    if isinstance(block, ChecklistBlock):
        return {
            "type": "checklist",
            "id": block.id,
            "title": block.title,
            "items": [{"id": item.id, "text": item.text} for item in block.items],
        }
    if isinstance(block, QuizBlock):
        return {"type": "quiz", "id": block.id, "title": block.title, "questions": [_question_data(q, gettext) for q in block.questions]}
    if isinstance(block, ExerciseBlock):
        return {
            "type": "exercise",
            "kind": block.kind,
            "label": gettext(EXERCISE_LABELS[block.kind]),
            "title": block.title,
            "html": html(block.body),
            "duration_minutes": block.duration_minutes,
        }
    if isinstance(block, CalloutBlock):
        return {
            "type": "callout",
            "kind": block.kind,
            "label": gettext(CALLOUT_LABELS[block.kind]),
            "title": block.title,
            "html": html(block.body),
        }
    if isinstance(block, VideoBlock):
        return {"type": "video", "url": str(block.url), "title": block.title, "transcript_html": html(block.transcript)}
    if isinstance(block, TeacherNoteBlock):
        return {
            "type": "teacher_note",
            "html": html(block.body),
            "preparation_html": html(block.preparation),
            "materials": list(block.materials),
            "time_plan": [{"minutes": slot.minutes, "activity": slot.activity} for slot in block.time_plan],
            "adaptation_html": html(block.adaptation),
        }
    raise TypeError(f"no view for block type {type(block).__name__}")


def _question_data(question, gettext: Gettext) -> dict:
    # Choices carry their text only: whether a choice is correct stays on the server.
    if question.kind == "true_false":
        choices = [gettext("True"), gettext("False")]
    else:
        choices = [choice.text for choice in question.choices]
    return {"id": question.id, "kind": question.kind, "prompt": question.prompt, "choices": choices}


def picture_svg(picture_id: str, alt: str = "", css_class: str = "ksi-picture") -> Markup:
    """A library picture as inline SVG (decorative without ``alt``); the same markup as the web face."""
    return Markup(library().inline_svg(picture_id, alt, css_class))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("xblocks", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["picture_svg"] = picture_svg
    return environment


def render_template(name: str, context: dict, gettext: Gettext) -> str:
    """Render ``xblocks/templates/<name>`` with ``_`` bound to the runtime's translations."""
    return _environment().get_template(name).render({**context, "_": gettext})

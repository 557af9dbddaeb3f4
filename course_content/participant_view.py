"""What a participant sees of a lesson: view data built from the content model, for every face
that renders lessons outside Wagtail (the Open edX block, the static site, SCORM and Common
Cartridge packages).

:func:`lesson_data` is the one place that decides what a participant may see: teacher notes,
correct answers and explanations are never in it; an author's view asks for teacher notes
explicitly. Labels are English message ids marked with ``_``; each face translates them with its
own ``gettext`` (the Open edX block's catalogues are in ``xblocks/translations``).
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from .base import LANGUAGES
from .blocks import (
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
from .markdown import render_markdown
from .models import Course, Lesson
from .pictures import PictureLibrary, library

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
    pictures: PictureLibrary | None = None,
) -> dict:
    """JSON-able view of ``lesson`` for participants (and, with teacher notes, for authors).

    ``media_url`` maps an image's ``src`` (relative to the course folder) to a URL; ``pictures``
    is where library pictures come from (default: the installed library; a lesson document
    brings its own).
    """
    pictures = pictures or library()
    module = course.module_of(lesson.id)
    blocks = []
    for block in lesson.blocks:
        if isinstance(block, TeacherNoteBlock) and not include_teacher_notes:
            continue
        blocks.append(_block_data(block, gettext, media_url, pictures))
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


def _block_data(block, gettext: Gettext, media_url: Callable[[str], str], pictures: PictureLibrary) -> dict:
    if isinstance(block, TextBlock):
        return {"type": "text", "html": html(block.body)}
    if isinstance(block, ImageBlock):
        if block.picture:
            # A library picture travels inside the block: an LMS cannot serve the package's files.
            url, credit = pictures.data_url(block.picture), block.credit or pictures.credits([block.picture])
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
                    "picture_url": pictures.data_url(entry.picture) if entry.picture else None,
                    "native_review": [code for code in LANGUAGES if entry.needs_native_review(code)],
                }
                for entry in block.entries
            ],
            "picture_credit": pictures.credits(entry.picture for entry in block.entries),
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
        return {"type": "video", "url": str(block.url) if block.url else None, "title": block.title, "transcript_html": html(block.transcript)}
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

"""Classroom mode: a lesson as slides for a projector, with the teacher notes beside them.

One slide per block of the lesson body, after a title slide with the lesson's goals. Teacher
notes are not slides: a note right after a block belongs to that block's slide; notes after the
last block are about the whole lesson (the shipped lessons keep theirs there) and are shown with
every slide in the presenter view. A slide's key words are the words its text marks in bold,
with the picture of the lesson's vocabulary entry of the same word where there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

#: Blocks that are notes for the teacher, never slides.
NOTE_BLOCK = "teacher_note"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Keyword:
    term: str
    picture: str = ""  # a picture library id, or ""


@dataclass
class Slide:
    number: int
    kind: str  # "title" or the block type
    title: str
    block: object = None  # the StreamField child, None for the title slide
    keywords: tuple[Keyword, ...] = ()
    notes: list = field(default_factory=list)  # teacher_note children that belong to this slide


@dataclass(frozen=True)
class Deck:
    slides: tuple[Slide, ...]
    lesson_notes: tuple  # teacher_note children about the whole lesson


def lesson_deck(page) -> Deck:
    """The slides of a lesson page (see the module docstring)."""
    children = list(page.body)
    pictures = _vocabulary_pictures(children)
    slides = [Slide(1, "title", page.title)]
    pending: list = []
    for child in children:
        if child.block_type == NOTE_BLOCK:
            pending.append(child)
            continue
        slides[-1].notes.extend(pending)
        pending = []
        slides.append(
            Slide(
                number=len(slides) + 1,
                kind=child.block_type,
                title=_title(child),
                block=child,
                keywords=_keywords(child, pictures),
            )
        )
    return Deck(tuple(slides), tuple(pending))


def _title(child) -> str:
    value = child.value
    if child.block_type == "text":
        heading = _HEADING.search(value.get("body", ""))
        return heading.group(1).replace("**", "") if heading else _("Text")
    if child.block_type == "image":
        return value.get("caption") or value.get("alt") or _("Picture")
    return value.get("title") or str(child.block.label)


def _keywords(child, pictures: dict[str, str]) -> tuple[Keyword, ...]:
    if child.block_type not in ("text", "callout", "exercise"):
        return ()
    found: dict[str, Keyword] = {}
    for match in _BOLD.finditer(child.value.get("body", "")):
        term = match.group(1).strip(" .,:;!?")
        if term and term.casefold() not in found:
            found[term.casefold()] = Keyword(term, pictures.get(term.casefold(), ""))
    return tuple(found.values())


def _vocabulary_pictures(children) -> dict[str, str]:
    """Word (case-folded) → picture id, from the lesson's vocabulary blocks."""
    pictures = {}
    for child in children:
        if child.block_type == "vocabulary":
            for entry in child.value["entries"]:
                if entry.get("picture"):
                    pictures[entry["term"].casefold()] = entry["picture"]
    return pictures

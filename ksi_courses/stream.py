"""Convert between content blocks (course_content) and StreamField data (ksi_courses.blocks).

Both sides use the same block names and field names; only a few values differ in form
(images are files vs. Wagtail images, true/false answers, empty optional values). Library
pictures stay library ids on both sides (``picture``), so the round trip keeps them.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import TypeAdapter

from course_content.base import LANGUAGES
from course_content.blocks import Block

_BLOCK = TypeAdapter(Block)


def blocks_to_stream(content_blocks, image_id_for: Callable[[str], int]) -> list[dict]:
    """Raw StreamField data for a list of content blocks."""
    stream = []
    for block in content_blocks:
        value = block.model_dump(mode="json", exclude={"type"})
        if block.type == "image":
            src = value.pop("src")
            value["image"] = image_id_for(src) if src else None
            value["picture"] = value["picture"] or ""
        elif block.type == "vocabulary":
            for entry in value["entries"]:
                entry["picture"] = entry["picture"] or ""
                # A review status per language becomes the list of languages a native speaker has checked.
                review = entry.pop("review")
                entry["reviewed"] = [code for code in LANGUAGES if review.get(code) == "reviewed"]
        elif block.type == "quiz":
            for question in value["questions"]:
                question["answer"] = "" if question["answer"] is None else ("true" if question["answer"] else "false")
        elif block.type == "video":
            value["url"] = value["url"] or ""
        stream.append({"type": block.type, "value": value})
    return stream


def stream_to_blocks(stream_value, src_for: Callable[[object], str]) -> list:
    """Content blocks for a StreamField value (the inverse of :func:`blocks_to_stream`)."""
    out = []
    for child in stream_value:
        value = child.block.get_api_representation(child.value)
        if child.block_type == "image":
            # An image block shows a Wagtail image or a library picture (ImageBlock.clean).
            image = child.value["image"]
            value["src"] = src_for(image) if image is not None or not value.get("picture") else None
            value["picture"] = value.get("picture") or None
            del value["image"]
        elif child.block_type == "vocabulary":
            for entry in value["entries"]:
                entry["picture"] = entry.get("picture") or None
                reviewed = entry.pop("reviewed", None) or []
                entry["review"] = {code: "reviewed" if code in reviewed else "machine" for code in LANGUAGES}
                entry["safety"] = bool(entry.get("safety"))
        elif child.block_type == "quiz":
            for question in value["questions"]:
                question["answer"] = {"true": True, "false": False}.get(question["answer"] or "")
        elif child.block_type == "video":
            value["url"] = value["url"] or None
        elif child.block_type == "exercise" and value.get("duration_minutes") in ("", None):
            value["duration_minutes"] = None
        out.append(_BLOCK.validate_python({"type": child.block_type, **value}))
    return out

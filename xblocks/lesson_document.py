"""A lesson as one self-contained JSON document, stored in the lesson block and in OLX.

The document carries everything the block shows: the lesson as the content model has it, its
course and module titles, the review status of each vocabulary language, the library pictures it
names (SVG text) and the images of the course folder it uses (base64). So an archive made from a
municipality's edited course folder shows that version on any Open edX server that has the
``ksi_lesson`` block installed, whatever course data that server's package holds.

:func:`lesson_document` makes one; :func:`read_document` turns one back into what the block
renders (a :class:`DocumentCourse` and a :class:`~course_content.Lesson`), or raises
:class:`~xblocks.catalog.LessonNotFound` with a message for the author. Pure: no XBlock import.
"""

from __future__ import annotations

import base64
import json
import mimetypes
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from pydantic import ValidationError

from course_content import Course, Lesson
from course_content.base import LANGUAGES
from course_content.blocks import ImageBlock
from course_content.pictures import Picture, PictureLibrary, library

from .catalog import LessonNotFound

#: The document format this package writes and reads. Raise it when a change would make an older
#: package misread a newer document; an older package then says what to upgrade.
FORMAT = 1


def package_version() -> str:
    try:
        return metadata.version("ksi-courses")
    except metadata.PackageNotFoundError:  # running from a source tree without an install
        return "unknown"


def lesson_document(course: Course, lesson: Lesson) -> dict:
    """``lesson`` of ``course`` as a JSON-able document (see the module docstring)."""
    module = course.module_of(lesson.id)
    picture_ids = sorted(
        {entry.picture for entry in lesson.vocabulary if entry.picture}
        | {block.picture for block in lesson.blocks_of(ImageBlock) if block.picture}
    )
    pictures = library()
    return {
        "format": FORMAT,
        "package_version": package_version(),
        "course": {
            "slug": course.slug,
            "title": course.title,
            "version": course.version_label,
            "language": course.language,
            "reviewed": sorted(code for code in LANGUAGES if course.is_reviewed(code)),
        },
        "module": {"id": module.id, "title": module.title},
        "lesson": lesson.model_dump(mode="json", exclude_defaults=True),
        "pictures": {
            pid: {**pictures.pictures[pid].model_dump(mode="json"), "svg": pictures.svgs[pid]} for pid in picture_ids
        },
        "media": {
            block.src: base64.b64encode((course.root / block.src).read_bytes()).decode("ascii")
            for block in lesson.blocks_of(ImageBlock)
            if block.src
        },
    }


@dataclass(frozen=True)
class DocumentModule:
    id: str
    title: str


@dataclass(frozen=True)
class DocumentCourse:
    """The course as far as a lesson block needs it, read from a document: titles, the review
    status of vocabulary languages, the lesson's pictures and images."""

    slug: str
    title: str
    version_label: str
    language: str
    reviewed: frozenset[str]
    module: DocumentModule
    pictures: PictureLibrary
    media: dict[str, bytes]

    def module_of(self, lesson_id: str) -> DocumentModule:
        return self.module

    def is_reviewed(self, language: str) -> bool:
        return language in self.reviewed

    def media_file(self, src: str) -> tuple[bytes, str] | None:
        """An image of the lesson (bytes and content type), or ``None``."""
        data = self.media.get(src)
        if data is None:
            return None
        return data, mimetypes.guess_type(src)[0] or "application/octet-stream"


def read_document(document: dict) -> tuple[DocumentCourse, Lesson]:
    """The course view and lesson a document holds; :class:`LessonNotFound` says what is wrong."""
    if not isinstance(document, dict) or not document:
        raise LessonNotFound("This lesson block holds no lesson. Choose a course and a lesson in Studio.")
    made_with = document.get("package_version", "an unknown version")
    if not isinstance(document.get("format"), int) or document["format"] > FORMAT:
        raise LessonNotFound(
            f"This lesson was exported with ksi-courses {made_with} (lesson format {document.get('format')!r}); "
            f"this server has ksi-courses {package_version()}, which reads format {FORMAT}. "
            "Upgrade ksi-courses on the Open edX server and reload."
        )
    return _read(json.dumps(document, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=128)
def _read(text: str) -> tuple[DocumentCourse, Lesson]:
    """Parse and check a document (cached by its text: an LMS worker reads the same few often)."""
    document = json.loads(text)
    try:
        course, module = document["course"], document["module"]
        pictures = {pid: Picture.model_validate({k: v for k, v in item.items() if k != "svg"}) for pid, item in document["pictures"].items()}
        svgs = {pid: item["svg"] for pid, item in document["pictures"].items()}
        lesson = Lesson.model_validate(document["lesson"], context={"pictures": set(pictures)})
        media = {src: base64.b64decode(data, validate=True) for src, data in document["media"].items()}
        view = DocumentCourse(
            slug=course["slug"],
            title=course["title"],
            version_label=course["version"],
            language=course.get("language", "nb"),
            reviewed=frozenset(course.get("reviewed", ())),
            module=DocumentModule(module["id"], module["title"]),
            pictures=PictureLibrary(library().root, pictures, svgs),
            media=media,
        )
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'lesson'}: {error['msg']}" for error in exc.errors()[:5]
        )
        raise LessonNotFound(f"The lesson stored in this block is not valid ({problems}). Fix it in Studio or import the course again.") from None
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise LessonNotFound(
            f"The lesson stored in this block is incomplete or damaged ({type(exc).__name__}: {exc}). "
            "Import the course again from an archive made by 'ksi-courses olx'."
        ) from None
    return view, lesson


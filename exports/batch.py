"""Every printed document of a course, with stable file names (``ksi-courses pdf --all``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from course_content import Course
from course_content.base import LANGUAGES

from .options import Branding, PdfOptions
from .pdf import render_pdf


def course_documents(course: Course, *, handouts: bool = False, branding: Branding | None = None) -> Iterator[tuple[str, PdfOptions]]:
    """``(relative file name, options)`` for each document of ``course``.

    Both booklets, one vocabulary list per language and, with ``handouts``, a participant
    handout per lesson. Names are ``<slug>/<document>.pdf``.
    """
    brand = {"branding": branding} if branding is not None else {}
    yield f"{course.slug}/deltakerhefte.pdf", PdfOptions(edition="participant", **brand)
    yield f"{course.slug}/laererutgave.pdf", PdfOptions(edition="teacher", **brand)
    for code in LANGUAGES:
        yield f"{course.slug}/ordliste-{code}.pdf", PdfOptions(language=code, **brand)
    if handouts:
        for number, lesson in enumerate(course.ordered_lessons(), start=1):
            yield f"{course.slug}/timer/{number:02d}-{lesson.id}.pdf", PdfOptions(lesson_id=lesson.id, **brand)


def render_all(courses: Iterable[Course], out_dir: Path, *, handouts: bool = False, branding: Branding | None = None) -> list[Path]:
    """Write every document of every course under ``out_dir``; return the files written."""
    written: list[Path] = []
    for course in courses:
        for name, options in course_documents(course, handouts=handouts, branding=branding):
            path = Path(out_dir) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            # Batch output is written once: keeping it in the in-memory cache would only cost memory.
            path.write_bytes(render_pdf(course, options, cache=None))
            written.append(path)
    return written

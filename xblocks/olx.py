"""Write a course as an OLX archive that Open edX Studio imports (Tools → Import).

Pure Python: no XBlock or Django import. The archive holds one folder, ``course/``::

    course.xml                         pointer: org, course number, run
    course/<run>.xml                   the course: display name, language, chapters
    chapter/<url_name>.xml             one per module
    sequential/<url_name>.xml          one per lesson (graded when the lesson has a quiz)
    vertical/<url_name>.xml            one per lesson, holding the ksi_lesson element inline
    policies/<run>/policy.json         advanced_modules = ["ksi_lesson"], start and end dates,
                                       course image, summary
    static/course_image.png            the course image (:mod:`xblocks.course_image`)
    policies/<run>/grading_policy.json one "Quiz" assignment type over the graded lessons
    about/overview.html                the course description (kursbeskrivelse)
    about/short_description.html       the summary

Each ``ksi_lesson`` element carries its lesson as a JSON document (attribute ``lesson_document``:
the lesson, its pictures and images), so the archive shows the content it was made from, a
municipality's edited course folder included, on any server with the block installed.
The ``ksi_lesson`` element is written inline, not as a pointer to ``ksi_lesson/<url_name>.xml``:
Studio hands a pure XBlock's element straight to ``XBlock.parse_xml``, which reads attributes
and does not follow pointer tags (only edx-platform's own XmlMixin blocks do).

``url_name``s are derived from the course slug and the content ids, so re-importing a new
version of the course updates the same units instead of adding copies. Every element has its
own: Open edX's validator (``edx-cleaner``) rejects a url_name used twice, and a module and a
lesson may have the same id, so a sequential is named after its lesson and the chapter, vertical
and block add ``__module``, ``__unit`` and ``__lesson`` (content ids never contain ``_``). The archive is byte-for-byte reproducible for the same content and options (give
``start`` to :class:`OlxOptions`: its default is the day of the export).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree as ET

from course_content import Course, Lesson, Module
from course_content.participant_view import html

from .course_image import FILE_NAME as COURSE_IMAGE
from .course_image import course_image_png
from .lesson_document import lesson_document
from .rendering import render_template

TOP_FOLDER = "course"
BLOCK_TYPE = "ksi_lesson"
GRADED_FORMAT = "Quiz"
#: Fixed timestamp for every archive member, so equal content gives equal bytes.
ARCHIVE_MTIME = 946684800  # 2000-01-01T00:00:00Z
#: Without an end date the course stays open this long after its start.
DEFAULT_LENGTH = timedelta(days=365)


@dataclass(frozen=True)
class OlxOptions:
    """Course key parts, dates and grading.

    ``run`` defaults to the content's major version (``v1``); ``start`` to the day of the export
    (learners can start at once) and ``end`` to a year after ``start``. Studio shows a course
    without dates as starting in 2030, so the archive always carries both.
    """

    org: str = "KSI"
    run: str | None = None
    pass_mark: float = 0.5
    start: date | None = None
    end: date | None = None

    def run_for(self, course: Course) -> str:
        return self.run or f"v{course.version.split('.')[0]}"

    def dates(self) -> tuple[date, date]:
        """The course's start and end day, defaults filled in; the end must come after the start."""
        start = self.start or datetime.now(UTC).date()
        end = self.end or start + DEFAULT_LENGTH
        if end <= start:
            raise ValueError(f"--end {end.isoformat()} must come after --start {start.isoformat()}")
        return start, end


_KEY_PART = re.compile(r"^[A-Za-z0-9._-]+$")


def url_name(course: Course, *ids: str) -> str:
    """Stable OLX ``url_name``: the course slug and content ids joined by ``__``."""
    return "__".join((course.slug, *ids))


def _timestamp(day: date) -> str:
    """A day as Open edX writes dates in policy.json (midnight UTC)."""
    return f"{day.isoformat()}T00:00:00Z"


def course_files(course: Course, options: OlxOptions | None = None) -> dict[str, bytes]:
    """Every file of the archive, by path inside the top ``course/`` folder."""
    options = options or OlxOptions()
    run = options.run_for(course)
    for label, value in (("org", options.org), ("run", run)):
        if not _KEY_PART.match(value):
            raise ValueError(f"--{label} {value!r}: use only letters, digits, '.', '_' and '-'")
    if not 0 <= options.pass_mark <= 1:
        raise ValueError(f"pass mark {options.pass_mark} must be between 0 and 1")
    start, end = options.dates()

    files: dict[str, bytes] = {}
    files["course.xml"] = _xml(ET.Element("course", {"url_name": run, "org": options.org, "course": course.slug}))
    root = ET.Element("course", {"display_name": course.title, "language": course.language})
    for module in course.modules:
        ET.SubElement(root, "chapter", {"url_name": url_name(course, module.id, "module")})
        files.update(_module_files(course, module))
    files[f"course/{run}.xml"] = _xml(root)
    # Display name and language live in course/<run>.xml only: repeating them here makes the
    # policy override the course file, which edx-cleaner reports.
    files[f"policies/{run}/policy.json"] = _json(
        {
            f"course/{run}": {
                "advanced_modules": [BLOCK_TYPE],
                "course_image": COURSE_IMAGE,
                "end": _timestamp(end),
                "short_description": course.summary,
                "start": _timestamp(start),
            }
        }
    )
    files[f"static/{COURSE_IMAGE}"] = course_image_png(course.slug)
    files[f"policies/{run}/grading_policy.json"] = _json(_grading_policy(course, options))
    files["about/overview.html"] = render_template("olx_overview.html", {"course": course, "markdown": html}, str).encode()
    files["about/short_description.html"] = course.summary.encode()
    return files


def graded_lessons(course: Course) -> list[Lesson]:
    """Lessons that count in the course grade: those with a quiz."""
    return [lesson for lesson in course.ordered_lessons() if lesson.quizzes]


def _module_files(course: Course, module: Module) -> Iterator[tuple[str, bytes]]:
    chapter = ET.Element("chapter", {"display_name": module.title})
    for lesson in course.lessons_in(module):
        name = url_name(course, lesson.id)
        ET.SubElement(chapter, "sequential", {"url_name": name})
        sequential = ET.Element("sequential", {"display_name": lesson.title})
        if lesson.quizzes:
            sequential.set("graded", "true")
            sequential.set("format", GRADED_FORMAT)
        unit = url_name(course, lesson.id, "unit")
        ET.SubElement(sequential, "vertical", {"url_name": unit})
        vertical = ET.Element("vertical", {"display_name": lesson.title})
        ET.SubElement(
            vertical,
            BLOCK_TYPE,
            {
                "url_name": url_name(course, lesson.id, "lesson"),
                "display_name": lesson.title,
                "course_slug": course.slug,
                "lesson_id": lesson.id,
                "weight": "1.0",
                # The lesson itself travels in the archive (see xblocks.lesson_document).
                "lesson_document": json.dumps(lesson_document(course, lesson), ensure_ascii=False, sort_keys=True),
            },
        )
        yield f"sequential/{name}.xml", _xml(sequential)
        yield f"vertical/{unit}.xml", _xml(vertical)
    yield f"chapter/{url_name(course, module.id, 'module')}.xml", _xml(chapter)


def _grading_policy(course: Course, options: OlxOptions) -> dict:
    graded = len(graded_lessons(course))
    grader = [
        {"type": GRADED_FORMAT, "short_label": GRADED_FORMAT, "min_count": graded, "drop_count": 0, "weight": 1.0}
    ] if graded else []
    return {"GRADER": grader, "GRADE_CUTOFFS": {"Pass": options.pass_mark}}


def write_archive(course: Course, target: str | Path | BinaryIO, options: OlxOptions | None = None) -> dict[str, bytes]:
    """Write ``course`` as ``course.tar.gz`` (top folder ``course/``) to a path or binary file.

    Returns the files written, by path inside ``course/``.
    """
    files = course_files(course, options)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=ARCHIVE_MTIME) as gz, tarfile.open(
        fileobj=gz, mode="w", format=tarfile.PAX_FORMAT
    ) as tar:
        for folder in sorted({TOP_FOLDER, *(f"{TOP_FOLDER}/{p}" for f in files for p in _parents(f))}):
            tar.addfile(_member(folder, tarfile.DIRTYPE, 0o755))
        for path in sorted(files):
            data = files[path]
            member = _member(f"{TOP_FOLDER}/{path}", tarfile.REGTYPE, 0o644)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    if isinstance(target, (str, Path)):
        Path(target).write_bytes(buffer.getvalue())
    else:
        target.write(buffer.getvalue())
    return files


def _parents(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _member(name: str, kind: bytes, mode: int) -> tarfile.TarInfo:
    member = tarfile.TarInfo(name)
    member.type = kind
    member.mode = mode
    member.mtime = ARCHIVE_MTIME
    member.uname = member.gname = ""
    return member


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=False) + b"\n"


def _json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()

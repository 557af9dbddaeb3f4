"""Recognise a course that needs nothing before loading it.

After an import that left every page of a course equal to its shipped content (no conflicts, no
locally edited or kept pages), the course page stores an import key: a hash over the course's
files, the code that turns content into pages, and the state of every imported page of the
course (tree position, live state, stored hashes, stamp). An import of the same folder whose key
comes out the same would find every page unchanged, so the command reports that without parsing
the course. Anything else (a changed file, other code or library versions, a page edited, moved,
copied, published or unpublished) gives another key, and the full import runs as before.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import course_content
from course_content.loader import COMMON_DIR, content_hash

from .form_pages import CourseFormPage
from .import_stamps import own_child_relations, page_stamp
from .models import CoursePage, LessonPage, ModulePage

#: The code between the content files and the pages: the whole content package and these modules.
PAGE_CODE = ("models", "blocks", "payloads", "stream", "form_pages", "images", "content_import", "import_stamps")
LIBRARIES = ("django", "wagtail", "pydantic", "pyyaml", "django-modelcluster")
#: Verbs after which the page matches the shipped content, as the shortcut will report it.
CLEAN_VERBS = frozenset({"create", "update", "overwrite", "unchanged"})
OTHER_VERBS = frozenset({"move", "reorder", "unpublish"})


@cache
def code_fingerprint() -> str:
    """Hash of the code, library versions and picture list that decide what a page holds (once per process)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    package = Path(course_content.__file__).resolve().parent
    sources = sorted(package.glob("*.py"))
    sources += [here / f"{name}.py" for name in PAGE_CODE]
    # The picture library lives outside the course folders, and lessons refer to it.
    sources += [file for file in (package / "pictures" / "library.yaml",) if file.is_file()]
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=-\0".encode())
    return digest.hexdigest()


def import_key(course_page, digest: str) -> str:
    """The key of ``course_page`` as it is now, for course files with hash ``digest``."""
    pages = [course_page]
    for page_class in (ModulePage, LessonPage, CourseFormPage):
        queryset = page_class.objects.descendant_of(course_page).exclude(ksi_id="")
        pages += queryset.prefetch_related(*own_child_relations(page_class)).order_by("path")
    state = [digest, code_fingerprint()]
    for page in pages:
        state.append(
            [
                page._meta.label_lower,
                page.pk,
                page.path,
                page.ksi_id,
                page.live,
                page.ksi_import_hash,
                page.ksi_page_stamp,
                page_stamp(page),
            ]
        )
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()


def record_clean_import(course, report) -> None:
    """After ``report``'s import: store the course page's key if every page matches its content."""
    if report.dry_run or any(action.verb not in CLEAN_VERBS | OTHER_VERBS for action in report.actions):
        return
    course_page = CoursePage.objects.filter(ksi_id=course.slug).first()  # the page the import used
    state = {
        "key": import_key(course_page, course.content_hash),
        "version": report.version,
        "pages": [[a.kind, a.ksi_id, a.title] for a in report.actions if a.verb in CLEAN_VERBS],
    }
    if course_page.ksi_import_state != state:
        CoursePage.objects.filter(pk=course_page.pk).update(ksi_import_state=state)


def unchanged_report(folder: str | Path, *, slug: str | None = None, dry_run: bool = False):
    """The report of importing ``folder`` if its key shows the import would change nothing, else ``None``.

    ``slug``, when given, is the slug the course must have (a shipped course's folder name).
    """
    from .content_import import Action, ImportReport  # (that module imports this one)

    digest = content_hash(Path(folder), COMMON_DIR)
    candidates = CoursePage.objects.filter(ksi_content_hash=digest)
    if slug is not None:
        candidates = candidates.filter(ksi_id=slug)
    for course_page in candidates:
        state = course_page.ksi_import_state or {}
        if state.get("key") and _first_with_slug(course_page) and state["key"] == import_key(course_page, digest):
            report = ImportReport(course=course_page.ksi_id, version=state["version"], dry_run=dry_run)
            report.actions = [Action("unchanged", kind, ksi_id, title) for kind, ksi_id, title in state["pages"]]
            return report
    return None


def _first_with_slug(course_page) -> bool:
    """Whether an import would take this page for its slug (it takes the first one)."""
    first = CoursePage.objects.filter(ksi_id=course_page.ksi_id).values_list("pk", flat=True).first()
    return first == course_page.pk

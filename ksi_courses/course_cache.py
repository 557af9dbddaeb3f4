"""The parts of a course page that depend only on published content, cached.

A course page shows the course's outline (modules and lessons with links), its plan week by
week, the forms, the downloads, the templates for teachers and the course description. Building
them costs a dozen queries and a few hundred page URLs, yet they change only when a page of the
course is published, unpublished, moved or deleted, or an import rewrites the course. So they
are rendered once and kept in Django's cache, under a key made from the published state of
every page of the course, read in one query (:func:`tree_fingerprint`): any such change gives
a new key, in every process at once, with no signal to send and nothing to invalidate by hand.

What belongs to the visitor stays out of the cache: where they go on ("Fortsett der du slapp"),
their progress bar and the ✓ beside each completed lesson are rendered per request from the
outline kept here (:class:`OutlineItem`: id, title and link of each module and lesson) and the
visitor's progress (one query, see :mod:`ksi_courses.teaching.page_state`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connections, router
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

from .lesson_cache import _VERSION, TIMEOUT
from .media_generation import media_generation

HEAD_TEMPLATE = "ksi_courses/includes/course_head.html"
OUTLINE_TEMPLATE = "ksi_courses/includes/course_outline.html"
TAIL_TEMPLATE = "ksi_courses/includes/course_tail.html"


@dataclass(frozen=True)
class OutlineItem:
    """A module or lesson on a course page: what the outline shows and links (kept in the cache)."""

    pk: int
    title: str
    url: str


@dataclass(frozen=True)
class CourseSummary:
    """What a course page shows that is the same for every visitor with the same key."""

    modules: list[tuple[OutlineItem, list[OutlineItem]]] = field(default_factory=list)
    lesson_count: int = 0
    head: str = ""
    outline: str = ""  # for a visitor without progress
    tail: str = ""

    @property
    def head_html(self) -> SafeString:
        return mark_safe(self.head)

    @property
    def outline_html(self) -> SafeString:
        return mark_safe(self.outline)

    @property
    def tail_html(self) -> SafeString:
        return mark_safe(self.tail)


def tree_fingerprint(page, request=None) -> str:
    """A digest of the published state of ``page`` and every page below it (one query; once per
    ``request`` when one is given, as the anonymous page cache and the summary both need it).

    Publishing gives a page a new live revision and time, unpublishing or deleting removes its
    row, moving changes its path. The publishing time also tells pages apart whose ids came back
    after a database was recreated while a shared cache lives on. Fields the importer updates in
    place, without a revision (content version and hash), are read from ``page``.
    """
    return _once_per_request(request, ("tree", page.pk), lambda: _tree_fingerprint(page))


def _tree_fingerprint(page) -> str:
    digest = hashlib.sha256()
    for row in _published_rows(live_below=page.path):
        digest.update(repr(row).encode())
    own = [getattr(page, name, None) for name in ("ksi_content_hash", "translations")]
    digest.update(json.dumps(own, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _once_per_request(request, key, compute):
    """``compute()``, kept on ``request`` under ``key`` (computed every time without a request)."""
    if request is None:
        return compute()
    found = request.__dict__.setdefault("_ksi_page_digests", {})
    if key not in found:
        found[key] = compute()
    return found[key]


def _published_rows(live_below: str, also: Sequence[str] = ()) -> list[tuple]:
    """``(pk, path, live, live revision, publishing time as text)`` of the live pages at or below
    the tree path ``live_below`` and of the pages at the paths ``also``, in path order.

    Plain SQL, because it runs on every request for a lesson or course page, also when the page
    itself comes from the cache: building the same query with the ORM cost three times as long
    as running it. The subtree is a range on the indexed path, as in Wagtail's own routing
    (SQLite cannot use an index for ``LIKE 'path%'``); the time as text spares parsing dozens of
    datetimes on SQLite.
    """
    connection = connections[router.db_for_read(Page)]  # where the ORM would read pages
    quote = connection.ops.quote_name
    pk, path, live, revision, published = map(quote, ("id", "path", "live", "live_revision_id", "last_published_at"))
    where = f"({path} >= %s AND {path} <= %s AND {live} = %s)"
    params: list = [live_below, live_below + "Z" * 255, True]
    if also:
        where += f" OR {path} IN ({', '.join(['%s'] * len(also))})"
        params += list(also)
    sql = (
        f"SELECT {pk}, {path}, {live}, {revision}, CAST({published} AS TEXT) "
        f"FROM {quote(Page._meta.db_table)} WHERE {where} ORDER BY {path}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def cache_key(page, request, context) -> str | None:
    """The key of ``page``'s summary for this request, or ``None`` for a preview (a draft)."""
    if getattr(request, "is_preview", False) or page.live_revision_id is None:
        return None
    site = Site.find_for_request(request)
    parts = (
        page.pk,
        tree_fingerprint(page, request),
        site.pk if site else "",  # links are relative to the request's site
        context.get("vocabulary_language", ""),
        int(bool(context.get("show_teacher_material"))),
        translation.get_language() or "",
        media_generation(),  # the document links and the cover picture (see .media_generation)
        _VERSION,
    )
    return "ksi:course-summary:" + ":".join(str(part) for part in parts)


def course_summary(page, request, context) -> CourseSummary:
    """``page``'s outline and cached sections, from the cache when it has them."""
    key = cache_key(page, request, context)
    if key is not None and (summary := cache.get(key)) is not None:
        return summary
    summary = build_summary(page, request, context)
    if key is not None:
        cache.set(key, summary, TIMEOUT)
    return summary


def build_summary(page, request, context) -> CourseSummary:
    """Render the sections through the page's hooks (``get_module_outline`` and the others)."""
    modules = page.get_module_outline()
    plan_weeks = page.get_plan_outline(modules)
    lesson_count = sum(len(lessons) for _, lessons in modules)
    sections = {
        **context,
        "modules": modules,
        "plan_weeks": plan_weeks,
        "lesson_count": lesson_count,
        "plan_hours": sum(week.hours for week in plan_weeks) or page.total_hours,
        "review_sheets": page.get_review_sheets(modules),
        "forms": page.get_forms(),
        "cover_picture": page.get_cover_picture(lesson for _, lessons in modules for lesson in lessons),
    }
    if context.get("show_teacher_material"):
        sections["templates"] = page.get_templates()
    outline = [(_item(module, request), [_item(lesson, request) for lesson in lessons]) for module, lessons in modules]
    return CourseSummary(
        modules=outline,
        lesson_count=lesson_count,
        head=str(render_to_string(HEAD_TEMPLATE, sections, request)),
        outline=str(render_to_string(OUTLINE_TEMPLATE, {"modules": outline, "teaching": None}, request)),
        tail=str(render_to_string(TAIL_TEMPLATE, sections, request)),
    )


def _item(page, request) -> OutlineItem:
    return OutlineItem(pk=page.pk, title=page.title, url=page.get_url(request))


@dataclass(frozen=True)
class LessonSurroundings:
    """What a lesson page shows of the pages around it: its course, the previous and next lesson
    and the breadcrumb trail (page objects as the page's hooks return them)."""

    course_page: object = None
    previous_lesson: object = None
    next_lesson: object = None
    ancestors: list = field(default_factory=list)


def surroundings_digest(lesson, request=None) -> str:
    """A digest of the published state of ``lesson``'s course (every page in it) and of the pages
    above it: what its neighbours, breadcrumbs and course link depend on (one query; once per
    ``request`` when one is given)."""

    def compute() -> str:
        course_path = lesson.path[: -2 * Page.steplen]
        above = [lesson.path[:end] for end in range(Page.steplen, len(lesson.path), Page.steplen)]
        rows = _published_rows(live_below=course_path, also=above)
        return hashlib.sha256(repr((lesson.pk, lesson.path, rows)).encode()).hexdigest()

    return _once_per_request(request, ("surroundings", lesson.pk), compute)


def lesson_surroundings(lesson, request) -> LessonSurroundings:
    """``lesson``'s course, neighbours and ancestors, cached per published state of its course
    and of the pages above it: one query on a hit instead of four."""
    key = None
    if not getattr(request, "is_preview", False) and lesson.live_revision_id is not None:
        site = Site.find_for_request(request)
        key = f"ksi:lesson-surroundings:{lesson.pk}:{surroundings_digest(lesson, request)}:{site.pk if site else ''}:{_VERSION}"
        if (found := cache.get(key)) is not None:
            return found
    previous, following = lesson.get_neighbours()
    surroundings = LessonSurroundings(
        course_page=lesson.get_course_page(),
        previous_lesson=previous,
        next_lesson=following,
        ancestors=list(lesson.get_ancestors()),
    )
    if key is not None:
        cache.set(key, surroundings, TIMEOUT)
    return surroundings

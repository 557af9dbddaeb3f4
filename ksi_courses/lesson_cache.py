"""The rendered body of a lesson, cached per page revision and language.

Most lesson requests come from visitors with no state of their own on the page (not logged in,
no quiz just checked): for them the body's HTML depends only on the published revision, the
vocabulary language, whether teacher material shows and the interface language, so it is
rendered once and kept in Django's cache (a shared cache such as Redis serves several app
servers). A logged-in participant's ticks and answers are theirs alone: their body is rendered
for them, never cached. A new revision is published under a new key, so nothing goes stale; the
package version is part of the key, so an upgrade with new templates does not serve old HTML; so is
the media generation (:mod:`.media_generation`), so a replaced picture shows at once.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from .media_generation import media_generation

TEMPLATE = "ksi_courses/includes/lesson_body.html"
TIMEOUT = 24 * 3600

try:
    _VERSION = version("ksi-courses")
except PackageNotFoundError:  # a source checkout that was never installed
    _VERSION = "dev"


def cache_key(context, page) -> str | None:
    """The key of this body, or ``None`` when it holds the visitor's own state or is a preview."""
    request = context.get("request")
    teaching = context.get("teaching")
    if getattr(request, "is_preview", False) or page.live_revision_id is None:
        return None
    if teaching is not None and (teaching.can_save or teaching.quizzes):
        return None
    parts = (
        page.pk,
        page.live_revision_id,
        # Ids come back after a database is restored or recreated while a shared cache lives on.
        page.last_published_at.timestamp() if page.last_published_at else "",
        page.url_path,
        context.get("vocabulary_language", ""),
        int(bool(context.get("vocabulary_reviewed"))),
        int(bool(context.get("show_teacher_material"))),
        translation.get_language() or "",
        media_generation(),
        _VERSION,
    )
    return "ksi:lesson-body:" + ":".join(str(part) for part in parts)


def render_lesson_body(context, page) -> SafeString:
    """The lesson's blocks as HTML, from the cache when the visitor has no state of their own."""
    key = cache_key(context, page)
    if key is not None and (html := cache.get(key)) is not None:
        return mark_safe(html)
    html = get_template(TEMPLATE).render(context.flatten(), context.get("request"))
    if key is not None:
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)

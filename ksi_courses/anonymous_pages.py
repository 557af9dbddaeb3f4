"""Whole lesson and course pages for visitors who are not logged in, cached as HTML.

Most requests for a lesson or a course page come from visitors who are not logged in. For them
the page holds nothing of their own: it depends only on the published pages (the page, its
course and the pages above it), the site and its municipality profile (branding), the interface
language, the vocabulary language and the address asked for. Rendering the frame around the
cached lesson body (header, breadcrumbs, tools, language form) still cost more than a plain
Wagtail page's whole request, so the finished page is kept in Django's cache as one string,
under a key made of everything it depends on (:func:`response_key`): a publish, unpublish, move,
profile change, translation review or changed picture (:mod:`.media_generation`) gives a new key, in every process at once, and nothing
has to be found and deleted.

Two things in the page belong to the request, not the page, and are never stored: the CSRF
token of the interface-language form (each visitor gets their own, as on an uncached page) and
the Content-Security-Policy nonce of the inline style. They are stored as markers and filled
in per request (:func:`blank` and :func:`fill`).

Not cached, rendered as before: logged-in users (their progress, ticks and answers), previews,
any other method than GET, any query string other than one known ``?sprak=`` (a checked quiz,
tracking parameters: the key space stays bounded by the languages), and a request with a
message waiting to be shown.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Site

from course_content.base import LANGUAGES

from .lesson_cache import _VERSION, TIMEOUT
from .media_generation import media_generation

#: What ``{% csrf_token %}`` renders; the token is replaced by a marker before the page is stored.
CSRF_FIELD = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
# Markers with NUL characters, which no well-formed HTML text holds: page text never looks like one.
CSRF_MARK = "\x00ksi-csrf-token\x00"
NONCE_MARK = "\x00ksi-csp-nonce\x00"
#: The only query strings a stored page may be asked with: a vocabulary language (``?sprak=ar``).
KNOWN_QUERIES = frozenset(f"sprak={code}" for code in LANGUAGES)


def is_cacheable(request: HttpRequest, page) -> bool:
    """Whether ``request`` may get (and fill) the shared anonymous copy of ``page``."""
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    if not page.live or page.live_revision_id is None:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # Exactly "" or "sprak=CODE", byte for byte: the page shows its own address (the language
    # form's return address), and a few known addresses per page keep the key space small.
    query = request.META.get("QUERY_STRING", "")
    if query and query not in KNOWN_QUERIES:
        return False
    # len() reads the waiting messages without marking them shown.
    return not len(get_messages(request))


def branding_state(request: HttpRequest) -> tuple:
    """The municipality profile's fields for the request's site: one query, kept on the request,
    so a page that is rendered after all reads the same row without another."""
    from .branding import Branding

    site = Site.find_for_request(request)
    if site is None:
        return ()
    branding = Branding.for_request(request)
    return tuple(getattr(branding, field.attname) for field in branding._meta.concrete_fields)


def response_key(request: HttpRequest, page, parts: tuple) -> str:
    """The cache key of ``page`` for this anonymous ``request``; ``parts`` are what the page adds
    (see the pages' ``anonymous_cache_parts`` hook)."""
    site = Site.find_for_request(request)
    published = page.last_published_at.timestamp() if page.last_published_at else ""
    raw = (
        type(page).__name__,
        page.pk,
        page.live_revision_id,
        # Ids come back after a database is restored or recreated while a shared cache lives on.
        published,
        page.url_path,
        request.get_full_path(),
        (site.pk, site.site_name, site.root_page_id) if site else (),  # the header shows its name
        translation.get_language() or "",
        branding_state(request),
        parts,
        media_generation(),
        _VERSION,
    )
    return "ksi:anonymous-page:" + hashlib.sha256(repr(raw).encode()).hexdigest()


def blank(html: str, request: HttpRequest) -> str:
    """``html`` with this request's CSRF token and CSP nonce replaced by markers."""
    html = CSRF_FIELD.sub(lambda match: match.group(1) + CSRF_MARK + match.group(2), html)
    nonce = getattr(request, "csp_nonce", None)
    if nonce is not None:
        html = html.replace(str(format_html(' nonce="{}"', str(nonce))), NONCE_MARK)
    return html


def fill(html: str, request: HttpRequest) -> str:
    """A stored page with this request's own CSRF token and CSP nonce."""
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    if NONCE_MARK in html:
        nonce = getattr(request, "csp_nonce", None)
        html = html.replace(NONCE_MARK, str(format_html(' nonce="{}"', str(nonce))) if nonce is not None else "")
    return html


def serve(page, request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """``page`` for ``request``: the stored copy for an anonymous visitor when there is one,
    else ``render()`` (stored when it is a plain 200 page another visitor may get)."""
    if not is_cacheable(request, page):
        return render()
    key = response_key(request, page, tuple(page.anonymous_cache_parts(request)))
    if (html := cache.get(key)) is not None:
        return HttpResponse(fill(html, request))
    response = render()
    if response.status_code == 200 and hasattr(response, "render") and not response.cookies:
        response.render()
        cache.set(key, blank(response.content.decode(response.charset), request), TIMEOUT)
    return response

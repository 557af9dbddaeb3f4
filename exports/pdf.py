"""Render a course as PDF: the public entry point of the print face.

Example::

    from exports.pdf import Branding, PdfOptions, render_pdf

    data = render_pdf(course, PdfOptions(edition="teacher", branding=Branding(municipality="Bergen kommune")))
"""

from __future__ import annotations

from course_content import Course

from .cache import PdfCache, default_cache, pdf_cache_key
from .context import build_context, course_root
from .documents import document_kind, render_document_html, render_document_pdf
from .html import render_template
from .options import Branding, PdfOptions
from .review_sheets import CONTEXT_BUILDERS as _SHEET_KINDS  # noqa: F401  (registers the sheet document kinds)

__all__ = ["DEFAULT_CACHE", "Branding", "PdfCache", "PdfOptions", "pdf_cache_key", "render_html", "render_pdf"]


class _DefaultCache:
    """Marks "use the process's in-memory cache" (``None`` already means "no cache")."""


DEFAULT_CACHE = _DefaultCache()


def render_pdf(
    course: Course, options: PdfOptions | None = None, *, cache: PdfCache | _DefaultCache | None = DEFAULT_CACHE
) -> bytes:
    """The PDF that ``options`` select for ``course``, from ``cache`` when it holds it.

    ``cache`` defaults to the process's in-memory cache; pass ``None`` to always render, or any
    object with ``get(key)``/``set(key, data)`` (e.g. one backed by Django storage).
    Raises ``KeyError`` for a lesson id the course does not have.
    """
    options = options or PdfOptions()
    store = default_cache() if isinstance(cache, _DefaultCache) else cache
    key = pdf_cache_key(course, options) if store is not None else None
    if store is not None:
        hit = store.get(key)
        if hit is not None:
            return hit
    kind = document_kind(options.document)
    root = course_root(course)
    data = render_document_pdf(
        kind,
        build_context(course, options),
        extra_css=[branding_stylesheet(options.branding.primary_colour)],
        base_url=root,
        allowed_dirs=[root] if root is not None else [],
    )
    if store is not None:
        store.set(key, data)
    return data


def render_html(course: Course, options: PdfOptions | None = None) -> str:
    """The HTML that :func:`render_pdf` lays out (for previews, debugging and benchmarks)."""
    options = options or PdfOptions()
    return render_document_html(document_kind(options.document), build_context(course, options))


def branding_css(primary_colour: str) -> str:
    """The generated stylesheet that applies the municipality's colour."""
    return render_template("exports/branding.css", {"primary": primary_colour})


def branding_stylesheet(primary_colour: str):
    """The branding stylesheet, compiled once per colour (the engine caches it by its text)."""
    from .engine import compile_css

    return compile_css(branding_css(primary_colour))

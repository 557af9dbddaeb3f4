from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from course_content.base import LANGUAGES
from course_content.blocks import needs_native_review
from course_content.markdown import render_markdown
from course_content.pictures import library

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Markdown → HTML with the package's one renderer (raw HTML in the source is escaped)."""
    return mark_safe(render_markdown(text))


@register.simple_tag
def language_dir(code: str) -> str:
    return LANGUAGES.get(code, {}).get("dir", "ltr")


@register.simple_tag
def language_name(code: str) -> str:
    return LANGUAGES.get(code, {}).get("name", code)


@register.simple_tag(takes_context=True)
def csp_nonce_attribute(context) -> str:
    """`` nonce="…"`` for an inline ``<style>`` when django-csp's middleware runs, so the
    Content-Security-Policy lets it through; nothing without the middleware."""
    nonce = getattr(context.get("request"), "csp_nonce", None)
    return format_html(' nonce="{}"', str(nonce)) if nonce is not None else ""


@register.simple_tag
def picture(picture_id: str, alt: str = "", css_class: str = "ksi-picture") -> str:
    """A picture of the library as inline SVG: decorative (hidden from screen readers) beside a
    word, or named by ``alt`` in an image block. Inline, so no static files or settings are needed
    and the strict Content-Security-Policy (``img-src 'self'``) holds; ``""`` without an id."""
    return mark_safe(library().inline_svg(picture_id, alt, css_class)) if picture_id else ""


@register.simple_tag
def picture_credits(*picture_ids) -> str:
    """Attribution and licence of the library pictures named (each once); ``""`` for none."""
    return library().credits(picture_ids)


@register.simple_tag
def native_review_note(entry, code: str) -> str:
    """A short note beside the translation of a vocabulary ``entry`` (a block value) into ``code``
    when it still waits for a native speaker's check; ``""`` otherwise."""
    status = "reviewed" if code in (entry.get("reviewed") or ()) else "machine"
    if not needs_native_review(entry.get("safety"), status, code):
        return ""
    return format_html(
        ' <span class="ksi-native-review" lang="{}" dir="ltr">({})</span>',
        get_language() or "nb",
        _("not yet checked by a native speaker"),
    )


@register.simple_tag
def entry_picture_credits(entries) -> str:
    """Attribution and licence of the pictures of vocabulary ``entries`` (each once)."""
    return library().credits(entry.get("picture") for entry in entries)


@register.simple_tag(takes_context=True)
def lesson_body(context, page) -> str:
    """The lesson's blocks (cached for visitors without state of their own: see lesson_cache)."""
    from ..lesson_cache import render_lesson_body

    return render_lesson_body(context, page)

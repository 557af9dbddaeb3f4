from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from course_content.base import LANGUAGES
from course_content.markdown import render_markdown

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

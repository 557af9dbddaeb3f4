"""Template tags for the participant's tools on course and lesson pages: listening, word cards
and offline saving (issue 19). ``{% ksi_participant_head %}`` goes in ``<head>``;
``{% ksi_participant_tools page %}`` where the page offers word cards and the save buttons."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from ksi_courses.models import CoursePage, LessonPage

from ..lessons import course_of
from ..listen import listen_config
from ..offline import client_config

register = template.Library()


@register.inclusion_tag("ksi_teaching/includes/participant_head.html", takes_context=True)
def ksi_participant_head(context):
    """The manifest, the tools' stylesheet and scripts, and their settings and texts."""
    return {"config": {"offline": client_config(context.get("request")), "listen": listen_config()}}


@register.inclusion_tag("ksi_teaching/includes/participant_tools.html", takes_context=True)
def ksi_participant_tools(context, page):
    """The word-card link and the save buttons of a lesson or course page (nothing for other pages)."""
    page = getattr(page, "specific", page)
    if not isinstance(page, (LessonPage, CoursePage)):
        return {}
    language = context.get("vocabulary_language")
    query = f"?{urlencode({'sprak': language})}" if language else ""
    # The lesson page's context already holds its course (no second query).
    course = page if isinstance(page, CoursePage) else (context.get("course_page") or course_of(page))
    return {
        "is_course": isinstance(page, CoursePage),
        "flashcards_url": reverse("ksi_teaching:flashcards", args=[page.pk]) + query,
        "lesson_pages_url": reverse("ksi_teaching:offline_pages", args=[page.pk]) if isinstance(page, LessonPage) else "",
        "course_pages_url": reverse("ksi_teaching:offline_pages", args=[course.pk]) if course else "",
    }

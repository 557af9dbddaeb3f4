"""Who marked which language of a course's vocabulary as reviewed, and when (issue 20).

The review status itself lives in the content (each vocabulary entry's ``reviewed`` languages
and the course page's ``translations``), so it travels with an export; this log keeps the
person and the date, which the content format has no place for. The model also carries the
``review_translations`` permission that opens the "Oversettelser" screen
(:mod:`ksi_courses.translation_review_views`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from course_content.base import LANGUAGES

REVIEW_PERMISSION = "ksi_courses.review_translations"


class TranslationReview(models.Model):
    """One language of one course marked as reviewed by a bilingual staff member."""

    course_page = models.ForeignKey(
        "ksi_courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    language = models.CharField(
        _("language"), max_length=8, choices=[(code, lang["name_nb"]) for code, lang in LANGUAGES.items()]
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("reviewed by")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)
    entries = models.PositiveIntegerField(_("entries marked"), default=0)

    # Review records say nothing about pages; Wagtail need not index references to them.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")
        ordering = ["-reviewed_at", "-pk"]
        permissions = [("review_translations", _("Can review and correct vocabulary translations"))]

    def __str__(self):
        return f"{self.course_page_id}/{self.language}"

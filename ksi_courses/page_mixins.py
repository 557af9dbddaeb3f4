"""What every page imported from the shipped content has: the fields that tie it to its content
item (see :mod:`ksi_courses.content_import`) and the teacher-material switch in its context.
Used by the course, module and lesson pages (:mod:`ksi_courses.models`) and the course form pages
(:mod:`ksi_courses.form_pages`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .access import can_see_teacher_material


def lines(text: str) -> list[str]:
    """Non-empty lines of a one-item-per-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class KsiContentMixin(models.Model):
    """Fields that tie a page to an item of the shipped content."""

    ksi_id = models.CharField(
        _("content id"),
        max_length=80,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Stable id of the shipped content this page came from."),
    )
    ksi_import_hash = models.CharField(_("imported content fingerprint"), max_length=64, blank=True, editable=False)
    # See ksi_courses.import_stamps: lets a re-import skip pages nobody has touched.
    ksi_page_stamp = models.CharField(_("page state at import"), max_length=64, blank=True, editable=False)

    # The admin's page explorer lists children in course order (modules, lessons), as the site and
    # the importer do, not by last change (Wagtail's default).
    admin_default_ordering = "ord"

    class Meta:
        abstract = True

    def show_teacher_material(self, request) -> bool:
        """Hook: whether teacher notes and quiz answers are shown to this request's user."""
        return can_see_teacher_material(getattr(request, "user", None))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show_teacher_material"] = self.show_teacher_material(request)
        return context

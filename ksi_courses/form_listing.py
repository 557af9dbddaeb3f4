"""The admin's list of forms (Forms in the menu) with the course of each form and its number of
submissions: three courses ship forms with the same titles, so the title alone says too little.

Wagtail's ``FormPagesListView`` has no hook for columns; ``wagtail_hooks`` mounts this subclass
at the same admin URLs (``forms/`` and ``forms/results/``) before ``wagtail.contrib.forms`` does.
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.views import FormPagesListView
from wagtail.models import Page

from .form_pages import CourseFormSubmission


def _count_for_page(model):
    counted = model.objects.filter(page=OuterRef("pk")).order_by().values("page").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _parent_title():
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Subquery(Page.objects.filter(path=parent_path).values("title")[:1])


class CourseFormPagesListView(FormPagesListView):
    """Wagtail's form list plus the course (the form's parent page) and the number of submissions."""

    @classproperty
    def columns(cls):
        columns = [column for column in super().columns if column.name != "parent"]
        columns.insert(2, Column("ksi_course", label=_("Course"), accessor="ksi_course_title", width="20%"))
        columns.insert(3, Column("ksi_submissions", label=_("Submissions"), accessor="ksi_submission_count"))
        return columns

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                ksi_course_title=_parent_title(),
                # Course forms store CourseFormSubmission; a project's own form pages Wagtail's FormSubmission.
                ksi_submission_count=_count_for_page(CourseFormSubmission) + _count_for_page(FormSubmission),
            )
        )

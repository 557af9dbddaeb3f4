"""A plain Wagtail page (title + one text field): the baseline the course pages are measured against."""

from django.db import models
from wagtail.models import Page


class PlainPage(Page):
    body = models.TextField(blank=True)

    class Meta:
        app_label = "baseline"

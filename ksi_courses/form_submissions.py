"""Course form submissions as personal data: a person's own (export, erase) and old anonymous ones.

A submission sent while logged in belongs to the user (``CourseFormSubmission.user``); the data
export lists it and erasing the user deletes it, since a form's answers (name, phone, e-mail …)
are nothing but personal data. Anonymous submissions cannot be tied to anyone: the municipality
deletes them when it no longer needs them, by hand in the Wagtail admin or with
``manage.py ksi_form_submissions --older-than DAYS``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from .form_pages import CourseFormSubmission


def export_submissions(user) -> list[dict[str, Any]]:
    """``user``'s form submissions, oldest first, as JSON-ready data."""
    submissions = CourseFormSubmission.objects.filter(user=user).select_related("page").order_by("submit_time", "pk")
    return [
        {
            "form": submission.page.title,
            "submitted_at": submission.submit_time.isoformat(),
            "answers": submission.form_data,  # stored as JSON: dates are already text
        }
        for submission in submissions
    ]


def delete_submissions_of(user) -> int:
    """Delete ``user``'s form submissions; returns how many there were."""
    deleted, _ = CourseFormSubmission.objects.filter(user=user).delete()
    return deleted


def old_anonymous_submissions(older_than_days: int, *, now: datetime | None = None):
    """Submissions sent without logging in more than ``older_than_days`` days ago."""
    if older_than_days < 0:
        raise ValueError(f"the number of days must be 0 or more, not {older_than_days}")
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    return CourseFormSubmission.objects.filter(user__isnull=True, submit_time__lt=cutoff)


def delete_anonymous_submissions(older_than_days: int, *, now: datetime | None = None) -> int:
    """Delete anonymous submissions older than ``older_than_days`` days; returns how many."""
    deleted, _ = old_anonymous_submissions(older_than_days, now=now).delete()
    return deleted

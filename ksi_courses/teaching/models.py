"""Course runs and what participants do in them.

Personal data is kept to the minimum: the participant is Django's user (name and username);
nothing here stores national id numbers, contact details or free-text notes about a person.
Progress and quiz attempts hang on the lesson *page* (``PROTECT``): the importer never deletes
lesson pages, it unpublishes them, so a participant's history survives course upgrades.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


def new_verification_code() -> str:
    """An unguessable code for the public certificate check (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class CourseRun(models.Model):
    """One group taking one course with one or more teachers, at a place and between two dates."""

    course = models.ForeignKey(
        "ksi_courses.CoursePage", on_delete=models.PROTECT, related_name="ksi_runs", verbose_name=_("course")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. “Renhold – spring 2026, group A”."))
    place = models.CharField(_("place"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    schedule = models.TextField(_("schedule"), blank=True, help_text=_("E.g. “Mondays and Wednesdays 9–12”."))
    teachers = models.ManyToManyField(USER, related_name="ksi_runs_taught", blank=True, verbose_name=_("teachers"))
    auto_certificate = models.BooleanField(
        _("certificate on completion"),
        default=False,
        help_text=_("Issue the certificate as soon as a participant has completed every lesson."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course run")
        verbose_name_plural = _("course runs")
        ordering = ["-start_date", "title"]
        permissions = [
            ("teach_courserun", _("Can set up and teach course runs")),
            ("manage_all_courseruns", _("Can see and manage every course run")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="ksi_run_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    """A participant in a course run."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course run"))
    participant = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="ksi_enrolments", verbose_name=_("participant")
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["participant__last_name", "participant__first_name", "participant__username"]
        constraints = [models.UniqueConstraint(fields=["run", "participant"], name="ksi_unique_enrolment")]

    def __str__(self) -> str:
        return f"{self.participant} – {self.run}"


class LessonProgress(models.Model):
    """A participant's state in one lesson: done or not, and the ticked checklist items.

    ``checklist`` maps checklist id → list of ticked item ids. Exactly one row per participant
    and lesson (a unique constraint; see :mod:`.progress` for how concurrent saves keep it so).
    """

    participant = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="ksi_lesson_progress")
    lesson = models.ForeignKey("ksi_courses.LessonPage", on_delete=models.PROTECT, related_name="ksi_progress")
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    checklist = models.JSONField(_("checklist state"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["participant", "lesson"], name="ksi_unique_lesson_progress")]

    def __str__(self) -> str:
        return f"{self.participant} – {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submission of one quiz, scored on the server. Every attempt is kept."""

    participant = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="ksi_quiz_attempts")
    lesson = models.ForeignKey("ksi_courses.LessonPage", on_delete=models.PROTECT, related_name="ksi_quiz_attempts")
    quiz_id = models.CharField(_("quiz"), max_length=80)
    answers = models.JSONField(_("answers"), help_text=_("Question id → chosen choice indexes."))
    correct = models.PositiveSmallIntegerField(_("correct answers"))
    total = models.PositiveSmallIntegerField(_("questions"))
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["participant", "lesson", "quiz_id"], name="ksi_attempt_lookup")]

    def __str__(self) -> str:
        return f"{self.participant} – {self.quiz_id}: {self.correct}/{self.total}"


class AttendanceSession(models.Model):
    """One teaching session of a run (a day, or part of one) for which attendance is taken."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course run"))
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attendance session")
        verbose_name_plural = _("attendance sessions")
        ordering = ["date", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(hours__gt=0), name="ksi_session_hours_positive")]

    def __str__(self) -> str:
        return f"{self.run} – {self.date:%Y-%m-%d}"


class Attendance(models.Model):
    """Whether one participant was present at one session."""

    session = models.ForeignKey(AttendanceSession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="ksi_unique_attendance")]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.session.date:%Y-%m-%d}: {self.present}"


class Certificate(models.Model):
    """A course certificate (kursbevis). Anyone with the code can check it at ``/ksi/bevis/<code>/``."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=40, unique=True, default=new_verification_code)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("issued by")
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.enrolment.participant} – {self.enrolment.run}"


class TemporaryPassword(models.Model):
    """The user still has the one-time password a teacher gave out and must choose their own.

    Only the fact is stored: the password itself exists only as Django's hash on the user.
    """

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="ksi_temporary_password")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("one-time password")
        verbose_name_plural = _("one-time passwords")

    def __str__(self) -> str:
        return str(self.user)

"""Course runs and what participants do in them.

Personal data is kept to the minimum: the participant is Django's user (name and username);
nothing here stores national id numbers, contact details or free-text notes about a person,
apart from the short note a teacher may add to an assessment result (about the assessment).
Progress and quiz attempts hang on the lesson *page* (``PROTECT``): the importer never deletes
lesson pages, it unpublishes them, so a participant's history survives course upgrades.

Every model here sets ``wagtail_reference_index_ignore``: Wagtail would otherwise index the page
references of each progress, attempt and enrolment save (a write per click, for a list nobody
reads), which under a full class on SQLite failed for want of the write lock.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


def new_verification_code() -> str:
    """An unguessable code for the public certificate check (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


municipality_number = RegexValidator(r"^\d{4}$", _("A municipality number has four digits, e.g. 5037."))


class Municipality(models.Model):
    """A municipality that uses this installation: it hosts course runs and answers for its own participants.

    ``number`` is the official four-digit kommunenummer (e.g. 5037 Levanger), as NIR and SSB use it.
    """

    wagtail_reference_index_ignore = True  # see the module docstring

    name = models.CharField(_("name"), max_length=100, unique=True)
    number = models.CharField(_("municipality number"), max_length=4, unique=True, validators=[municipality_number])

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MunicipalityMembership(models.Model):
    """A user belongs to a municipality: a participant's home municipality, an admin's or a teacher's employer.

    Participants and municipality admins belong to one municipality; a teacher may teach for several.
    """

    wagtail_reference_index_ignore = True  # see the module docstring

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="ksi_memberships", verbose_name=_("user"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("municipality")
    )

    class Meta:
        verbose_name = _("municipality membership")
        verbose_name_plural = _("municipality memberships")
        constraints = [models.UniqueConstraint(fields=["user", "municipality"], name="ksi_unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"


class CourseRun(models.Model):
    """One group taking one course with one or more teachers, at a place and between two dates."""

    wagtail_reference_index_ignore = True  # see the module docstring

    course = models.ForeignKey(
        "ksi_courses.CoursePage", on_delete=models.PROTECT, related_name="ksi_runs", verbose_name=_("course")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. “Renhold – spring 2026, group A”."))
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_runs",
        verbose_name=_("host municipality"),
        help_text=_("The municipality that runs the course; participants may come from several."),
    )
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
    lessons = models.ManyToManyField(
        "ksi_courses.LessonPage",
        related_name="+",
        blank=True,
        editable=False,
        verbose_name=_("lessons"),
        help_text=_("The lessons this run teaches: the course's lessons when the run was created."),
    )
    quiz_sizes = models.JSONField(
        _("quiz sizes"), default=dict, blank=True, editable=False, help_text=_("Questions per quiz of those lessons.")
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

    def save(self, *args, **kwargs):
        # A run keeps the lessons it starts with, so upgrading the course later changes neither what
        # it teaches nor its report. ``pin_course_lessons`` takes the course's lessons as they are now.
        created = self._state.adding
        super().save(*args, **kwargs)
        if created:
            self.pin_course_lessons()

    def pin_course_lessons(self) -> None:
        """Make the run teach the course's live lessons, with their quizzes, as they are now (e.g. after an upgrade)."""
        from .lessons import course_lessons, quiz_sizes

        lessons = course_lessons(self.course)
        self.lessons.set(lessons)
        self.quiz_sizes = {str(lesson.pk): quiz_sizes(lesson) for lesson in lessons}
        CourseRun.objects.filter(pk=self.pk).update(quiz_sizes=self.quiz_sizes)


class Enrolment(models.Model):
    """A participant in a course run."""

    wagtail_reference_index_ignore = True  # see the module docstring

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

    wagtail_reference_index_ignore = True  # see the module docstring

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

    wagtail_reference_index_ignore = True  # see the module docstring

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

    wagtail_reference_index_ignore = True  # see the module docstring

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

    wagtail_reference_index_ignore = True  # see the module docstring

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

    wagtail_reference_index_ignore = True  # see the module docstring

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

    wagtail_reference_index_ignore = True  # see the module docstring

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="ksi_temporary_password")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("one-time password")
        verbose_name_plural = _("one-time passwords")

    def __str__(self) -> str:
        return str(self.user)


class SubmittedParticipantForm(models.Model):
    """A form that added participants, by the one-time key it carried (see :mod:`.enrolment`).

    The key is unique, so a second submission of the same form (a double click, a reload, a
    retrying phone) is recognised and adds no one again. Holds no personal data.
    """

    wagtail_reference_index_ignore = True  # see the module docstring

    key = models.CharField(max_length=64, unique=True)
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submitted participant form")
        verbose_name_plural = _("submitted participant forms")

    def __str__(self) -> str:
        return self.key


class AssessmentResult(models.Model):
    """A participant's result in one assessment of the course (see :mod:`.assessments`).

    ``assessment_id`` is ``modul-<module id>`` or ``kurs``; ``skills_passed`` lists the ids of
    the observed skills the participant masters. The totals are kept as they were when the
    result was recorded, so a later change to the course does not change an old result.
    """

    wagtail_reference_index_ignore = True  # see the module docstring

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="assessment_results")
    assessment_id = models.CharField(_("assessment"), max_length=90)
    skills_passed = models.JSONField(_("skills mastered"), default=list, blank=True)
    skills_total = models.PositiveSmallIntegerField(_("skills observed"), default=0)
    quiz_score = models.PositiveSmallIntegerField(_("correct quiz answers"), null=True, blank=True)
    quiz_total = models.PositiveSmallIntegerField(_("quiz questions"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "assessment_id"], name="ksi_unique_assessment_result")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.assessment_id}"


class LogbookTick(models.Model):
    """A practice logbook task (``<week>/<task id>``) the teacher has ticked off for a participant."""

    wagtail_reference_index_ignore = True  # see the module docstring

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="logbook_ticks")
    task = models.CharField(_("logbook task"), max_length=170)
    ticked_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    ticked_at = models.DateTimeField(_("ticked"), auto_now_add=True)

    class Meta:
        verbose_name = _("logbook task done")
        verbose_name_plural = _("logbook tasks done")
        constraints = [models.UniqueConstraint(fields=["enrolment", "task"], name="ksi_unique_logbook_tick")]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.task}"


class FlashcardState(models.Model):
    """Where one word stands in a participant's word practice (a Leitner box; see :mod:`.leitner`).

    One row per participant and Norwegian word: a word met in several lessons (or courses) is
    practised once. Holds no more than the word, the box and when it is next due.
    """

    wagtail_reference_index_ignore = True  # see the module docstring

    participant = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="ksi_flashcards")
    word = models.CharField(_("word"), max_length=200)
    box = models.PositiveSmallIntegerField(_("box"), default=1)
    due_at = models.DateTimeField(_("due"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("flash card state")
        verbose_name_plural = _("flash card states")
        constraints = [models.UniqueConstraint(fields=["participant", "word"], name="ksi_unique_flashcard_state")]

    def __str__(self) -> str:
        return f"{self.participant} – {self.word}: {self.box}"


class HandledAction(models.Model):
    """A lesson action (checklist, quiz, done) sent with an idempotency key, by that key.

    A phone that was offline sends its queued actions when it is back online, and may send one
    twice (a lost answer, two tabs): the second time the key is known and nothing changes (see
    :mod:`.action_keys`). Holds no personal data beyond whose action it was.
    """

    wagtail_reference_index_ignore = True  # see the module docstring

    participant = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="ksi_handled_actions")
    key = models.CharField(_("idempotency key"), max_length=64)
    handled_at = models.DateTimeField(_("handled"), auto_now_add=True)

    class Meta:
        verbose_name = _("handled action")
        verbose_name_plural = _("handled actions")
        constraints = [models.UniqueConstraint(fields=["participant", "key"], name="ksi_unique_handled_action")]

    def __str__(self) -> str:
        return f"{self.participant} – {self.key}"


class VocabularyLanguage(models.Model):
    """The language a participant last chose to see beside the Norwegian key words, so that every
    lesson, on every device, opens in it (see :mod:`ksi_courses.vocabulary_language`)."""

    wagtail_reference_index_ignore = True  # see the module docstring

    participant = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="ksi_vocabulary_language")
    language = models.CharField(_("language of the key words"), max_length=8)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("language of the key words")
        verbose_name_plural = _("languages of the key words")

    def __str__(self) -> str:
        return f"{self.participant} – {self.language}"


# Practice placements live in their own module; importing them here lets Django find them.
from .placement_models import MentorLink, Placement, PlacementEvaluation, Workplace  # noqa: E402, F401

"""Practice placements (praksis): workplaces, a participant's placements and their evaluations.

Kept apart from :mod:`.models` so that the course-run models stay readable; :mod:`.models` imports
these at its end so that Django finds them. References to the run models are by name, never by
import, so there is no cycle.

Personal data: a placement names the participant (through the enrolment) and the workplace's
mentor (name, phone, e-mail: the contact the agreement needs); evaluations hold the answers to the
practice evaluation form. Export and erase of a participant cover both (:mod:`.privacy`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation_numbers import validate_organisation_number

USER = settings.AUTH_USER_MODEL


class Workplace(models.Model):
    """A business or unit that takes participants in practice, in one municipality's list."""

    wagtail_reference_index_ignore = True  # see ksi_courses.teaching.models

    municipality = models.ForeignKey(
        "ksi_teaching.Municipality", on_delete=models.PROTECT, related_name="workplaces", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"), max_length=9, validators=[validate_organisation_number]
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    course = models.ForeignKey(
        "ksi_courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trade (course)"),
        help_text=_("The course whose participants this workplace takes."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    approval_required = models.BooleanField(
        _("approval required"),
        default=False,
        help_text=_("E.g. cleaning companies must be approved in the Norwegian Labour Inspection Authority's register."),
    )
    approval_checked_on = models.DateField(_("approval checked on"), null=True, blank=True)
    approval_link = models.URLField(_("link to the register entry"), blank=True)
    needs_confidentiality = models.BooleanField(
        _("confidentiality declaration needed"),
        default=False,
        help_text=_("The participant signs a confidentiality declaration before starting (e.g. health institutions)."),
    )
    offers = models.TextField(_("what the workplace offers"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "organisation_number", "name"], name="ksi_unique_workplace"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Placement(models.Model):
    """A participant of a run at a workplace for a period, on some days of the week."""

    wagtail_reference_index_ignore = True  # see ksi_courses.teaching.models

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        ENDED = "ended", _("ended")
        BROKEN_OFF = "broken_off", _("broken off")

    enrolment = models.ForeignKey(
        "ksi_teaching.Enrolment", on_delete=models.CASCADE, related_name="placements", verbose_name=_("participant")
    )
    workplace = models.ForeignKey(
        Workplace, on_delete=models.PROTECT, related_name="placements", verbose_name=_("workplace")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    weekdays = models.JSONField(
        _("days of the week"), default=list, help_text=_("ISO weekdays, 1 = Monday … 7 = Sunday.")
    )
    hours_per_day = models.DecimalField(_("hours per day"), max_digits=3, decimal_places=1)
    mentor_name = models.CharField(_("mentor"), max_length=200, blank=True)
    mentor_phone = models.CharField(_("mentor's phone"), max_length=30, blank=True)
    mentor_email = models.EmailField(_("mentor's e-mail"), blank=True)
    tasks = models.JSONField(
        _("tasks"), default=list, blank=True, help_text=_("Ids of tasks from the course's practice logbook.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["start_date", "enrolment"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="ksi_placement_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} @ {self.workplace}"


class PlacementEvaluation(models.Model):
    """The practice evaluation of one placement, by the mentor or by the participant (one each)."""

    wagtail_reference_index_ignore = True  # see ksi_courses.teaching.models

    class Author(models.TextChoices):
        MENTOR = "mentor", _("mentor")
        PARTICIPANT = "participant", _("participant")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("placement")
    )
    author = models.CharField(_("filled in by"), max_length=12, choices=Author.choices)
    answers = models.JSONField(_("answers"), default=dict, help_text=_("Form field id → answer."))
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)

    class Meta:
        verbose_name = _("practice evaluation")
        verbose_name_plural = _("practice evaluations")
        constraints = [models.UniqueConstraint(fields=["placement", "author"], name="ksi_one_evaluation_per_author")]

    def __str__(self) -> str:
        return f"{self.placement} – {self.author}"


class MentorLink(models.Model):
    """A link that lets a workplace's mentor fill in one placement's evaluation without an account.

    Only the SHA-256 of the token is stored; the token itself is shown once to the teacher.
    """

    wagtail_reference_index_ignore = True  # see ksi_courses.teaching.models

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="mentor_links", verbose_name=_("placement")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor link")
        verbose_name_plural = _("mentor links")

    def __str__(self) -> str:
        return f"{self.placement} – {self.expires_at:%Y-%m-%d}"

"""Forms of the practice placement pages: a workplace, and a participant's placement.

Parsing and checking only; saving (with the overlap check under a lock) is in :mod:`.placements`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksi_courses.models import CoursePage

from .forms import FIRST_DATE, LAST_DATE, DateInput
from .models import Enrolment, Placement, Workplace
from .organisation_numbers import normalise, validate_organisation_number
from .placements import WEEKDAY_NUMBERS, check_broken_off_end

WEEKDAY_NAMES = {
    1: _("Monday"),
    2: _("Tuesday"),
    3: _("Wednesday"),
    4: _("Thursday"),
    5: _("Friday"),
    6: _("Saturday"),
    7: _("Sunday"),
}


def _date_in_range(form: forms.Form, name: str, value: date | None) -> date | None:
    if value and not FIRST_DATE <= value <= LAST_DATE:
        form.add_error(name, _("Choose a date between 2000 and 2099."))
        return None
    return value


class WorkplaceForm(forms.ModelForm):
    """Register or edit a workplace in one of the user's municipalities."""

    # Spaces are fine ("923 609 016"): the form keeps the digits and checks them (mod 11).
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        help_text=_("Nine digits, e.g. 923 609 016 (find it in the Brønnøysund Register Centre)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    approval_link = forms.URLField(
        label=_("Link to the register entry"),
        required=False,
        assume_scheme="https",
        help_text=_("E.g. the workplace's entry in Arbeidstilsynet's register of approved cleaning companies."),
    )

    class Meta:
        model = Workplace
        fields = [
            "municipality",
            "name",
            "organisation_number",
            "address",
            "course",
            "contact_name",
            "contact_phone",
            "approval_required",
            "approval_checked_on",
            "approval_link",
            "needs_confidentiality",
            "offers",
        ]
        widgets = {"approval_checked_on": DateInput(), "offers": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if municipalities.count() == 1 and not self.instance.pk:
            self.fields["municipality"].initial = municipalities.first().pk
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")

    def clean_organisation_number(self) -> str:
        digits = normalise(self.cleaned_data["organisation_number"])
        validate_organisation_number(digits)
        return digits

    def clean(self):
        cleaned = super().clean()
        checked = _date_in_range(self, "approval_checked_on", cleaned.get("approval_checked_on"))
        if checked and checked > timezone.localdate():
            self.add_error("approval_checked_on", _("The date the approval was checked cannot be in the future."))
        if cleaned.get("approval_required") and not checked and "approval_checked_on" not in self.errors:
            self.add_error(
                "approval_checked_on",
                _(
                    "This workplace needs an approval: give the date you checked it in the register (and a link if you have one)."
                ),
            )
        if not cleaned.get("approval_required") and (
            cleaned.get("approval_checked_on") or cleaned.get("approval_link")
        ):
            self.add_error(
                "approval_required",
                _("You gave an approval date or link: tick “approval required” too, or remove them."),
            )
        return cleaned


class PlacementForm(forms.Form):
    """Place one participant of the run at a workplace (or edit the placement)."""

    enrolment = forms.ModelChoiceField(queryset=Enrolment.objects.none(), label=_("Participant"))
    workplace = forms.ModelChoiceField(queryset=Workplace.objects.none(), label=_("Workplace"))
    start_date = forms.DateField(label=_("First day"), widget=DateInput())
    end_date = forms.DateField(
        label=_("Last day"),
        widget=DateInput(),
        help_text=_("If the placement was broken off: the last day the participant was there."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        coerce=int,
        choices=[(number, WEEKDAY_NAMES[number]) for number in WEEKDAY_NUMBERS],
        widget=forms.CheckboxSelectMultiple,
    )
    hours_per_day = forms.DecimalField(
        label=_("Hours per day"), min_value=Decimal("0.5"), max_value=Decimal("12"), max_digits=3, decimal_places=1
    )
    mentor_name = forms.CharField(label=_("Mentor at the workplace"), max_length=200, required=False)
    mentor_phone = forms.CharField(label=_("Mentor's phone"), max_length=30, required=False)
    mentor_email = forms.EmailField(label=_("Mentor's e-mail"), required=False)
    tasks = forms.MultipleChoiceField(
        label=_("Tasks from the practice logbook"), required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label=_("Status"), choices=Placement.Status.choices, initial=Placement.Status.PLANNED)
    agreement_signed_on = forms.DateField(label=_("Agreement signed on"), required=False, widget=DateInput())

    def __init__(self, *args, run, workplaces, logbook=None, placement: Placement | None = None, **kwargs):
        if placement is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(placement, name) for name in self.base_fields if name != "enrolment"}
            kwargs["initial"]["enrolment"] = placement.enrolment_id
        super().__init__(*args, **kwargs)
        self.run, self.placement = run, placement
        self.fields["enrolment"].queryset = run.enrolments.select_related("participant")
        self.fields["enrolment"].label_from_instance = lambda e: (
            e.participant.get_full_name() or e.participant.get_username()
        )
        if placement is not None:
            self.fields["enrolment"].disabled = True  # a placement stays with its participant
        # The workplace it has stays choosable even if the user no longer manages it.
        if placement is not None:
            workplaces = workplaces | Workplace.objects.filter(pk=placement.workplace_id)
        self.fields["workplace"].queryset = workplaces.distinct()
        self.fields["workplace"].label_from_instance = lambda w: f"{w.name} ({w.municipality})"
        choices = []
        if logbook is not None:
            for week, task, key in logbook.task_keys():
                choices.append((key, _("Week %(week)s: %(task)s") % {"week": week.number, "task": task.text}))
        known = {key for key, _label in choices}
        if placement is not None:  # tasks saved before the logbook changed stay visible
            choices += [(key, key) for key in placement.tasks if key not in known]
        self.fields["tasks"].choices = choices

    def clean(self):
        cleaned = super().clean()
        start = _date_in_range(self, "start_date", cleaned.get("start_date"))
        end = _date_in_range(self, "end_date", cleaned.get("end_date"))
        signed = _date_in_range(self, "agreement_signed_on", cleaned.get("agreement_signed_on"))
        if start and end and end < start:
            self.add_error(
                "end_date",
                _("The last day is before the first day: choose a date on or after %(start)s.")
                % {"start": start.strftime("%d.%m.%Y")},
            )
        elif start and end and cleaned.get("weekdays"):
            wanted = set(cleaned["weekdays"])
            span = (end - start).days
            if not any((start.isoweekday() - 1 + offset) % 7 + 1 in wanted for offset in range(min(span + 1, 7))):
                self.add_error("weekdays", _("None of the chosen days falls between the first and the last day."))
        if signed and signed > timezone.localdate():
            self.add_error("agreement_signed_on", _("The signing date cannot be in the future."))
        try:  # the service's rule, here too so the form shows it beside the other errors
            check_broken_off_end(cleaned.get("status"), end)
        except ValidationError as exc:
            self.add_error(None, exc)
        return cleaned

    def values(self) -> dict:
        """What :func:`~ksi_courses.teaching.placements.save_placement` takes."""
        values = {name: self.cleaned_data[name] for name in self.fields if name != "enrolment"}
        values["tasks"] = list(values["tasks"])
        return values

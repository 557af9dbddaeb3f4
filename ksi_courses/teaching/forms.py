"""Forms of the teaching pages. Parsing and checking only; the work happens in the services."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from ksi_courses.models import CoursePage

from .access import own_municipalities
from .credentials import FORM_KEY, new_form_key
from .enrolment import ParticipantError, decode_upload, parse_names
from .models import AttendanceSession, CourseRun, Municipality, MunicipalityMembership
from .name_lists import repeated_names, usable_name
from .plan_sessions import add_plan_sessions
from .roles import TEACHER_GROUP

MAX_UPLOAD_BYTES = 200_000
MAX_PASTED_CHARACTERS = 200_000
#: Dates a run and its sessions may have: a clear message instead of year 1 or 9999.
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2099, 12, 31)
#: A choice index as posted: at most three ASCII digits (a quiz never has a thousand choices).
_CHOICE_INDEX = re.compile(r"[0-9]{1,3}")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RunForm(forms.ModelForm):
    """Set up or edit a course run. The teacher who creates a run always teaches it.

    ``user`` hosts runs in their own municipalities only, with teachers of those municipalities
    and the region's teachers (of no municipality): :func:`.access.own_municipalities`. A run they
    edit keeps its host and teachers as choices. A forged id outside gets the field's own error.
    """

    class Meta:
        model = CourseRun
        fields = ["course", "title", "host_municipality", "place", "start_date", "end_date", "schedule", "teachers", "auto_certificate"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "schedule": forms.Textarea(attrs={"rows": 3}),
            "teachers": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        scope = own_municipalities(user)
        current = self.instance.teachers.all() if self.instance.pk else []
        if not Municipality.objects.exists():
            del self.fields["host_municipality"]  # an installation for one municipality: nothing to choose
        elif scope is not None:
            hosts = Q(pk__in=scope) | Q(pk=self.instance.host_municipality_id)
            self.fields["host_municipality"].queryset = Municipality.objects.filter(hosts)
        teachers = get_user_model().objects.filter(groups__name=TEACHER_GROUP)
        if scope is not None:
            members = MunicipalityMembership.objects.values("user_id")
            teachers = teachers.filter(Q(pk__in=members.filter(municipality__in=scope)) | ~Q(pk__in=members))
        self.fields["teachers"].queryset = (
            get_user_model()
            .objects.filter(Q(pk__in=teachers.values("pk")) | Q(pk__in=current))
            .filter(is_active=True)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["teachers"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["teachers"].help_text = _("Other teachers of this run. You teach the runs you set up.")
        self.editing = self.instance.pk is not None
        if self.editing:
            self.fields["take_current_lessons"] = forms.BooleanField(
                required=False,
                label=_("Use the course's lessons as they are now"),
                help_text=_(
                    "A run keeps the lessons it started with. Tick this after the course has been updated to add "
                    "its new lessons to this run (and drop the ones it no longer has). The run's report changes."
                ),
            )

    def save(self, commit=True):
        run = super().save(commit=commit)
        # A new run takes the course's lessons when it is created (CourseRun.save); an existing one only
        # when asked, or when it now runs another course.
        if commit and self.editing and (self.cleaned_data.get("take_current_lessons") or "course" in self.changed_data):
            run.pin_course_lessons()
        if commit and not self.editing:
            add_plan_sessions(run)
        return run

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        for name, value in (("start_date", start), ("end_date", end)):
            if value and not FIRST_DATE <= value <= LAST_DATE:
                self.add_error(name, _date_range_error())
                start = end = None
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date: choose a date on or after %(start)s.") % {"start": start})
        return cleaned


def validate_name(value: str) -> None:
    if not usable_name(value):
        raise forms.ValidationError(
            _("The name has a character that cannot be used (a control character, or one that could not be read). Type the name again.")
        )


class FormKeyForm(forms.Form):
    """A form that may be sent only once: a hidden one-time key, made when the form is shown.

    The service that does the work records the key (``SubmittedParticipantForm``): a double click
    or a reload sends the same key again, and nothing is done twice. A post without a key (a
    script) gets a fresh one; a key that is not one of ours is refused.
    """

    form_key = forms.RegexField(regex=FORM_KEY, widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_key", new_form_key())
        self.fields["form_key"].error_messages["invalid"] = _("The form is out of date. Reload the page and send it again.")

    def clean_form_key(self) -> str:
        return self.cleaned_data["form_key"] or new_form_key()


class HomeMunicipalityMixin:
    """A ``municipality`` field (the participant's home municipality) when the installation has any.

    Default: the run's host. Left out where no municipality is set up, so nothing changes there.
    """

    def add_municipality_field(self, run) -> None:
        if not Municipality.objects.exists():
            return
        self.fields["municipality"] = forms.ModelChoiceField(
            queryset=Municipality.objects.order_by("name"),
            required=False,
            label=_("Home municipality"),
            help_text=_("The municipality the participant belongs to. It sees their progress and reports them to NIR."),
            initial=run.host_municipality_id if run is not None else None,
        )


class ParticipantForm(HomeMunicipalityMixin, FormKeyForm):
    """Add one participant: a new account from a name, or (admins only) an existing account by username.

    Without ``allow_existing`` the username field is left out: a teacher's name always makes a
    new account, so nothing a teacher types can reach, or reveal, an account that exists.
    """

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False, validators=[validate_name])
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False, validators=[validate_name])
    username = forms.CharField(
        label=_("…or the username of an existing account"),
        max_length=150,
        required=False,
        help_text=_("For a participant who already has an account, e.g. from an earlier course."),
    )

    def __init__(self, *args, allow_existing: bool = False, run=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_existing:
            del self.fields["username"]
        self.add_municipality_field(run)

    def clean(self):
        cleaned = super().clean()
        has_name = bool(cleaned.get("first_name", "").strip())
        has_username = bool(cleaned.get("username", "").strip())
        if "username" not in self.fields:
            if not has_name:
                raise forms.ValidationError(_("The first name is empty: type the participant's first name."))
        elif has_name == has_username:
            raise forms.ValidationError(_("Fill in either the participant's name or an existing username, not both."))
        return cleaned


class ParticipantsImportForm(HomeMunicipalityMixin, FormKeyForm):
    """A list of names, pasted or as a CSV file (one participant per line).

    A name twice in the list, or a name already in the run, is asked about first: the teacher
    ticks ``confirm_repeats`` if they are different people with the same name.
    """

    names = forms.CharField(
        label=_("Names, one participant per line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=MAX_PASTED_CHARACTERS,
        help_text=_("“First name Last name”, or first and last name separated by a semicolon."),
    )
    file = forms.FileField(label=_("…or a CSV file of names"), required=False)
    confirm_repeats = forms.BooleanField(
        label=_("Add them anyway: they are different people with the same name"), required=False
    )

    def __init__(self, *args, existing_names=(), run=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_names = list(existing_names)
        self.add_municipality_field(run)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        try:
            if upload is not None:
                if upload.size > MAX_UPLOAD_BYTES:
                    raise forms.ValidationError(_("The file is larger than 200 kB. A list of names is much smaller: is it the right file?"))
                text = decode_upload(upload.read())
            else:
                text = cleaned.get("names", "")
            cleaned["parsed"] = parse_names(text)
        except ParticipantError as exc:
            raise forms.ValidationError(str(exc)) from exc
        repeats = repeated_names(cleaned["parsed"], self.existing_names)
        if repeats and not cleaned.get("confirm_repeats"):
            self.add_error(
                "confirm_repeats",
                _("These names are on the list twice, or are in the course run already: %(names)s. Are they different people? Then tick the box and send again.")
                % {"names": ", ".join(repeats)},
            )
        return cleaned


class SessionForm(forms.ModelForm):
    """A session of ``run``: its date must lie within the run's dates."""

    class Meta:
        model = AttendanceSession
        fields = ["date", "hours", "topic"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, run=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.run = run

    def clean_date(self):
        day = self.cleaned_data["date"]
        if self.run is not None and not self.run.start_date <= day <= self.run.end_date:
            raise forms.ValidationError(
                _("The date is outside the course run: choose a date from %(start)s to %(end)s.")
                % {"start": self.run.start_date.strftime("%d.%m.%Y"), "end": self.run.end_date.strftime("%d.%m.%Y")}
            )
        return day

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and not 0 < hours <= 24:
            raise forms.ValidationError(_("Hours must be more than 0 and at most 24."))
        return hours


class AttendanceForm(forms.Form):
    """Who was present at one session: a checkbox per participant."""

    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, enrolments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(e.pk), _name(e.participant)) for e in enrolments]

    def present_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["present"]}


class CertificateForm(forms.Form):
    """Whom to issue a certificate to.

    Issuing to someone who has lessons left, or before the run's last day, needs ``confirm_early``
    ticked: the certificate then says "har deltatt" (took part) instead of "har fullført".
    """

    enrolments = forms.MultipleChoiceField(
        label=_("Issue a certificate to"), required=True, widget=forms.CheckboxSelectMultiple
    )
    confirm_early = forms.BooleanField(
        label=_("Issue them anyway. The certificate will say “took part in the course”, not “completed”."),
        required=False,
    )

    def __init__(self, *args, rows=(), lesson_count: int = 0, run_ended: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = {str(row.enrolment.pk): row for row in rows}
        self.run_ended = run_ended
        self.fields["enrolments"].choices = [
            (
                str(row.enrolment.pk),
                _("%(name)s – %(done)d of %(total)d lessons completed, %(hours)s hours attended")
                % {"name": _name(row.enrolment.participant), "done": row.completed, "total": lesson_count, "hours": _hours(row.hours)},
            )
            for row in rows
        ]

    def unfinished(self, chosen=None) -> list[str]:
        """Names of the (chosen) participants with lessons left."""
        keys = self.rows if chosen is None else chosen
        return [_name(self.rows[key].enrolment.participant) for key in keys if not self.rows[key].finished]

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("enrolments") or []
        unfinished = self.unfinished(chosen)
        if chosen and (unfinished or not self.run_ended) and not cleaned.get("confirm_early"):
            reasons = []
            if unfinished:
                reasons.append(str(_("not every lesson is completed by %(names)s") % {"names": ", ".join(unfinished)}))
            if not self.run_ended:
                reasons.append(str(_("the course run has not ended")))
            self.add_error(
                "confirm_early",
                _("Check before you issue: %(reasons)s. Tick the box to issue anyway.") % {"reasons": "; ".join(reasons)},
            )
        return cleaned

    def enrolment_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["enrolments"]}


class NirExportForm(forms.Form):
    """One municipality and a period, for the NIR export (``municipalities``: those the user may choose)."""

    kommune = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), to_field_name="number", label=_("Municipality"), empty_label=None
    )
    fra = forms.DateField(label=_("From"), widget=DateInput())
    til = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommune"].queryset = municipalities if municipalities is not None else Municipality.objects.all()
        self.fields["kommune"].error_messages["invalid_choice"] = _(
            "Choose one of the municipalities in the list (by its four-digit number)."
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("fra"), cleaned.get("til")
        for name, value in (("fra", start), ("til", end)):
            if value and not FIRST_DATE <= value <= LAST_DATE:
                self.add_error(name, _date_range_error())
                start = end = None
        if start and end and end < start:
            self.add_error("til", _("The end date is before the start date: choose a date on or after %(start)s.") % {"start": start})
        return cleaned


def quiz_answers(post: QueryDict, quiz_id: str) -> dict[str, list[int]]:
    """Posted answers of one quiz: fields ``<quiz id>-<question id>`` → choice indexes.

    Anything but a short run of ASCII digits (“²”, “٣”, a 5,000-digit number, text) becomes ``-1``,
    so that scoring reports it as out of range: ``str.isdigit`` alone would let “²” through to ``int``.
    """
    prefix = f"{quiz_id}-"
    answers: dict[str, list[int]] = {}
    for name in post:
        if name.startswith(prefix):
            answers[name[len(prefix) :]] = [int(v) if _CHOICE_INDEX.fullmatch(v) else -1 for v in post.getlist(name)]
    return answers


def _date_range_error() -> str:
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": FIRST_DATE.strftime("%d.%m.%Y"),
        "last": LAST_DATE.strftime("%d.%m.%Y"),
    }


def _hours(value) -> str:
    return floatformat(value, -1)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()

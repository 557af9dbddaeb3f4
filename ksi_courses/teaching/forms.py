"""Forms of the teaching pages. Parsing and checking only; the work happens in the services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from ksi_courses.models import CoursePage

from .enrolment import ParticipantError, decode_upload, parse_names
from .models import AttendanceSession, CourseRun
from .roles import TEACHER_GROUP

MAX_UPLOAD_BYTES = 200_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RunForm(forms.ModelForm):
    """Set up or edit a course run. The teacher who creates a run always teaches it."""

    class Meta:
        model = CourseRun
        fields = ["course", "title", "place", "start_date", "end_date", "schedule", "teachers", "auto_certificate"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "schedule": forms.Textarea(attrs={"rows": 3}),
            "teachers": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["teachers"].queryset = (
            get_user_model()
            .objects.filter(Q(groups__name=TEACHER_GROUP) | Q(pk__in=self.instance.teachers.all() if self.instance.pk else []))
            .filter(is_active=True)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["teachers"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["teachers"].help_text = _("Other teachers of this run. You teach the runs you set up.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date: choose a date on or after %(start)s.") % {"start": start})
        return cleaned


class ParticipantForm(forms.Form):
    """Add one participant: a new account from a name, or an existing account by username."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    username = forms.CharField(
        label=_("…or the username of an existing account"),
        max_length=150,
        required=False,
        help_text=_("For a participant who already has an account, e.g. from an earlier course."),
    )

    def clean(self):
        cleaned = super().clean()
        has_name = bool(cleaned.get("first_name", "").strip())
        has_username = bool(cleaned.get("username", "").strip())
        if has_name == has_username:
            raise forms.ValidationError(_("Fill in either the participant's name or an existing username, not both."))
        return cleaned


class ParticipantsImportForm(forms.Form):
    """A list of names, pasted or as a CSV file (one participant per line)."""

    names = forms.CharField(
        label=_("Names, one participant per line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("“First name Last name”, or first and last name separated by a semicolon."),
    )
    file = forms.FileField(label=_("…or a CSV file of names"), required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("The file is larger than 200 kB. A list of names is much smaller: is it the right file?"))
            text = decode_upload(upload.read())
        else:
            text = cleaned.get("names", "")
        try:
            cleaned["parsed"] = parse_names(text)
        except ParticipantError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = AttendanceSession
        fields = ["date", "hours", "topic"]
        widgets = {"date": DateInput()}

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
    """Whom to issue a certificate to."""

    enrolments = forms.MultipleChoiceField(
        label=_("Issue a certificate to"), required=True, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, rows=(), lesson_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].choices = [
            (
                str(row.enrolment.pk),
                _("%(name)s – %(done)d of %(total)d lessons completed, %(hours)s hours attended")
                % {"name": _name(row.enrolment.participant), "done": row.completed, "total": lesson_count, "hours": _hours(row.hours)},
            )
            for row in rows
        ]

    def enrolment_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["enrolments"]}


def quiz_answers(post: QueryDict, quiz_id: str) -> dict[str, list[int]]:
    """Posted answers of one quiz: fields ``<quiz id>-<question id>`` → choice indexes.

    Values that are not numbers become ``-1`` so that scoring reports them as out of range.
    """
    prefix = f"{quiz_id}-"
    answers: dict[str, list[int]] = {}
    for name in post:
        if name.startswith(prefix):
            answers[name[len(prefix) :]] = [int(v) if v.lstrip("-").isdigit() else -1 for v in post.getlist(name)]
    return answers


def _hours(value) -> str:
    return floatformat(value, -1)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()

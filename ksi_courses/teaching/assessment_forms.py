"""Forms for recording an assessment result and ticking off practice logbook tasks."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from course_content.assessment import Assessment
from course_content.logbook import TASK_KIND_NAMES, Logbook

from .assessments import ResultInput


class AssessmentResultForm(forms.Form):
    skills = forms.MultipleChoiceField(
        label=_("Skills the participant masters"), required=False, widget=forms.CheckboxSelectMultiple
    )
    quiz_score = forms.IntegerField(label=_("Correct answers in the quiz"), required=False, min_value=0)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=300,
        help_text=_("About the assessment only, e.g. what to practise more. At most 300 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = [(skill.id, f"{skill.text} ({skill.lesson_title})") for skill in assessment.skills]
        total = len(assessment.quiz)
        self.fields["quiz_score"].validators.append(MaxValueValidator(total))
        self.fields["quiz_score"].widget.attrs.update(min=0, max=total)
        self.fields["quiz_score"].help_text = _("Between 0 and %(total)d. Leave it empty if the quiz was not taken.") % {"total": total}

    def result(self) -> ResultInput:
        return ResultInput(
            skills_passed=list(self.cleaned_data["skills"]),
            quiz_score=self.cleaned_data["quiz_score"],
            note=self.cleaned_data["note"],
        )


class LogbookForm(forms.Form):
    tasks = forms.MultipleChoiceField(label=_("Tasks done"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, logbook: Logbook, **kwargs):
        super().__init__(*args, **kwargs)
        groups = {}
        for week, task, key in logbook.task_keys():
            label = _("Week %(number)d: %(theme)s") % {"number": week.number, "theme": week.theme}
            groups.setdefault(label, []).append((key, f"{TASK_KIND_NAMES[task.kind]}: {task.text}"))
        self.fields["tasks"].choices = list(groups.items())

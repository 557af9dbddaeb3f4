"""What a run's participants sent through the course's forms (course evaluation and others),
summarised per question for the run's teacher.

Only submissions sent while logged in by a participant of the run, after they joined it, are the
run's: nothing from other runs, nothing sent without logging in (that cannot be tied to a run). A
participant in two runs of the same course has each submission counted once, in the run they
joined last before sending it.
Choices are counted; written answers are listed. Names go with the answers only where the form
asks for them: a course evaluation is anonymous ("Du skriver ikke navnet ditt"), so its written
answers carry no name and are sorted by text, not by who sent them or when.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ksi_courses.form_pages import CourseFormPage, CourseFormSubmission

from .models import CourseRun, Enrolment

#: Kinds of forms whose answers are shown without names (``form_kind`` of the form page).
ANONYMOUS_FORM_KINDS = frozenset({"course_evaluation"})
#: Wagtail form field types whose answers are counted per choice.
CHOICE_FIELD_TYPES = frozenset({"radio", "dropdown", "checkboxes", "multiselect", "checkbox"})
YES, NO = "Ja", "Nei"


@dataclass
class QuestionSummary:
    """One question of a form: counts per choice, or the written answers."""

    label: str
    counted: bool
    counts: list[tuple[str, int]] = field(default_factory=list)
    #: (name or "", answer); the name is empty on anonymous forms.
    answers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class FormSummary:
    page: CourseFormPage
    anonymous: bool
    count: int
    questions: list[QuestionSummary]


def run_submissions(run: CourseRun) -> list[FormSummary]:
    """The run's submissions per form of its course (forms without any are left out)."""
    participants = run.enrolments.values_list("participant_id", flat=True)
    # A participant in several runs of the course: a submission is the run's they joined last before sending it.
    joined: dict[int, list[tuple]] = {}
    for participant_id, enrolled_at, run_id in (
        Enrolment.objects.filter(participant_id__in=participants, run__course_id=run.course_id)
        .order_by("enrolled_at", "pk")
        .values_list("participant_id", "enrolled_at", "run_id")
    ):
        joined.setdefault(participant_id, []).append((enrolled_at, run_id))
    pages = list(CourseFormPage.objects.child_of(run.course).live().prefetch_related("form_fields"))
    sent = CourseFormSubmission.objects.filter(page__in=pages, user_id__in=joined).select_related("user").order_by("submit_time", "pk")
    by_page: dict[int, list[CourseFormSubmission]] = {}
    for submission in sent:
        if _run_of(joined[submission.user_id], submission.submit_time) == run.pk:
            by_page.setdefault(submission.page_id, []).append(submission)
    summaries = []
    for page in pages:
        if page.pk in by_page:
            anonymous = page.form_kind in ANONYMOUS_FORM_KINDS
            questions = [_question(form_field, by_page[page.pk], anonymous) for form_field in page.form_fields.all()]
            summaries.append(FormSummary(page, anonymous, len(by_page[page.pk]), questions))
    return summaries


def _question(form_field, submissions, anonymous: bool) -> QuestionSummary:
    values = [(s, s.form_data.get(form_field.clean_name)) for s in submissions]
    if form_field.field_type in CHOICE_FIELD_TYPES:
        counter: Counter[str] = Counter()
        for _submission, value in values:
            for choice in _chosen(value):
                counter[choice] += 1
        declared = [YES, NO] if form_field.field_type == "checkbox" else _choices(form_field.choices)
        counts = [(choice, counter.pop(choice, 0)) for choice in declared]
        counts += sorted(counter.items())  # answers no longer among the choices (the form was edited)
        return QuestionSummary(form_field.label, counted=True, counts=counts)
    answers = [
        ("" if anonymous else _name(submission.user), _text(value)) for submission, value in values if _text(value)
    ]
    if anonymous:
        answers.sort(key=lambda item: item[1].casefold())
    return QuestionSummary(form_field.label, counted=False, answers=answers)


def _chosen(value) -> list[str]:
    if isinstance(value, bool):
        return [YES if value else NO]
    if isinstance(value, list):
        return [str(item) for item in value if str(item)]
    return [str(value)] if value not in (None, "") else []


def _choices(text: str) -> list[str]:
    """Choices as Wagtail reads them: one per line, or separated by commas."""
    parts = text.split("\n") if "\n" in text else text.split(",")
    return [part.strip() for part in parts if part.strip()]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value).strip()


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _run_of(enrolments: list[tuple], sent_at) -> int | None:
    """The run of the enrolment, among ``(enrolled_at, run_id)`` in order, made last before ``sent_at``."""
    runs = [run_id for enrolled_at, run_id in enrolments if enrolled_at <= sent_at]
    return runs[-1] if runs else None

"""The teacher's assessment pages of a run: results per participant and the practice logbook.

Same rules as every run page (:func:`.teacher.teacher_view`): login, the teacher role, and a run
the user teaches (admins manage every run).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from course_content.logbook import TASK_KIND_NAMES, task_key

from .. import assessments
from ..assessment_forms import AssessmentResultForm, LogbookForm
from .teacher import _form_page, teacher_view


@teacher_view
@require_http_methods(["GET"])
def overview(request, run):
    """Participants × assessments, and the logbook tasks each has done."""
    found = assessments.run_assessments(run)
    logbook = assessments.run_logbook(run)
    results = assessments.results_by_enrolment(run)
    ticks = assessments.ticks_by_enrolment(run)
    enrolments = list(run.enrolments.select_related("participant"))
    rows = [
        (enrolment, [(item, results.get(enrolment.pk, {}).get(item.id)) for item in found], ticks.get(enrolment.pk, 0))
        for enrolment in enrolments
    ]
    context = {
        "run": run,
        "assessments": found,
        "rows": rows,
        "logbook": logbook,
        "task_count": sum(1 for _ in logbook.task_keys()) if logbook else 0,
    }
    return render(request, "ksi_teaching/assessments.html", context)


@teacher_view
@require_http_methods(["GET", "POST"])
def record(request, run, assessment_id: str, enrolment_id: int):
    """Record one participant's result in one assessment."""
    enrolment = get_object_or_404(run.enrolments.select_related("participant"), pk=enrolment_id)
    assessment = assessments.run_assessment(run, assessment_id)
    if assessment is None:
        raise Http404("no such assessment")
    existing = assessments.results_by_enrolment(run).get(enrolment.pk, {}).get(assessment.id)
    initial = (
        {"skills": existing.skills_passed, "quiz_score": existing.quiz_score, "note": existing.note} if existing else None
    )
    form = AssessmentResultForm(request.POST or None, initial=initial, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        assessments.record_result(enrolment, assessment, form.result(), recorded_by=request.user)
        name = enrolment.participant.get_full_name() or enrolment.participant.get_username()
        messages.success(request, _("The result for %(name)s is saved.") % {"name": name})
        return redirect("ksi_teaching:assessments", run_id=run.pk)
    context = {"run": run, "enrolment": enrolment, "assessment": assessment, "form": form, "existing": existing}
    return _form_page(request, "ksi_teaching/assessment_result.html", context)


@teacher_view
@require_http_methods(["GET", "POST"])
def logbook(request, run, enrolment_id: int):
    """Tick off the practice logbook tasks one participant has done."""
    enrolment = get_object_or_404(run.enrolments.select_related("participant"), pk=enrolment_id)
    book = assessments.run_logbook(run)
    if book is None:
        raise Http404("this course has no practice logbook")
    initial = {"tasks": sorted(assessments.ticked_tasks(enrolment))}
    form = LogbookForm(request.POST or None, initial=initial, logbook=book)
    if request.method == "POST" and form.is_valid():
        count = assessments.save_ticks(enrolment, book, form.cleaned_data["tasks"], ticked_by=request.user)
        name = enrolment.participant.get_full_name() or enrolment.participant.get_username()
        messages.success(request, _("Logbook saved: %(count)d tasks done for %(name)s.") % {"count": count, "name": name})
        return redirect("ksi_teaching:assessments", run_id=run.pk)
    chosen = set(form.data.getlist("tasks")) if form.is_bound else set(initial["tasks"])
    weeks = [
        (week, [(task_key(week.number, t.id), TASK_KIND_NAMES[t.kind], t.text, task_key(week.number, t.id) in chosen) for t in week.tasks])
        for week in book.weeks
    ]
    context = {"run": run, "enrolment": enrolment, "logbook": book, "form": form, "weeks": weeks}
    return _form_page(request, "ksi_teaching/logbook.html", context)

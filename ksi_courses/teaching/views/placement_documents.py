"""The teacher's side of a placement's documents: the filled files, the evaluations, the mentor link.

Every view is for the run's teachers and the municipality admins (:func:`.teacher.teacher_view`);
a placement of another run is a 404 like the run itself.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from ksi_courses.documents import course_for

from .. import mentor_links
from ..placement_documents import (
    EVALUATION_FORM,
    DocumentNotAvailable,
    document_response,
    evaluation_facts,
    evaluation_parts,
)
from ..placement_models import Placement, PlacementEvaluation
from .pdf import request_branding
from .teacher import teacher_view


def run_placement(run, placement_id: int) -> Placement:
    """The placement ``placement_id`` of ``run`` (404 if it belongs to another run)."""
    placements = Placement.objects.select_related("workplace", "enrolment__participant", "enrolment__run__course")
    return get_object_or_404(placements, pk=placement_id, enrolment__run=run)


@teacher_view
@require_http_methods(["GET"])
def placement_file(request, run, placement_id: int, document: str, fmt: str):
    """The agreement, confidentiality declaration, letter or evaluation of a placement, as PDF or DOCX."""
    placement = run_placement(run, placement_id)
    try:
        return document_response(
            placement, document, fmt, site=Site.find_for_request(request), branding=request_branding(request)
        )
    except DocumentNotAvailable as exc:
        raise Http404(str(exc)) from None


def _answered(form, field_ids, answers: dict) -> list[tuple[str, str]]:
    """``(question, answer)`` for the answered fields, in the form's order."""
    labels = {form_field.id: form_field.label for form_field in form.fields}
    shown = []
    for field_id in field_ids:
        value = answers.get(field_id)
        if value in (None, "", [], False):
            continue
        text = _("Yes") if value is True else ", ".join(value) if isinstance(value, list) else str(value)
        shown.append((labels[field_id], text))
    return shown


def _page(request, run, placement, *, new_link=None, link_error: str = "", status: int = 200):
    form = course_for(run.course).forms[EVALUATION_FORM]
    parts = evaluation_parts(form)
    by_author = {evaluation.author: evaluation for evaluation in placement.evaluations.all()}
    evaluations = []
    for author, label, fields in (
        (PlacementEvaluation.Author.MENTOR, _("Mentor at the workplace (part 1)"), parts.facts + parts.mentor),
        (PlacementEvaluation.Author.PARTICIPANT, _("Participant (part 2)"), parts.facts + parts.participant),
    ):
        evaluation = by_author.get(author)
        evaluations.append(
            {"label": label, "evaluation": evaluation, "answers": _answered(form, fields, evaluation.answers) if evaluation else []}
        )
    context = {
        "run": run,
        "placement": placement,
        "facts": evaluation_facts(placement),
        "evaluations": evaluations,
        "current_link": mentor_links.current_link(placement),
        "new_link": new_link,
        "new_link_url": request.build_absolute_uri(reverse("ksi_teaching:mentor_evaluation", kwargs={"token": new_link.token}))
        if new_link
        else "",
        "link_error": link_error,
        "default_days": mentor_links.DEFAULT_DAYS,
        "max_days": mentor_links.MAX_DAYS,
    }
    response = render(request, "ksi_teaching/mentor/placement.html", context, status=status)
    response["Cache-Control"] = "private, no-store"  # the one time the token is shown
    return response


@teacher_view
@require_http_methods(["GET"])
def placement_evaluations(request, run, placement_id: int):
    """A placement's evaluations by the mentor and the participant, its documents and mentor link."""
    return _page(request, run, run_placement(run, placement_id))


@teacher_view
@require_POST
def mentor_link_create(request, run, placement_id: int):
    """Make a new mentor link (the old one stops working) and show it this once."""
    placement = run_placement(run, placement_id)
    raw = request.POST.get("days", "").strip() or str(mentor_links.DEFAULT_DAYS)
    try:
        days = int(raw)
        new_link = mentor_links.create_link(placement, request.user, days=days)
    except ValueError:
        message = _("Days valid must be a whole number from 1 to %(max)d (you wrote “%(value)s”).") % {
            "max": mentor_links.MAX_DAYS,
            "value": raw[:20],
        }
        return _page(request, run, placement, link_error=message, status=400)
    return _page(request, run, placement, new_link=new_link)

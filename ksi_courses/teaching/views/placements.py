"""Practice placements, the teacher's side: workplaces, placing participants, the run's
timetable with placement days, the overview (who is where this week, what is missing) and the CSV.

Workplaces: admins and teachers, for the municipalities they belong to (all when they belong to
none; see :func:`..placements.workplaces_for`). A run's placements: whoever manages the run; the
overview also, read-only, a municipality admin whose participants are in a run hosted elsewhere.
"""

from __future__ import annotations

import functools
import io
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import assessments, placements
from ..access import run_enrolments
from ..placement_forms import PlacementForm, WorkplaceForm
from .teacher import _form_page, teacher_view

# --- workplaces ---------------------------------------------------------------------------------


def _workplace_view(view):
    """Login, then the teacher role (403 without it); with ``workplace_id``, one the user manages."""

    @teacher_view
    @functools.wraps(view)
    def wrapper(request, *args, workplace_id: int | None = None, **kwargs):
        if workplace_id is None:
            return view(request, *args, **kwargs)
        return view(request, placements.managed_workplace(request.user, workplace_id), *args, **kwargs)

    return wrapper


@_workplace_view
@require_http_methods(["GET"])
def workplace_list(request):
    """The workplaces of the user's municipalities."""
    context = {
        "workplaces": placements.workplaces_for(request.user),
        "can_add": placements.municipalities_for(request.user).exists(),
    }
    return render(request, "ksi_teaching/placements/workplace_list.html", context)


@_workplace_view
@require_http_methods(["GET", "POST"])
def workplace_create(request):
    municipalities = placements.municipalities_for(request.user)
    if not municipalities.exists():  # the list page says what to do
        context = {"workplaces": [], "can_add": False}
        return render(request, "ksi_teaching/placements/workplace_list.html", context, status=409)
    form = WorkplaceForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        workplace = form.save()
        messages.success(request, _("The workplace “%(name)s” is registered.") % {"name": workplace.name})
        return redirect("ksi_teaching:workplaces")
    return _form_page(request, "ksi_teaching/placements/workplace_form.html", {"form": form})


@_workplace_view
@require_http_methods(["GET", "POST"])
def workplace_edit(request, workplace):
    municipalities = placements.municipalities_for(request.user)
    form = WorkplaceForm(request.POST or None, instance=workplace, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The workplace “%(name)s” is saved.") % {"name": workplace.name})
        return redirect("ksi_teaching:workplaces")
    context = {"form": form, "workplace": workplace, "placement_count": workplace.placements.count()}
    return _form_page(request, "ksi_teaching/placements/workplace_form.html", context)


# --- a run's placements ---------------------------------------------------------------------------


@teacher_view(partial=True)
@require_http_methods(["GET"])
def overview(request, run):
    """The run's "Praksis" tab: who is where this week (``?uke=2026-W03`` for another week),
    every placement, the agreements not signed and the evaluations missing.

    A municipality admin looking at a run hosted elsewhere sees their own participants'
    placements only, read-only: no links to edit, documents, evaluations or mentor links
    (:func:`..placements.run_placements` does the filtering).
    """
    chosen = request.GET.get("uke", "")
    monday = placements.parse_week(chosen) if chosen else placements.monday_of(timezone.localdate())
    if monday is None:
        raise Http404("no such week")
    week = placements.weeks(run, monday, monday)[0]
    context = {
        "run": run,
        "week": week,
        "previous_week": placements.year_week(monday - timedelta(weeks=1)),
        "next_week": placements.year_week(monday + timedelta(weeks=1)),
        "placements": [
            (p, placements.weekdays_text(p.weekdays), placements.placement_hours(p))
            for p in placements.run_placements(run).order_by("start_date", "pk")
        ],
        "without_agreement": placements.without_agreement(run),
        "missing_evaluations": placements.missing_evaluations(run),
        "has_enrolments": run_enrolments(run).exists(),
        "partial": run.ksi_scope is not None,
    }
    return render(request, "ksi_teaching/placements/overview.html", context)


@teacher_view
@require_http_methods(["GET"])
def timetable(request, run):
    """Every week of the run: classroom sessions beside who is at which workplace each day."""
    found = placements.run_placements(run)
    first = min([run.start_date, *found.values_list("start_date", flat=True)])
    last = max([run.end_date, *found.values_list("end_date", flat=True)])
    shown = [week for week in placements.weeks(run, first, last) if not week.empty]
    return render(request, "ksi_teaching/placements/timetable.html", {"run": run, "weeks": shown})


def _placement_page(request, run, placement=None):
    form = PlacementForm(
        request.POST or None,
        run=run,
        workplaces=placements.workplaces_for(request.user),
        logbook=assessments.run_logbook(run),
        placement=placement,
    )
    if request.method == "POST" and form.is_valid():
        enrolment = placement.enrolment if placement else form.cleaned_data["enrolment"]
        try:
            saved = placements.save_placement(enrolment, form.values(), placement)
        except placements.PlacementOverlap as exc:
            form.add_error("start_date", str(exc))
        except ValidationError as exc:  # the service's own rules (the form checks them first)
            form.add_error(None, exc)
        else:
            name = saved.enrolment.participant.get_full_name() or saved.enrolment.participant.get_username()
            messages.success(
                request,
                _("The placement of %(name)s at %(workplace)s is saved.")
                % {"name": name, "workplace": saved.workplace.name},
            )
            return redirect("ksi_teaching:placements", run_id=run.pk)
    context = {
        "run": run,
        "form": form,
        "placement": placement,
        "has_workplaces": form.fields["workplace"].queryset.exists(),
    }
    return _form_page(request, "ksi_teaching/placements/placement_form.html", context)


@teacher_view
@require_http_methods(["GET", "POST"])
def placement_create(request, run):
    return _placement_page(request, run)


@teacher_view
@require_http_methods(["GET", "POST"])
def placement_edit(request, run, placement_id: int):
    placement = get_object_or_404(placements.run_placements(run), pk=placement_id)
    return _placement_page(request, run, placement)


@teacher_view
@require_http_methods(["GET"])
def placements_csv(request, run):
    """The run's placements as CSV, for the municipality's reporting."""
    out = io.StringIO()
    placements.write_placements_csv(run, out)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="praksis-{run.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response

"""The teacher's pages: runs, participants, attendance, progress, certificates and the report.

Every view here goes through :func:`teacher_view`: login, the teacher role (403 without it) and,
for a run's pages, a run the user teaches (404 otherwise; admins manage every run). A municipality
admin sees a run hosted by another municipality only on the read-only pages marked
``partial=True``, and there only their own municipality's participants (see :mod:`..access`).
"""

from __future__ import annotations

import functools
import io

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import attendance, enrolment, login_locks
from .. import run_passwords as run_passwords_service
from ..access import (
    admin_scope,
    can_manage_all_runs,
    can_reset_password,
    can_teach,
    lock_liftable,
    managed_run,
    partial_scope,
    password_resettable,
    run_enrolments,
    runs_for,
    scope_enrolments,
)
from ..credentials import KEEP_MINUTES
from ..credentials import keep as keep_credentials
from ..credentials import kept as kept_credentials
from ..forms import (
    AttendanceForm,
    FormKeyForm,
    ParticipantForm,
    ParticipantsImportForm,
    RunForm,
    SessionForm,
)
from ..lessons import lesson_modules
from ..models import Municipality, SubmittedParticipantForm
from ..municipalities import home_municipality
from ..reports import progress_matrix, write_report_csv
from .account import LOGIN_URL
from .pdf import pdf_response, request_branding


def teacher_view(view=None, *, partial: bool = False):
    """Login and the teacher role; with ``run_id`` in the URL, the run (theirs) as ``run``.

    ``partial=True``: a read-only page a municipality admin may also open for a run hosted
    elsewhere (``run.ksi_scope`` set; a POST there is 404 as well).
    """
    if view is None:
        return functools.partial(teacher_view, partial=partial)

    @functools.wraps(view)
    def wrapper(request, *args, run_id: int | None = None, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), LOGIN_URL)
        if run_id is None:
            if not can_teach(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        run = managed_run(request.user, run_id, partial=partial and request.method in ("GET", "HEAD"))
        return view(request, run, *args, **kwargs)

    return wrapper


def _no_store(response: HttpResponse) -> HttpResponse:
    """Pages with one-time passwords must not be kept by the browser or proxies."""
    response["Cache-Control"] = "no-store"
    return response


# --- runs ---------------------------------------------------------------------------------------


@teacher_view
@require_http_methods(["GET"])
def run_list(request):
    runs = list(runs_for(request.user).annotate(participant_count=Count("enrolments")))
    if (scope := admin_scope(request.user)) is not None:
        # Runs hosted elsewhere: count only the participants this admin answers for.
        for run in runs:
            run.ksi_scope = partial_scope(request.user, run)
            if run.ksi_scope is not None:
                run.participant_count = run_enrolments(run).count()
    reports = can_manage_all_runs(request.user)
    return render(request, "ksi_teaching/run_list.html", {"runs": runs, "scope": scope, "reports": reports})


@teacher_view
@require_http_methods(["GET", "POST"])
def run_create(request):
    initial = {"host_municipality": home_municipality(request.user)}
    form = RunForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        run = form.save()
        run.teachers.add(request.user)
        messages.success(request, _("The course run “%(title)s” is set up. Add the participants next.") % {"title": run.title})
        return redirect("ksi_teaching:run", run_id=run.pk)
    return _form_page(request, "ksi_teaching/run_form.html", {"form": form})


@teacher_view
@require_http_methods(["GET", "POST"])
def run_edit(request, run):
    form = RunForm(request.POST or None, user=request.user, instance=run)
    if request.method == "POST" and form.is_valid():
        form.save()
        if not can_manage_all_runs(request.user):
            run.teachers.add(request.user)  # unticking oneself would lock one out of the run
        messages.success(request, _("The course run is saved."))
        return redirect("ksi_teaching:run", run_id=run.pk)
    return _form_page(request, "ksi_teaching/run_form.html", {"form": form, "run": run})


@teacher_view(partial=True)
@require_http_methods(["GET"])
def run_detail(request, run):
    enrolments = list(run_enrolments(run).select_related("participant"))
    participant_ids = [e.participant_id for e in enrolments]
    locked = login_locks.locked_usernames(request, (e.participant.get_username() for e in enrolments))
    return render(
        request,
        "ksi_teaching/run_detail.html",
        {
            "run": run,
            "enrolments": enrolments,
            "resettable": password_resettable(request.user, participant_ids),
            "locked": locked,
            "liftable": lock_liftable(request.user, participant_ids) if locked else set(),
            "teachers": run.teachers.all(),
            "sessions": run.sessions.all(),
            "run_templates": run.course.specific.get_templates() if run.ksi_scope is None else (),
            "partial": run.ksi_scope is not None,
        },
    )


# --- participants -------------------------------------------------------------------------------


@teacher_view
@require_http_methods(["GET", "POST"])
def participant_add(request, run):
    if sent := _sent_before(request, run):
        return sent
    # Enrolling an account that exists is for admins only: see ParticipantForm.
    form = ParticipantForm(request.POST or None, allow_existing=can_manage_all_runs(request.user), run=run)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data.get("username", "").strip():
                added = enrolment.enrol_existing(run, form.cleaned_data["username"], form.cleaned_data.get("municipality"))
                messages.success(request, _("%(name)s is added to the course run.") % {"name": added.participant.get_full_name() or added.participant})
                return redirect("ksi_teaching:run", run_id=run.pk)
            name = (form.cleaned_data["first_name"], form.cleaned_data["last_name"])
            return _added(request, run, form.cleaned_data["form_key"], [name], form.cleaned_data.get("municipality"))
        except enrolment.ParticipantError as exc:
            form.add_error(None, str(exc))
    return _form_page(request, "ksi_teaching/participant_form.html", {"run": run, "form": form})


@teacher_view
@require_http_methods(["GET", "POST"])
def participants_import(request, run):
    if sent := _sent_before(request, run):
        return sent
    existing = [e.participant.get_full_name() for e in run.enrolments.select_related("participant")]
    form = ParticipantsImportForm(request.POST or None, request.FILES or None, existing_names=existing, run=run)
    if request.method == "POST" and form.is_valid():
        parsed = form.cleaned_data["parsed"]
        return _added(request, run, form.cleaned_data["form_key"], parsed, form.cleaned_data.get("municipality"))
    return _form_page(request, "ksi_teaching/participants_import.html", {"run": run, "form": form})


def _sent_before(request, run):
    """The password page, if this form (by its key) has added its participants already."""
    key = request.POST.get("form_key", "")
    if request.method == "POST" and SubmittedParticipantForm.objects.filter(run=run, key=key).exists():
        return redirect("ksi_teaching:new_credentials", run_id=run.pk, key=key)
    return None


def _added(request, run, key: str, names: list[tuple[str, str]], municipality=None):
    """Add ``names`` once per form key, keep their passwords for the next page and go there (POST → GET)."""
    try:
        added = enrolment.add_participants(run, names, key=key, municipality=municipality)
    except enrolment.AlreadySubmitted:
        pass  # a double click or a reload: the first submission's page shows the passwords
    else:
        keep_credentials(request.session, run.pk, key, added)
    return redirect("ksi_teaching:new_credentials", run_id=run.pk, key=key)


@teacher_view
@require_http_methods(["GET"])
def new_credentials(request, run, key: str):
    """The one-time passwords of the participants a form just added (see :mod:`..credentials`)."""
    shown = kept_credentials(request.session, run.pk, key)
    if shown is None:
        if not SubmittedParticipantForm.objects.filter(run=run, key=key).exists():
            raise Http404("no such form")
        messages.info(
            request,
            _("The participants are added. Their passwords are no longer shown: give a participant a new one-time password below if needed."),
        )
        return redirect("ksi_teaching:run", run_id=run.pk)
    context = {"run": run, "credentials": shown, "keep_minutes": KEEP_MINUTES}
    return _no_store(render(request, "ksi_teaching/credentials.html", context))


def _form_page(request, template: str, context: dict) -> HttpResponse:
    """A form page; 400 when a sent form was refused, so that the refusal is plain to any client."""
    form = context["form"]
    return render(request, template, context, status=400 if form.is_bound and form.errors else 200)


@teacher_view
@require_POST
def new_password(request, run, enrolment_id: int):
    target = get_object_or_404(run.enrolments.select_related("participant"), pk=enrolment_id)
    if not can_reset_password(request.user, target.participant):
        raise PermissionDenied(_("Only the municipality admin can give this account a new password."))
    credentials = [enrolment.new_one_time_password(target)]
    return _no_store(render(request, "ksi_teaching/credentials.html", {"run": run, "credentials": credentials}))


@teacher_view
@require_POST
def unlock(request, run, enrolment_id: int):
    """Lift the lock on a participant's login after too many wrong passwords (django-axes)."""
    target = get_object_or_404(run.enrolments.select_related("participant"), pk=enrolment_id)
    participant = target.participant
    if participant.pk not in lock_liftable(request.user, [participant.pk]):
        raise PermissionDenied(_("Only the municipality admin can open this account."))
    login_locks.lift(participant.get_username())
    name = participant.get_full_name() or participant.get_username()
    messages.success(request, _("%(name)s can log in again.") % {"name": name})
    return redirect(reverse("ksi_teaching:run", kwargs={"run_id": run.pk}) + "#deltakere")


@teacher_view
@require_POST
def password_sheet(request, run):
    """The one-time passwords just shown, as a PDF to print (re-posted by the credentials page).

    Nothing is stored: the passwords come from the form. Names and usernames are taken from the
    run's own participants, so the sheet can only name people in this run.
    """
    from exports.course_run import LoginSlip, PasswordSheet, render_password_sheet_pdf

    participants = {e.participant.get_username(): e.participant for e in run.enrolments.select_related("participant")}
    usernames, passwords = request.POST.getlist("username"), request.POST.getlist("password")
    slips = tuple(
        LoginSlip(participants[u].get_full_name() or u, u, p) for u, p in zip(usernames, passwords, strict=False) if u in participants and p
    )
    if not slips:
        messages.error(request, _("There were no passwords to print. Add participants first."))
        return redirect("ksi_teaching:run", run_id=run.pk)
    sheet = PasswordSheet(run.title, request.build_absolute_uri(reverse("ksi_teaching:login")), slips)
    return _no_store(pdf_response(render_password_sheet_pdf(sheet, request_branding(request)), "passord.pdf"))


@teacher_view
@require_http_methods(["GET", "POST"])
def run_passwords(request, run):
    """New one-time passwords, and a sheet to print, for everyone in the run who never logged in."""
    if sent := _sent_before(request, run):
        return sent
    form = FormKeyForm(request.POST if request.method == "POST" else None)  # a post without a key gets one
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["form_key"]
        try:
            made = run_passwords_service.renew(request.user, run, key)
        except enrolment.AlreadySubmitted:
            return redirect("ksi_teaching:new_credentials", run_id=run.pk, key=key)
        if not made:
            messages.info(request, _("Everyone in the course run has logged in: no new passwords were needed."))
            return redirect("ksi_teaching:run", run_id=run.pk)
        keep_credentials(request.session, run.pk, key, made)
        return redirect("ksi_teaching:new_credentials", run_id=run.pk, key=key)
    renewable, others = run_passwords_service.never_logged_in(request.user, run)
    context = {"run": run, "form": form, "renewable": renewable, "others": others}
    return _form_page(request, "ksi_teaching/run_passwords.html", context)


# --- attendance ---------------------------------------------------------------------------------


@teacher_view
@require_http_methods(["GET", "POST"])
def sessions(request, run):
    form = SessionForm(request.POST or None, run=run)
    if request.method == "POST" and form.is_valid():
        session = attendance.add_session(run, form.cleaned_data["date"], form.cleaned_data["hours"], form.cleaned_data["topic"])
        return redirect("ksi_teaching:attendance", run_id=run.pk, session_id=session.pk)
    listed = run.sessions.annotate(present=Count("attendance", filter=Q(attendance__present=True)))
    context = {"run": run, "sessions": listed, "form": form, "participant_count": run.enrolments.count()}
    return _form_page(request, "ksi_teaching/sessions.html", context)


@teacher_view
@require_http_methods(["GET", "POST"])
def session_attendance(request, run, session_id: int):
    session = get_object_or_404(run.sessions, pk=session_id)
    enrolments = list(run.enrolments.select_related("participant"))
    if request.method == "POST":
        form = AttendanceForm(request.POST, enrolments=enrolments)
        if form.is_valid():
            count = attendance.record_attendance(session, form.present_ids())
            messages.success(
                request,
                ngettext("Attendance saved: %(count)d of %(total)d present.", "Attendance saved: %(count)d of %(total)d present.", count)
                % {"count": count, "total": len(enrolments)},
            )
            return redirect("ksi_teaching:sessions", run_id=run.pk)
    else:
        form = AttendanceForm(initial={"present": [str(pk) for pk in attendance.present_ids(session)]}, enrolments=enrolments)
    return _form_page(request, "ksi_teaching/attendance.html", {"run": run, "session": session, "form": form})


@teacher_view
@require_POST
def attendance_all(request, run, session_id: int):
    """Everyone present at one session: the usual case, in one click."""
    session = get_object_or_404(run.sessions, pk=session_id)
    count = attendance.record_attendance(session, run.enrolments.values_list("pk", flat=True))
    messages.success(
        request,
        ngettext("Attendance saved for %(date)s: all %(count)d present.", "Attendance saved for %(date)s: all %(count)d present.", count)
        % {"date": date_format(session.date, "j. F Y"), "count": count},
    )
    return redirect("ksi_teaching:sessions", run_id=run.pk)


# --- progress, report, forms ---------------------------------------------------------------------


@teacher_view(partial=True)
@require_http_methods(["GET"])
def progress(request, run):
    """The progress matrix; ``?modul=<module page id>`` shows that module's lessons only."""
    matrix = progress_matrix(run, run_enrolments(run))
    modules = lesson_modules(matrix.lessons)
    chosen = request.GET.get("modul", "")
    shown = [
        i for i, lesson in enumerate(matrix.lessons) if not chosen or (lesson.pk in modules and str(modules[lesson.pk].pk) == chosen)
    ]
    if chosen and not shown:
        raise Http404("no such module in this course run")
    context = {
        "run": run,
        "matrix": matrix,
        "modules": list({module.pk: module for module in modules.values()}.values()),
        "chosen_module": chosen,
        "lessons": [matrix.lessons[i] for i in shown],
        "rows": [(row, [row.cells[i] for i in shown]) for row in matrix.rows],
    }
    return render(request, "ksi_teaching/progress.html", context)


@teacher_view(partial=True)
@require_http_methods(["GET"])
def report_csv(request, run):
    """The run's CSV report; ``?kommune=<number>``: only participants from that municipality.

    A municipality admin's report of a run hosted elsewhere has their own participants only.
    """
    enrolments = run_enrolments(run)
    if number := request.GET.get("kommune", "").strip():
        municipality = Municipality.objects.filter(number=number).first()
        if municipality is None:
            return HttpResponse(
                _("No municipality has the number “%(number)s” here. Use a four-digit number, e.g. 5037.") % {"number": number[:20]},
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        enrolments = scope_enrolments(enrolments, frozenset([municipality.pk]))
    out = io.StringIO()
    write_report_csv(run, out, enrolments)
    # A byte order mark makes spreadsheet programs read the file as UTF-8 (æ, ø, å in names).
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rapport-{run.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@teacher_view
@require_http_methods(["GET"])
def submissions(request, run):
    """The run's course evaluations and other form submissions, summarised per question."""
    from ..run_submissions import run_submissions

    return render(request, "ksi_teaching/submissions.html", {"run": run, "forms": run_submissions(run)})


# --- documents ----------------------------------------------------------------------------------


@teacher_view
@require_http_methods(["GET"])
def attendance_list_pdf(request, run):
    """The attendance list pre-filled with the run's participants and session dates."""
    from ..documents import attendance_pdf

    if not run.enrolments.exists() or not run.sessions.exists():
        message = _("The attendance list needs participants and sessions. Add them first, then download the list.")
        return render(request, "ksi_teaching/not_yet.html", {"run": run, "message": message}, status=409)
    fillable = request.GET.get("utfyllbar") == "1"
    data = attendance_pdf(run, fillable=fillable, branding=request_branding(request))
    return pdf_response(data, f"oppmoteliste-{run.pk}.pdf")


@teacher_view
@require_http_methods(["GET"])
def run_template(request, run, template_id: str, fmt: str):
    """A course template filled with the municipality's and the run's details."""
    from wagtail.models import Site

    from ksi_courses.documents import template_file

    from ..documents import run_values

    return template_file(run.course, template_id, fmt, site=Site.find_for_request(request), extra_values=run_values(run))

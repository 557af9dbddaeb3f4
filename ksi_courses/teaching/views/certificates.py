"""The certificates of a run: issuing them (with a warning when it is early) and all in one PDF."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from .. import certificates
from ..access import run_enrolments
from ..forms import CertificateForm
from ..models import Certificate
from ..reports import progress_matrix
from .pdf import pdf_response, request_branding
from .teacher import _form_page, teacher_view


@teacher_view(partial=True)
@require_http_methods(["GET", "POST"])
def run_certificates(request, run):
    matrix = progress_matrix(run, run_enrolments(run))
    issued = [row for row in matrix.rows if row.certificate is not None]
    waiting = [row for row in matrix.rows if row.certificate is None]
    run_ended = timezone.localdate() >= run.end_date
    form = CertificateForm(request.POST or None, rows=waiting, lesson_count=len(matrix.lessons), run_ended=run_ended)
    if request.method == "POST" and form.is_valid():
        chosen = form.enrolment_ids()
        made = [certificates.issue(row.enrolment, issued_by=request.user) for row in waiting if row.enrolment.pk in chosen]
        messages.success(
            request,
            ngettext("%(count)d certificate issued.", "%(count)d certificates issued.", len(made)) % {"count": len(made)},
        )
        return redirect("ksi_teaching:certificates", run_id=run.pk)
    context = {
        "run": run,
        "matrix": matrix,
        "form": form,
        "issued": issued,
        "waiting": waiting,
        "run_ended": run_ended,
        "unfinished": form.unfinished(),
        "partial": run.ksi_scope is not None,
    }
    return _form_page(request, "ksi_teaching/certificates.html", context)


@teacher_view(partial=True)
@require_http_methods(["GET"])
def certificates_pdf(request, run):
    """Every certificate issued in the run (that the viewer may see), as one PDF to print."""
    issued = list(
        Certificate.objects.filter(enrolment__in=run_enrolments(run))
        .select_related("enrolment__run__course", "enrolment__participant")
        .order_by("enrolment__participant__last_name", "enrolment__participant__first_name", "pk")
    )
    if not issued:
        message = _("No certificates are issued in this course run yet. Issue them first, then download them.")
        return render(request, "ksi_teaching/not_yet.html", {"run": run, "message": message}, status=409)
    pairs = [(c, request.build_absolute_uri(certificates.verification_path(c))) for c in issued]
    return pdf_response(certificates.certificates_pdf(pairs, request_branding(request)), f"kursbevis-{run.pk}.pdf")

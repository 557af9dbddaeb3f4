"""Reports for the municipality (issue 23): the NIR export per municipality and period.

Admins only. An admin who belongs to a municipality exports their own municipality's
participants; the region's admin (no membership) and superusers choose any municipality.
"""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ..access import admin_scope, can_manage_all_runs
from ..forms import NirExportForm
from ..models import Municipality
from ..municipalities import NIR_COLUMNS, write_nir_csv
from .teacher import _form_page, teacher_view


def _admin_municipalities(request):
    if not can_manage_all_runs(request.user):
        raise PermissionDenied
    scope = admin_scope(request.user)
    municipalities = Municipality.objects.order_by("name")
    return municipalities if scope is None else municipalities.filter(pk__in=scope)


@teacher_view
@require_http_methods(["GET"])
def reports(request):
    """The reports page: choose a municipality and a period for the NIR export."""
    municipalities = _admin_municipalities(request)
    form = NirExportForm(municipalities=municipalities, initial={"kommune": municipalities.first()})
    context = {"form": form, "columns": NIR_COLUMNS, "has_municipalities": municipalities.exists()}
    return render(request, "ksi_teaching/reports.html", context)


@teacher_view
@require_http_methods(["GET"])
def nir_export(request):
    """``?kommune=5037&fra=2026-01-01&til=2026-06-30`` as CSV; a form with the errors (400) otherwise."""
    municipalities = _admin_municipalities(request)
    form = NirExportForm(request.GET, municipalities=municipalities)
    if not form.is_valid():
        context = {"form": form, "columns": NIR_COLUMNS, "has_municipalities": municipalities.exists()}
        return _form_page(request, "ksi_teaching/reports.html", context)
    municipality, start, end = form.cleaned_data["kommune"], form.cleaned_data["fra"], form.cleaned_data["til"]
    out = io.StringIO()
    write_nir_csv(municipality, start, end, out)
    # A byte order mark makes spreadsheet programs read the file as UTF-8 (æ, ø, å in names).
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"nir-{municipality.number}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

"""Several municipalities on one installation (issue 23): home municipalities and the NIR export.

A participant's home municipality is their :class:`~.models.MunicipalityMembership`. The NIR
export lists, for one municipality and period, every participant from that municipality in every
run that overlaps the period, hosted there or elsewhere, with what the municipality registers
for the element in NIR (Nasjonalt introduksjonsregister). The package stores no national id
number (fødselsnummer/D-nummer): the municipality matches the rows to persons in NIR itself.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from typing import TextIO

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CourseRun, Enrolment, Municipality, MunicipalityMembership


class NirExportError(ValueError):
    """The export cannot be made as asked (unknown municipality, a period that ends before it starts)."""


def home_municipality(user) -> Municipality | None:
    """The user's municipality (the first, for a teacher who teaches for several); ``None`` if none."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = MunicipalityMembership.objects.filter(user=user).select_related("municipality").order_by("pk").first()
    return membership.municipality if membership else None


def set_home_municipality(user, municipality: Municipality | None) -> None:
    """Make ``municipality`` the participant's only home municipality (nothing if ``None``)."""
    if municipality is None:
        return
    MunicipalityMembership.objects.filter(user=user).exclude(municipality=municipality).delete()
    MunicipalityMembership.objects.get_or_create(user=user, municipality=municipality)


def municipality_by_number(number: str) -> Municipality:
    number = (number or "").strip()
    found = Municipality.objects.filter(number=number).first()
    if found is None:
        raise NirExportError(
            _("No municipality has the number “%(number)s” here. Use a four-digit number, e.g. 5037.") % {"number": number[:20]}
        )
    return found


def organisers_line(host: Municipality | None, home: Municipality | None) -> str:
    """“Arrangert av X i samarbeid med Y” for a participant from another municipality than the host."""
    if host is None or home is None or host.pk == home.pk:
        return ""
    # Norwegian whatever the language of the request, like the rest of the printed certificate.
    return f"Arrangert av {host.name} i samarbeid med {home.name}"


NIR_COLUMNS = (
    "kommunenummer",
    "etternavn",
    "fornavn",
    "brukernavn",
    "kurs",
    "kursrunde",
    "vertskommune",
    "startdato",
    "sluttdato",
    "planlagte_timer",
    "oppmøte_timer",
    "fullført",
    "kursbevis_kode",
    "kursbevis_dato",
)


def nir_rows(municipality: Municipality, start: date, end: date) -> list[list[str]]:
    """One row per participant from ``municipality`` × run overlapping ``start``–``end``, in :data:`NIR_COLUMNS` order."""
    from .reports import _decimal, progress_matrix

    if end < start:
        raise NirExportError(
            _("The period ends (%(end)s) before it starts (%(start)s). Give the start date first.") % {"start": start, "end": end}
        )
    members = MunicipalityMembership.objects.filter(municipality=municipality).values("user_id")
    runs = (
        CourseRun.objects.filter(start_date__lte=end, end_date__gte=start)
        # A subquery, not a join: joining enrolments would multiply the sum of session hours.
        .filter(pk__in=Enrolment.objects.filter(participant__in=members).values("run_id"))
        .select_related("course", "host_municipality")
        .annotate(planned=Sum("sessions__hours"))
        .order_by("start_date", "title", "pk")
    )
    rows = []
    for run in runs:
        matrix = progress_matrix(run, Enrolment.objects.filter(run=run, participant__in=members))
        for row in matrix.rows:
            participant = row.enrolment.participant
            certificate = row.certificate
            rows.append([
                municipality.number,
                participant.last_name,
                participant.first_name,
                participant.get_username(),
                run.course.title,
                run.title,
                run.host_municipality.number if run.host_municipality else "",
                run.start_date.isoformat(),
                run.end_date.isoformat(),
                _decimal(run.planned or Decimal(0)),
                _decimal(row.hours),
                "ja" if row.finished else "nei",
                certificate.code if certificate else "",
                timezone.localdate(certificate.issued_at).isoformat() if certificate else "",
            ])
    return rows


def write_nir_csv(municipality: Municipality, start: date, end: date, out: TextIO) -> int:
    """The NIR export as CSV (semicolons, decimal commas, like the run report); returns the row count."""
    from .reports import _safe

    rows = nir_rows(municipality, start, end)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(NIR_COLUMNS)
    for values in rows:
        writer.writerow([_safe(value) for value in values])
    return len(rows)

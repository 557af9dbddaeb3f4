"""Practice placements of a course run: the workplaces a user may manage, saving a placement
without overlaps, a placement's days and hours, the run's weekly timetable, the teacher's
overview and the CSV for the municipality's reporting.

Hours: a placement's hours are its days (dates from the first to the last day that fall on one of
its weekdays) × its hours per day, whatever its status. A placement that is broken off ends on the
day it was broken off: the teacher sets its last day to that day (the form asks for it), so the
same count gives the hours actually planned up to the break. The count does not look at the
classroom sessions (a day with both counts in both).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TextIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import can_teach, run_enrolments
from .models import AttendanceSession, CourseRun, Enrolment, Municipality, Placement, PlacementEvaluation, Workplace

#: Monday … Sunday as ISO weekday numbers, with the short Norwegian names used in lists and the CSV.
WEEKDAY_NUMBERS = (1, 2, 3, 4, 5, 6, 7)
WEEKDAY_SHORT = {1: "man", 2: "tir", 3: "ons", 4: "tor", 5: "fre", 6: "lør", 7: "søn"}


# --- who manages which workplaces -----------------------------------------------------------------


def _membership_ids(user) -> list[int]:
    return list(user.ksi_memberships.values_list("municipality_id", flat=True))


def municipalities_for(user) -> QuerySet[Municipality]:
    """The municipalities whose workplaces ``user`` manages: those they belong to, or all when none."""
    if not can_teach(user):
        return Municipality.objects.none()
    ids = _membership_ids(user)
    return Municipality.objects.filter(pk__in=ids) if ids else Municipality.objects.all()


def workplaces_for(user) -> QuerySet[Workplace]:
    """The workplaces ``user`` may see and edit (admins and teachers; see :func:`municipalities_for`)."""
    if not can_teach(user):
        return Workplace.objects.none()
    workplaces = Workplace.objects.select_related("municipality", "course")
    ids = _membership_ids(user)
    return workplaces.filter(municipality_id__in=ids) if ids else workplaces


def managed_workplace(user, workplace_id: int) -> Workplace:
    """The workplace if ``user`` manages it: 403 without the teacher role, 404 if not in their municipalities."""
    if not can_teach(user):
        raise PermissionDenied
    return get_object_or_404(workplaces_for(user), pk=workplace_id)


# --- days and hours ------------------------------------------------------------------------------


def placement_days(start: date, end: date, weekdays: Iterable[int]) -> Iterator[date]:
    """The dates from ``start`` to ``end`` (both included) that fall on one of ``weekdays``."""
    wanted = set(weekdays)
    day = start
    while day <= end:
        if day.isoweekday() in wanted:
            yield day
        day += timedelta(days=1)


def placement_hours(placement: Placement) -> Decimal:
    """Days × hours per day (see the module docstring for ended and broken-off placements)."""
    days = sum(1 for _ in placement_days(placement.start_date, placement.end_date, placement.weekdays))
    return Decimal(placement.hours_per_day) * days


def hours_by_enrolment(run: CourseRun) -> dict[int, Decimal]:
    """Placement hours per enrolment of ``run`` (enrolments without placements are left out)."""
    hours: dict[int, Decimal] = {}
    for placement in Placement.objects.filter(enrolment__run=run):
        hours[placement.enrolment_id] = hours.get(placement.enrolment_id, Decimal(0)) + placement_hours(placement)
    return hours


def weekdays_text(weekdays: Iterable[int]) -> str:
    """``"man, ons, fre"``."""
    return ", ".join(WEEKDAY_SHORT[day] for day in sorted(weekdays) if day in WEEKDAY_SHORT)


# --- saving without overlaps ----------------------------------------------------------------------


class PlacementOverlap(Exception):
    """The participant is already placed elsewhere on a day of the new period."""

    def __init__(self, other: Placement, day: date):
        self.other, self.day = other, day
        super().__init__(
            _(
                "%(name)s is already at %(workplace)s on %(day)s (placement %(start)s – %(end)s). Change the period or the days."
            )
            % {
                "name": other.enrolment.participant.get_full_name() or other.enrolment.participant.get_username(),
                "workplace": other.workplace.name,
                "day": day.strftime("%d.%m.%Y"),
                "start": other.start_date.strftime("%d.%m.%Y"),
                "end": other.end_date.strftime("%d.%m.%Y"),
            }
        )


def first_clash(enrolment: Enrolment, start: date, end: date, weekdays: Iterable[int], exclude: int | None = None):
    """``(placement, day)``: the first day another placement of the participant shares with the
    period, or ``None``. Periods that touch only on days neither works do not clash."""
    wanted = set(weekdays)
    others = (
        Placement.objects.filter(enrolment=enrolment, start_date__lte=end, end_date__gte=start)
        .exclude(pk=exclude)
        .select_related("workplace", "enrolment__participant")
        .order_by("start_date", "pk")
    )
    for other in others:
        shared = wanted & set(other.weekdays)
        if not shared:
            continue
        day = next(placement_days(max(start, other.start_date), min(end, other.end_date), shared), None)
        if day is not None:
            return other, day
    return None


#: The fields a placement form may set (the enrolment is fixed once the placement exists).
PLACEMENT_FIELDS = (
    "workplace",
    "start_date",
    "end_date",
    "weekdays",
    "hours_per_day",
    "mentor_name",
    "mentor_phone",
    "mentor_email",
    "tasks",
    "status",
    "agreement_signed_on",
)


def check_broken_off_end(status: str, end: date | None) -> None:
    """A broken-off placement ends on the day it was broken off, so its last day is not after today.

    Raises :class:`~django.core.exceptions.ValidationError` keyed by ``end_date``. The hours
    (module docstring) count up to the last day: a future one would report hours never worked.
    """
    if status == Placement.Status.BROKEN_OFF and end is not None and end > timezone.localdate():
        raise ValidationError(
            {
                "end_date": _(
                    "A placement that was broken off ends on the day it was broken off: set the last day to that day (not after today)."
                )
            },
            code="broken_off_in_future",
        )


def save_placement(enrolment: Enrolment, values: dict, placement: Placement | None = None) -> Placement:
    """Create (or update) a placement of ``enrolment`` unless it overlaps another of the participant.

    The enrolment row is locked for the check and the write, so two saves at the same time for
    the same participant take turns and the second sees the first (:class:`PlacementOverlap`).
    On SQLite the IMMEDIATE transaction's write lock does the same. A broken-off placement with a
    last day after today is refused for every caller (:func:`check_broken_off_end`), before any write.
    An update may leave fields out of ``values``: the placement's own values are checked then.
    """
    current = placement or Placement()
    start, end, weekdays, status = (
        values[name] if name in values else getattr(current, name)
        for name in ("start_date", "end_date", "weekdays", "status")
    )
    check_broken_off_end(status, end)
    with transaction.atomic():
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        clash = first_clash(enrolment, start, end, weekdays, exclude=placement.pk if placement else None)
        if clash:
            raise PlacementOverlap(*clash)
        placement = placement or Placement(enrolment=enrolment)
        for name in PLACEMENT_FIELDS:
            if name in values:
                setattr(placement, name, values[name])
        placement.weekdays = sorted(set(placement.weekdays))
        placement.save()
    return placement


# --- the run's timetable and the teacher's overview ----------------------------------------------


@dataclass(frozen=True)
class Day:
    date: date
    sessions: tuple[AttendanceSession, ...]
    placements: tuple[Placement, ...]  # who is at which workplace that day


@dataclass(frozen=True)
class Week:
    monday: date
    days: tuple[Day, ...]

    @property
    def year_week(self) -> str:
        return year_week(self.monday)

    @property
    def number(self) -> int:
        return self.monday.isocalendar()[1]

    @property
    def empty(self) -> bool:
        return not any(day.sessions or day.placements for day in self.days)


def year_week(day: date) -> str:
    """``2026-W03``: the ISO week of ``day``, as the overview's ``?uke=`` takes it."""
    year, number, _weekday = day.isocalendar()
    return f"{year}-W{number:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.isoweekday() - 1)


def parse_week(text: str) -> date | None:
    """The Monday of ``2026-W03`` (ISO week, years 2000–2099), or ``None`` for anything else."""
    found = re.fullmatch(r"([0-9]{4})-W([0-9]{1,2})", text)
    if found is None:
        return None
    try:
        monday = date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        return None
    return monday if 2000 <= monday.year <= 2099 else None


def run_placements(run: CourseRun) -> QuerySet[Placement]:
    """The run's placements its viewer may see: all, or only those of their municipality's
    participants when a municipality admin looks at a run hosted elsewhere (``run.ksi_scope``)."""
    found = Placement.objects.filter(enrolment__run=run).select_related("workplace", "enrolment__participant")
    if getattr(run, "ksi_scope", None) is not None:
        found = found.filter(enrolment__in=run_enrolments(run).values("pk"))
    return found


def weeks(run: CourseRun, first: date, last: date) -> list[Week]:
    """The weeks from ``first``'s to ``last``'s (Monday to Sunday): classroom sessions and placement days."""
    start, end = monday_of(first), monday_of(last) + timedelta(days=6)
    sessions: dict[date, list[AttendanceSession]] = {}
    for session in run.sessions.filter(date__range=(start, end)):
        sessions.setdefault(session.date, []).append(session)
    at_work: dict[date, list[Placement]] = {}
    for placement in run_placements(run).filter(start_date__lte=end, end_date__gte=start):
        for day in placement_days(max(start, placement.start_date), min(end, placement.end_date), placement.weekdays):
            at_work.setdefault(day, []).append(placement)
    result, monday = [], start
    while monday <= end:
        days = tuple(
            Day(day, tuple(sessions.get(day, ())), tuple(sorted(at_work.get(day, ()), key=_by_name)))
            for day in (monday + timedelta(days=i) for i in range(7))
        )
        result.append(Week(monday, days))
        monday += timedelta(weeks=1)
    return result


def _by_name(placement: Placement) -> tuple[str, str]:
    participant = placement.enrolment.participant
    return (participant.last_name.casefold(), participant.first_name.casefold())


def without_agreement(run: CourseRun) -> list[Placement]:
    """Placements not broken off whose agreement (praksisavtale) is not recorded as signed."""
    return list(
        run_placements(run).filter(agreement_signed_on__isnull=True).exclude(status=Placement.Status.BROKEN_OFF)
    )


def missing_evaluations(run: CourseRun) -> list[tuple[Placement, list[str]]]:
    """Ended placements with the evaluations still missing: ``(placement, ["mentor", "participant"])``."""
    ended = list(run_placements(run).filter(status=Placement.Status.ENDED))
    done = set(PlacementEvaluation.objects.filter(placement__in=ended).values_list("placement_id", "author"))
    authors = [PlacementEvaluation.Author.MENTOR, PlacementEvaluation.Author.PARTICIPANT]
    missing = [(p, [a.label for a in authors if (p.pk, a.value) not in done]) for p in ended]
    return [(placement, labels) for placement, labels in missing if labels]


# --- CSV ------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "brukernavn",
    "navn",
    "arbeidssted",
    "organisasjonsnummer",
    "kommune",
    "fra",
    "til",
    "dager",
    "timer_per_dag",
    "praksis_timer",
    "status",
    "avtale_signert",
    "veileder",
    "oppgaver",
    "evaluering_veileder",
    "evaluering_deltaker",
)

STATUS_TEXT = {"planned": "planlagt", "running": "pågår", "ended": "avsluttet", "broken_off": "avbrutt"}


def write_placements_csv(run: CourseRun, out: TextIO) -> None:
    """The run's placements, one row each, semicolon-separated with decimal commas (as the run report)."""
    from .reports import _decimal, _safe

    placements = list(run_placements(run).select_related("workplace__municipality").order_by("start_date", "pk"))
    done = set(PlacementEvaluation.objects.filter(placement__in=placements).values_list("placement_id", "author"))
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in sorted(placements, key=lambda p: (_by_name(p), p.start_date)):
        participant = p.enrolment.participant
        values = [
            participant.get_username(),
            participant.get_full_name(),
            p.workplace.name,
            p.workplace.organisation_number,
            p.workplace.municipality.name,
            p.start_date.isoformat(),
            p.end_date.isoformat(),
            weekdays_text(p.weekdays),
            _decimal(p.hours_per_day),
            _decimal(placement_hours(p)),
            STATUS_TEXT.get(p.status, p.status),
            p.agreement_signed_on.isoformat() if p.agreement_signed_on else "",
            p.mentor_name,
            str(len(p.tasks)),
            "ja" if (p.pk, "mentor") in done else "nei",
            "ja" if (p.pk, "participant") in done else "nei",
        ]
        writer.writerow([_safe(value) for value in values])

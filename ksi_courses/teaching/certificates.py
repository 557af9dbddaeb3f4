"""Course certificates (kursbevis): issuing them and printing them through the print face."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ksi_courses.models import LessonPage, ModulePage

from .attendance import attendance_totals
from .lessons import course_of, run_lessons
from .models import Certificate, Enrolment, LessonProgress
from .municipalities import home_municipality, organisers_line
from .progress import course_progress


def issue(enrolment: Enrolment, issued_by=None) -> tuple[Certificate, bool]:
    """The enrolment's certificate, issued now with the hours attended so far unless it exists.

    Returns ``(certificate, created)``; issuing twice gives the same certificate.
    """
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing, False
    hours, _sessions = attendance_totals([enrolment])[enrolment.pk]
    try:
        with transaction.atomic():
            return Certificate.objects.create(enrolment=enrolment, issued_by=issued_by, hours=hours), True
    except IntegrityError:  # issued by someone else a moment ago
        return Certificate.objects.get(enrolment=enrolment), False


def issue_on_completion(participant, lesson: LessonPage) -> list[Certificate]:
    """Issue certificates in runs with “certificate on completion” once every lesson is done."""
    course = course_of(lesson)
    if course is None:
        return []
    waiting = list(
        Enrolment.objects.filter(
            participant=participant, run__course=course, run__auto_certificate=True, certificate__isnull=True
        )
    )
    if not waiting or not course_progress(participant, course).finished:
        return []
    return [issue(enrolment)[0] for enrolment in waiting]


def verification_path(certificate: Certificate) -> str:
    return reverse("ksi_teaching:verify", args=[certificate.code])


def public_facts(certificate: Certificate) -> dict:
    """All that the public verification page shows: name, course, dates and hours."""
    enrolment = certificate.enrolment
    run = enrolment.run
    return {
        "name": enrolment.participant.get_full_name() or enrolment.participant.get_username(),
        "course": run.course.title,
        "start_date": run.start_date,
        "end_date": run.end_date,
        "hours": certificate.hours,
    }


def lessons_at_issue(certificate: Certificate) -> tuple[int, int]:
    """``(completed, total)``: the run's lessons the holder had completed when it was issued."""
    enrolment = certificate.enrolment
    lesson_ids = [lesson.pk for lesson in run_lessons(enrolment.run)]
    done = LessonProgress.objects.filter(
        participant_id=enrolment.participant_id, lesson_id__in=lesson_ids, completed_at__lte=certificate.issued_at
    ).count()
    return done, len(lesson_ids)


def issued_early(certificate: Certificate) -> bool:
    """Whether it was issued before the last day of the run."""
    return timezone.localdate(certificate.issued_at) < certificate.enrolment.run.end_date


def certificate_data(certificate: Certificate, verification_url: str):
    """What the printed certificate says (an :class:`exports.course_run.CertificateData`).

    Completion is as it was on the day of issue, so the text never claims more than happened
    then: with lessons left or before the run's last day it says "har deltatt", not "har fullført".
    """
    from exports.course_run import CertificateData

    facts = public_facts(certificate)
    run = certificate.enrolment.run
    modules = tuple(ModulePage.objects.child_of(run.course).live().values_list("title", flat=True))
    done, total = lessons_at_issue(certificate)
    return CertificateData(
        name=facts["name"],
        course_title=facts["course"],
        start_date=facts["start_date"],
        end_date=facts["end_date"],
        hours=facts["hours"] or Decimal(0),
        place=run.place,
        modules=modules,
        issued_on=timezone.localdate(certificate.issued_at),
        verification_url=verification_url,
        code=certificate.code,
        lessons_completed=done,
        lessons_total=total,
        course_ended=not issued_early(certificate),
        organised_by=organisers_line(run.host_municipality, home_municipality(certificate.enrolment.participant)),
    )


def certificate_pdf(certificate: Certificate, verification_url: str, branding) -> bytes:
    """The certificate as PDF (``branding``: an :class:`exports.options.Branding`)."""
    from exports.course_run import render_certificate_pdf

    return render_certificate_pdf(certificate_data(certificate, verification_url), branding)


def certificates_pdf(certificates: list[tuple[Certificate, str]], branding) -> bytes:
    """Several certificates, each with its verification URL, as one PDF (one page each)."""
    from exports.course_run import render_certificates_pdf

    return render_certificates_pdf([certificate_data(c, url) for c, url in certificates], branding)

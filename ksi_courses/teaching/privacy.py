"""A person's data: everything stored about them (export) and removing it (erase).

Erasing anonymises rather than deletes: the user row stays, without name, username, e-mail or
password, so that a run's aggregate figures (participants, attendance, completed lessons, quiz
results, certificates issued) stay right in reports made afterwards, while nothing left can be
tied to the person. Their certificate's public verification code is replaced, so the old code no
longer shows anything. Form submissions the person sent while logged in are deleted: their
answers are personal data through and through and feed no statistics. The home municipality
(membership) is exported and, like enrolments, kept with the anonymous user: each municipality's
figures stay right, and a municipality is no personal data once the name is gone.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ksi_courses.form_submissions import delete_submissions_of, export_submissions

from .models import (
    AssessmentResult,
    Attendance,
    Certificate,
    CourseRun,
    Enrolment,
    FlashcardState,
    HandledAction,
    LessonProgress,
    LogbookTick,
    MentorLink,
    MunicipalityMembership,
    Placement,
    PlacementEvaluation,
    QuizAttempt,
    TemporaryPassword,
    VocabularyLanguage,
    new_verification_code,
)

ERASED_PREFIX = "slettet-"


def find_user(username: str):
    """The user called ``username``; the error says how to list users."""
    User = get_user_model()
    try:
        return User.objects.get(**{User.USERNAME_FIELD: username})
    except User.DoesNotExist:
        raise LookupError(
            f"no user '{username}': check the spelling (usernames are shown in the course run's participant list)"
        ) from None


def export_user_data(user) -> dict[str, Any]:
    """Everything the courses store about ``user``, as JSON-ready data."""
    enrolments = Enrolment.objects.filter(participant=user).select_related("run__course")
    progress = LessonProgress.objects.filter(participant=user).select_related("lesson")
    attempts = QuizAttempt.objects.filter(participant=user).select_related("lesson").order_by("created_at", "pk")
    attendance = Attendance.objects.filter(enrolment__participant=user).select_related("session__run")
    certificates = Certificate.objects.filter(enrolment__participant=user).select_related("enrolment__run__course")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "is_active": user.is_active,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "must_change_password": TemporaryPassword.objects.filter(user=user).exists(),
        },
        "municipalities": [
            {"name": m.municipality.name, "number": m.municipality.number}
            for m in MunicipalityMembership.objects.filter(user=user).select_related("municipality").order_by("pk")
        ],
        "enrolments": [
            {
                "run": e.run.title,
                "course": e.run.course.title,
                "start_date": _iso(e.run.start_date),
                "end_date": _iso(e.run.end_date),
                "place": e.run.place,
                "enrolled_at": _iso(e.enrolled_at),
            }
            for e in enrolments
        ],
        "lesson_progress": [
            {
                "lesson": p.lesson.title,
                "lesson_id": p.lesson.ksi_id or p.lesson.slug,
                "completed_at": _iso(p.completed_at),
                "checklists": p.checklist,
                "updated_at": _iso(p.updated_at),
            }
            for p in progress
        ],
        "quiz_attempts": [
            {
                "lesson": a.lesson.title,
                "quiz_id": a.quiz_id,
                "answers": a.answers,
                "correct": a.correct,
                "total": a.total,
                "submitted_at": _iso(a.created_at),
            }
            for a in attempts
        ],
        "attendance": [
            {
                "run": a.session.run.title,
                "date": _iso(a.session.date),
                "hours": str(a.session.hours),
                "present": a.present,
            }
            for a in attendance
        ],
        "certificates": [
            {
                "course": c.enrolment.run.course.title,
                "code": c.code,
                "issued_at": _iso(c.issued_at),
                "hours": str(c.hours),
            }
            for c in certificates
        ],
        "assessment_results": [
            {
                "run": r.enrolment.run.title,
                "assessment_id": r.assessment_id,
                "skills_passed": r.skills_passed,
                "skills_total": r.skills_total,
                "quiz_score": r.quiz_score,
                "quiz_total": r.quiz_total,
                "note": r.note,
                "recorded_at": _iso(r.recorded_at),
            }
            for r in AssessmentResult.objects.filter(enrolment__participant=user).select_related("enrolment__run")
        ],
        "logbook_tasks_done": [
            {"run": t.enrolment.run.title, "task": t.task, "ticked_at": _iso(t.ticked_at)}
            for t in LogbookTick.objects.filter(enrolment__participant=user).select_related("enrolment__run")
        ],
        "placements": _export_placements(user),
        "teaches": [run.title for run in CourseRun.objects.filter(teachers=user)],
        "form_submissions": export_submissions(user),
        "flashcards": [
            {"word": f.word, "box": f.box, "due_at": _iso(f.due_at), "updated_at": _iso(f.updated_at)}
            for f in FlashcardState.objects.filter(participant=user).order_by("word")
        ],
        "actions_sent_offline": [
            {"key": a.key, "handled_at": _iso(a.handled_at)}
            for a in HandledAction.objects.filter(participant=user).order_by("handled_at", "pk")
        ],
        "vocabulary_language": VocabularyLanguage.objects.filter(participant=user).values_list("language", flat=True).first(),
    }


def erase_user(user) -> dict[str, int]:
    """Remove ``user``'s personal data; returns how many records were kept anonymously."""
    with transaction.atomic():
        kept = {
            "enrolments": Enrolment.objects.filter(participant=user).count(),
            "lesson_progress": LessonProgress.objects.filter(participant=user).count(),
            "quiz_attempts": QuizAttempt.objects.filter(participant=user).count(),
            "attendance": Attendance.objects.filter(enrolment__participant=user).count(),
            "certificates": Certificate.objects.filter(enrolment__participant=user).count(),
        }
        if memberships := MunicipalityMembership.objects.filter(user=user).count():
            kept["municipality_memberships"] = memberships  # only where municipalities are set up
        for certificate in Certificate.objects.filter(enrolment__participant=user):
            certificate.code = new_verification_code()
            certificate.save(update_fields=["code"])
        TemporaryPassword.objects.filter(user=user).delete()
        # Word-practice boxes and offline action keys feed no statistics: gone.
        FlashcardState.objects.filter(participant=user).delete()
        HandledAction.objects.filter(participant=user).delete()
        VocabularyLanguage.objects.filter(participant=user).delete()
        # Results stay (anonymous, for the run's statistics); a teacher's note may name the person.
        AssessmentResult.objects.filter(enrolment__participant=user).update(note="")
        # Placements stay (the run's practice hours) without the mentor's name and contact, which
        # would point back to the person; the evaluations (answers about them) and mentor links go.
        if placements := _erase_placements(user):
            kept["placements"] = placements  # only where practice placements are used
        delete_submissions_of(user)
        user.ksi_runs_taught.clear()
        user.groups.clear()
        user.user_permissions.clear()
        setattr(user, user.USERNAME_FIELD, f"{ERASED_PREFIX}{secrets.token_hex(8)}")
        user.first_name = user.last_name = user.email = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        _delete_wagtail_profile(user)
    return kept


def _export_placements(user) -> list[dict[str, Any]]:
    placements = (
        Placement.objects.filter(enrolment__participant=user)
        .select_related("enrolment__run", "workplace__municipality")
        .prefetch_related("evaluations")
        .order_by("start_date", "pk")
    )
    return [
        {
            "run": p.enrolment.run.title,
            "workplace": p.workplace.name,
            "organisation_number": p.workplace.organisation_number,
            "municipality": p.workplace.municipality.name,
            "start_date": _iso(p.start_date),
            "end_date": _iso(p.end_date),
            "weekdays": p.weekdays,
            "hours_per_day": str(p.hours_per_day),
            "mentor": {"name": p.mentor_name, "phone": p.mentor_phone, "email": p.mentor_email},
            "tasks": p.tasks,
            "status": p.status,
            "agreement_signed_on": _iso(p.agreement_signed_on),
            "evaluations": [
                {"filled_in_by": e.author, "answers": e.answers, "submitted_at": _iso(e.submitted_at)}
                for e in sorted(p.evaluations.all(), key=lambda e: e.author)
            ],
        }
        for p in placements
    ]


def _erase_placements(user) -> int:
    placements = Placement.objects.filter(enrolment__participant=user)
    PlacementEvaluation.objects.filter(placement__in=placements).delete()
    MentorLink.objects.filter(placement__in=placements).delete()
    return placements.update(mentor_name="", mentor_phone="", mentor_email="")


def is_erased(user) -> bool:
    return user.get_username().startswith(ERASED_PREFIX) and not user.is_active


def _delete_wagtail_profile(user) -> None:
    # Wagtail keeps an avatar, preferred language and time zone per admin user.
    from wagtail.users.models import UserProfile

    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None

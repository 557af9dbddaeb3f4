"""Demo only: a course run with a teacher, participants, attendance and some progress.

Safe to run again: everything is looked up before it is made, so a second run changes nothing
(except what the participants did in the meantime, which it leaves alone).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from ksi_courses.models import CoursePage
from ksi_courses.teaching import progress
from ksi_courses.teaching.attendance import record_attendance
from ksi_courses.teaching.lessons import course_lessons, page_checklists, page_quizzes
from ksi_courses.teaching.models import AttendanceSession, CourseRun, Enrolment, LessonProgress, QuizAttempt

DEMO_COURSE = "renhold-og-smittevern"
RUN_TITLE = "Renhold og smittevern – demogruppe"
SESSION_HOURS = Decimal(3)
#: How many lessons each participant (by position) has completed: a realistic spread.
COMPLETED_LESSONS = (3, 5, 1, 0)


def seed_course_run(teacher, participants) -> CourseRun:
    """The demo run of :data:`DEMO_COURSE` (or the first course) taught by ``teacher``."""
    course = CoursePage.objects.live().filter(ksi_id=DEMO_COURSE).first() or CoursePage.objects.live().first()
    if course is None:
        raise LookupError("no course pages: run `manage.py import_ksi_courses` before `setup_demo`")
    today = timezone.localdate()
    start = today - timedelta(weeks=3)
    run, _ = CourseRun.objects.get_or_create(
        course=course,
        title=RUN_TITLE,
        defaults={
            "place": "Demokommune læringssenter, rom 2",
            "start_date": start,
            "end_date": start + timedelta(weeks=course.duration_weeks),
            "schedule": "Mandager og onsdager kl. 9–12",
        },
    )
    run.teachers.add(teacher)
    enrolments = [Enrolment.objects.get_or_create(run=run, participant=user)[0] for user in participants]
    _seed_attendance(run, enrolments)
    lessons = course_lessons(course)
    for user, done in zip(participants, COMPLETED_LESSONS, strict=False):
        _seed_progress(user, lessons[:done])
    return run


def _seed_attendance(run: CourseRun, enrolments: list[Enrolment]) -> None:
    # Three past sessions; the last participant missed the second one.
    for week in range(3):
        day = run.start_date + timedelta(weeks=week)
        session, created = AttendanceSession.objects.get_or_create(
            run=run, date=day, defaults={"hours": SESSION_HOURS, "topic": f"Uke {week + 1}"}
        )
        if created:
            present = [e.pk for i, e in enumerate(enrolments) if not (week == 1 and i == len(enrolments) - 1)]
            record_attendance(session, present)


def _seed_progress(user, lessons) -> None:
    if LessonProgress.objects.filter(participant=user).exists():
        return  # the participant has used the demo since: keep what they did
    for lesson in lessons:
        progress.set_completed(user, lesson)
        for checklist_id, items in page_checklists(lesson).items():
            progress.save_checklist(user, lesson, checklist_id, items[: max(1, len(items) - 1)])
        for quiz in page_quizzes(lesson).values():
            if QuizAttempt.objects.filter(participant=user, lesson=lesson, quiz_id=quiz.id).exists():
                continue
            # Right answers except the last question, so the matrix shows a realistic score.
            answers = {q.id: sorted(q.correct_choices()) for q in quiz.questions[:-1]}
            progress.submit_quiz(user, lesson, quiz.id, answers)

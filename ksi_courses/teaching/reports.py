"""What teachers and the municipality see of a run: the progress matrix and the CSV report.

Both are built in a fixed number of queries whatever the size of the run (lessons, enrolments,
progress rows, quiz attempts, attendance totals, certificates).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.db.models import QuerySet
from django.utils import timezone

from course_content.assessment import COURSE_ASSESSMENT
from ksi_courses.models import LessonPage

from .assessments import results_by_enrolment, ticks_by_enrolment
from .attendance import attendance_totals
from .lessons import run_lessons, run_quiz_sizes
from .models import AssessmentResult, Certificate, CourseRun, Enrolment, LessonProgress, QuizAttempt
from .placements import hours_by_enrolment


@dataclass(frozen=True)
class Cell:
    """One participant in one lesson."""

    completed: bool
    ticked: int  # checklist items ticked
    quiz_correct: int  # over the latest attempt at each quiz of the lesson
    quiz_total: int
    quizzes_answered: int

    @property
    def started(self) -> bool:
        return self.completed or self.ticked > 0 or self.quizzes_answered > 0


@dataclass(frozen=True)
class Row:
    enrolment: Enrolment
    cells: tuple[Cell, ...]
    hours: Decimal
    sessions: int
    certificate: Certificate | None
    #: Recorded assessment results by assessment id (``modul-…``, ``kurs``), and logbook tasks done.
    assessments: dict[str, AssessmentResult] = field(default_factory=dict)
    logbook_done: int = 0
    #: Practice placement hours (see :mod:`.placements` for how they are counted).
    placement_hours: Decimal = Decimal(0)

    @property
    def completed(self) -> int:
        return sum(cell.completed for cell in self.cells)

    @property
    def finished(self) -> bool:
        return bool(self.cells) and self.completed == len(self.cells)

    @property
    def quiz_correct(self) -> int:
        return sum(cell.quiz_correct for cell in self.cells)

    @property
    def quizzes_answered(self) -> int:
        return sum(cell.quizzes_answered for cell in self.cells)


@dataclass(frozen=True)
class ProgressMatrix:
    run: CourseRun
    lessons: tuple[LessonPage, ...]
    rows: tuple[Row, ...]
    session_count: int
    quiz_count: int  # quizzes in the run's lessons, as the run started with them
    question_count: int  # questions in those quizzes


def progress_matrix(run: CourseRun, enrolments: QuerySet[Enrolment] | None = None) -> ProgressMatrix:
    """Participants × lessons of ``run``, with attendance and certificates.

    ``enrolments``: only these of the run's participants (e.g. one municipality's); default all.
    """
    lessons = run_lessons(run)
    lesson_ids = [lesson.pk for lesson in lessons]
    enrolments = list((run.enrolments.all() if enrolments is None else enrolments).select_related("participant"))
    participant_ids = [enrolment.participant_id for enrolment in enrolments]
    progress = {
        (row.participant_id, row.lesson_id): row
        for row in LessonProgress.objects.filter(participant_id__in=participant_ids, lesson_id__in=lesson_ids)
    }
    latest: dict[tuple[int, int, str], QuizAttempt] = {}
    attempts = QuizAttempt.objects.filter(participant_id__in=participant_ids, lesson_id__in=lesson_ids)
    for attempt in attempts.order_by("created_at", "pk").only(
        "participant_id", "lesson_id", "quiz_id", "correct", "total", "created_at"
    ):
        latest[(attempt.participant_id, attempt.lesson_id, attempt.quiz_id)] = attempt
    sizes = run_quiz_sizes(run, lessons)
    totals = attendance_totals(enrolments)
    certificates = {c.enrolment_id: c for c in Certificate.objects.filter(enrolment__run=run)}
    results = results_by_enrolment(run)
    ticks = ticks_by_enrolment(run)
    placement_hours = hours_by_enrolment(run)

    def cell(participant_id: int, lesson: LessonPage) -> Cell:
        row = progress.get((participant_id, lesson.pk))
        answered = [latest[key] for quiz_id in sizes[lesson.pk] if (key := (participant_id, lesson.pk, quiz_id)) in latest]
        return Cell(
            completed=bool(row and row.completed_at),
            ticked=sum(len(items) for items in row.checklist.values()) if row else 0,
            quiz_correct=sum(attempt.correct for attempt in answered),
            quiz_total=sum(sizes[lesson.pk].values()),
            quizzes_answered=len(answered),
        )

    rows = tuple(
        Row(
            enrolment=enrolment,
            cells=tuple(cell(enrolment.participant_id, lesson) for lesson in lessons),
            hours=totals[enrolment.pk][0],
            sessions=totals[enrolment.pk][1],
            certificate=certificates.get(enrolment.pk),
            assessments=results.get(enrolment.pk, {}),
            logbook_done=ticks.get(enrolment.pk, 0),
            placement_hours=placement_hours.get(enrolment.pk, Decimal(0)),
        )
        for enrolment in enrolments
    )
    return ProgressMatrix(
        run=run,
        lessons=tuple(lessons),
        rows=rows,
        session_count=run.sessions.count(),
        quiz_count=sum(len(found) for found in sizes.values()),
        question_count=sum(sum(found.values()) for found in sizes.values()),
    )


REPORT_COLUMNS = (
    "brukernavn",
    "navn",
    "oppmøte_timer",
    "oppmøte_økter",
    "økter_i_alt",
    "leksjoner_fullført",
    "leksjoner_i_alt",
    "quizer_besvart",
    "quizer_i_alt",
    "quiz_riktige",
    "quiz_spørsmål",
    "fullført",
    "kursbevis_utstedt",
    "vurderinger_registrert",
    "sluttvurdering_ferdigheter",
    "sluttvurdering_quiz",
    "praksislogg_oppgaver",
    "praksis_timer",
)


def report_rows(matrix: ProgressMatrix) -> Iterable[list[str]]:
    """One row per participant, in :data:`REPORT_COLUMNS` order, as text."""
    for row in matrix.rows:
        participant = row.enrolment.participant
        issued = timezone.localdate(row.certificate.issued_at).isoformat() if row.certificate else ""
        yield [
            participant.get_username(),
            participant.get_full_name(),
            _decimal(row.hours),
            str(row.sessions),
            str(matrix.session_count),
            str(row.completed),
            str(len(matrix.lessons)),
            str(row.quizzes_answered),
            str(matrix.quiz_count),
            str(row.quiz_correct),
            str(matrix.question_count),
            "ja" if row.finished else "nei",
            issued,
            str(len(row.assessments)),
            *_final_assessment(row.assessments.get(COURSE_ASSESSMENT)),
            str(row.logbook_done),
            _decimal(row.placement_hours),
        ]


def _final_assessment(result: AssessmentResult | None) -> tuple[str, str]:
    """``("5/6", "14/20")`` for the course's final assessment; empty where nothing is recorded."""
    if result is None:
        return "", ""
    quiz = f"{result.quiz_score}/{result.quiz_total}" if result.quiz_score is not None else ""
    return f"{len(result.skills_passed)}/{result.skills_total}", quiz


def write_report_csv(run: CourseRun, out: TextIO, enrolments: QuerySet[Enrolment] | None = None) -> None:
    """The run's report as CSV for the municipality's reporting (``enrolments``: only these).

    Semicolon-separated with decimal commas, as Norwegian spreadsheet programs expect; text that
    a spreadsheet would run as a formula is prefixed with an apostrophe.
    """
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for values in report_rows(progress_matrix(run, enrolments)):
        writer.writerow([_safe(value) for value in values])


def _decimal(value: Decimal) -> str:
    text = f"{Decimal(value):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

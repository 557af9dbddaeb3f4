"""The real upgrade: a site that runs 0.1.0's courses, with course runs and local edits, imports today's.

0.1.0's content is kept as a fixture (``tests/fixtures/releases``). Today's courses correct and extend
every lesson but move, rename or remove none, so one course is also upgraded to a variant of today's
content that does (``upgraded_variant``): that is what a later release may do, and the importer and the
stable-id lint must handle it the same way.
"""

import io
import shutil
import tarfile
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from course_content import course_dirs, load_course, shipped_courses
from course_content.loader import COMMON_DIR, COURSES_DIR
from course_content.stable_ids import check_stable_ids
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage
from ksi_courses.teaching import certificates, progress
from ksi_courses.teaching.models import (
    Attendance,
    AttendanceSession,
    Certificate,
    CourseRun,
    Enrolment,
    LessonProgress,
    QuizAttempt,
)
from ksi_courses.teaching.reports import write_report_csv
from tests.paths import FIXTURES

pytestmark = pytest.mark.django_db

RELEASE = FIXTURES / "releases" / "ksi-courses-0.1.0-content.tar.gz"
SLUG = "salg-og-service"


@pytest.fixture(scope="module")
def release_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("release-0.1.0")
    with tarfile.open(RELEASE) as archive:
        archive.extractall(root, filter="data")
    return root / "course_content"


@pytest.fixture(scope="module")
def old_courses(release_root):
    return {
        folder.name: load_course(folder, common=release_root / "common")
        for folder in course_dirs(release_root / "courses")
    }


def local_edit(ksi_id: str, marker: str) -> LessonPage:
    """What a municipality's editor does: change the title and publish a new revision."""
    page = LessonPage.objects.get(ksi_id=ksi_id).specific
    page.title = f"{page.title} ({marker})"
    page.save_revision().publish()
    return page


def answers_for(quiz, right: bool) -> dict:
    """Answers to every question of ``quiz``: all right, or the first question wrong."""
    chosen = {}
    for index, question in enumerate(quiz.questions):
        correct = sorted(question.correct_choices())
        wrong = [i for i in range(max(len(question.choices), 2)) if i not in correct][:1]
        chosen[question.id] = wrong if (not right and index == 0) else correct
    return chosen


def make_run(course_page, teacher, participants, start):
    run = CourseRun.objects.create(
        course=course_page,
        title=f"{course_page.title} – gruppe",
        start_date=start,
        end_date=start + timedelta(weeks=10),
    )
    run.teachers.add(teacher)
    enrolments = [Enrolment.objects.create(run=run, participant=person) for person in participants]
    return run, enrolments


def report(run) -> str:
    out = io.StringIO()
    write_report_csv(run, out)
    return out.getvalue()


@pytest.fixture
def site_on_0_1_0(old_courses):
    """A site that imported 0.1.0 and ran a course: progress, quiz attempts, attendance, certificates."""
    # One course keeps the test lean; the importer works course by course.
    import_course(old_courses[SLUG])
    users = get_user_model().objects
    teacher = users.create_user("laerer", first_name="Kari", last_name="Lærer")
    people = [users.create_user(f"deltaker{n}", first_name=f"Deltaker{n}", last_name="Test") for n in range(3)]
    course = old_courses[SLUG]
    page = CoursePage.objects.get(ksi_id=SLUG)
    run, enrolments = make_run(page, teacher, people, date(2026, 1, 5))
    lessons = {lesson.ksi_id: lesson for lesson in LessonPage.objects.descendant_of(page)}
    # Deltaker 0 completed every lesson (and got a certificate), 1 did half, 2 only started.
    for position, lesson in enumerate(course.ordered_lessons()):
        page_ = lessons[lesson.id]
        for person, upto in zip(people, (len(course.lessons), len(course.lessons) // 2, 1), strict=True):
            if position >= upto:
                continue
            for checklist in lesson.checklists:
                progress.save_checklist(person, page_, checklist.id, [item.id for item in checklist.items[:2]])
            for quiz in lesson.quizzes:
                progress.submit_quiz(person, page_, quiz.id, answers_for(quiz, right=person is people[0]))
            progress.set_completed(person, page_)
    for day in range(3):
        session = AttendanceSession.objects.create(run=run, date=run.start_date + timedelta(days=day), hours=5)
        for enrolment in enrolments:
            Attendance.objects.create(session=session, enrolment=enrolment, present=enrolment is not enrolments[2])
    certificate, _ = certificates.issue(enrolments[0], issued_by=teacher)
    return {"run": run, "people": people, "certificate": certificate, "course": course}


def snapshot():
    return {
        "progress": sorted(
            (row.participant_id, row.lesson_id, LessonPage.objects.get(pk=row.lesson_id).ksi_id, bool(row.completed_at))
            for row in LessonProgress.objects.all()
        ),
        "attempts": sorted((a.pk, a.lesson_id, a.quiz_id, a.correct, a.total) for a in QuizAttempt.objects.all()),
        "attendance": sorted(Attendance.objects.values_list("pk", "session_id", "enrolment_id", "present")),
        "certificates": sorted(Certificate.objects.values_list("pk", "code", "enrolment_id", "hours")),
    }


def test_upgrading_0_1_0_to_todays_courses_loses_nothing(site_on_0_1_0, client):
    run = site_on_0_1_0["run"]
    before, report_before = snapshot(), report(run)
    # Local edits of two lessons that today's release also changes.
    edited = {ksi_id: local_edit(ksi_id, "kommunens versjon") for ksi_id in ("alderskontroll", "kasseoppgjor")}

    with pytest.raises(CommandError) as conflicts:  # the command exits non-zero while conflicts remain
        call_command("import_ksi_courses", "--course", SLUG, stdout=(out := io.StringIO()))
    printed = out.getvalue()
    assert all(f"{SLUG}/{ksi_id}" in str(conflicts.value) for ksi_id in ("alderskontroll", "kasseoppgjor"))

    # Every row is there and points at the same lesson, by page and by stable id.
    assert snapshot() == before
    # The old run's report reads as it did: it runs the lessons it started with.
    assert report(run) == report_before
    # Local edits that today's release also changes are kept and reported as conflicts with a diff.
    for ksi_id, page in edited.items():
        kept = LessonPage.objects.get(pk=page.pk)
        assert kept.title.endswith("(kommunens versjon)") and kept.live
        assert f"conflict   lesson  {ksi_id}" in printed
    assert "kommunens versjon" in printed  # the diff shows the local text
    # Everything else is today's content: 36 live lessons, the plan on the course page.
    course = shipped_courses()[SLUG]
    page = CoursePage.objects.get(ksi_id=SLUG)
    assert LessonPage.objects.live().descendant_of(page).count() == len(course.lessons) == 36
    assert page.plan is not None and (page.ksi_version, page.ksi_content_hash) == (course.version, course.content_hash)
    untouched = LessonPage.objects.get(ksi_id="mote-kunden").specific
    assert untouched.title == shipped_courses()[SLUG].lessons["mote-kunden"].title
    # Certificates still verify.
    certificate = site_on_0_1_0["certificate"]
    answer = client.get(f"/ksi/bevis/{certificate.code}/")
    assert answer.status_code == 200 and "Deltaker0" in answer.content.decode()
    # A second import writes nothing.
    with pytest.raises(CommandError):
        call_command("import_ksi_courses", "--course", SLUG, stdout=(again := io.StringIO()))
    assert "conflict" in again.getvalue() and snapshot() == before


@pytest.fixture
def upgraded_variant(tmp_path, old_courses, release_root):
    """Today's salg-og-service, changed the way a later release may change it: one lesson as 0.1.0 had it
    (the release leaves it), one moved to another module, one renamed (recorded), one removed (retired)."""
    folder = tmp_path / SLUG
    shutil.copytree(COURSES_DIR / SLUG, folder)
    shutil.copy(release_root / "courses" / SLUG / "lessons" / "hygiene-i-butikken.yaml", folder / "lessons")
    course_file = folder / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    # Move: "kjolekjeden" from its module to the first one; rename "kasseoppgjor" → "kasseoppgjor-og-kontroll";
    # remove "turnus-og-samarbeid" (retired).
    text = text.replace("      - kjolekjeden\n", "").replace("    lessons:\n", "    lessons:\n      - kjolekjeden\n", 1)
    text = text.replace("      - kasseoppgjor\n", "      - kasseoppgjor-og-kontroll\n")
    text = text.replace("      - turnus-og-samarbeid\n", "")
    text += "renamed:\n  kasseoppgjor: kasseoppgjor-og-kontroll\nretired:\n  - turnus-og-samarbeid\n"
    course_file.write_text(text, encoding="utf-8")
    renamed = folder / "lessons" / "kasseoppgjor.yaml"
    body = renamed.read_text(encoding="utf-8").replace("id: kasseoppgjor\n", "id: kasseoppgjor-og-kontroll\n", 1)
    (folder / "lessons" / "kasseoppgjor-og-kontroll.yaml").write_text(body, encoding="utf-8")
    renamed.unlink()
    (folder / "lessons" / "turnus-og-samarbeid.yaml").unlink()
    plan = folder / "plan.yaml"
    plan_text = plan.read_text(encoding="utf-8").replace("lesson: kasseoppgjor\n", "lesson: kasseoppgjor-og-kontroll\n")
    plan_text = plan_text.replace("kasseoppgjor]", "kasseoppgjor-og-kontroll]").replace(
        "kasseoppgjor,", "kasseoppgjor-og-kontroll,"
    )
    plan.write_text(plan_text.replace("lesson: turnus-og-samarbeid\n", "lesson: kjolekjeden\n"), encoding="utf-8")
    plan.write_text(plan.read_text(encoding="utf-8").replace("turnus-og-samarbeid", "kjolekjeden"), encoding="utf-8")
    course = load_course(folder, common=COMMON_DIR)
    assert check_stable_ids(course) == [], "the variant records every change it makes"
    return course


def test_moves_renames_and_removals_keep_history(site_on_0_1_0, upgraded_variant):
    before = snapshot()
    moved = LessonPage.objects.get(ksi_id="kjolekjeden")
    renamed = LessonPage.objects.get(ksi_id="kasseoppgjor")
    removed = LessonPage.objects.get(ksi_id="turnus-og-samarbeid")
    left = local_edit("hygiene-i-butikken", "lokal")  # the variant leaves this lesson as 0.1.0 had it
    local_edit("kjolekjeden", "lokal")  # the variant changes and moves this one

    result = import_course(upgraded_variant)

    # Rows survive and still point at the same pages.
    assert snapshot()["attempts"] == before["attempts"] and snapshot()["attendance"] == before["attendance"]
    assert [row[:2] for row in snapshot()["progress"]] == [row[:2] for row in before["progress"]]
    # The moved lesson is in its new module (the first), same page.
    moved.refresh_from_db()
    first_module = CoursePage.objects.get(ksi_id=SLUG).get_children().first()
    assert moved.get_parent().pk == first_module.pk
    # Moved with the municipality's edit kept, and reported as a conflict (the release changed it too).
    assert moved.title.endswith("(lokal)") and moved.live
    assert ("kjolekjeden", "conflict") in {(action.ksi_id, action.verb) for action in result.actions}
    # The renamed lesson is the same page under its new id: progress still finds it.
    renamed.refresh_from_db()
    assert renamed.ksi_id == "kasseoppgjor-og-kontroll" and renamed.live
    assert LessonProgress.objects.filter(lesson=renamed).exists()
    # The removed lesson is unpublished, never deleted.
    removed.refresh_from_db()
    assert not removed.live and LessonProgress.objects.filter(lesson=removed).exists()
    # The local edit of a lesson the release leaves alone is kept without a conflict.
    assert LessonPage.objects.get(pk=left.pk).title.endswith("(lokal)")
    verbs = {(action.ksi_id, action.verb) for action in result.actions}
    assert ("hygiene-i-butikken", "conflict") not in verbs
    assert ("kasseoppgjor-og-kontroll", "rename") in verbs or ("kasseoppgjor", "rename") in verbs

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from ksi_courses import content_import
from ksi_courses.content_import import import_course
from ksi_courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

pytestmark = pytest.mark.django_db


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_import_builds_the_page_tree(mini_course):
    report = import_course(mini_course)
    created = [(a.kind, a.ksi_id) for a in report.actions if a.verb == "create"]
    assert created[:4] == [
        ("course", "mini-kurs"),
        ("module", "modul-en"),
        ("lesson", "handvask"),
        ("lesson", "renholdsutstyr"),
    ]
    assert sorted(ksi_id for kind, ksi_id in created if kind == "form") == sorted(mini_course.forms)
    index = CourseIndexPage.objects.get()
    course = CoursePage.objects.child_of(index).get()
    assert (course.ksi_id, course.title, course.ksi_version) == ("mini-kurs", "Minikurs for testing", "1.0.0")
    assert course.ksi_content_hash == mini_course.content_hash
    module = ModulePage.objects.child_of(course).get()
    assert [p.ksi_id for p in LessonPage.objects.child_of(module)] == ["handvask", "renholdsutstyr"]
    lesson = LessonPage.objects.get(ksi_id="handvask")
    assert [child.block_type for child in lesson.body] == [
        "text",
        "image",
        "vocabulary",
        "checklist",
        "quiz",
        "exercise",
        "callout",
        "teacher_note",
        "video",
    ]
    assert lesson.live and lesson.goal_list == ["Du kan vaske hendene riktig."]
    assert get_image_model().objects.count() == 1


def test_second_import_writes_nothing(mini_course):
    import_course(mini_course)
    revisions = Revision.objects.count()
    with CaptureQueriesContext(connection) as queries:
        report = import_course(mini_course)
    assert report.changes == []
    assert {a.verb for a in report.actions} == {"unchanged"}
    assert writes(queries.captured_queries) == []
    assert Revision.objects.count() == revisions


def test_import_is_atomic(mini_course, monkeypatch):
    original = content_import._CourseSync.sync
    calls = []

    def failing_sync(self, page, *args, **kwargs):
        calls.append(args[2])
        if args[2] == "lesson" and len(calls) > 3:
            raise RuntimeError("disk full")
        return original(self, page, *args, **kwargs)

    pages_before = Page.objects.count()
    monkeypatch.setattr(content_import._CourseSync, "sync", failing_sync)
    with pytest.raises(RuntimeError, match="disk full"):
        import_course(mini_course)
    assert Page.objects.count() == pages_before
    assert not CoursePage.objects.exists()


def test_dry_run_reports_the_plan_and_writes_nothing(mini_course):
    pages_before = Page.objects.count()
    report = import_course(mini_course, dry_run=True)
    assert [(a.verb, a.kind) for a in report.actions][:2] == [("create", "course"), ("create", "module")]
    assert Page.objects.count() == pages_before


def test_command_imports_shipped_courses_and_second_run_changes_nothing(capsys):
    from course_content import shipped_courses

    call_command("import_ksi_courses")
    first = capsys.readouterr().out
    assert CoursePage.objects.count() == len(shipped_courses())
    call_command("import_ksi_courses")
    second = capsys.readouterr().out
    assert "= 0 change(s)" in second and "create" in first
    assert second.count("= 0 change(s)") == len(shipped_courses())


def test_command_path_and_unknown_course_errors(mini_course):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no course 'nope'"):
        call_command("import_ksi_courses", course=["nope"])

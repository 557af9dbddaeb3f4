"""Upgrades never lose a municipality's edits; exports give back the content that was imported."""

import shutil

import pytest
from django.core.management import call_command

from course_content import check_course, load_course, shipped_courses
from course_content.writer import write_course
from ksi_courses.content_export import export_course
from ksi_courses.content_import import import_course, render_report
from ksi_courses.models import CoursePage, LessonPage, ModulePage
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db


def comparable(course):
    return course.model_dump(exclude={"content_hash"})


@pytest.fixture
def v2_folder(tmp_path):
    folder = tmp_path / "v2"
    shutil.copytree(MINI_COURSE, folder)
    return folder


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_lesson_locally(ksi_id, new_title):
    page = LessonPage.objects.get(ksi_id=ksi_id)
    page.title = new_title
    page.save_revision().publish()


def test_upgrade_keeps_local_edits_updates_the_rest_and_adds_in_order(mini_course, v2_folder):
    import_course(mini_course)
    edit_lesson_locally("handvask", "Håndvask – vår versjon")
    # Version 2 changes both lessons and inserts a new lesson first in the module.
    replace(v2_folder / "course.yaml", "version: 1.0.0", "version: 1.1.0")
    replace(v2_folder / "lessons" / "handvask.yaml", "er det viktigste", "er det aller viktigste")
    replace(
        v2_folder / "lessons" / "renholdsutstyr.yaml",
        "Vi bruker **mopp** og klut.",
        "Vi bruker **mopp**, bøtte og klut.",
    )
    shutil.copy(v2_folder / "lessons" / "renholdsutstyr.yaml", v2_folder / "lessons" / "oppvask.yaml")
    replace(
        v2_folder / "lessons" / "oppvask.yaml",
        "id: renholdsutstyr\ntitle: Renholdsutstyr",
        "id: oppvask\ntitle: Oppvask",
    )
    replace(
        v2_folder / "course.yaml", "    lessons:\n      - handvask", "    lessons:\n      - oppvask\n      - handvask"
    )
    v2 = load_course(v2_folder)

    report = import_course(v2)
    verbs = {(a.verb, a.ksi_id) for a in report.actions}
    assert ("conflict", "handvask") in verbs
    assert ("update", "renholdsutstyr") in verbs and ("create", "oppvask") in verbs

    edited = LessonPage.objects.get(ksi_id="handvask")
    assert edited.title == "Håndvask – vår versjon"
    assert "er det aller viktigste" not in str(edited.body[0].value["body"])
    [conflict] = report.conflicts
    assert "-title: Håndvask – vår versjon" in conflict.diff and "+title: Håndvask" in conflict.diff
    assert "aller viktigste" in conflict.diff
    text = render_report(report)
    assert "Conflict: lesson 'handvask'" in text and "--keep" in text and "--force" in text

    updated = LessonPage.objects.get(ksi_id="renholdsutstyr")
    assert "bøtte" in updated.body[0].value["body"]
    module = ModulePage.objects.get()
    assert [p.ksi_id for p in LessonPage.objects.child_of(module)] == ["oppvask", "handvask", "renholdsutstyr"]
    assert CoursePage.objects.get().ksi_version == "1.1.0"


def test_keep_and_force_resolve_conflicts(mini_course, v2_folder):
    import_course(mini_course)
    edit_lesson_locally("handvask", "Vår håndvask")
    replace(v2_folder / "lessons" / "handvask.yaml", "er det viktigste", "er det aller viktigste")
    v2 = load_course(v2_folder)

    kept = import_course(v2, on_conflict="keep")
    assert next((a.verb, a.ksi_id) for a in kept.actions if a.kind == "lesson") == ("keep", "handvask")
    assert LessonPage.objects.get(ksi_id="handvask").title == "Vår håndvask"
    again = import_course(v2)  # the conflict was resolved: nothing more to report
    assert again.conflicts == [] and again.changes == []

    replace(v2_folder / "lessons" / "handvask.yaml", "aller viktigste", "aller aller viktigste")
    forced = import_course(load_course(v2_folder), on_conflict="force")
    assert ("overwrite", "handvask") in {(a.verb, a.ksi_id) for a in forced.actions}
    page = LessonPage.objects.get(ksi_id="handvask")
    assert page.title == "Håndvask" and "aller aller viktigste" in page.body[0].value["body"]
    titles = [revision.as_object().title for revision in page.revisions.order_by("created_at", "pk")]
    assert "Vår håndvask" in titles  # the local version survives in the history


def test_lesson_removed_upstream_is_unpublished_not_deleted(mini_course, v2_folder):
    import_course(mini_course)
    (v2_folder / "lessons" / "renholdsutstyr.yaml").unlink()
    replace(v2_folder / "course.yaml", "      - renholdsutstyr\n", "")
    report = import_course(load_course(v2_folder))
    assert ("unpublish", "renholdsutstyr") in {(a.verb, a.ksi_id) for a in report.actions}
    page = LessonPage.objects.get(ksi_id="renholdsutstyr")
    assert page.live is False


def test_dry_run_prints_the_plan_and_writes_nothing(mini_course, v2_folder, capsys):
    import_course(mini_course)
    replace(v2_folder / "lessons" / "renholdsutstyr.yaml", "Vi bruker", "Vi bruker ofte")
    call_command("import_ksi_courses", path=str(v2_folder), dry_run=True)
    out = capsys.readouterr().out
    assert "dry run: nothing written" in out and "update     lesson  renholdsutstyr" in out
    assert "ofte" not in LessonPage.objects.get(ksi_id="renholdsutstyr").body[0].value["body"]


def test_export_of_untouched_import_equals_the_imported_course(mini_course, tmp_path):
    import_course(mini_course)
    exported, media = export_course(CoursePage.objects.get(), shipped=mini_course)
    assert comparable(exported) == comparable(mini_course)
    folder = write_course(exported, tmp_path / "export", media)
    reloaded, problems = check_course(folder)
    assert problems == [] and comparable(reloaded) == comparable(mini_course)
    assert (folder / "media" / "hender.svg").read_bytes() == (MINI_COURSE / "media" / "hender.svg").read_bytes()


def test_export_of_edited_course_validates(mini_course, tmp_path, capsys):
    import_course(mini_course)
    edit_lesson_locally("handvask", "Håndvask hos oss")
    call_command("export_ksi_courses", "mini-kurs", str(tmp_path / "edited"))
    course, problems = check_course(tmp_path / "edited")
    assert [p for p in problems if p.severity == "error"] == []
    assert course.lessons["handvask"].title == "Håndvask hos oss"


def test_round_trip_of_every_shipped_course(tmp_path):
    for course in shipped_courses().values():
        import_course(course)
        exported, _media = export_course(CoursePage.objects.get(ksi_id=course.slug))
        assert comparable(exported) == comparable(course), course.slug


def test_an_edit_in_wagtail_reaches_open_edx_through_export_and_olx(mini_course, tmp_path):
    """export_ksi_courses → ksi-courses olx: the archive carries the municipality's edit, and an
    XBlock runtime with no course data shows it."""
    from xblock.runtime import DictKeyValueStore, KvsFieldData

    from tests.xblocks.test_lesson_document import (
        NO_COURSES,
        OlxImportRuntime,
        archive_of,
        import_lesson,
        lesson_elements,
    )
    from xblocks.catalog import SERVICE_NAME

    import_course(mini_course)
    edit_lesson_locally("handvask", "Håndvask på Verdal sykehjem")
    call_command("export_ksi_courses", "mini-kurs", str(tmp_path / "export"))
    runtime = OlxImportRuntime({"field-data": KvsFieldData(DictKeyValueStore()), SERVICE_NAME: NO_COURSES})
    block = import_lesson(runtime, lesson_elements(archive_of(tmp_path / "export"))["handvask"])
    assert "Håndvask på Verdal sykehjem" in block.render("student_view").content

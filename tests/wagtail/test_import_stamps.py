"""A re-import decides "nothing changed" from stored hashes, yet still notices every local edit."""

import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from course_content import load_course
from ksi_courses import payloads
from ksi_courses.content_import import import_course
from ksi_courses.form_pages import CourseFormField, CourseFormPage
from ksi_courses.models import CoursePage, LessonPage, ModulePage
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db

PAGE_CLASSES = (CoursePage, ModulePage, LessonPage, CourseFormPage)


@pytest.fixture
def read_back(monkeypatch):
    """Records every page the importer reads back into a payload (the slow comparison)."""
    seen = []
    for name in ("course_page_payload", "module_page_payload", "lesson_page_payload"):
        original = getattr(payloads, name)

        def spy(page, *args, original=original):
            seen.append(page.ksi_id)
            return original(page, *args)

        monkeypatch.setattr(payloads, name, spy)
    return seen


def verbs(report) -> dict[str, str]:
    return {action.ksi_id: action.verb for action in report.actions}


def test_no_op_import_reads_no_page_back(mini_course, read_back):
    import_course(mini_course)
    read_back.clear()
    report = import_course(mini_course)
    assert set(verbs(report).values()) == {"unchanged"}
    assert read_back == []


def test_no_op_import_queries_do_not_grow_with_the_course(mini_course, tmp_path):
    import_course(mini_course)
    with CaptureQueriesContext(connection) as small:
        import_course(mini_course)
    folder = tmp_path / "stor"
    shutil.copytree(MINI_COURSE, folder)
    text = (folder / "course.yaml").read_text(encoding="utf-8")
    extra = "".join(f"      - ekstra-{i}\n" for i in range(8))
    (folder / "course.yaml").write_text(text.replace("      - renholdsutstyr\n", "      - renholdsutstyr\n" + extra))
    lesson = (folder / "lessons" / "renholdsutstyr.yaml").read_text(encoding="utf-8")
    for i in range(8):
        (folder / "lessons" / f"ekstra-{i}.yaml").write_text(lesson.replace("id: renholdsutstyr", f"id: ekstra-{i}"))
    bigger = load_course(folder)
    import_course(bigger)
    with CaptureQueriesContext(connection) as large:
        report = import_course(bigger)
    assert set(verbs(report).values()) == {"unchanged"}
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_changed_lesson_is_the_only_page_read_back(mini_course, tmp_path, read_back):
    import_course(mini_course)
    folder = tmp_path / "v2"
    shutil.copytree(MINI_COURSE, folder)
    lesson = folder / "lessons" / "renholdsutstyr.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Vi bruker", "Vi bruker ofte"), encoding="utf-8")
    read_back.clear()
    report = import_course(load_course(folder))
    assert verbs(report)["renholdsutstyr"] == "update"
    assert {verb for ksi_id, verb in verbs(report).items() if ksi_id != "renholdsutstyr"} == {"unchanged"}
    assert read_back == ["renholdsutstyr"]
    assert "ofte" in LessonPage.objects.get(ksi_id="renholdsutstyr").body[0].value["body"]
    read_back.clear()
    assert set(verbs(import_course(load_course(folder))).values()) == {"unchanged"}
    assert read_back == []


def test_an_edit_in_the_admin_is_still_noticed(mini_course):
    import_course(mini_course)
    page = LessonPage.objects.get(ksi_id="handvask")
    page.title = "Vår håndvask"
    page.save_revision()  # a draft is enough
    assert verbs(import_course(mini_course))["handvask"] == "edited"


def test_an_edit_without_a_revision_is_still_noticed(mini_course):
    import_course(mini_course)
    LessonPage.objects.filter(ksi_id="handvask").update(goals="Et eget mål")
    form = CourseFormPage.objects.filter(ksi_id="egen-sjekkliste").get()
    CourseFormField.objects.filter(page=form).update(label="Vårt eget spørsmål")
    report = import_course(mini_course)
    assert verbs(report)["handvask"] == "edited"
    assert verbs(report)["egen-sjekkliste"] == "edited"
    assert verbs(report)["renholdsutstyr"] == "unchanged"


def test_pages_imported_before_stamps_are_stamped_once(mini_course, read_back):
    import_course(mini_course)
    for page_class in PAGE_CLASSES:
        page_class.objects.update(ksi_page_stamp="")
    read_back.clear()
    assert set(verbs(import_course(mini_course)).values()) == {"unchanged"}
    assert "handvask" in read_back  # the full comparison, once
    assert all(page.ksi_page_stamp for page_class in PAGE_CLASSES for page in page_class.objects.all())
    read_back.clear()
    assert set(verbs(import_course(mini_course)).values()) == {"unchanged"}
    assert read_back == []


def test_kept_edits_stay_edited(mini_course, tmp_path):
    import_course(mini_course)
    page = LessonPage.objects.get(ksi_id="handvask")
    page.title = "Vår håndvask"
    page.save_revision().publish()
    folder = tmp_path / "v2"
    shutil.copytree(MINI_COURSE, folder)
    lesson = folder / "lessons" / "handvask.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("er det viktigste", "er det aller viktigste"))
    v2 = load_course(folder)
    assert verbs(import_course(v2, on_conflict="keep"))["handvask"] == "keep"
    assert verbs(import_course(v2))["handvask"] == "edited"
    assert LessonPage.objects.get(ksi_id="handvask").title == "Vår håndvask"

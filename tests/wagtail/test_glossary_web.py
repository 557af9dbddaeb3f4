"""The web face shows the glossary's translations, flags unchecked safety terms, and exports them back."""

import pytest

from course_content import load_course
from course_content.writer import write_course
from ksi_courses.content_export import export_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage
from tests.glossary_course import KLOR_NOTE, KLOR_SO, make_glossary_course

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def glossary_folder(tmp_path_factory):
    return make_glossary_course(tmp_path_factory.mktemp("glossary") / "mini-kurs")


@pytest.fixture
def course(glossary_folder):
    course = load_course(glossary_folder)
    import_course(course)
    return course


def lesson_html(client, ksi_id: str, language: str) -> str:
    return client.get(LessonPage.objects.get(ksi_id=ksi_id).url, {"sprak": language}).content.decode()


def test_both_lessons_show_the_glossary_translation_with_the_native_review_note(client, course):
    for ksi_id in ("handvask", "renholdsutstyr"):
        html = lesson_html(client, ksi_id, "so")
        assert f'{KLOR_SO} <span class="ksi-native-review" lang="nb" dir="ltr">({KLOR_NOTE})</span></td>' in html
        assert "nadaafadda gacmaha</td>" in html  # not a safety term: no note


def test_no_note_for_a_language_outside_the_rule(client, course):
    html = lesson_html(client, "handvask", "ar")
    assert "الكلور</td>" in html and KLOR_NOTE not in html


def test_a_translation_reviewed_in_the_cms_loses_the_note(client, course):
    page = LessonPage.objects.get(ksi_id="handvask").specific
    block = next(child for child in page.body if child.block_type == "vocabulary")
    klor = next(entry for entry in block.value["entries"] if entry["term"] == "klor")
    klor["reviewed"] = ["so"]
    page.save_revision().publish()
    assert KLOR_NOTE not in lesson_html(client, "handvask", "so")
    assert KLOR_NOTE in lesson_html(client, "handvask", "ti")


def test_export_keeps_safety_review_and_a_local_edit_of_one_lesson(course, tmp_path):
    page = LessonPage.objects.get(ksi_id="handvask").specific
    block = next(child for child in page.body if child.block_type == "vocabulary")
    hygiene = next(entry for entry in block.value["entries"] if entry["term"] == "håndhygiene")
    hygiene["translations"]["so"] = "gacmo dhaqid"
    page.save_revision().publish()

    exported, media = export_course(CoursePage.objects.get(), shipped=course)
    again = load_course(write_course(exported, tmp_path / "export", media))
    by_lesson = {lesson.id: {e.term: e for e in lesson.vocabulary} for lesson in again.lessons.values()}
    assert by_lesson["handvask"]["håndhygiene"].translations.so == "gacmo dhaqid"
    assert by_lesson["renholdsutstyr"]["håndhygiene"].translations.so == "nadaafadda gacmaha"
    assert again.glossary.by_term()["håndhygiene"].translations.so == "nadaafadda gacmaha"
    klor = by_lesson["renholdsutstyr"]["klor"]
    assert (
        klor.safety
        and klor.needs_native_review("so")
        and klor.review == course.lessons["renholdsutstyr"].vocabulary[2].review
    )


def test_export_of_the_untouched_import_gives_back_the_same_vocabulary(course, tmp_path):
    exported, media = export_course(CoursePage.objects.get(), shipped=course)
    again = load_course(write_course(exported, tmp_path / "export", media))
    for lesson_id, lesson in course.lessons.items():
        assert again.lessons[lesson_id].vocabulary == lesson.vocabulary

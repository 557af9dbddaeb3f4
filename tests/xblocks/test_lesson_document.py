"""Archives carry their own content: a lesson block holds its lesson as a document, so an archive
made from an edited course folder shows the edits on a server with no course data, and a newer
archive imported over an older one keeps the learners' work."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from datetime import date

import pytest
from lxml import etree
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData

from course_content import load_course
from tests.paths import MINI_COURSE
from tests.xblocks.conftest import RecordingRuntime
from tests.xblocks.test_handlers import ALL_RIGHT, call
from tests.xblocks.test_views import words
from xblocks.catalog import SERVICE_NAME, CourseCatalog, LessonNotFound
from xblocks.lesson import LessonBlock
from xblocks.lesson_document import FORMAT, lesson_document, read_document
from xblocks.olx import OlxOptions, write_archive

#: A server whose package has no courses at all.
NO_COURSES = CourseCatalog(lambda: [], lambda slug: None)


class OlxImportRuntime(RecordingRuntime):
    """The XBlock runtime reading OLX as Open edX's course import does in the respect that matters
    here: a block's usage and definition ids come from its ``url_name``, so importing a newer
    archive of the same course reaches the same blocks and their learner state."""

    def _usage_id_from_node(self, node, parent_id):
        url_name = node.get("url_name")
        def_id, usage_id = f"d_{url_name}", f"u_{url_name}"
        self.id_generator._definitions[def_id] = node.tag
        self.id_generator._usages[usage_id] = def_id
        node.attrib.pop("xblock-family", None)
        block_class = self.mixologist.mix(self.load_block_type(node.tag))
        block = block_class.parse_xml(node, self, ScopeIds(None, node.tag, def_id, usage_id))
        block.parent = parent_id
        block.save()
        return usage_id


def lesson_elements(archive: bytes) -> dict[str, bytes]:
    """The ``ksi_lesson`` elements of an OLX archive, by lesson id, as XML bytes."""
    elements = {}
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.name.startswith("course/vertical/") and member.isfile():
                for element in etree.fromstring(tar.extractfile(member).read()).iter("ksi_lesson"):
                    elements[element.get("lesson_id")] = etree.tostring(element)
    return elements


def archive_of(folder) -> bytes:
    buffer = io.BytesIO()
    write_archive(load_course(folder), buffer, OlxOptions(start=date(2026, 8, 17)))
    return buffer.getvalue()


@pytest.fixture
def edited_folder(tmp_path):
    """A copy of the mini course with a municipality's edit in lesson ``handvask``."""
    folder = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, folder)
    lesson = folder / "lessons" / "handvask.yaml"
    text = lesson.read_text(encoding="utf-8")
    assert "\ntitle: Håndvask\n" in text
    lesson.write_text(text.replace("\ntitle: Håndvask\n", "\ntitle: Håndvask i Levanger\n", 1), encoding="utf-8")
    return folder


def import_lesson(runtime, element: bytes, user: str = "learner-1") -> LessonBlock:
    usage_id = runtime.parse_xml_string(element)
    runtime.user_id = user
    return runtime.get_block(usage_id)


def test_an_archive_of_an_edited_folder_shows_the_edits_on_a_server_without_course_data(edited_folder):
    elements = lesson_elements(archive_of(edited_folder))
    runtime = OlxImportRuntime({"field-data": KvsFieldData(DictKeyValueStore()), SERVICE_NAME: NO_COURSES})
    block = import_lesson(runtime, elements["handvask"])
    assert block.lesson_document["format"] == FORMAT
    page = words(block.render("student_view").content)
    assert "Håndvask i Levanger" in page
    assert block.display_name.startswith("Håndvask i Levanger")
    # Scoring and images work from the document alone.
    status, body = call(block, "submit_quiz", {"quiz": "quiz", "answers": ALL_RIGHT})
    assert status == 200 and body["correct"] == body["total"] == 3
    assert runtime.events_of("grade") == [{"value": 1.0, "max_value": 1.0}]
    images = [b for b in block.student_view_data()["blocks"] if b["type"] == "image" and not b["picture"]]
    assert images, "the mini course's handvask lesson has an image from its folder"
    response = block.media(None, images[0]["url"].split("/media/", 1)[1])
    assert response.status_code == 200 and response.body.lstrip().startswith(b"<")


def test_every_lesson_of_the_archive_renders_without_course_data():
    course = load_course(MINI_COURSE)
    elements = lesson_elements(archive_of(MINI_COURSE))
    assert set(elements) == {lesson.id for lesson in course.ordered_lessons()}
    runtime = OlxImportRuntime({"field-data": KvsFieldData(DictKeyValueStore()), SERVICE_NAME: NO_COURSES})
    for lesson_id, element in elements.items():
        block = import_lesson(runtime, element)
        html = block.render("student_view").content
        assert "ksi-lesson--missing" not in html, lesson_id
        assert course.lessons[lesson_id].title in words(html)


def test_a_newer_archive_keeps_learner_state(edited_folder):
    kvs = KvsFieldData(DictKeyValueStore())
    runtime = OlxImportRuntime({"field-data": kvs, SERVICE_NAME: NO_COURSES})
    block = import_lesson(runtime, lesson_elements(archive_of(MINI_COURSE))["handvask"])
    lesson = read_document(block.lesson_document)[1]
    checklist = lesson.checklists[0]
    block.checked = {checklist.id: [checklist.items[0].id]}
    quiz = lesson.quizzes[0]
    block.quiz_answers = {quiz.id: {quiz.questions[0].id: [0]}}
    block.save()

    again = import_lesson(runtime, lesson_elements(archive_of(edited_folder))["handvask"])
    assert again.scope_ids.usage_id == block.scope_ids.usage_id
    assert again.checked == {checklist.id: [checklist.items[0].id]}
    assert again.quiz_answers == {quiz.id: {quiz.questions[0].id: [0]}}
    assert "Håndvask i Levanger" in words(again.render("student_view").content)
    # Another learner's state is their own.
    other = import_lesson(runtime, lesson_elements(archive_of(edited_folder))["handvask"], user="learner-2")
    assert other.checked == {}


def test_a_block_made_before_lesson_documents_still_reads_the_package(runtime, make_block):
    block = make_block(course_slug="mini-kurs", lesson_id="handvask")
    assert not block.lesson_document
    assert "Håndvask i Levanger" not in (page := words(block.render("student_view").content))
    assert load_course(MINI_COURSE).lessons["handvask"].title in page


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"format": FORMAT + 1, "package_version": "9.0.0"}, "Upgrade ksi-courses on the Open edX server"),
        ({"format": FORMAT, "course": {}, "module": {}}, "incomplete or damaged"),
        ("lesson-as-json", "incomplete or damaged"),
    ],
)
def test_a_document_that_cannot_be_shown_says_so(runtime, make_block, document, message):
    good = lesson_document(*CourseCatalog.from_dirs([MINI_COURSE]).lesson("mini-kurs", "handvask"))
    if document == "lesson-as-json":
        document = {**good, "lesson": {**good["lesson"], "blocks": "not a list"}}
        message = "is not valid"
    block = make_block(course_slug="mini-kurs", lesson_id="handvask", lesson_document=document)
    html = block.render("student_view").content
    assert message in html
    assert block.student_view_data()["error"]
    assert block.has_score is False
    # Studio refuses to save such a block, with the same message.
    validation = block.validate()
    block.validate_field_data(validation, block)
    assert any(message in item.text for item in validation.messages)


def test_studio_choosing_another_lesson_replaces_the_document(runtime, make_block):
    catalog = CourseCatalog.from_dirs([MINI_COURSE])
    block = make_block(lesson_document=lesson_document(*catalog.lesson("mini-kurs", "handvask")))
    data = {"course_slug": "mini-kurs", "lesson_id": "renholdsutstyr", "lesson_document": block.lesson_document}
    block.clean_studio_edits(data)
    assert data["lesson_document"]["lesson"]["id"] == "renholdsutstyr"
    assert data["display_name"] == catalog.lesson("mini-kurs", "renholdsutstyr")[1].title
    # An author's edit of the document itself is kept when the lesson stays the same.
    block.course_slug, block.lesson_id = "mini-kurs", "handvask"
    edited = json.loads(json.dumps(block.lesson_document))
    edited["lesson"]["title"] = "Håndvask i Verdal"
    data = {"course_slug": "mini-kurs", "lesson_id": "handvask", "lesson_document": edited}
    block.clean_studio_edits(data)
    assert data["lesson_document"]["lesson"]["title"] == "Håndvask i Verdal"


def test_a_document_round_trips_to_the_same_lesson():
    catalog = CourseCatalog.from_dirs([MINI_COURSE])
    course = catalog.course("mini-kurs")
    for lesson in course.ordered_lessons():
        view, read = read_document(json.loads(json.dumps(lesson_document(course, lesson))))
        assert read == lesson
        assert (view.slug, view.title, view.module_of(lesson.id).title) == (
            course.slug,
            course.title,
            course.module_of(lesson.id).title,
        )


def test_an_empty_document_is_not_a_lesson():
    with pytest.raises(LessonNotFound, match="holds no lesson"):
        read_document({})

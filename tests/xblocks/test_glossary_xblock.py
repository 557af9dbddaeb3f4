"""The lesson XBlock shows the glossary's translation in every lesson and flags unchecked safety terms."""

import pytest
from xblock.runtime import DictKeyValueStore, KvsFieldData

from tests.glossary_course import KLOR_SO, make_glossary_course
from tests.xblocks.conftest import RecordingRuntime, build_block
from xblocks.catalog import SERVICE_NAME, CourseCatalog

NOTE = "not yet checked by a native speaker"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return CourseCatalog.from_dirs([make_glossary_course(tmp_path_factory.mktemp("glossary") / "mini-kurs")])


@pytest.fixture
def block_for(catalog):
    runtime = RecordingRuntime({"field-data": KvsFieldData(DictKeyValueStore()), SERVICE_NAME: catalog})
    return lambda lesson_id: build_block(runtime, course_slug="mini-kurs", lesson_id=lesson_id)


def vocabulary(block) -> dict:
    (data,) = [b for b in block.student_view_data()["blocks"] if b["type"] == "vocabulary"]
    return {entry["term"]: entry for entry in data["entries"]}


def test_both_lessons_carry_the_same_glossary_translations(block_for):
    first, second = vocabulary(block_for("handvask")), vocabulary(block_for("renholdsutstyr"))
    for term in ("klor", "håndhygiene"):
        assert first[term]["translations"] == second[term]["translations"]
    assert first["klor"]["translations"]["so"] == KLOR_SO


def test_the_safety_term_is_flagged_in_tigrinya_and_somali_only(block_for):
    entries = vocabulary(block_for("handvask"))
    assert entries["klor"]["native_review"] == ["ti", "so"]
    assert entries["håndhygiene"]["native_review"] == []


def test_the_note_is_rendered_beside_the_flagged_translations(block_for):
    html = block_for("renholdsutstyr").render("student_view").content
    assert html.count(NOTE) == 2  # klor in ti and so
    klor_so = html.index(KLOR_SO)
    assert html.index(NOTE, klor_so) < html.index("</dd>", klor_so)

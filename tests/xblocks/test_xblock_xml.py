"""OLX export and import of the block itself: settings travel, learner state never does."""

from __future__ import annotations

from io import BytesIO

from lxml import etree

from xblocks.lesson import LessonBlock


def test_export_keeps_settings_and_drops_learner_state(make_block, runtime):
    block = make_block(course_slug="mini-kurs", lesson_id="handvask", display_name="Vask hendene", weight=3.0)
    block.checked = {"for-jobb": ["sapa"]}
    block.quiz_answers = {"quiz": {"q1": [0]}}
    block.vocabulary_language = "ar"
    block.save()

    out = BytesIO()
    runtime.export_to_xml(block, out)
    node = etree.fromstring(out.getvalue())
    assert node.tag == "ksi_lesson"
    assert dict(node.attrib) == {
        "xblock-family": "xblock.v1",
        "course_slug": "mini-kurs",
        "lesson_id": "handvask",
        "display_name": "Vask hendene",
        "weight": "3.0",
    }
    assert len(node) == 0 and not (node.text or "").strip()

    usage_id = runtime.parse_xml_string(out.getvalue())
    copy = runtime.get_block(usage_id)
    assert isinstance(copy, LessonBlock)
    assert (copy.course_slug, copy.lesson_id, copy.display_name, copy.weight) == ("mini-kurs", "handvask", "Vask hendene", 3.0)


def test_import_ignores_learner_state_in_olx(runtime, caplog):
    xml = b'<ksi_lesson course_slug="mini-kurs" lesson_id="handvask" url_name="x" checked=\'{"for-jobb": ["sapa"]}\'/>'
    copy = runtime.get_block(runtime.parse_xml_string(xml))
    assert copy.lesson_id == "handvask"
    assert "ignoring OLX attribute 'checked'" in caplog.text
    assert not LessonBlock.fields["checked"].is_set_on(copy)


def test_defaults_are_not_exported(make_block, runtime):
    out = BytesIO()
    runtime.export_to_xml(make_block(course_slug="mini-kurs", lesson_id="renholdsutstyr"), out)
    assert set(etree.fromstring(out.getvalue()).attrib) == {"xblock-family", "course_slug", "lesson_id"}

"""Studio editing: the author picks course and lesson from the catalog; bad choices are refused."""

from __future__ import annotations

from tests.xblocks.test_handlers import call
from tests.xblocks.test_views import parse


def test_studio_form_offers_the_catalog(make_block):
    block = make_block()
    html = block.render("studio_view").content
    options = {(a.get("value"), ) for t, a in parse(html).elements if t == "option"}
    assert ("mini-kurs",) in options and ("handvask",) in options and ("renholdsutstyr",) in options
    assert "Minikurs for testing › Første modul › Håndvask" in html


def test_saving_a_lesson_names_the_block_after_it(make_block):
    block = make_block()
    status, body = call(block, "submit_studio_edits", {"values": {"course_slug": "mini-kurs", "lesson_id": "handvask"}, "defaults": []})
    assert (status, body) == (200, {"result": "success"})
    assert (block.course_slug, block.lesson_id, block.display_name) == ("mini-kurs", "handvask", "Håndvask")


def test_an_authors_own_name_is_kept(make_block):
    block = make_block()
    values = {"course_slug": "mini-kurs", "lesson_id": "handvask", "display_name": "Dag 1"}
    call(block, "submit_studio_edits", {"values": values, "defaults": []})
    assert block.display_name == "Dag 1"


def test_a_lesson_from_another_course_is_refused(make_block):
    block = make_block(course_slug="mini-kurs", lesson_id="handvask")
    status, body = call(block, "submit_studio_edits", {"values": {"lesson_id": "nope", "weight": -1}, "defaults": []})
    assert status == 400
    messages = [message["text"] for message in body["error"]["messages"]]
    assert any("Course 'mini-kurs' has no lesson 'nope'" in text for text in messages)
    assert "Weight must be 0 or more." in messages
    assert block.lesson_id == "handvask"  # nothing saved

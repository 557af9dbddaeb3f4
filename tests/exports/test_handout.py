"""Lesson handouts: one lesson, optionally with a translation column, in either edition."""

import pytest

from exports.pdf import PdfOptions, render_pdf
from tests.exports.pdfread import render_checked


@pytest.fixture(scope="module")
def handout(mini_course):
    return render_checked(mini_course, PdfOptions(lesson_id="handvask"))


@pytest.fixture(scope="module")
def teacher_handout(mini_course):
    return render_checked(mini_course, PdfOptions(lesson_id="handvask", edition="teacher", language="ar"))


def test_handout_holds_one_lesson(handout, mini_course):
    assert "Håndhygiene er det viktigste du gjør for å stoppe smitte." in handout
    assert "Vi bruker mopp og klut." not in handout  # the other lesson
    assert mini_course.title in handout
    assert handout.outline() == [("Håndvask", [])]
    assert handout.reader.metadata.title == f"Håndvask – {mini_course.title}"


def test_participant_handout_hides_teacher_material(handout):
    assert "Ta med såpe." not in handout
    assert "Håndhygiene stopper mest smitte." not in handout
    assert "نظافة اليدين" not in handout  # no language asked for


def test_teacher_handout_with_translations(teacher_handout):
    assert "Ta med såpe." in teacher_handout
    assert "Håndhygiene stopper mest smitte." in teacher_handout
    assert "نظافة اليدين" in teacher_handout
    assert "maskinoversatt" in teacher_handout


def test_handout_is_shorter_than_the_booklet(handout, participant_pdf):
    assert 1 <= handout.page_count < participant_pdf.page_count


def test_unknown_lesson_names_the_lessons_there_are(mini_course):
    with pytest.raises(KeyError, match=r"no lesson 'nope' in its modules; its lessons are: handvask, renholdsutstyr"):
        render_pdf(mini_course, PdfOptions(lesson_id="nope"), cache=None)

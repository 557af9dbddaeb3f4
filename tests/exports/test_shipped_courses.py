"""The shipped courses print: every course folder, nothing skipped.

A course that does not load fails here with its content errors. Rendering is the slowest part of
the suite, so each course renders once: the teacher edition, which holds everything the
participant edition does plus the teacher material.
"""

import pytest

from course_content import course_dirs, load_course
from course_content.loader import COURSES_DIR
from exports.fonts import EMBEDDED_NAME_PREFIX, missing_characters

SHIPPED = course_dirs(COURSES_DIR)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_there_are_shipped_courses():
    assert len(SHIPPED) >= 3


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_bundled_fonts_draw_every_character_of_the_course(path):
    course = load_course(path)
    missing = {ch: text[:60] for text in _strings(course.model_dump(mode="json")) for ch in missing_characters(text)}
    assert not missing, f"{path.name}: characters no bundled font has (replace them in the content): {missing}"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_teacher_edition_of_shipped_course(path, shipped_edition):
    course = load_course(path)
    pdf = shipped_edition(path.name, "teacher")
    assert course.title in pdf
    modules = [entry for entry in pdf.outline() if entry[1]]
    assert modules == [(m.title, [(lesson.title, []) for lesson in course.lessons_in(m)]) for m in course.modules]
    assert all(name.startswith(EMBEDDED_NAME_PREFIX) for name in pdf.embedded_fonts()), pdf.embedded_fonts()
    assert pdf.page_count > 4 * len(course.modules)
    first_note = next(note for lesson in course.ordered_lessons() for note in lesson.teacher_notes if note.body)
    assert first_note.body.split("\n")[0][:40] in pdf

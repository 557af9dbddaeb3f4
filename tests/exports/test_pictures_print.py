"""Library pictures in print: beside the key word in handouts and vocabulary lists, drawn as a
decorative artifact (no untagged figure, no WeasyPrint warning), with the credit line."""

from __future__ import annotations

import re

import pytest

from course_content.pictures import library
from exports.pdf import PdfOptions
from tests.exports.pdfread import render_checked

CREDIT = "Bilder: Twemoji © Twitter, Inc. and other contributors, CC BY 4.0"
_RGB = re.compile(rb"([\d.]+) ([\d.]+) ([\d.]+) rg")


def colours_of_svg(picture_id: str) -> set[tuple[float, ...]]:
    """The fill colours the picture's SVG uses, as PDF ``rg`` values rounded to 2 decimals."""
    svg = library().svgs[picture_id]
    return {
        tuple(round(int(code[i : i + 2], 16) / 255, 2) for i in (0, 2, 4))
        for code in re.findall(r'fill="#([0-9A-Fa-f]{6})"', svg)
    }


def painted_forms(pdf) -> list[tuple[bool, set[tuple[float, ...]]]]:
    """Every form XObject painted on any page: whether it is inside an artifact, and its colours."""
    found = []
    for page in pdf.reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        tokens = page.get_contents().get_data().split()
        open_marks: list[bytes] = []
        for index, token in enumerate(tokens):
            if token == b"BMC":
                open_marks.append(tokens[index - 1])
            elif token == b"BDC":
                open_marks.append(b"tagged")
            elif token == b"EMC":
                open_marks.pop()
            elif token == b"Do":
                data = xobjects[tokens[index - 1].decode()].get_object().get_data()
                colours = {tuple(round(float(v), 2) for v in match) for match in _RGB.findall(data)}
                found.append((b"/Artifact" in open_marks, colours))
    return found


def without_pictures(course):
    """``course`` with no picture on any vocabulary entry (to compare against)."""
    lessons = {}
    for lesson_id, lesson in course.lessons.items():
        blocks = [
            block.model_copy(update={"entries": [e.model_copy(update={"picture": None}) for e in block.entries]})
            if block.type == "vocabulary"
            else block
            for block in lesson.blocks
        ]
        lessons[lesson_id] = lesson.model_copy(update={"blocks": blocks})
    copy = course.model_copy(update={"lessons": lessons})
    copy._root = course.root
    return copy


@pytest.mark.parametrize(
    "options", [PdfOptions(lesson_id="handvask"), PdfOptions(language="ar")], ids=["handout", "vocabulary-list"]
)
def test_the_picture_of_a_word_is_printed_beside_it_as_an_artifact(mini_course, options):
    sape = colours_of_svg("sape")
    assert len(sape) >= 3
    with_picture = render_checked(mini_course, options)  # fails on any WeasyPrint warning
    drawn = [(artifact, colours) for artifact, colours in painted_forms(with_picture) if sape <= colours]
    assert drawn == [(True, drawn[0][1])], "the soap picture is drawn once, as an artifact"
    assert CREDIT in with_picture and "håndhygiene" in with_picture
    # Its alt text is not read out beside the word: the term is enough.
    assert library().pictures["sape"].alt not in [alt for _, alt in with_picture.structure()]

    plain = render_checked(without_pictures(mini_course), options)
    assert not [colours for _, colours in painted_forms(plain) if sape <= colours]
    assert CREDIT not in plain


def test_an_image_block_with_a_library_picture_is_a_figure_with_alt_text_and_credit(mini_course):
    handout = render_checked(mini_course, PdfOptions(lesson_id="renholdsutstyr"))
    assert ("Figure", "En blå bøtte med hank.") in handout.structure()
    assert "Twemoji © Twitter, Inc. and other contributors, CC BY 4.0" in handout


def x_of_text(pdf, start: str) -> float:
    """Where (points from the left) the first text run beginning with ``start`` is printed."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip().startswith(start):
            found.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    for page in pdf.reader.pages:
        page.extract_text(visitor_text=visit)
    assert found, f"{start!r} is not printed"
    return found[0]


@pytest.mark.parametrize(
    "options", [PdfOptions(lesson_id="handvask"), PdfOptions(language="ar")], ids=["handout", "vocabulary-list"]
)
def test_a_word_table_with_pictures_widens_the_word_column_by_the_picture(mini_course, options):
    """The picture's padding (11 mm) is 9 mm more than a cell's (2 mm); the word column grows by as
    much, so the words keep the room they have in a table without pictures (fixed layout)."""
    with_picture = render_checked(mini_course, options)
    plain = render_checked(without_pictures(mini_course), options)
    term_shift = x_of_text(with_picture, "håndhygiene") - x_of_text(plain, "håndhygiene")
    column_shift = x_of_text(with_picture, "Å holde hendene") - x_of_text(plain, "Å holde hendene")
    nine_mm = 9 * 72 / 25.4
    assert term_shift == pytest.approx(nine_mm, abs=0.5)
    assert column_shift == pytest.approx(nine_mm, abs=0.5)

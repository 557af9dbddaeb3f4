"""Every form of every shipped course renders, blank and fillable, without warnings; nothing skipped.

Each form renders once per variant (the slow part), inside one test per course and variant.
"""

import io

import pytest
from pypdf import PdfReader

from course_content import course_dirs, load_course
from course_content.loader import COURSES_DIR
from exports.forms import render_form_pdf
from tests.exports.pdfread import Pdf, no_render_warnings
from tests.exports.test_forms import expected_fields, expected_outline, fields_of

SHIPPED = course_dirs(COURSES_DIR)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_form_prints_blank(path):
    course = load_course(path)
    assert len(course.forms) >= 7  # the common set at least
    for form in course.forms.values():
        with no_render_warnings():
            pdf = Pdf(render_form_pdf(course, form))
        assert "/AcroForm" not in pdf.reader.trailer["/Root"], form.id
        assert form.title in pdf, form.id
        assert [title for title, _ in pdf.outline()] == expected_outline(form), form.id
        missing = [f.id for f in form.fields if " ".join(f.label.split())[:40] not in pdf]
        assert not missing, f"{course.slug}/{form.id}: labels not printed: {missing}"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_form_prints_fillable(path):
    course = load_course(path)
    for form in course.forms.values():
        with no_render_warnings():
            data = render_form_pdf(course, form, fillable=True)
        reader = PdfReader(io.BytesIO(data))  # fields only: extracting the text would double the time
        found = {name: (str(field["/FT"]), str(field["/TU"])) for name, field in fields_of(reader).items()}
        assert found == expected_fields(form), f"{course.slug}/{form.id}"
        assert set(reader.get_fields()) == set(found), f"{course.slug}/{form.id}"

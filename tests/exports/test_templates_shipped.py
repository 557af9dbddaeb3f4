"""Every template of every shipped course fills and renders as PDF and DOCX; nothing skipped."""

from datetime import date

import pytest

from course_content import course_dirs, load_course
from course_content.loader import COURSES_DIR
from exports.course_run import norwegian_date
from exports.filled_templates import render_template_docx, render_template_pdf, sample_values
from exports.html import decimal
from tests.exports.pdfread import Pdf, no_render_warnings
from tests.exports.test_templates import docx_text, read_docx

SHIPPED = course_dirs(COURSES_DIR)
TODAY = date(2026, 3, 2)


def printed(value) -> str:
    """How a sample value reads in the document."""
    if isinstance(value, date):
        return norwegian_date(value)
    if isinstance(value, float):
        return decimal(value)
    if isinstance(value, list):
        return value[0]
    if isinstance(value, str) and value.startswith("| "):  # a Markdown table: its first header cell
        return value.split("|")[1].strip()
    return str(value)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_template_renders_filled_as_pdf_and_docx(path):
    course = load_course(path)
    assert len(course.templates) >= 5  # the common set at least
    samples = sample_values(course, TODAY)
    for template in course.templates.values():
        with no_render_warnings():
            pdf = Pdf(render_template_pdf(course, template, today=TODAY))
        assert "{{" not in pdf.text and "}}" not in pdf.text, template.id
        assert pdf.reader.metadata.title == f"{template.title} – {course.title}"
        text = docx_text(read_docx(render_template_docx(course, template, today=TODAY)))
        assert "{{" not in text and "}}" not in text, template.id
        missing = [name for name in set(template.placeholders()) if printed(samples[name]) not in text]
        assert not missing, f"{course.slug}/{template.id}: sample values not in the DOCX: {missing}"
        if "municipality.name" in template.placeholders():
            assert "Eksempel kommune" in pdf, template.id

"""Every printed document's headings form one outline without skipped levels (PDF/UA, checker rule HDG-001).

Checked on the HTML the PDFs are laid out from (WeasyPrint tags ``<hN>`` as ``/HN``), for every
shipped course: fast, and it names the heading that jumps.
"""

import re

import pytest

from course_content import load_course
from course_content.loader import COURSES_DIR, course_dirs
from exports.filled_templates import template_html
from exports.forms import form_html
from exports.html import relevel_headings
from exports.pdf import PdfOptions, render_html

SHIPPED = course_dirs(COURSES_DIR)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)


def skipped_levels(html: str) -> list[str]:
    """Each heading that goes deeper than one level below the heading before it."""
    jumps, previous = [], 0
    for match in _HEADING.finditer(html):
        level = int(match.group(1))
        if level > previous + 1:
            text = re.sub(r"<[^>]+>", "", match.group(2)).strip()
            jumps.append(f"h{previous} → h{level} {text!r}")
        previous = level
    return jumps


def documents(course):
    lesson = course.ordered_lessons()
    yield "booklet", render_html(course, PdfOptions())
    yield "teacher edition", render_html(course, PdfOptions(edition="teacher"))
    yield "vocabulary list", render_html(course, PdfOptions(language="ar"))
    for item in lesson:
        yield f"handout {item.id}", render_html(course, PdfOptions(lesson_id=item.id, language="ti"))
        yield f"teacher handout {item.id}", render_html(course, PdfOptions(lesson_id=item.id, edition="teacher"))
    for form_id in sorted(course.forms):
        yield f"form {form_id}", form_html(course, form_id, fillable=True)
    for template_id in sorted(course.templates):
        yield f"template {template_id}", template_html(course, template_id)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_no_document_skips_a_heading_level(path):
    course = load_course(path)
    jumps = {name: found for name, html in documents(course) if (found := skipped_levels(html))}
    assert jumps == {}


def test_the_check_finds_a_skipped_level():
    assert skipped_levels("<h1>A</h1><h3>B</h3>") == ["h1 → h3 'B'"]


def test_markdown_headings_are_renumbered_without_gaps():
    html = "<h2>A</h2><p>x</p><h4>B</h4><h2>C</h2><h3>D</h3><h6>E</h6>"
    assert relevel_headings(html, 4) == "<h4>A</h4><p>x</p><h5>B</h5><h4>C</h4><h5>D</h5><h6>E</h6>"
    assert relevel_headings("<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4>", 5) == "<h5>A</h5><h6>B</h6><h6>C</h6><h6>D</h6>"

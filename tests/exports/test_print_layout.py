"""Print layout of every booklet and teacher edition of the shipped courses, read from the PDFs.

No heading, box label ("Praktisk oppgave · ca. 20 min") or table header ends a page without
what it introduces, and no page is less than 15 % full unless it ends a chapter
(:mod:`tests.exports.page_layout` says how each is recognised). A failure names the page.
"""

import pytest

from course_content import course_dirs
from course_content.loader import COURSES_DIR
from tests.exports.page_layout import Line, Run, layout_faults, line_from_runs, page_lines

SHIPPED = [path.name for path in course_dirs(COURSES_DIR)]


@pytest.mark.parametrize("edition", ["participant", "teacher"])
@pytest.mark.parametrize("slug", SHIPPED)
def test_no_stranded_headings_and_no_mostly_empty_pages(shipped_edition, slug, edition):
    pdf = shipped_edition(slug, edition)
    assert pdf.page_count > 50
    assert layout_faults(page_lines(pdf.reader)) == [], f"{slug}, {edition} edition"


def test_the_reader_sees_headings_labels_and_page_fill(shipped_edition):
    """The checks can fail: the reader finds headings and box labels where the booklet has them."""
    pdf = shipped_edition(SHIPPED[0], "participant")
    lines = [line for page in page_lines(pdf.reader) for line in page]
    assert any(line.is_box_label and line.text.startswith("PRAKTISK OPPGAVE") for line in lines)
    assert any(line.is_heading and line.size > 16 for line in lines)
    assert not any("Side " in line.text and " av " in line.text for line in lines)  # page numbers left out


def test_a_heading_at_the_foot_or_a_mostly_empty_page_is_named():
    heading = Line(y=80, x=57, size=14, bold=True, text="Slik gjør du")
    body = [Line(y=760 - 16 * n, x=57, size=11, bold=False, text="tekst") for n in range(40)]
    short = [Line(y=760, x=57, size=11, bold=False, text="tekst")]
    chapter = [Line(y=760, x=57, size=17, bold=True, text="Modul 2"), *body]
    assert layout_faults([[*body, heading], body, short, body, short, chapter]) == [
        "p. 1: 'Slik gjør du' ends the page, what it introduces is on the next",
        "p. 3: only 3% full and not the end of a chapter",
    ]


def test_the_right_answer_is_body_text_not_a_heading(shipped_edition):
    """The teacher edition marks the right answer with a larger ☑ in a bold line: still not a heading."""
    runs = [Run(57, 13.2, True, "☑"), Run(72, 11, True, "Vask hendene før du begynner"), Run(230, 9.5, False, "– riktig svar")]
    answer = line_from_runs(80, runs)
    assert (answer.text, answer.size, answer.is_heading) == ("☑ Vask hendene før du begynner – riktig svar", 11, False)
    assert line_from_runs(80, [Run(57, 14, True, "Slik gjør du")]).is_heading
    lines = [line for page in page_lines(shipped_edition(SHIPPED[0], "teacher").reader) for line in page]
    answers = [line for line in lines if line.text.startswith("☑")]
    assert answers and not any(line.is_heading for line in answers)
    assert any(line.is_heading and line.size > 16 for line in lines)

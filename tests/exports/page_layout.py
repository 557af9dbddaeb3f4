"""Read where text sits on each printed page (pypdf, no rendering) and find layout faults.

Checks what a reader of the printed booklet notices, from the PDF alone:

- a heading (12 pt bold or larger), a box label ("OPPGAVE", "FOR LÆREREN": 8.5 pt bold capitals)
  or a table's header row as the last thing on a page, with what it introduces on the next;
- a page less than :data:`MIN_FILL` full that does not end a chapter (the next page starts a module,
  the back matter or another chapter with a large heading) and is not the last page.
"""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PdfReader

#: A4 page and the margins of ``exports/css/base.css`` (22 mm top, 20 mm bottom), in points.
PAGE_HEIGHT = 841.89
CONTENT_TOP = PAGE_HEIGHT - 22 * 72 / 25.4
CONTENT_BOTTOM = 20 * 72 / 25.4
MIN_FILL = 0.15
#: A chapter starts with a heading this large (module h2, front and back matter h1/h2).
CHAPTER_HEADING_SIZE = 16.5


#: Headings and labels start at the left margin or inside an indented box, never further right
#: (a word at the right of a line, or text inside a drawn picture, is not a heading).
HEADING_MAX_X = 110


@dataclass(frozen=True)
class Line:
    y: float  # baseline, from the bottom of the page
    x: float  # start of the line's first text, from the left
    size: float
    bold: bool
    text: str

    @property
    def is_heading(self) -> bool:
        return self.bold and self.size >= 11.9 and self.x < HEADING_MAX_X

    @property
    def is_box_label(self) -> bool:
        return self.bold and 8 <= self.size <= 9 and self.text.isupper() and self.x < HEADING_MAX_X

    @property
    def starts_chapter(self) -> bool:
        return self.size >= CHAPTER_HEADING_SIZE or (self.text.startswith("MODUL ") and self.size <= 10.5)


@dataclass
class Run:
    x: float
    size: float
    bold: bool
    text: str


def line_from_runs(y: float, runs: list[Run]) -> Line:
    """One line from its text runs. Its size is the size most of its characters have, so a larger
    symbol in front of body text (the teacher edition's ☑ before the right answer) does not make
    the line a heading; it is bold if any run is (a bold label before plain text)."""
    runs = sorted(runs, key=lambda run: run.x)
    characters: dict[float, int] = {}
    for run in runs:
        characters[round(run.size, 1)] = characters.get(round(run.size, 1), 0) + len(run.text.replace(" ", ""))
    size = max(characters, key=lambda candidate: (characters[candidate], candidate))
    return Line(y, runs[0].x, size, any(run.bold for run in runs), " ".join(run.text for run in runs))


def page_lines(reader: PdfReader) -> list[list[Line]]:
    """The text lines of every page inside the page margins (running heads and page numbers left out)."""
    pages = []
    for page in reader.pages:
        found: dict[float, tuple[float, list[Run]]] = {}
        # Text inside a drawn picture (an SVG is a form XObject, painted by "Do") is not page text.
        in_picture = [0]

        def before(operator, args, cm, tm, in_picture=in_picture):
            if operator == b"Do":
                in_picture[0] += 1

        def after(operator, args, cm, tm, in_picture=in_picture):
            if operator == b"Do":
                in_picture[0] -= 1

        def visit(text, cm, tm, font, size, found=found, in_picture=in_picture):
            if not text.strip() or in_picture[0]:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            if not CONTENT_BOTTOM - 2 < y < CONTENT_TOP + 2:
                return
            bold = "Bold" in str(font.get("/BaseFont", "")) if font else False
            found.setdefault(round(y, 0), (y, []))[1].append(Run(x, size * scale, bold, text.strip()))

        page.extract_text(visitor_text=visit, visitor_operand_before=before, visitor_operand_after=after)
        pages.append(sorted((line_from_runs(y, runs) for y, runs in found.values()), key=lambda line: -line.y))
    return pages


def fill(lines: list[Line]) -> float:
    """How much of the page's text area the page's text reaches down into (0–1)."""
    if not lines:
        return 0.0
    lowest = min(line.y for line in lines) - 0.3 * lines[-1].size
    return (CONTENT_TOP - lowest) / (CONTENT_TOP - CONTENT_BOTTOM)


def layout_faults(pages: list[list[Line]]) -> list[str]:
    """Every fault on the pages (:func:`page_lines`), as "p. N: what" (page numbers as printed, from 1)."""
    faults = []
    for number, lines in enumerate(pages, start=1):
        following = pages[number] if number < len(pages) else []
        if not lines:
            continue
        last = lines[-1]
        if following and (last.is_heading or last.is_box_label):
            faults.append(f"p. {number}: '{last.text[:50]}' ends the page, what it introduces is on the next")
        elif following and last.bold and following[0].text == last.text and len(lines) > 1:
            faults.append(f"p. {number}: the table header '{last.text[:50]}' ends the page without a row")
        chapter_ends = not following or following[0].starts_chapter
        if not chapter_ends and fill(lines) < MIN_FILL:
            faults.append(f"p. {number}: only {fill(lines):.0%} full and not the end of a chapter")
    return faults

"""Vocabulary lists per language: scripts, direction, review labels."""

from html.parser import HTMLParser

import pytest

from course_content.base import LANGUAGES
from exports.fonts import EMBEDDED_NAME_PREFIX
from exports.pdf import PdfOptions, render_html
from tests.exports.pdfread import render_checked

MACHINE_LABEL = "Maskinoversatt – ikke kontrollert."


@pytest.fixture(scope="module")
def lists(mini_course):
    return {code: render_checked(mini_course, PdfOptions(language=code)) for code in ("ar", "ti", "prs", "en")}


def test_arabic_and_ethiopic_words_are_printed(lists):
    assert "نظافة اليدين" in lists["ar"]
    assert "ጽሬት ኢድ" in lists["ti"]
    assert "بهداشت دست" in lists["prs"]
    assert "hand hygiene" in lists["en"]


def test_each_list_has_norwegian_term_explanation_and_language_name(lists):
    for code, pdf in lists.items():
        assert "håndhygiene Å holde hendene rene." in pdf
        assert LANGUAGES[code]["name"] in pdf
        assert f"Ordliste: norsk – {LANGUAGES[code]['name_nb']}" in pdf


def test_only_unreviewed_languages_carry_the_machine_translation_label(lists, mini_course):
    assert not mini_course.is_reviewed("ar") and mini_course.is_reviewed("en")
    for code in ("ar", "ti", "prs"):
        assert MACHINE_LABEL in lists[code]
    assert MACHINE_LABEL not in lists["en"]


def test_vocabulary_lists_use_bundled_fonts_only(lists):
    for code, pdf in lists.items():
        assert all(name.startswith(EMBEDDED_NAME_PREFIX) for name in pdf.embedded_fonts()), (code, pdf.embedded_fonts())
    assert any("Arabic" in name for name in lists["ar"].embedded_fonts())
    assert any("Ethiopic" in name for name in lists["ti"].embedded_fonts())


def test_bookmarks_of_a_vocabulary_list(lists, mini_course):
    module = mini_course.modules[0]
    assert lists["ar"].outline() == [(module.title, [("Håndvask", [])])]  # only lessons with vocabulary


def _runs(pdf, page_index=0) -> list[tuple[str, float, float]]:
    """(text, x, y) where each text run starts on a page (PDF units, y from the top)."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text.strip(), cm[4] + tm[4] * cm[0], -(cm[5] + tm[5] * cm[3])))

    pdf.reader.pages[page_index].extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("code", ["ar", "prs"])
def test_right_to_left_cells_are_right_aligned(lists, code, mini_course):
    runs = _runs(lists[code])
    header_y = next(y for text, _, y in runs if text == "Forklaring")
    word_y = next(y for text, _, y in runs if text == "Å holde hendene rene.")
    header, word = LANGUAGES[code]["name"], mini_course.lessons["handvask"].vocabulary[0].translations.get(code)
    header_x = next(x for text, x, y in runs if text == header and abs(y - header_y) < 3)
    word_x = next(x for text, x, y in runs if text == word and abs(y - word_y) < 3)
    # Right-aligned: the shorter header starts further right than the longer word below it.
    assert len(header) < len(word)
    assert header_x > word_x + 5


class _CellCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self.cells.append(dict(attrs))


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_translation_cells_carry_lang_and_dir(mini_course, code):
    collector = _CellCollector()
    collector.feed(render_html(mini_course, PdfOptions(language=code)))
    translated = [cell for cell in collector.cells if cell.get("lang") == code]
    assert len(translated) == 2  # the column header and one entry
    assert all(cell["dir"] == LANGUAGES[code]["dir"] for cell in translated)

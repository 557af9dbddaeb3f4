"""Print shows the glossary's translations, and flags safety terms no native speaker has checked."""

import pytest

from course_content import load_course
from exports.pdf import PdfOptions
from tests.exports.pdfread import render_checked
from tests.glossary_course import KLOR_NOTE, KLOR_SO, make_glossary_course


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return load_course(make_glossary_course(tmp_path_factory.mktemp("glossary") / "mini-kurs"))


@pytest.fixture(scope="module")
def somali_list(course):
    return render_checked(course, PdfOptions(language="so"))


def test_the_vocabulary_list_flags_the_safety_term_beside_its_translation(somali_list):
    assert f"{KLOR_SO} ({KLOR_NOTE})" in somali_list
    assert f"nadaafadda gacmaha ({KLOR_NOTE})" not in somali_list  # not a safety term
    assert somali_list.flat.count(KLOR_NOTE) == 2  # klor in each of the two lessons


def test_a_language_without_native_review_rule_has_no_flag(course):
    assert KLOR_NOTE not in render_checked(course, PdfOptions(language="ar"))


def test_a_reviewed_translation_is_not_flagged(tmp_path):
    folder = make_glossary_course(tmp_path / "mini-kurs")
    glossary = folder / "glossary.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("  safety: true\n", "  safety: true\n  review: {so: reviewed}\n"),
        encoding="utf-8",
    )
    pdf = render_checked(load_course(folder), PdfOptions(language="so", lesson_id="handvask"))
    assert KLOR_SO in pdf and KLOR_NOTE not in pdf


@pytest.mark.parametrize("lesson_id", ["handvask", "renholdsutstyr"])
def test_each_handout_shows_the_glossary_translation_and_the_flag(course, lesson_id):
    pdf = render_checked(course, PdfOptions(lesson_id=lesson_id, language="ti"))
    assert f"ክሎሪን ({KLOR_NOTE})" in pdf
    assert "ጽሬት ኢድ" in pdf

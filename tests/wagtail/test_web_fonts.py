"""The web font subsets (Noto Sans Arabic and Ethiopic as WOFF2) hold every character the shipped
courses write in Arabic, Dari and Tigrinya, and ksi.css loads them only for those scripts."""

import re

import pytest

from course_content.loader import shipped_courses
from ksi_courses.web_fonts import FACES, STATIC_FONTS_DIR, content_texts, needed_characters, subset_characters


@pytest.fixture(scope="module")
def courses():
    return list(shipped_courses().values())


@pytest.mark.parametrize("face", FACES, ids=[face.output for face in FACES])
def test_every_character_of_the_shipped_vocabulary_is_in_the_subset(face, courses):
    needed = needed_characters(face, courses)
    assert len(needed) > 20  # the content does write this script
    missing = needed - subset_characters(STATIC_FONTS_DIR / face.output)
    assert not missing, f"{face.output} lacks {sorted(missing)}: run .venv/bin/python scripts/make_web_fonts"


@pytest.mark.parametrize("language", ["ar", "prs", "ti"])
def test_no_character_of_the_language_falls_outside_its_web_font(language, courses):
    """Letters outside every face's ranges would fall back to a system font (boxes on many phones)."""
    face = next(face for face in FACES if language in face.languages)
    script = {"ar": "\u0600-\u06ff", "prs": "\u0600-\u06ff", "ti": "\u1200-\u139f"}[language]
    letters = {char for text in content_texts(language, courses) for char in text if re.match(f"[{script}]", char)}
    assert letters and all(face.covers(char) for char in letters)


def test_the_stylesheet_loads_each_subset_with_its_unicode_range_and_the_licence_is_beside_them():
    css = (STATIC_FONTS_DIR.parent / "ksi.css").read_text(encoding="utf-8")
    for face in FACES:
        rule = re.search(r"@font-face \{[^}]*fonts/" + re.escape(face.output) + r"[^}]*\}", css)
        assert rule, face.output
        assert f"unicode-range: {face.unicode_range};" in rule.group(0)
    assert "Open Font License" in (STATIC_FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")

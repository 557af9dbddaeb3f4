"""UI strings go through the runtime's i18n service; the package ships Norwegian catalogues."""

from __future__ import annotations

import gettext
import re
from importlib import resources
from pathlib import Path

import pytest
from xblock.runtime import DictKeyValueStore, KvsFieldData

from tests.xblocks.conftest import RecordingRuntime, build_block
from tests.xblocks.test_views import words
from xblocks.catalog import SERVICE_NAME

TRANSLATIONS = Path(str(resources.files("xblocks") / "translations"))
SOURCES = [
    *Path(str(resources.files("xblocks"))).glob("*.py"),
    *TRANSLATIONS.parent.glob("templates/lesson*.html"),
    Path(str(resources.files("course_content"))) / "participant_view.py",  # the lesson view's labels
]
MARKED = re.compile(r'\b(?:_|gettext)\(\s*"((?:[^"\\]|\\.)*)"\s*\)')


def marked_strings() -> set[str]:
    return {m for source in SOURCES for m in MARKED.findall(source.read_text(encoding="utf-8"))} - {""}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_catalogue_translates_every_marked_string(language):
    # The .mo file is what Open edX's XBlockI18nService loads: translations/<lang>/LC_MESSAGES/text.mo.
    catalogue = gettext.translation("text", localedir=TRANSLATIONS, languages=[language])
    untranslated = sorted(s for s in marked_strings() if catalogue.gettext(s) == s and s not in ("Hygiene", "{minutes} min", "Tips"))
    assert len(marked_strings()) >= 43
    assert untranslated == [], f"add these to xblocks/translations/{language}/LC_MESSAGES/text.po and recompile"


def test_the_view_speaks_norwegian_with_a_norwegian_i18n_service(mini_catalog):
    nb = gettext.translation("text", localedir=TRANSLATIONS, languages=["nb"])
    runtime = RecordingRuntime({"field-data": KvsFieldData(DictKeyValueStore()), SERVICE_NAME: mini_catalog, "i18n": nb})
    block = build_block(runtime, course_slug="mini-kurs", lesson_id="handvask")
    text = words(block.render("student_view").content)
    assert "Mål" in text and "Sjekk svarene" in text and "Mitt språk" in text and "Rollespill: Vis en kollega" in text
    assert "Check answers" not in text
    assert block.student_view_data()["blocks"][4]["questions"][2]["choices"] == ["Sant", "Usant"]


def test_the_english_catalogue_has_every_marked_string():
    catalogue = gettext.translation("text", localedir=TRANSLATIONS, languages=["en"])
    assert sorted(marked_strings() - set(catalogue._catalog)) == []


@pytest.mark.parametrize(("language", "expected"), [("nb", "Mål"), ("nn", "Mål"), ("en", "Goals")])
def test_without_a_platform_catalogue_the_block_speaks_the_learners_language(mini_catalog, language, expected):
    """A platform whose i18n service finds no catalogue of the block (it returns every string as
    it is) still shows the labels in the language the platform activated, from the block's own."""
    from django.utils import translation

    runtime = RecordingRuntime({"field-data": KvsFieldData(DictKeyValueStore()), SERVICE_NAME: mini_catalog})
    block = build_block(runtime, course_slug="mini-kurs", lesson_id="handvask")
    with translation.override(language):
        text = words(block.render("student_view").content)
    assert expected in text
    assert ("Goals" in text) == (language == "en")

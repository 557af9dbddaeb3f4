"""The glossary: lessons name its terms, the loader fills them in, the lint checks it (issue 29)."""

from pathlib import Path

import pytest

from course_content import check_course, load_course
from course_content.glossary_lint import lint_glossary
from course_content.loader import check_lesson_file
from course_content.schema import content_schema
from course_content.writer import write_course
from tests.content.test_broken_content import edit, only_error
from tests.glossary_course import KLOR_SO, make_glossary_course
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.usefixtures("yaml_loader")


@pytest.fixture
def course(tmp_path) -> Path:
    return make_glossary_course(tmp_path / "mini-kurs")


def entries(folder: Path, lesson_id: str) -> dict:
    return {entry.term: entry for entry in load_course(folder).lessons[lesson_id].vocabulary}


def lint(folder: Path) -> list:
    course, problems = check_course(folder)
    assert course is not None, "\n".join(map(str, problems))
    return lint_glossary(course)


# --- the loader resolves lesson terms ------------------------------------------------------------


def test_a_lesson_term_gets_the_glossary_explanation_picture_and_translations(course):
    entry = entries(course, "renholdsutstyr")["håndhygiene"]
    assert entry.explanation == "Å holde hendene rene."
    assert entry.picture == "sape"
    assert (entry.translations.so, entry.translations.ti) == ("nadaafadda gacmaha", "ጽሬት ኢድ")


def test_a_lesson_may_give_its_own_explanation(course):
    assert entries(course, "handvask")["klor"].explanation == "Klor kan skade huden. Bruk hansker."
    assert entries(course, "renholdsutstyr")["klor"].explanation == "Et sterkt middel som dreper bakterier."


def test_a_term_taught_in_two_lessons_has_the_same_translations_in_both(course):
    for term in ("håndhygiene", "klor"):
        assert entries(course, "handvask")[term].translations == entries(course, "renholdsutstyr")[term].translations
    assert entries(course, "handvask")["klor"].translations.so == KLOR_SO


def test_a_lesson_override_of_one_translation_keeps_the_others(course):
    edit(
        course / "lessons" / "handvask.yaml",
        "      - term: håndhygiene\n",
        "      - term: håndhygiene\n        translations: {so: gacmo dhaqid}\n",
    )
    entry = entries(course, "handvask")["håndhygiene"]
    assert entry.translations.so == "gacmo dhaqid" and entry.translations.ti == "ጽሬት ኢድ"
    assert entries(course, "renholdsutstyr")["håndhygiene"].translations.so == "nadaafadda gacmaha"


def test_a_whole_entry_in_a_lesson_stands_as_written(course):
    """A lesson file kept from a release without a glossary reads as it did: nothing is added to it."""
    edit(
        course / "lessons" / "handvask.yaml",
        "      - term: håndhygiene\n",
        "      - term: håndhygiene\n        explanation: Rene hender.\n"
        "        translations: {en: clean hands, uk: a, ar: b, ti: c, so: d, prs: e, ru: f}\n",
    )
    entry = entries(course, "handvask")["håndhygiene"]
    assert (entry.explanation, entry.translations.en, entry.picture) == ("Rene hender.", "clean hands", None)
    assert entries(course, "renholdsutstyr")["håndhygiene"].picture == "sape"


def test_review_status_comes_from_the_course_unless_the_glossary_says_otherwise(course):
    klor = entries(course, "handvask")["klor"]
    assert klor.review["en"] == "reviewed" and klor.review["ti"] == "machine"  # course.yaml
    assert klor.safety and klor.needs_native_review("ti") and klor.needs_native_review("so")
    assert not klor.needs_native_review("en") and not klor.needs_native_review("ar")
    assert not entries(course, "handvask")["håndhygiene"].needs_native_review("ti")  # not a safety term
    edit(course / "glossary.yaml", "  safety: true\n", "  safety: true\n  review: {ti: reviewed}\n")
    klor = entries(course, "handvask")["klor"]
    assert klor.review["ti"] == "reviewed" and not klor.needs_native_review("ti") and klor.needs_native_review("so")


def test_a_term_missing_from_the_glossary_names_the_lesson_line(course):
    line = edit(course / "lessons" / "handvask.yaml", "      - term: håndhygiene\n", "      - term: håndsprit\n")
    problem = only_error(course)
    assert (problem.path.name, problem.line, problem.field) == ("handvask.yaml", line, "blocks[2].entries[0].term")
    assert "'håndsprit' is not in glossary.yaml" in problem.message


def test_a_term_defined_twice_in_the_glossary_fails(course):
    glossary = course / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    again = "- term: Klor\n  explanation: Igjen.\n  translations: {en: c, uk: c, ar: c, ti: c, so: c, prs: c, ru: c}\n"
    glossary.write_text(text + again, encoding="utf-8")
    problem = only_error(course)
    assert (problem.path.name, problem.line, problem.field) == ("glossary.yaml", text.count("\n") + 1, "[3].term")
    assert "'Klor' is defined twice (first at line 5)" in problem.message


def test_a_glossary_entry_error_names_glossary_line_and_field(course):
    line = edit(course / "glossary.yaml", "  translations: {en: soap, ", "  translations: {")
    problem = only_error(course)
    assert (problem.path.name, problem.line, problem.field) == ("glossary.yaml", line, "[2].translations.en")
    assert problem.message == "required field is missing"


def test_a_glossary_that_is_not_a_list_fails(course):
    (course / "glossary.yaml").write_text("term: klor\n", encoding="utf-8")
    problem = only_error(course)
    assert problem.path.name == "glossary.yaml" and "a glossary is a list of entries" in problem.message


def test_one_lesson_file_is_checked_against_the_glossary(course):
    lesson, problems = check_lesson_file(course / "lessons" / "renholdsutstyr.yaml")
    assert not problems and lesson.vocabulary[2].translations.so == KLOR_SO


# --- the lint -------------------------------------------------------------------------------------


def test_the_glossary_course_is_lint_clean(course):
    assert lint(course) == []


def test_lint_a_lesson_term_not_in_the_glossary(course):
    line = edit(
        course / "lessons" / "renholdsutstyr.yaml",
        "      - term: såpe\n",
        "      - term: mopp\n        explanation: Et redskap for gulv.\n"
        "        translations: {en: mop, uk: швабра, ar: ممسحة, ti: መጽረዪ ባይታ, so: masaxaad, prs: تی, ru: швабра}\n",
    )
    problems = [p for p in lint(course) if p.severity == "error"]
    assert [(p.path.name, p.line, p.message) for p in problems] == [
        ("renholdsutstyr.yaml", line, "'mopp' is not in glossary.yaml: add it there")
    ]


def test_lint_a_translation_equal_to_the_norwegian_term(course):
    line = edit(course / "glossary.yaml", "ti: ሳሙና, so: saabuun", "ti: ሳሙና, so: såpe")
    (problem,) = lint(course)
    assert (problem.path.name, problem.line, problem.field) == ("glossary.yaml", line, "[2].translations.so")
    assert "the Norwegian word itself" in problem.message


def test_lint_allows_words_spelt_the_same_in_english(course):
    edit(course / "glossary.yaml", "- term: såpe\n", "- term: gluten\n")
    edit(course / "glossary.yaml", "{en: soap,", "{en: gluten,")
    edit(course / "lessons" / "renholdsutstyr.yaml", "- term: såpe", "- term: gluten")
    assert lint(course) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("ti: ክሎሪን", "ti: ክሎሪን (chlorine)", "[1].translations.ti", "Latin letters in a Tigrinya translation: chlorine"),
        ("prs: کلورین", "prs: کلورین (klor)", "[1].translations.prs", "Latin letters in a Dari translation: klor"),
        ("so: koloriin", "so: koloriin (کلورین)", "[1].translations.so", "Arabic letters in a Somali translation"),
        ("prs: کلورین", "prs: كلورين", "[1].translations.prs", "Arabic ي or ك in a Dari translation"),
    ],
)
def test_lint_script_rules(course, old, new, field, message):
    line = edit(course / "glossary.yaml", old, new)
    (problem,) = lint(course)
    assert (problem.path.name, problem.line, problem.field, problem.severity) == ("glossary.yaml", line, field, "error")
    assert message in problem.message


def test_lint_keeps_acronyms_in_latin_letters(course):
    edit(course / "glossary.yaml", "ti: ክሎሪን", 'ti: "ክሎሪን (HACCP, pH)"')
    edit(course / "glossary.yaml", "prs: کلورین", "prs: کلورین (pH)")
    assert lint(course) == []


def test_lint_checks_translations_a_lesson_overrides(course):
    line = edit(
        course / "lessons" / "handvask.yaml",
        "      - term: håndhygiene\n",
        "      - term: håndhygiene\n        translations: {ti: hand hygiene}\n",
    )
    (problem,) = lint(course)
    assert (problem.path.name, problem.line, problem.field) == (
        "handvask.yaml",
        line + 1,
        "blocks[2].entries[0].translations.ti",
    )


def test_lint_warns_about_an_unused_glossary_term(course):
    edit(course / "lessons" / "renholdsutstyr.yaml", "      - term: såpe\n", "")
    (problem,) = lint(course)
    assert (problem.path.name, problem.line, problem.severity) == ("glossary.yaml", 9, "warning")
    assert "'såpe' is taught in no lesson" in problem.message


def test_lint_wants_a_glossary_when_lessons_have_vocabulary():
    (problem,) = lint(MINI_COURSE)
    assert problem.path.name == "glossary.yaml" and "no glossary.yaml" in problem.message


# --- writing a course back (export round trip) ----------------------------------------------------


def test_writing_the_course_keeps_every_entry(course, tmp_path):
    loaded = load_course(course)
    written = write_course(
        loaded, tmp_path / "out", media={"media/hender.svg": (course / "media" / "hender.svg").read_bytes()}
    )
    again = load_course(written)
    for lesson_id, lesson in loaded.lessons.items():
        assert again.lessons[lesson_id].vocabulary == lesson.vocabulary
    assert [entry.term for entry in again.glossary.entries] == ["håndhygiene", "klor", "såpe"]
    assert lint_glossary(again) == []


def test_a_local_edit_of_a_shared_term_stays_with_its_lesson(course, tmp_path):
    """A municipality edits one lesson's copy of a term two lessons teach: that lesson keeps it."""
    loaded = load_course(course)
    lesson = loaded.lessons["handvask"]
    block_index, block = next((i, b) for i, b in enumerate(lesson.blocks) if b.type == "vocabulary")
    edited_entry = block.entries[0].model_copy(
        update={"translations": block.entries[0].translations.model_copy(update={"so": "gacmo dhaqid"})}
    )
    edited_block = block.model_copy(update={"entries": [edited_entry, *block.entries[1:]]})
    blocks = [*lesson.blocks[:block_index], edited_block, *lesson.blocks[block_index + 1 :]]
    edited = loaded.model_copy(
        update={"lessons": {**loaded.lessons, "handvask": lesson.model_copy(update={"blocks": blocks})}}
    )
    written = write_course(edited, tmp_path / "out", media={"media/hender.svg": b"<svg/>"})
    again = load_course(written)
    assert entries(written, "handvask")["håndhygiene"].translations.so == "gacmo dhaqid"
    assert entries(written, "renholdsutstyr")["håndhygiene"].translations.so == "nadaafadda gacmaha"
    assert again.glossary.by_term()["håndhygiene"].translations.so == "nadaafadda gacmaha"
    assert "so: gacmo dhaqid" in (written / "lessons" / "handvask.yaml").read_text(encoding="utf-8")


def test_a_local_edit_of_a_term_one_lesson_teaches_becomes_the_glossary_value(course, tmp_path):
    loaded = load_course(course)
    lesson = loaded.lessons["renholdsutstyr"]
    block_index, block = next((i, b) for i, b in enumerate(lesson.blocks) if b.type == "vocabulary")
    soap = block.entries[0].model_copy(update={"explanation": "Det vi vasker med."})
    blocks = [
        *lesson.blocks[:block_index],
        block.model_copy(update={"entries": [soap, *block.entries[1:]]}),
        *lesson.blocks[block_index + 1 :],
    ]
    edited = loaded.model_copy(
        update={"lessons": {**loaded.lessons, "renholdsutstyr": lesson.model_copy(update={"blocks": blocks})}}
    )
    written = write_course(edited, tmp_path / "out", media={"media/hender.svg": b"<svg/>"})
    assert load_course(written).glossary.by_term()["såpe"].explanation == "Det vi vasker med."


# --- the schema -----------------------------------------------------------------------------------


def test_the_schema_describes_the_glossary_and_lesson_term_lists():
    schema = content_schema()
    assert schema["properties"]["glossary"]["type"] == "array"
    item = schema["$defs"]["VocabularyItem"]
    assert item["required"] == ["term"]
    assert schema["$defs"]["VocabularyBlock"]["properties"]["entries"]["items"] == {"$ref": "#/$defs/VocabularyItem"}
    entry = schema["$defs"]["VocabularyEntry"]
    assert {"explanation", "translations"} <= set(entry["required"]) and "safety" in entry["properties"]

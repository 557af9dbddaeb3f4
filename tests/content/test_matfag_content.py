"""The matfag course: the corrections of the food-production review (issue 18) and the glossary
errors of issue 29 stay fixed, and the new lessons are in the course plan and pass the lint."""

import re
from pathlib import Path

import pytest

import course_content
from course_content import load_course
from course_content.blocks import CalloutBlock, ExerciseBlock, ImageBlock, TextBlock
from course_content.lint import lint_course
from course_content.pictures import library

MATFAG = Path(course_content.__file__).resolve().parent / "courses" / "matfag"
NEW_LESSONS = (
    "sporbarhet-og-tilbaketrekking",
    "kontroll-av-renhold",
    "sertifikater-og-kurs",
    "produksjonsordre-og-batch",
    "kulde-og-vatt-helse-og-rettigheter",
)
SECOND_ROUND = (
    "kjott",
    "fisk-og-sjomat",
    "meieri-og-bakeri",
    "forste-dag-pa-jobb",
    "arbeidsavtale-og-lonnsslipp",
    "pakking-og-merking",
    "fremmedlegemer-og-metalldetektor",
    "kjemikalier-og-faremerking",
    "feil-og-vedlikehold",
    "brann-og-evakuering",
    "kvalitetskontroll-pa-linja",
)
MIN_LESSONS = 36  # issue 18: at least 36 lessons, all placed, each with a picture


@pytest.fixture(scope="module")
def course():
    return load_course(MATFAG)


def participant_text(lesson) -> str:
    parts = []
    for block in lesson.blocks:
        if isinstance(block, TextBlock | CalloutBlock | ExerciseBlock):
            parts.append(block.body)
    return "\n".join(parts)


def all_course_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(MATFAG.rglob("*.yaml")))


def test_temperature_lesson_teaches_the_limits(course):
    text = participant_text(course.lessons["temperatur-og-kjoling"])
    for limit in ("4 °C eller kaldere", "−18 °C eller kaldere", "60 °C eller varmere", "fra 60 °C til 10 °C"):
        assert limit in text, limit
    assert "2 timer" in text
    assert "De fleste bakterier dør" in text and "Mange dør" not in text


def test_temperature_limits_are_cited(course):
    cited = [source for source in course.sources if "§§ 11–13" in source.title]
    assert cited, "no source cites næringsmiddelhygieneforskriften §§ 11–13"
    note = cited[0].note
    assert all(value in note for value in ("4 °C", "60 °C", "10 °C", "−18 °C"))


def test_temperature_log_has_a_sheet_per_unit_type_with_the_limit(course):
    form = course.forms["temperaturlogg"]
    sheets = {
        "Kjøl": "4 °C eller kaldere",
        "Frys": "−18 °C eller kaldere",
        "Varmholding": "60 °C eller varmere",
    }
    for name, limit in sheets.items():
        section = next(s for s in form.sections if name in s.title)
        assert limit in section.title and limit in section.intro
        tables = [field for field in section.fields if field.type == "table"]
        assert len(tables) == 1 and limit in tables[0].label
        temperature_columns = [column for column in tables[0].columns if column.type == "number"]
        assert len(temperature_columns) >= 3, f"{name}: several readings a day"


def test_text_corrections(course):
    assert "Ta flytende såpe på hendene" in participant_text(course.lessons["personlig-hygiene"])
    # The hours come from the course plan, not from prose that counted lessons as hours.
    duration = course.description.duration
    assert "20 timene" not in duration.note
    assert duration.total_hours == course.plan.total_hours == course.plan.planned_hours


def test_allergen_list_follows_matinformasjonsforskriften(course):
    text = participant_text(course.lessons["allergener-og-merking"])
    assert "havre" in text and "Svoveldioksid og sulfitter" in text
    assert not re.search(r"^\s*(?:\d+\.|-) Sulfitt\s*$", text, re.MULTILINE)
    numbered = re.findall(r"^\s*(\d+)\. ", text.split("## De vanligste allergenene")[1].split("##")[0], re.MULTILINE)
    assert numbered == [str(n) for n in range(1, 15)]


def test_852_citations_are_reduced_to_what_can_be_cited_exactly():
    text = all_course_text()
    assert "kap. VIII" not in text and "kapittel VIII" not in text
    assert "artikkel 5" not in text


def test_knife_and_machine_lesson_has_113_and_first_aid(course):
    lesson = course.lessons["maskiner-og-kniver"]
    text = participant_text(lesson)
    assert "113" in text and "## Hvis noen blir skadet" in text
    assert any("113" in question.prompt for quiz in lesson.quizzes for question in quiz.questions)


def test_common_terms():
    text = all_course_text()
    assert "kuldekjede" not in text.lower() and "arbeidskontrakt" not in text.lower()
    assert "kjølekjeden" in text and "arbeidsavtale" in text


JOKE_DISTRACTORS = (
    "Trafikkreglene",
    "Ferieloven",
    "Solhatt",
    "Solbriller",
    "Hva du spiste til frokost",
    "Hva du spiste til lunsj",
    "At radioen virker",
    "Lunsjpausen",
    "Fersk is, fersk ost",
    "Du gjetter",
    "En kjede som holder døra til fryseren",
    "For å irritere lederen.",
    "Hvor du parkerer bilen",
    "Når to kolleger snakker sammen.",
)


def test_no_joke_distractors(course):
    choices = {
        choice.text
        for lesson in course.lessons.values()
        for quiz in lesson.quizzes
        for question in quiz.questions
        for choice in question.choices
    }
    assert not choices & set(JOKE_DISTRACTORS)


def vocabulary(course, lang: str):
    for lesson in course.lessons.values():
        for entry in lesson.vocabulary:
            yield lesson.id, entry.term, entry.translations.get(lang)


def test_glossary_errors_of_issue_29_are_fixed(course):
    prs = {(lesson, term): value for lesson, term, value in vocabulary(course, "prs")}
    ti = {(lesson, term): value for lesson, term, value in vocabulary(course, "ti")}
    assert prs[("allergener-og-merking", "spor av")] != "مقدار ناچیز"
    assert "ዝበልዐ" not in ti[("lagring-og-rotasjon", "FEFO")]
    assert "ቀመም" not in ti[("maling-veiing-og-oppskrifter", "ingrediens")]
    iranian = ("دما", "گواهی", "رزومه", "فروشگاه", "کپک", "برچسب")  # Afghan Dari: درجه حرارت, تصدیق, …
    for key, value in prs.items():
        words = re.findall(r"[\u0600-\u06ff]+", value)
        assert not any(word.startswith(iranian) for word in words), (key, value)
        assert not re.search(r"کنترل(?!و)", value), (key, value)
        assert "\u064a" not in value and "\u0643" not in value, (key, value)  # Arabic ي and ك


def test_new_lessons_are_in_the_plan_with_a_picture(course):
    placed = {lesson_id for module in course.modules for lesson_id in module.lessons}
    for lesson_id in NEW_LESSONS:
        assert lesson_id in placed, lesson_id
        lesson = course.lessons[lesson_id]
        images = lesson.blocks_of(ImageBlock)
        assert images and all((MATFAG / image.src).is_file() for image in images)
        assert "<title>" in (MATFAG / images[0].src).read_text(encoding="utf-8")


def test_course_passes_the_lint(course):
    assert lint_course(course) == []


def test_each_term_has_one_translation_per_language(course):
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for lesson in course.ordered_lessons():
        for entry in lesson.vocabulary:
            for lang in ("en", "uk", "ar", "ti", "so", "prs", "ru"):
                value = entry.translations.get(lang)
                first = seen.setdefault((entry.term, lang), (value, lesson.id))
                assert first[0] == value, (
                    f"{entry.term} ({lang}): {first[1]} has {first[0]!r}, {lesson.id} has {value!r}"
                )


def test_every_lesson_has_a_picture_with_a_title(course):
    for lesson in course.ordered_lessons():
        images = lesson.blocks_of(ImageBlock)
        assert images, f"{lesson.id} has no picture"
        for image in images:
            svg = (MATFAG / image.src).read_text(encoding="utf-8")
            assert "<title>" in svg and image.alt.strip(), f"{lesson.id}: {image.src}"


def test_course_has_at_least_36_lessons_placed_in_modules_each_with_a_picture(course):
    placed = [lesson_id for module in course.modules for lesson_id in module.lessons]
    assert len(placed) == len(set(placed)), "a lesson is listed in two modules"
    assert len(placed) >= MIN_LESSONS, f"{len(placed)} lessons in the modules; issue 18 asks for {MIN_LESSONS}"
    files = {path.stem for path in (MATFAG / "lessons").glob("*.yaml")}
    assert files == set(placed), f"lesson files not in a module: {sorted(files - set(placed))}"
    assert set(SECOND_ROUND) <= set(placed)
    for lesson_id in placed:
        images = course.lessons[lesson_id].blocks_of(ImageBlock)
        assert images, f"{lesson_id} has no picture"
        for image in images:
            svg = (MATFAG / image.src).read_text(encoding="utf-8")
            assert "<title>" in svg and image.alt.strip(), f"{lesson_id}: {image.src}"


def test_second_round_facts_are_cited_and_numbers_come_from_the_sources(course):
    sources = {source.id for source in course.sources}
    for needed in (
        "arbeidsmiljoloven-arbeidsavtale",
        "clp-faremerking",
        "nodnumre-giftinformasjonen",
        "dsb-brannsikkerhet",
    ):
        assert needed in sources, needed
    fire = participant_text(course.lessons["brann-og-evakuering"])
    assert all(number in fire for number in ("110", "112", "113", "22 59 13 00"))
    chemicals = participant_text(course.lessons["kjemikalier-og-faremerking"])
    assert "22 59 13 00" in chemicals and "Bland aldri to midler" in chemicals
    for lesson_id in ("kjott", "fisk-og-sjomat", "meieri-og-bakeri"):
        assert "4 °C eller kaldere" in participant_text(course.lessons[lesson_id]), lesson_id
    pay = participant_text(course.lessons["arbeidsavtale-og-lonnsslipp"])
    assert not re.search(r"\d\s*(?:kr|kroner)\b|\bkr\s*\d", pay), "no wage figures in the pay lesson"


MIN_VOCABULARY_PICTURES = 130  # issues 16–18: pictures on the entries that name concrete things (136 of 413)

#: Concrete words of the food-production lessons and the picture each shows (issues 16–18).
CONCRETE_WORDS = {
    "brannslukker": "brannslukker",
    "termometer": "termometer",
    "nødstopp": "nodstopp",
    "metalldetektor": "metalldetektor",
    "transportbånd": "transportband",
    "kjølerom": "kjolerom",
    "hårnett": "harnett",
    "gulvvekt": "gulvvekt",
    "truck": "truck",
    "farepiktogram": "farepiktogram",
}


def _pictures_by_term(course) -> dict[str, set[str | None]]:
    shown: dict[str, set[str | None]] = {}
    for lesson in course.ordered_lessons():
        for entry in lesson.vocabulary:
            shown.setdefault(entry.term, set()).add(entry.picture)
    return shown


def test_concrete_vocabulary_has_pictures_from_the_library(course):
    pictures = library().pictures
    with_picture = 0
    for lesson in course.ordered_lessons():
        for entry in lesson.vocabulary:
            if entry.picture is not None:
                with_picture += 1
                assert entry.picture in pictures, f"{lesson.id}: {entry.term}: unknown picture {entry.picture!r}"
    assert with_picture >= MIN_VOCABULARY_PICTURES, f"{with_picture} vocabulary entries have a picture"
    shown = _pictures_by_term(course)
    assert {term: shown.get(term) for term in CONCRETE_WORDS} == {term: {pid} for term, pid in CONCRETE_WORDS.items()}


def test_one_term_shows_one_picture_in_every_lesson(course):
    mixed = {term: ids for term, ids in _pictures_by_term(course).items() if len(ids) > 1}
    assert not mixed, f"terms with different pictures (or a picture only in some lessons): {mixed}"

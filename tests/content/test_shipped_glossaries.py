"""The shipped courses teach from their glossaries: one translation per term, known errors fixed (issue 29)."""

import pytest

from course_content import shipped_courses
from course_content.glossary_lint import lint_glossary


@pytest.fixture(scope="module")
def courses():
    return shipped_courses()


def every_use(courses, term):
    return [
        (slug, lesson.id, entry)
        for slug, course in courses.items()
        for lesson in course.ordered_lessons()
        for entry in lesson.vocabulary
        if entry.term == term
    ]


def test_every_shipped_course_has_a_lint_clean_glossary(courses):
    for slug, course in courses.items():
        assert course.glossary is not None and len(course.glossary.entries) > 300, slug
        assert lint_glossary(course) == [], slug


def test_a_term_in_several_lessons_has_one_translation_per_language(courses):
    shared = 0
    for course in courses.values():
        seen = {}
        for lesson in course.ordered_lessons():
            for entry in lesson.vocabulary:
                if entry.term in seen:
                    shared += 1
                    assert entry.translations == seen[entry.term], (course.slug, lesson.id, entry.term)
                seen.setdefault(entry.term, entry.translations)
    assert shared > 100


def test_lessons_take_translations_from_the_glossary(courses):
    for course in courses.values():
        glossary = course.glossary.by_term()
        for lesson in course.ordered_lessons():
            for entry in lesson.vocabulary:
                assert entry.translations == glossary[entry.term].translations, (course.slug, lesson.id, entry.term)


@pytest.mark.parametrize(
    ("term", "code", "wrong"),
    [
        ("kalk", "so", "jiir"),  # jiir is a rat
        ("hånddesinfeksjon", "so", "jeermiska gacmaha"),
        ("basisk", "so", "saldhig"),
        ("basisk", "so", "alkaline"),
        ("skiftleder", "so", "shift"),
        ("skiftbok", "so", "shift"),
        ("spor av", "prs", "مقدار ناچیز"),
        ("gulvmaskin", "prs", "فرش"),
        ("FEFO", "ti", "ዝበልዐ"),
        ("lytte", "ti", "ምጽናዕ"),
        ("varmholding", "ti", "ምግቢ"),
    ],
)
def test_known_translation_errors_are_gone(courses, term, code, wrong):
    uses = every_use(courses, term)
    assert uses, term
    for slug, lesson_id, entry in uses:
        assert wrong not in entry.translations.get(code), (slug, lesson_id)


def test_nuts_and_peanuts_are_different_allergens(courses):
    (_, _, nuts), (_, _, peanuts) = every_use(courses, "nøtter")[0], every_use(courses, "peanøtter")[0]
    for code in ("so", "ti"):
        assert nuts.translations.get(code) != peanuts.translations.get(code)
        assert not nuts.translations.get(code).startswith(peanuts.translations.get(code))


def test_safety_terms_are_flagged_for_native_review_in_tigrinya_and_somali(courses):
    for term in ("etsende", "allergen", "nødutgang", "førstehjelp"):
        for slug, lesson_id, entry in every_use(courses, term):
            assert entry.needs_native_review("ti") and entry.needs_native_review("so"), (slug, lesson_id, term)
            assert not entry.needs_native_review("en")
    assert not any(entry.safety for _, _, entry in every_use(courses, "kunde"))

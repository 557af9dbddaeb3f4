"""The lesson block renders every lesson of the mini course, and never leaks teacher-only content."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from course_content import load_course
from course_content.blocks import ImageBlock
from tests.paths import MINI_COURSE

MINI = load_course(MINI_COURSE)
LESSON_IDS = [lesson.id for lesson in MINI.ordered_lessons()]


class _Text(HTMLParser):
    """Visible text and the (tag, attrs) of every element of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.chunks.append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def words(html: str) -> str:
    return " ".join(" ".join(parse(html).chunks).split())


def quiz_results(html: str) -> list[str]:
    """Text of every quiz's result line (empty until the quiz is submitted)."""
    return [" ".join(m.split()) for m in re.findall(r'class="ksi-quiz__result"[^>]*>(.*?)</p>', html, re.S)]


def teacher_only_strings(lesson) -> list[str]:
    """Every string a participant must not see before submitting: notes and quiz explanations."""
    found = []
    for note in lesson.teacher_notes:
        found += [s for s in (note.body, note.preparation, note.adaptation) if s]
        found += list(note.materials) + [slot.activity for slot in note.time_plan]
    for quiz in lesson.quizzes:
        found += [question.explanation for question in quiz.questions]
    return found


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_student_view_shows_the_lesson_and_nothing_teacher_only(make_block, lesson_id):
    lesson = MINI.lessons[lesson_id]
    block = make_block(course_slug=MINI.slug, lesson_id=lesson_id)
    fragment = block.render("student_view")
    text = words(fragment.content)

    assert lesson.title in text
    assert all(goal in text for goal in lesson.goals)
    for checklist in lesson.checklists:
        assert checklist.title in text
        assert all(item.text in text for item in checklist.items)
    for quiz in lesson.quizzes:
        assert all(question.prompt in text for question in quiz.questions)
        assert all(choice.text in text for question in quiz.questions for choice in question.choices)
    for entry in lesson.vocabulary:
        assert entry.term in text and entry.explanation in text
    for secret in teacher_only_strings(lesson):
        assert secret.strip() not in fragment.content, f"teacher-only text in the student view: {secret!r}"
    assert "ksi-key" not in fragment.content and "(correct)" not in text
    assert "Teacher note" not in text
    # JavaScript and CSS come with the fragment, from the package's static folder.
    assert "data-init='KsiLessonBlock'" in fragment.content
    resources = {resource.mimetype: resource.data for resource in fragment.resources}
    assert "function KsiLessonBlock(runtime, element, args)" in resources["application/javascript"]
    assert ".ksi-lesson" in resources["text/css"]


def test_markdown_goes_through_the_one_renderer(make_block):
    fragment = make_block(course_slug=MINI.slug, lesson_id="handvask").render("student_view")
    assert "<strong>Håndhygiene</strong>" in fragment.content


def test_markup_is_accessible(make_block):
    fragment = make_block(course_slug=MINI.slug, lesson_id="handvask").render("student_view")
    elements = parse(fragment.content).elements
    ids = [attrs["id"] for _, attrs in elements if "id" in attrs]
    assert len(ids) == len(set(ids)), "element ids must be unique"
    label_targets = {attrs["for"] for tag, attrs in elements if tag == "label"}
    inputs = [attrs for tag, attrs in elements if tag in ("input", "select")]
    assert inputs and all(attrs["id"] in label_targets for attrs in inputs), "every control has a label"
    tags = [tag for tag, _ in elements]
    assert tags.count("fieldset") == 1 + 3  # the checklist and one per quiz question
    assert tags.count("legend") == tags.count("fieldset")
    assert any(attrs.get("aria-live") == "polite" for _, attrs in elements)
    images = [attrs for tag, attrs in elements if tag == "img"]
    assert images == [images[0]] and images[0]["alt"] == MINI.lessons["handvask"].blocks_of(ImageBlock)[0].alt


def test_unreviewed_translations_are_labelled(make_block):
    fragment = make_block(course_slug=MINI.slug, lesson_id="handvask").render("student_view")
    elements = parse(fragment.content).elements
    translations = {attrs["data-language"]: attrs for tag, attrs in elements if attrs.get("class") == "ksi-translation"}
    assert set(translations) == {"en", "uk", "ar", "ti", "so", "prs", "ru"}
    assert translations["ar"]["dir"] == "rtl" and translations["ar"]["lang"] == "ar"
    # Only the chosen language (English by default) is visible; the others wait for the picker.
    assert [code for code, attrs in translations.items() if "hidden" not in attrs] == ["en"]
    assert fragment.content.count("machine translation") == 6  # en is reviewed in the mini course


def test_the_chosen_language_is_remembered(make_block):
    block = make_block(course_slug=MINI.slug, lesson_id="handvask", vocabulary_language="ar")
    elements = parse(block.render("student_view").content).elements
    visible = [a["data-language"] for t, a in elements if a.get("class") == "ksi-translation" and "hidden" not in a]
    assert visible == ["ar"]


def test_author_view_shows_teacher_notes_and_the_key(make_block):
    block = make_block(course_slug=MINI.slug, lesson_id="handvask")
    text = words(block.render("author_view").content)
    assert "Ta med såpe." in text and "papirhåndklær" in text and "Innledning" in text
    assert "Teacher note" in text and "(correct)" in text


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_student_view_data_is_json_without_answers(make_block, lesson_id):
    lesson = MINI.lessons[lesson_id]
    data = make_block(course_slug=MINI.slug, lesson_id=lesson_id).student_view_data()
    dumped = json.dumps(data, ensure_ascii=False)
    assert data["lesson"]["title"] == lesson.title
    assert [block["type"] for block in data["blocks"]] == [b.type for b in lesson.blocks if b.type != "teacher_note"]
    assert '"correct"' not in dumped and '"answer"' not in dumped
    for secret in teacher_only_strings(lesson):
        assert secret.strip() not in dumped


def test_student_view_data_questions_have_choices_but_no_key(make_block):
    data = make_block(course_slug=MINI.slug, lesson_id="handvask").student_view_data()
    quiz = next(block for block in data["blocks"] if block["type"] == "quiz")
    assert [q["kind"] for q in quiz["questions"]] == ["single", "multiple", "true_false"]
    assert quiz["questions"][2]["choices"] == ["True", "False"]
    assert set(quiz["questions"][0]) == {"id", "kind", "prompt", "choices"}


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({}, "No course is chosen"),
        ({"course_slug": "no-such-course", "lesson_id": "x"}, "There is no course 'no-such-course' (available: mini-kurs)"),
        ({"course_slug": "mini-kurs", "lesson_id": "gone"}, "Course 'mini-kurs' has no lesson 'gone'"),
    ],
)
def test_missing_content_is_explained_not_a_crash(make_block, settings, message):
    block = make_block(**settings)
    html = block.render("student_view").content
    assert 'role="alert"' in html and message in words(html)
    assert message in block.student_view_data()["error"]
    assert block.has_score is False and block.max_score() is None


def test_media_handler_serves_only_lesson_images(make_block):
    from webob import Request

    block = make_block(course_slug=MINI.slug, lesson_id="handvask")
    image = block.runtime.handle(block, "media", Request.blank("/"), "media/hender.svg")
    assert image.status_code == 200 and image.content_type == "image/svg+xml"
    assert image.body == (MINI_COURSE / "media" / "hender.svg").read_bytes()
    assert block.runtime.handle(block, "media", Request.blank("/"), "course.yaml").status_code == 404
    assert block.runtime.handle(block, "media", Request.blank("/"), "../../course.yaml").status_code == 404

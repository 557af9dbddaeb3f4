"""Broken content must fail with a message that names file, line and field."""

import shutil
from pathlib import Path

import pytest

from course_content import check_course
from course_content.cli import main
from tests.paths import MINI_COURSE

# Every message must be the same whether libyaml or the pure-Python loader parses the files.
pytestmark = pytest.mark.usefixtures("yaml_loader")


@pytest.fixture
def course(tmp_path) -> Path:
    target = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, target)
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (which must occur once) and return the 1-based line where it started."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text not unique: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def errors(folder: Path) -> list:
    course, problems = check_course(folder)
    found = [p for p in problems if p.severity == "error"]
    assert course is None and found, "broken content was accepted"
    return found


def only_error(folder: Path):
    found = errors(folder)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def lesson(course: Path, name: str = "handvask") -> Path:
    return course / "lessons" / f"{name}.yaml"


def test_yaml_syntax_error(course):
    line = edit(lesson(course), "title: Håndvask", "title: [Håndvask")
    problem = only_error(course)
    assert problem.path == lesson(course) and "YAML syntax error" in problem.message
    assert line <= problem.line <= line + 2


def test_missing_lesson_id(course):
    edit(lesson(course), "id: handvask\n", "")
    problem = only_error(course)
    assert (problem.field, problem.message, problem.line) == ("id", "required field is missing", 1)


def test_lesson_id_must_match_file_name(course):
    line = edit(lesson(course), "id: handvask", "id: handvask-ny")
    problem = only_error(course)
    assert problem.line == line and "must match the file name 'handvask'" in problem.message


def test_duplicate_lesson_id(course):
    copy = course / "lessons" / "kopi.yaml"
    shutil.copy(lesson(course), copy)
    messages = [str(p) for p in errors(course)]
    assert any("duplicate lesson id 'handvask'" in m and "kopi.yaml:1:" in m for m in messages)


def test_unknown_block_type(course):
    line = edit(lesson(course), "  - type: callout", "  - type: poem")
    problem = only_error(course)
    assert problem.line == line and problem.field.startswith("blocks[6]")
    assert "unknown block type 'poem'" in problem.message


def test_block_without_type(course):
    line = edit(lesson(course), "  - type: callout\n    kind: hygiene", "  - kind: hygiene")
    problem = only_error(course)
    assert (problem.line, problem.field, problem.message) == (line, "blocks[6]", "the block has no 'type'")


def test_quiz_without_correct_answer(course):
    line = edit(
        lesson(course), "          - text: Håndhygiene\n            correct: true", "          - text: Håndhygiene"
    )
    problem = only_error(course)
    assert problem.field == "blocks[4].questions[0]" and problem.message == "no choice is marked 'correct: true'"
    assert problem.line < line


def test_single_choice_with_two_correct_answers(course):
    edit(
        lesson(course),
        "          - text: Å åpne vinduet\n",
        "          - text: Å åpne vinduet\n            correct: true\n",
    )
    assert "exactly one correct choice, found 2" in only_error(course).message


def test_true_false_without_answer(course):
    edit(lesson(course), "        answer: false\n", "")
    problem = only_error(course)
    assert problem.field == "blocks[4].questions[2]" and "needs 'answer: true' or 'answer: false'" in problem.message


def test_image_without_alt_text(course):
    line = edit(lesson(course), "    alt: To hender under en vannkran med såpeskum.\n", "")
    problem = only_error(course)
    assert (problem.field, problem.message) == ("blocks[1].alt", "required field is missing")
    assert problem.line == line - 2  # the line of the block that lacks it


def test_image_with_blank_alt_text(course):
    line = edit(lesson(course), "alt: To hender under en vannkran med såpeskum.", 'alt: "  "')
    problem = only_error(course)
    assert (problem.field, problem.line) == ("blocks[1].alt", line)
    assert "at least 1 character" in problem.message


def test_image_file_missing(course):
    (course / "media" / "hender.svg").unlink()
    problem = only_error(course)
    assert problem.field == "blocks[1].src" and "image file 'media/hender.svg' not found" in problem.message


def test_vocabulary_missing_a_language(course):
    edit(lesson(course), " ti: ጽሬት ኢድ,", "")
    problem = only_error(course)
    assert (problem.field, problem.message) == ("blocks[2].entries[0].translations.ti", "required field is missing")


def test_wrong_type(course):
    line = edit(lesson(course), "duration_minutes: 45", "duration_minutes: lang")
    problem = only_error(course)
    assert (problem.field, problem.line) == ("duration_minutes", line)
    assert "valid integer" in problem.message and "'lang'" in problem.message


def test_lesson_listed_in_module_but_missing_on_disk(course):
    lesson(course, "renholdsutstyr").unlink()
    problem = only_error(course)
    assert problem.path.name == "course.yaml" and problem.field == "modules[0].lessons[1]"
    assert "no lessons/renholdsutstyr.yaml" in problem.message


def test_duplicate_module_id(course):
    edit(
        course / "course.yaml",
        "sources:",
        "  - id: modul-en\n    title: Igjen\n    goals: [Mål]\n    lessons: [ny]\nsources:",
    )
    assert any("duplicate module id 'modul-en'" in p.message for p in errors(course))


def test_lesson_listed_twice(course):
    edit(course / "course.yaml", "      - renholdsutstyr\n", "      - renholdsutstyr\n      - handvask\n")
    assert "lesson 'handvask' is listed twice" in only_error(course).message


def test_unknown_field_is_a_typo(course):
    line = edit(lesson(course), "title: Håndvask", "titel: Håndvask")
    messages = {(p.field, p.line, p.message) for p in errors(course)}
    assert ("titel", line, "unknown field (check the spelling; see `ksi-courses schema`)") in messages
    assert ("title", 1, "required field is missing") in messages


def test_duplicate_key(course):
    line = edit(lesson(course), "duration_minutes: 45\n", "duration_minutes: 45\nduration_minutes: 60\n")
    problem = only_error(course)
    assert (problem.line, problem.message) == (line + 1, "duplicate key 'duration_minutes'")


def test_translation_status_for_every_language(course):
    edit(course / "course.yaml", "  so: machine\n", "")
    problem = only_error(course)
    assert problem.field == "translations" and "missing so" in problem.message


def test_unknown_review_status(course):
    line = edit(course / "course.yaml", "  ru: machine", "  ru: done")
    problem = only_error(course)
    assert (problem.field, problem.line) == ("translations.ru", line) and "'machine' or 'reviewed'" in problem.message


def test_invalid_version(course):
    line = edit(course / "course.yaml", "version: 1.0.0", "version: v1")
    problem = only_error(course)
    assert (problem.field, problem.line) == ("version", line) and "should match pattern" in problem.message


def test_invalid_id_characters(course):
    line = edit(lesson(course), "      - id: sapa", "      - id: Såpe ok")
    problem = only_error(course)
    assert (problem.field, problem.line) == ("blocks[3].items[0].id", line)


def test_duplicate_checklist_item_id(course):
    edit(lesson(course), "      - id: papir", "      - id: sapa")
    assert only_error(course).message == "duplicate checklist item id 'sapa'"


def test_duplicate_question_id(course):
    edit(lesson(course), "      - id: q2", "      - id: q1")
    assert only_error(course).message == "duplicate question id 'q1'"


def test_empty_teacher_note(course):
    edit(lesson(course, "renholdsutstyr"), "    body: Vis utstyret.\n", "")
    assert "a teacher note needs at least one of" in only_error(course).message


def test_template_with_unknown_placeholder(course):
    template = course / "templates" / "melding.md"
    line = edit(template, "{{ run.place }}", "{{ run.room }}")
    problem = only_error(course)
    assert (problem.path, problem.line, problem.field) == (template, line, "placeholder {{ run.room }}")
    assert "unknown placeholder" in problem.message


def test_template_without_front_matter(course):
    template = course / "templates" / "melding.md"
    template.write_text("Hei {{ participant.name }}", encoding="utf-8")
    problem = only_error(course)
    assert problem.path == template and "front matter" in problem.message


def test_form_field_of_unknown_type(course):
    form = course / "forms" / "egen-sjekkliste.yaml"
    line = edit(form, "        type: text", "        type: colour")
    problem = only_error(course)
    assert (problem.path, problem.line, problem.field) == (form, line, "sections[0].fields[0].type")
    assert "'long_text'" in problem.message


def test_choice_field_without_choices(course):
    form = course / "forms" / "egen-sjekkliste.yaml"
    edit(form, "        type: text", "        type: single_choice")
    assert only_error(course).message == "a single_choice field needs at least 2 choices"


def test_empty_lesson_file(course):
    lesson(course).write_text("", encoding="utf-8")
    messages = [p.message for p in errors(course)]
    assert "the file is empty" in messages


def test_list_instead_of_mapping(course):
    lesson(course).write_text("- id: handvask\n", encoding="utf-8")
    assert "expected a mapping of fields, got list" in [p.message for p in errors(course)]


def test_not_a_course_folder(tmp_path):
    course, problems = check_course(tmp_path)
    assert course is None and "no course.yaml here" in problems[0].message


def test_unlisted_lesson_is_only_a_warning(course):
    shutil.copy(lesson(course, "renholdsutstyr"), lesson(course, "utkast"))
    edit(lesson(course, "utkast"), "id: renholdsutstyr", "id: utkast")
    loaded, problems = check_course(course)
    assert loaded is not None
    assert [p.severity for p in problems] == ["warning"] and "not listed in any module" in problems[0].message


def test_validate_command_reports_file_and_line(course, capsys):
    line = edit(lesson(course), "    alt: To hender under en vannkran med såpeskum.", "    alt: ''")
    assert main(["validate", str(course)]) == 1
    err = capsys.readouterr().err
    assert f"{lesson(course)}:{line}: blocks[1].alt:" in err and "1 error(s)" in err


def test_validate_command_accepts_good_content(capsys):
    assert main(["validate", str(MINI_COURSE)]) == 0
    assert "ok  mini-kurs 1.0.0+" in capsys.readouterr().out

"""One set of words across the courses: the word list, and the lint that fails on words not to use."""

import shutil

import pytest

from course_content import course_dirs, load_course
from course_content.errors import ContentError
from course_content.lint import lint_course
from course_content.loader import COURSES_DIR
from course_content.wordlist import lint_wording, load_wordlist
from tests.paths import MINI_COURSE


@pytest.fixture(scope="module")
def wording():
    return load_wordlist()


def test_the_word_list_names_the_preferred_terms(wording):
    assert wording.replacements["kuldekjede"] == "kjølekjede"
    assert wording.replacements["arbeidskontrakt"] == "arbeidsavtale"
    assert wording.replacements["uken"] == "uka"  # one choice of endings: the a-ending


@pytest.mark.parametrize("path", course_dirs(COURSES_DIR), ids=lambda path: path.name)
def test_shipped_courses_use_one_set_of_words(path, wording):
    assert [str(problem) for problem in lint_wording(load_course(path), wording)] == []


@pytest.fixture
def broken_course(tmp_path):
    """The mini course with a word not to use in a text block, and one in a teacher note."""
    root = tmp_path / "mini-course"
    shutil.copytree(MINI_COURSE, root)
    lesson = root / "lessons" / "handvask.yaml"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace("    body: |\n", "    body: |\n      Kuldekjeden skal ikke brytes.\n", 1)
    text = text.replace("    preparation: Ta med såpe.", "    preparation: Ta med såpe denne uken.")
    lesson.write_text(text, encoding="utf-8")
    return load_course(root)


def test_a_word_not_to_use_fails_the_lint_with_file_and_field(broken_course):
    messages = [str(problem) for problem in lint_course(broken_course) if "wordlist" in problem.message]
    assert len(messages) == 1  # the teacher note is not participant text
    assert messages[0].endswith(
        "mini-course/lessons/handvask.yaml: blocks[0].body: 'Kuldekjeden': use 'kjølekjede' (common/wordlist.yaml)"
    )


def test_words_are_matched_whole(wording):
    assert wording.findings("Vi venter på ukene som kommer og på ukeplanen.") == []
    assert wording.findings("Denne UKEN og uka etter.") == [("UKEN", "uka")]


def test_a_malformed_word_list_is_a_clear_error(tmp_path):
    path = tmp_path / "wordlist.yaml"
    path.write_text("words:\n  - use: uka\n    not: [uken]\n  - use: veka\n    not: [uken]\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_wordlist(path)
    assert f"{path}:5: words[1].not: 'uken' is listed twice" in str(error.value.problems[0])
    path.write_text("words:\n  - use: uka\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_wordlist(path)
    assert "not" in str(error.value.problems[0])

"""Released ids stay: a lesson, quiz, question or checklist item of a release never disappears unrecorded."""

import json
import shutil
import tarfile

import pytest

from course_content import load_course
from course_content.loader import course_dirs
from course_content.stable_ids import RELEASES_DIR, check_stable_ids, course_id_paths, current_path, release_record
from tests.content.test_broken_content import edit
from tests.paths import FIXTURES, MINI_COURSE

RELEASE_0_1_0 = FIXTURES / "releases" / "ksi-courses-0.1.0-content.tar.gz"


@pytest.fixture
def course_folder(tmp_path):
    folder = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, folder)
    return folder


@pytest.fixture
def releases(tmp_path):
    """A release record of the mini course as it is in the fixture."""
    folder = tmp_path / "releases"
    folder.mkdir()
    record = release_record("1.0.0", {"mini-kurs": load_course(MINI_COURSE)})
    (folder / "1.0.0.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def messages(folder, releases):
    return [problem.message for problem in check_stable_ids(load_course(folder), releases)]


def test_the_ids_of_the_mini_course_as_paths():
    paths = course_id_paths(load_course(MINI_COURSE))
    assert paths[0] == "handvask"
    assert {path.count("/") for path in paths} == {0, 1, 2}
    assert len(paths) == len(set(paths))


def test_an_unchanged_course_keeps_every_released_id(course_folder, releases):
    assert messages(course_folder, releases) == []


def test_a_question_that_disappears_is_reported(course_folder, releases):
    quiz_path = next(p for p in course_id_paths(load_course(course_folder)) if p.count("/") == 2)
    lesson, _block, question = quiz_path.split("/")
    edit(course_folder / "lessons" / f"{lesson}.yaml", f"id: {question}\n", "id: nytt-sporsmal\n")
    found = messages(course_folder, releases)
    assert len(found) == 1 and found[0].startswith(f"'{quiz_path}' (released in 1.0.0) is gone")


def test_a_recorded_rename_keeps_the_lesson_and_everything_in_it(course_folder, releases):
    edit(course_folder / "lessons" / "handvask.yaml", "id: handvask\n", "id: handhygiene\n")
    (course_folder / "lessons" / "handvask.yaml").rename(course_folder / "lessons" / "handhygiene.yaml")
    edit(course_folder / "course.yaml", "      - handvask\n", "      - handhygiene\n")
    gone = messages(course_folder, releases)
    assert any(m.startswith("'handvask' (released in 1.0.0) is gone") for m in gone)
    # Every id inside the lesson was reported too, once each.
    assert len(gone) == sum(1 for p in course_id_paths(load_course(MINI_COURSE)) if p.split("/")[0] == "handvask")
    with open(course_folder / "course.yaml", "a", encoding="utf-8") as handle:
        handle.write("renamed:\n  handvask: handhygiene\n")
    assert messages(course_folder, releases) == []


def test_a_rename_to_nowhere_is_reported(course_folder, releases):
    with open(course_folder / "course.yaml", "a", encoding="utf-8") as handle:
        handle.write("renamed:\n  handvask: finnes-ikke\n")
    found = messages(course_folder, releases)
    assert "a rename points to 'finnes-ikke', which is not in the course" in found


def test_a_lesson_retired_on_purpose_is_accepted(course_folder, releases):
    edit(course_folder / "course.yaml", "      - renholdsutstyr\n", "")
    (course_folder / "lessons" / "renholdsutstyr.yaml").unlink()
    assert messages(course_folder, releases)
    with open(course_folder / "course.yaml", "a", encoding="utf-8") as handle:
        handle.write("retired:\n  - renholdsutstyr\n")
    assert messages(course_folder, releases) == []


def test_current_path_follows_the_deepest_rename():
    renamed = {"a": "b", "b/quiz": "b/prove"}
    assert current_path("a/quiz/q1", renamed) == "b/quiz/q1"
    assert current_path("b/quiz/q1", renamed) == "b/prove/q1"
    assert current_path("c/x", renamed) == "c/x"


def test_the_recorded_0_1_0_release_is_what_0_1_0_shipped(tmp_path):
    """releases/0.1.0.json was made from the 0.1.0 content kept as a test fixture."""
    with tarfile.open(RELEASE_0_1_0) as archive:
        archive.extractall(tmp_path, filter="data")
    root = tmp_path / "course_content"
    courses = {folder.name: load_course(folder, common=root / "common") for folder in course_dirs(root / "courses")}
    recorded = json.loads((RELEASES_DIR / "0.1.0.json").read_text(encoding="utf-8"))
    assert recorded == release_record("0.1.0", courses)
    assert sorted(recorded["courses"]) == ["matfag", "renhold-og-smittevern", "salg-og-service"]

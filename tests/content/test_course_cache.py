"""Each course folder is parsed once per process, and a changed file is never served stale."""

import os
import shutil

import pytest

from course_content import check_course, get_course, load_course
from course_content import loader as loader_module
from tests.paths import MINI_COURSE


@pytest.fixture
def course(tmp_path):
    target = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, target)
    return target


@pytest.fixture
def parses(monkeypatch):
    """Counts the lesson files parsed."""
    calls = []
    original = loader_module.read_yaml

    def counting(path):
        calls.append(path.name)
        return original(path)

    monkeypatch.setattr(loader_module, "read_yaml", counting)
    return calls


def rewrite_keeping_size_and_mtime(path, old, new):
    """Edit ``path`` so that only its bytes differ: same size, same modification time."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)


def test_a_course_is_parsed_once(course, parses):
    first = load_course(course)
    count = len(parses)
    assert count > 0
    assert load_course(course) is first
    assert check_course(course)[0] is first
    assert len(parses) == count


def test_a_changed_file_loads_again(course):
    first = load_course(course)
    lesson = course / "lessons" / "handvask.yaml"
    rewrite_keeping_size_and_mtime(lesson, "title: Håndvask", "title: Håndvisk")
    second = load_course(course)
    assert second is not first
    assert second.lessons["handvask"].title == "Håndvisk"
    assert first.lessons["handvask"].title == "Håndvask"
    assert second.content_hash != first.content_hash


def test_a_file_broken_after_loading_is_reported(course):
    load_course(course)
    (course / "lessons" / "handvask.yaml").write_text("id: handvask\ntitle: [\n", encoding="utf-8")
    loaded, problems = check_course(course)
    assert loaded is None and any("YAML syntax error" in p.message for p in problems)


def test_problems_can_be_changed_by_the_caller(course):
    (course / "lessons" / "handvask.yaml").unlink()
    _, problems = check_course(course)
    problems.append("added by the caller")
    assert "added by the caller" not in check_course(course)[1]


def test_the_cache_keeps_a_bounded_number_of_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "_LOADED_MAX", 2)
    folders = []
    for name in ("a", "b", "c"):
        folders.append(tmp_path / name)
        shutil.copytree(MINI_COURSE, folders[-1])
        load_course(folders[-1])
    assert len(loader_module._LOADED) <= 2
    assert {key[0] for key in loader_module._LOADED} == set(folders[1:])


def test_get_course_is_cached_and_sees_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "COURSES_DIR", tmp_path)
    folder = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, folder)
    first = get_course("mini-kurs")
    assert get_course("mini-kurs") is first
    rewrite_keeping_size_and_mtime(folder / "lessons" / "handvask.yaml", "title: Håndvask", "title: Håndvisk")
    assert get_course("mini-kurs").lessons["handvask"].title == "Håndvisk"

"""The ``ksi-courses`` command keeps loaded courses on disk, so the next command (a new process)
reads them back instead of parsing; a changed file, or a damaged entry, loads afresh."""

import shutil

import pytest

from course_content import check_course, disk_cache
from course_content import loader as loader_module
from course_content.cli import main
from tests.paths import MINI_COURSE


@pytest.fixture
def course(tmp_path):
    target = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, target)
    return target


@pytest.fixture
def new_process(monkeypatch):
    """Forget this process's loaded courses (as a new command would not have them); return a
    list of the folders actually parsed from then on."""
    parsed = []
    original = loader_module._check_course

    def spy(root, *args):
        parsed.append(root.name)
        return original(root, *args)

    def forget():
        loader_module._LOADED.clear()

    monkeypatch.setattr(loader_module, "_check_course", spy)
    forget()
    return parsed, forget


def test_a_course_is_read_back_from_disk(course, tmp_path, new_process):
    parsed, forget = new_process
    cache = tmp_path / "cache"
    with disk_cache.kept_in(cache):
        first, problems = check_course(course)
    assert parsed == ["mini-kurs"] and len(list(cache.glob("course-*.pickle"))) == 1
    forget()
    with disk_cache.kept_in(cache):
        again, again_problems = check_course(course)
    assert parsed == ["mini-kurs"]  # not parsed a second time
    assert again is not first and again == first
    assert again.root == course and again.lessons["handvask"].title == first.lessons["handvask"].title
    assert [str(p) for p in again_problems] == [str(p) for p in problems]


def test_a_changed_file_or_a_damaged_entry_loads_afresh(course, tmp_path, new_process):
    parsed, forget = new_process
    cache = tmp_path / "cache"
    with disk_cache.kept_in(cache):
        check_course(course)
        lesson = course / "lessons" / "handvask.yaml"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: Håndvask", "title: Håndvisk"), "utf-8")
        forget()
        changed, _ = check_course(course)
        assert changed.lessons["handvask"].title == "Håndvisk" and len(parsed) == 2
        for entry in cache.glob("course-*.pickle"):
            entry.write_bytes(b"not a pickle")
        forget()
        damaged, _ = check_course(course)
    assert damaged == changed and len(parsed) == 3


def test_broken_content_is_reported_the_same_from_disk(course, tmp_path, new_process):
    parsed, forget = new_process
    (course / "lessons" / "handvask.yaml").write_text("id: handvask\ntitle: [unclosed\n", "utf-8")
    cache = tmp_path / "cache"
    with disk_cache.kept_in(cache):
        first = check_course(course)
        forget()
        second = check_course(course)
    assert first[0] is None and second[0] is None and len(parsed) == 1
    assert [str(p) for p in second[1]] == [str(p) for p in first[1]]
    assert any("handvask.yaml:" in str(p) for p in second[1])


def test_outside_a_command_nothing_is_written(course, tmp_path, monkeypatch, new_process):
    monkeypatch.setenv("KSI_CACHE_DIR", str(tmp_path / "cache"))
    check_course(course)
    assert not (tmp_path / "cache").exists()


def test_the_command_uses_the_folder_and_can_be_turned_off(course, tmp_path, monkeypatch, capsys, new_process):
    parsed, forget = new_process
    monkeypatch.setenv("KSI_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["validate", str(course)]) == 0
    first = capsys.readouterr().out
    forget()
    assert main(["validate", str(course)]) == 0
    assert capsys.readouterr().out == first and "ok  mini-kurs" in first and parsed == ["mini-kurs"]
    monkeypatch.setenv("KSI_CACHE_DIR", "off")
    forget()
    assert main(["validate", str(course)]) == 0 and parsed == ["mini-kurs", "mini-kurs"]


def test_a_folder_that_cannot_be_written_only_costs_time(course, tmp_path, monkeypatch, capsys, new_process):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setenv("KSI_CACHE_DIR", str(blocked / "cache"))
    assert main(["validate", str(course)]) == 0
    assert "ok  mini-kurs" in capsys.readouterr().out

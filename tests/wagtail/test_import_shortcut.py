"""The import command recognises an untouched course without loading it, and only then."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from course_content import loader
from ksi_courses import import_shortcut
from ksi_courses.content_import import import_course, render_report
from ksi_courses.models import CoursePage, LessonPage
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, target)
    return target


@pytest.fixture
def loads(monkeypatch):
    """Records every course folder the loader parses."""
    seen = []
    original = loader._check_course

    def spy(root, *args):
        seen.append(root.name)
        return original(root, *args)

    monkeypatch.setattr(loader, "_check_course", spy)
    return seen


def run(folder, capsys, *extra) -> str:
    call_command("import_ksi_courses", "-v", "2", "--path", str(folder), *extra)
    return capsys.readouterr().out


def test_an_untouched_course_is_not_loaded_again(folder, loads, capsys):
    run(folder, capsys)
    loader._LOADED.clear()  # as in a new process
    loads.clear()
    out = run(folder, capsys)
    assert loads == []
    assert "= 0 change(s); " in out and "create" not in out
    full = import_course(loader.load_course(folder))  # the full comparison says the same, line by line
    assert out.strip() == render_report(full, verbose=True).strip()


def test_a_changed_file_is_loaded_and_imported(folder, loads, capsys):
    run(folder, capsys)
    lesson = folder / "lessons" / "renholdsutstyr.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Vi bruker", "Vi bruker ofte"), encoding="utf-8")
    loads.clear()
    out = run(folder, capsys)
    assert loads == ["mini-kurs"] and "update     lesson  renholdsutstyr" in out


@pytest.mark.parametrize(
    "touch",
    [
        lambda: LessonPage.objects.get(ksi_id="handvask").save_revision(),
        lambda: LessonPage.objects.get(ksi_id="handvask").unpublish(),
        lambda: LessonPage.objects.filter(ksi_id="handvask").update(goals="Vårt mål"),
    ],
    ids=["draft saved", "unpublished", "changed without a revision"],
)
def test_a_touched_page_means_a_full_import(folder, loads, capsys, touch):
    run(folder, capsys)
    touch()
    loads.clear()
    loader._LOADED.clear()
    run(folder, capsys)
    assert loads == ["mini-kurs"]


def test_other_code_means_a_full_import(folder, loads, capsys, monkeypatch):
    run(folder, capsys)
    monkeypatch.setattr(import_shortcut, "code_fingerprint", lambda: "another version of the code")
    loads.clear()
    loader._LOADED.clear()
    run(folder, capsys)
    assert loads == ["mini-kurs"]


def test_a_conflict_is_reported_again(folder, capsys):
    run(folder, capsys)
    page = LessonPage.objects.get(ksi_id="handvask")
    page.title = "Vår håndvask"
    page.save_revision().publish()
    lesson = folder / "lessons" / "handvask.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("er det viktigste", "er det aller viktigste"))
    with pytest.raises(CommandError, match="mini-kurs/handvask"):  # exits non-zero while the conflict remains
        run(folder, capsys)
    assert "Conflict: lesson 'handvask'" in capsys.readouterr().out
    assert CoursePage.objects.get().ksi_import_state.get("key") != import_shortcut.import_key(
        CoursePage.objects.get(), loader.content_hash(folder)
    )
    with pytest.raises(CommandError, match="mini-kurs/handvask"):
        run(folder, capsys)
    assert "Conflict: lesson 'handvask'" in capsys.readouterr().out


def test_a_dry_run_stores_nothing(folder, capsys):
    run(folder, capsys, "--dry-run")
    assert not CoursePage.objects.exists()
    run(folder, capsys)
    state = CoursePage.objects.get().ksi_import_state
    run(folder, capsys, "--dry-run")
    assert CoursePage.objects.get().ksi_import_state == state

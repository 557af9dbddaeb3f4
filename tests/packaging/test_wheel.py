"""The wheel carries what each face needs, and its extras keep an Open edX install lean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_content.loader import COURSES_DIR, course_dirs
from tests.packaging.conftest import CHECKOUT, Venv, run

pytestmark = pytest.mark.slow

PACKAGE_DIRS = {
    "course_content": CHECKOUT / "course_content" / "courses",
    "exports/fonts": CHECKOUT / "exports" / "fonts",
    "xblocks/templates": CHECKOUT / "xblocks" / "templates",
    "xblocks/static": CHECKOUT / "xblocks" / "static",
    "xblocks/translations": CHECKOUT / "xblocks" / "translations",
}
#: Wagtail and the Django apps only the Wagtail face needs; none may reach an Open edX install.
WAGTAIL_STACK = {"wagtail", "django-modelcluster", "django-taggit", "django-treebeard", "django-tasks", "django-tasks-db",
                 "dj-database-url", "weasyprint"}


def files_under(folder: Path) -> set[str]:
    """Paths of the files in a checkout folder, relative to the checkout (as wheel names)."""
    return {p.relative_to(CHECKOUT).as_posix() for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_wheel_contains_courses_fonts_and_templates(wheel_names):
    course_files = files_under(COURSES_DIR)
    assert any(name.endswith("course.yaml") for name in course_files)
    assert course_files <= wheel_names, sorted(course_files - wheel_names)[:10]
    fonts = files_under(PACKAGE_DIRS["exports/fonts"])
    assert fonts <= wheel_names, sorted(fonts - wheel_names)
    if (CHECKOUT / "exports" / "fonts" / "OFL.txt").is_file():
        assert "exports/fonts/OFL.txt" in wheel_names
    for folder in ("xblocks/templates", "xblocks/static"):
        missing = files_under(PACKAGE_DIRS[folder]) - wheel_names
        assert not missing, f"{folder} files missing from the wheel: {sorted(missing)}"


def test_wheel_contains_xblock_translations(wheel_names):
    # Open edX's XBlockI18nService reads xblocks/translations/<lang>/LC_MESSAGES/text.mo.
    missing = files_under(PACKAGE_DIRS["xblocks/translations"]) - wheel_names
    assert not missing, f"add translations/**/* to xblocks in setup.cfg [options.package_data]: {sorted(missing)}"


def test_core_install_lists_the_courses_outside_the_checkout(wheel, tmp_path):
    venv = Venv(tmp_path / "core")
    venv.pip("install", wheel)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    listing = json.loads(run(venv.bin / "ksi-courses", "list", "--json", cwd=outside).stdout)
    expected = [folder.name for folder in course_dirs(COURSES_DIR)]
    assert expected and sorted(row["slug"] for row in listing) == sorted(expected)
    assert all(row["lessons"] > 0 for row in listing)
    # The OLX writer is pure: it runs in the core install, without XBlock.
    olx = run(venv.bin / "ksi-courses", "olx", expected[0], "-o", outside / "course.tar.gz", cwd=outside)
    assert "wrote" in olx.stdout and (outside / "course.tar.gz").stat().st_size > 0
    assert "xblock" not in venv.installed()


def test_xblock_install_is_lean_and_registers_the_block(wheel, tmp_path):
    venv = Venv(tmp_path / "openedx")
    venv.pip("install", f"{wheel}[xblock]")
    installed = venv.installed()
    assert "xblock" in installed and "web-fragments" in installed
    assert not installed & WAGTAIL_STACK, f"the [xblock] extra pulls in {sorted(installed & WAGTAIL_STACK)}"
    probe = (
        "from importlib.metadata import entry_points\n"
        "import xblocks.lesson\n"
        "from xblock.core import XBlock\n"
        "(ep,) = [e for e in entry_points(group='xblock.v1') if e.name == 'ksi_lesson']\n"
        "assert ep.load() is xblocks.lesson.LessonBlock\n"
        "assert XBlock.load_class('ksi_lesson') is xblocks.lesson.LessonBlock\n"
        "print('ok', ep.value)\n"
    )
    assert run(venv.bin / "python", "-c", probe, cwd=tmp_path).stdout.strip() == "ok xblocks.lesson:LessonBlock"

"""The mini course with a course plan (its duration then comes from the plan), for tests of every face."""

import shutil
from pathlib import Path

from tests.paths import FIXTURES, MINI_COURSE

PLAN = FIXTURES / "mini-course-plan.yaml"
DURATION = "  duration:\n    weeks: 1\n    hours_per_week: 2\n"


def planned_mini_course(parent: Path) -> Path:
    """A copy of the mini course in ``parent`` with ``plan.yaml`` and no stated duration."""
    folder = parent / "mini-kurs"
    shutil.copytree(MINI_COURSE, folder)
    shutil.copy(PLAN, folder / "plan.yaml")
    course_file = folder / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    assert text.count(DURATION) == 1
    course_file.write_text(text.replace(DURATION, ""), encoding="utf-8")
    return folder

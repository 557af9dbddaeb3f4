"""Stable ids across releases: what a released version promised, and where each id lives now.

Installed sites keep participants' progress on lesson ids, quiz ids, question ids and checklist
item ids. Each release records the ids it shipped (``releases/<version>.json``); a later version
keeps every one of them, or says in ``course.yaml`` where it went (``renamed``) or that it is gone
on purpose (``retired``). The importer follows the same map, so progress always finds its lesson.

Ids are written as paths: ``lesson``, ``lesson/quiz``, ``lesson/quiz/question``,
``lesson/checklist`` and ``lesson/checklist/item``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import ContentProblem
from .models import Course

RELEASES_DIR = Path(__file__).resolve().parent / "releases"


def course_id_paths(course: Course) -> list[str]:
    """Every stable id of ``course`` as a path, in teaching order."""
    paths: list[str] = []
    for lesson in course.ordered_lessons():
        paths.append(lesson.id)
        for quiz in lesson.quizzes:
            paths.append(f"{lesson.id}/{quiz.id}")
            paths.extend(f"{lesson.id}/{quiz.id}/{question.id}" for question in quiz.questions)
        for checklist in lesson.checklists:
            paths.append(f"{lesson.id}/{checklist.id}")
            paths.extend(f"{lesson.id}/{checklist.id}/{item.id}" for item in checklist.items)
    return paths


def release_record(version: str, courses: dict[str, Course]) -> dict:
    """What ``releases/<version>.json`` holds for ``courses``."""
    return {"version": version, "courses": {slug: course_id_paths(course) for slug, course in courses.items()}}


def released_ids(slug: str, releases_dir: Path = RELEASES_DIR) -> dict[str, list[str]]:
    """``{version: [id paths]}`` of every recorded release that shipped course ``slug``."""
    found = {}
    for file in sorted(releases_dir.glob("*.json")):
        record = json.loads(file.read_text(encoding="utf-8"))
        if slug in record["courses"]:
            found[record["version"]] = record["courses"][slug]
    return found


def current_path(path: str, renamed: dict[str, str]) -> str:
    """Where the released id ``path`` lives now: the deepest recorded rename of it or a parent."""
    parts = path.split("/")
    for depth in range(len(parts), 0, -1):
        head = "/".join(parts[:depth])
        if head in renamed:
            return "/".join([renamed[head], *parts[depth:]])
    return path


def is_retired(path: str, retired: list[str]) -> bool:
    parts = path.split("/")
    return any("/".join(parts[:depth]) in retired for depth in range(1, len(parts) + 1))


def check_stable_ids(course: Course, releases_dir: Path = RELEASES_DIR) -> list[ContentProblem]:
    """Every released id of ``course`` that is gone without a recorded rename or retirement."""
    course_file = Path(course.root) / "course.yaml" if course.root is not None else Path(course.slug, "course.yaml")
    present = set(course_id_paths(course))
    problems: list[ContentProblem] = []
    for new in sorted(set(course.renamed.values())):
        if new not in present:
            problems.append(
                ContentProblem(course_file, None, "renamed", f"a rename points to '{new}', which is not in the course")
            )
    reported: set[str] = set()
    for version, paths in released_ids(course.slug, releases_dir).items():
        for path in paths:
            if path in reported or is_retired(path, course.retired):
                continue
            if current_path(path, course.renamed) not in present:
                reported.add(path)
                problems.append(
                    ContentProblem(
                        course_file,
                        None,
                        "renamed",
                        f"'{path}' (released in {version}) is gone: keep the id, record where it went "
                        f"(renamed: {{{path}: <new path>}}) or that it was removed on purpose (retired: [{path}])",
                    )
                )
    return problems

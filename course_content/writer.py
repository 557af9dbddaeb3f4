"""Write a course model back to a course folder (the inverse of the loader).

Used by ``export_ksi_courses`` to turn a municipality's edited page tree into content files that
``ksi-courses validate`` accepts and that can be shared, diffed and re-imported.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .glossary import GLOSSARY_FILE
from .glossary_writer import split_vocabulary
from .models import Course, CourseFile


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line text, so Markdown stays readable in the files."""


def _str_representer(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_course(course: Course, target: str | Path, media: dict[str, bytes] | None = None) -> Path:
    """Write ``course`` into ``target`` (created if needed); ``media`` maps image paths to bytes.

    Existing files with the same names are replaced; other files in ``target`` are left alone.
    """
    root = Path(target)
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    meta = course.model_dump(mode="json", include=set(CourseFile.model_fields), exclude_defaults=False)
    if course.plan is not None:
        # The loader takes weeks and hours from the plan; stating them twice is an error.
        meta["description"].pop("duration", None)
        (root / "plan.yaml").write_text(dump_yaml(_prune(course.plan.model_dump(mode="json"))), encoding="utf-8")
    (root / "course.yaml").write_text(dump_yaml(_prune(meta)), encoding="utf-8")
    if course.logbook is not None:
        (root / "logbook.yaml").write_text(dump_yaml(_prune(course.logbook.model_dump(mode="json"))), encoding="utf-8")
    glossary, term_lists = split_vocabulary(course)
    if glossary:
        (root / GLOSSARY_FILE).write_text(dump_yaml(glossary), encoding="utf-8")
    for lesson in course.lessons.values():
        data = _prune(lesson.model_dump(mode="json"))
        # Vocabulary blocks name glossary terms; their items are not pruned (``picture: null``
        # says this lesson shows no picture even if the glossary has one).
        vocabulary = [block for block in data["blocks"] if block["type"] == "vocabulary"]
        for block, items in zip(vocabulary, term_lists[lesson.id], strict=True):
            block["entries"] = items
        (root / "lessons" / f"{lesson.id}.yaml").write_text(dump_yaml(data), encoding="utf-8")
    if course.forms:
        (root / "forms").mkdir(exist_ok=True)
        for form in course.forms.values():
            (root / "forms" / f"{form.id}.yaml").write_text(
                dump_yaml(_prune(form.model_dump(mode="json"))), encoding="utf-8"
            )
    if course.templates:
        (root / "templates").mkdir(exist_ok=True)
        for template in course.templates.values():
            front = _prune(template.model_dump(mode="json", exclude={"body"}))
            text = f"---\n{dump_yaml(front)}---\n{template.body}\n"
            (root / "templates" / f"{template.id}.md").write_text(text, encoding="utf-8")
    for src, data in (media or {}).items():
        path = root / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def _prune(value):
    """Drop empty optional values (None, "", []) so the files stay as short as hand-written ones."""
    if isinstance(value, dict):
        return {key: _prune(item) for key, item in value.items() if item not in (None, "", [])}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value

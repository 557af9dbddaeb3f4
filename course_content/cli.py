"""The ``ksi-courses`` command. Thin: each subcommand parses arguments and calls the library.

The print, Open edX and LMS-package faces add their own subcommands (``pdf``, ``forms``,
``template``, ``olx``, ``site``, ``scorm``, ``cc``); their modules import heavy dependencies only
when the command runs, so the command works, and explains what to install, in a lean environment.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from .disk_cache import default_folder, kept_in, remembered
from .errors import ContentError
from .loader import COURSES_DIR, check_course, check_lesson_file, course_dirs, shipped_courses

# lint, stats (Markdown) and schema are imported where they are used: `list` needs none of them.

FACE_COMMAND_MODULES = ("course_content.stats_cli", "exports.cli", "xblocks.cli", "exports.lms.cli")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        # A command is a new process: courses loaded by an earlier one are read back from disk.
        with kept_in(default_folder()):
            return args.handler(args) or 0
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (KeyError, FileNotFoundError) as exc:
        print(f"ksi-courses: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ksi-courses", description="Job-oriented courses for adult immigrants.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    listing = commands.add_parser("list", help="list the shipped courses with versions and counts")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    validate = commands.add_parser("validate", help="check course folders; exit 1 with file:line messages")
    validate.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=COURSES_DIR,
        help="a course folder, a folder of courses, or one lesson file",
    )
    validate.add_argument(
        "--lint",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also check the teaching minimums (default: on for the shipped courses, off for other folders)",
    )
    validate.set_defaults(handler=cmd_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of the content format")
    schema.set_defaults(handler=cmd_schema)

    for module_name in FACE_COMMAND_MODULES:
        importlib.import_module(module_name).register(commands)
    return parser


def course_summary(course) -> dict:
    lessons = course.ordered_lessons()
    return {
        "slug": course.slug,
        "title": course.title,
        "version": course.version,
        "content_hash": course.content_hash,
        "modules": len(course.modules),
        "lessons": len(lessons),
        "vocabulary": sum(len(lesson.vocabulary) for lesson in lessons),
        "forms": len(course.forms),
        "templates": len(course.templates),
    }


def cmd_list(args) -> int:
    rows = [course_summary(course) for course in shipped_courses().values()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{'slug':<24} {'version':<16} {'modules':>7} {'lessons':>7} {'vocab':>7} {'forms':>5} {'templates':>9}  title"
    )
    for row in rows:
        version = f"{row['version']}+{row['content_hash'][:6]}"
        print(
            f"{row['slug']:<24} {version:<16} {row['modules']:>7} {row['lessons']:>7} {row['vocabulary']:>7}"
            f" {row['forms']:>5} {row['templates']:>9}  {row['title']}"
        )
    return 0


def cmd_validate(args) -> int:
    from .lint import lint_course

    if Path(args.path).is_file():
        return validate_lesson_file(Path(args.path), lint=args.lint is not False)
    folders = course_dirs(args.path)
    if not folders:
        print(f"{args.path}: no course.yaml here or in its subfolders", file=sys.stderr)
        return 1
    lint = args.lint if args.lint is not None else Path(args.path).resolve() == COURSES_DIR
    errors = report_picture_library()
    for folder in folders:
        course, problems = check_course(folder)
        for problem in problems:
            print(problem, file=sys.stderr)
        errors += sum(p.severity == "error" for p in problems)
        if course is not None and lint:
            findings = remembered(
                "lint",
                (str(folder), course.content_hash, course.version_label),
                lambda course=course: lint_course(course),
            )
            for problem in findings:
                print(problem, file=sys.stderr)
            errors += len(findings)
        if course is not None:
            print(f"ok  {course.slug} {course.version_label}: {len(course.ordered_lessons())} lessons")
    if errors:
        print(f"{errors} error(s)", file=sys.stderr)
        return 1
    return 0


def report_picture_library() -> int:
    """Print the picture library's problems (lessons name its pictures); return the number of errors."""
    from .pictures import library

    problems = library().problems
    for problem in problems:
        print(problem, file=sys.stderr)
    return sum(p.severity == "error" for p in problems)


def validate_lesson_file(path: Path, lint: bool) -> int:
    from .lint import lint_lesson
    from .stats import lesson_stats

    errors = report_picture_library()
    lesson, problems = check_lesson_file(path)
    if lesson is not None and lint:
        problems += lint_lesson(lesson, path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if lesson is not None:
        stats = lesson_stats(lesson)
        print(
            f"{'ok ' if not problems else 'bad'} {lesson.id}: {stats.text.words} words, LIX {stats.text.lix:.1f}, {stats.vocabulary} vocabulary"
        )
    return 1 if errors or any(p.severity == "error" for p in problems) else 0


def cmd_schema(args) -> int:
    from .schema import content_schema

    print(json.dumps(content_schema(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``ksi-courses stats`` subcommand."""

from __future__ import annotations

import json

from .loader import get_course, shipped_courses


def register(commands) -> None:
    stats = commands.add_parser("stats", help="per lesson: words, vocabulary, LIX readability")
    stats.add_argument("slug", nargs="?", help="one course (default: all shipped courses)")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(handler=cmd_stats)


def cmd_stats(args) -> int:
    from .stats import average_lix, course_stats  # Markdown parsing: only for this command

    courses = [get_course(args.slug)] if args.slug else list(shipped_courses().values())
    report = []
    for course in courses:
        rows = course_stats(course)
        report.append(
            {
                "course": course.slug,
                "lessons": [row.as_dict() for row in rows],
                "total_words": sum(row.text.words for row in rows),
                "average_lix": round(average_lix(rows), 1),
            }
        )
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    for course in report:
        print(f"{course['course']}")
        print(f"  {'lesson':<40} {'words':>6} {'vocab':>5} {'LIX':>5} {'quiz':>4} {'check':>5} {'ex':>3}")
        for row in course["lessons"]:
            print(
                f"  {row['lesson']:<40} {row['words']:>6} {row['vocabulary']:>5} {row['lix']:>5}"
                f" {row['quiz_questions']:>4} {row['checklist_items']:>5} {row['exercises']:>3}"
            )
        print(f"  {'total / LIX over all text':<40} {course['total_words']:>6} {'':>5} {course['average_lix']:>5}\n")
    return 0

"""Subcommands of ``ksi-courses`` for Open edX. Thin: parse arguments, call :mod:`xblocks.olx`.

Needs only the core install (no XBlock, no Wagtail): the OLX writer is pure Python.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def register(commands) -> None:
    """Add ``olx`` to the ``ksi-courses`` subcommands."""
    olx = commands.add_parser(
        "olx",
        help="write a course as an OLX archive (course.tar.gz) for Open edX Studio import",
        description="Write a course as an OLX archive for Open edX Studio (Tools → Import).",
    )
    olx.add_argument("course", metavar="SLUG", help="a shipped course's slug, or the path of a course folder")
    olx.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="archive to write, e.g. course.tar.gz")
    olx.add_argument("--org", default="KSI", help="organisation part of the course key (default: KSI)")
    olx.add_argument("--run", help="run part of the course key (default: v + the content's major version, e.g. v1)")
    olx.add_argument("--pass-mark", type=float, default=0.5, help="share of the grade needed to pass, 0–1 (default: 0.5)")
    olx.add_argument(
        "--start", type=_day, metavar="YYYY-MM-DD", help="the day the course opens in Open edX (default: today)"
    )
    olx.add_argument(
        "--end", type=_day, metavar="YYYY-MM-DD", help="the day the course closes (default: a year after --start)"
    )
    olx.set_defaults(handler=cmd_olx)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-08-17") from None


def cmd_olx(args: argparse.Namespace) -> int:
    from course_content import get_course, load_course

    from .olx import OlxOptions, graded_lessons, write_archive

    folder = Path(args.course)
    course = load_course(folder) if (folder / "course.yaml").is_file() else get_course(args.course)
    options = OlxOptions(org=args.org, run=args.run, pass_mark=args.pass_mark, start=args.start, end=args.end)
    try:
        write_archive(course, args.output, options)
    except ValueError as exc:
        print(f"ksi-courses olx: {exc}", file=sys.stderr)
        return 2
    start, end = options.dates()
    print(
        f"wrote {args.output}: course-v1:{options.org}+{course.slug}+{options.run_for(course)},"
        f" {len(course.modules)} modules, {len(course.ordered_lessons())} lessons"
        f" ({len(graded_lessons(course))} graded), content {course.version_label},"
        f" open {start.isoformat()} to {end.isoformat()}"
    )
    return 0

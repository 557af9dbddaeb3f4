"""Subcommands of ``ksi-courses`` for Open edX. Thin: parse arguments, call :mod:`xblocks.olx`.

Needs only the core install (no XBlock, no Wagtail): the OLX writer is pure Python.
"""

from __future__ import annotations

import argparse
import sys
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
    olx.set_defaults(handler=cmd_olx)


def cmd_olx(args: argparse.Namespace) -> int:
    from course_content import get_course, load_course

    from .olx import OlxOptions, graded_lessons, write_archive

    folder = Path(args.course)
    course = load_course(folder) if (folder / "course.yaml").is_file() else get_course(args.course)
    options = OlxOptions(org=args.org, run=args.run, pass_mark=args.pass_mark)
    try:
        write_archive(course, args.output, options)
    except ValueError as exc:
        print(f"ksi-courses olx: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {args.output}: course-v1:{options.org}+{course.slug}+{options.run_for(course)},"
        f" {len(course.modules)} modules, {len(course.ordered_lessons())} lessons"
        f" ({len(graded_lessons(course))} graded), content {course.version_label}"
    )
    return 0

"""Subcommands of ``ksi-courses`` for any LMS and offline use. Thin: parse arguments, call
:mod:`exports.lms.site`, :mod:`exports.lms.scorm` and :mod:`exports.lms.cartridge`.

Needs only the core install (Jinja2): the PDFs of ``--with-pdfs`` need the ``pdf`` extra.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands) -> None:
    """Add ``site``, ``scorm`` and ``cc`` to the ``ksi-courses`` subcommands."""
    site = commands.add_parser(
        "site",
        help="write a course as a static website (folder or .zip) that works offline",
        description="Write a course as a self-contained static website: open index.html from a folder, a USB stick or any web server.",
    )
    _course_arguments(site, "folder to write, or a file name ending in .zip", with_pdfs=True)
    site.set_defaults(handler=cmd_site)

    scorm = commands.add_parser(
        "scorm",
        help="write a course as a SCORM package (.zip) for itslearning, Moodle, Canvas and other LMSs",
        description="Write a course as a SCORM package: lessons report completion, quiz score and checklists to the LMS.",
    )
    _course_arguments(scorm, "package to write, e.g. course-scorm.zip", with_pdfs=False)
    scorm.add_argument("--version", choices=("1.2", "2004"), default="1.2", help="SCORM version (default: 1.2)")
    scorm.add_argument(
        "--sco",
        choices=("lesson", "module"),
        default="lesson",
        help="one SCO per lesson or per module (default: lesson)",
    )
    scorm.set_defaults(handler=cmd_scorm)

    cc = commands.add_parser(
        "cc",
        help="write a course as an IMS Common Cartridge 1.3 (.imscc) for Canvas, Moodle and itslearning",
        description="Write a course as an IMS Common Cartridge 1.3: lessons as web content, quizzes as QTI assessments the LMS can edit.",
    )
    cc.add_argument("course", metavar="SLUG|PATH", help="a shipped course's slug, or the path of a course folder")
    cc.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="cartridge to write, e.g. course.imscc"
    )
    cc.set_defaults(handler=cmd_cc)


def _course_arguments(parser: argparse.ArgumentParser, output_help: str, *, with_pdfs: bool) -> None:
    parser.add_argument("course", metavar="SLUG|PATH", help="a shipped course's slug, or the path of a course folder")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR|FILE", help=output_help)
    parser.add_argument(
        "--with-pdfs",
        action=argparse.BooleanOptionalAction,
        default=with_pdfs,
        help=f"include the participant booklet and word lists as PDF (slow; needs the pdf extra; default: {'on' if with_pdfs else 'off'})",
    )


def _course(argument: str):
    from course_content import get_course, load_course

    folder = Path(argument)
    return load_course(folder) if (folder / "course.yaml").is_file() else get_course(argument)


def _fail(command: str, exc: Exception) -> int:
    print(f"ksi-courses {command}: {exc}", file=sys.stderr)
    return 2


def cmd_site(args: argparse.Namespace) -> int:
    from .archive import write_output
    from .site import SiteOptions, build_site

    course = _course(args.course)
    try:
        files = build_site(course, SiteOptions(with_pdfs=args.with_pdfs))
        write_output(files, args.output)
    except (ValueError, OSError) as exc:
        return _fail("site", exc)
    print(f"wrote {args.output}: {len(files)} files, {len(course.ordered_lessons())} lessons; open index.html")
    return 0


def cmd_scorm(args: argparse.Namespace) -> int:
    from .archive import write_zip
    from .scorm import ScormOptions, build_scorm

    course = _course(args.course)
    try:
        options = ScormOptions(version=args.version, sco=args.sco, with_pdfs=args.with_pdfs)
        files = build_scorm(course, options)
        write_zip(files, args.output)
    except (ValueError, OSError) as exc:
        return _fail("scorm", exc)
    print(f"wrote {args.output}: SCORM {args.version}, one SCO per {args.sco}, {len(files)} files")
    return 0


def cmd_cc(args: argparse.Namespace) -> int:
    from .archive import write_zip
    from .cartridge import build_cartridge

    course = _course(args.course)
    try:
        files = build_cartridge(course)
        write_zip(files, args.output)
    except (ValueError, OSError) as exc:
        return _fail("cc", exc)
    quizzes = sum(path.endswith("assessment.xml") for path in files)
    print(f"wrote {args.output}: Common Cartridge 1.3, {len(course.ordered_lessons())} lessons, {quizzes} quizzes")
    return 0

"""Subcommands of ``ksi-courses`` for print output. WeasyPrint is imported only when they run."""

from __future__ import annotations

import sys
from pathlib import Path


def register(commands) -> None:
    pdf = commands.add_parser("pdf", help="render a course (or one lesson) as PDF")
    pdf.add_argument("slug")
    pdf.add_argument("--edition", choices=("participant", "teacher"), default="participant")
    pdf.add_argument("--lesson", metavar="ID", help="only this lesson (a handout)")
    pdf.add_argument("--lang", metavar="CODE", help="vocabulary language shown beside Norwegian")
    pdf.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    pdf.set_defaults(handler=cmd_pdf)


def _require_pdf_extra():
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        print("ksi-courses: PDF output needs the pdf extra: pip install 'ksi-courses[pdf]'", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_pdf(args) -> int:
    _require_pdf_extra()
    from course_content import get_course

    from .pdf import PdfOptions, render_pdf

    course = get_course(args.slug)
    options = PdfOptions(edition=args.edition, lesson_id=args.lesson, language=args.lang)
    data = render_pdf(course, options)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data) // 1024} KiB)")
    return 0

"""Subcommands of ``ksi-courses`` for print output. WeasyPrint is imported only when they run."""

from __future__ import annotations

import sys
from pathlib import Path

from course_content.base import LANGUAGES


def register(commands) -> None:
    pdf = commands.add_parser(
        "pdf",
        help="render a course (or one lesson, or a vocabulary list) as PDF",
        description=(
            "Print a course: the participant booklet (default), the teacher edition (--edition teacher), "
            "a lesson handout (--lesson ID; with --lang its vocabulary shows that language too), or the "
            "vocabulary list of one language (--lang CODE). --all writes every booklet and vocabulary "
            "list of every shipped course (or of every course in a folder) into a folder."
        ),
    )
    pdf.add_argument(
        "slug",
        nargs="?",
        metavar="SLUG|PATH",
        help="a shipped course's slug (see `ksi-courses list`) or a course folder; with --all, a folder of courses",
    )
    pdf.add_argument("--edition", choices=("participant", "teacher"), default="participant")
    pdf.add_argument("--lesson", metavar="ID", help="only this lesson (a handout)")
    pdf.add_argument("--lang", metavar="CODE", choices=tuple(LANGUAGES), help="vocabulary language: " + ", ".join(LANGUAGES))
    pdf.add_argument(
        "--sheet",
        metavar="ID",
        help="a sheet instead of the booklet: repetisjon-N (repetition sheet), modul-<module id> or kurs (assessment), praksislogg",
    )
    pdf.add_argument("--all", action="store_true", help="every document of every shipped course; -o is then a folder")
    pdf.add_argument("--handouts", action="store_true", help="with --all: also a handout per lesson")
    pdf.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="output file (with --all: folder)")
    brand = pdf.add_argument_group("branding (default: neutral)")
    brand.add_argument("--municipality", default="", metavar="NAME", help="municipality name on the cover")
    brand.add_argument("--logo", type=Path, metavar="FILE", help="logo (PNG, JPEG, GIF or SVG)")
    brand.add_argument("--colour", metavar="HEX", help="primary colour, e.g. '#005a9c'")
    brand.add_argument("--contact", default="", metavar="TEXT", help="contact line on the cover")
    pdf.set_defaults(handler=cmd_pdf)

    from .forms_cli import register as register_forms_and_templates

    register_forms_and_templates(commands)


def _require_pdf_extra():
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        print("ksi-courses: PDF output needs the pdf extra: pip install 'ksi-courses[pdf]'", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_pdf(args) -> int:
    problem = _argument_problem(args)
    if problem:
        print(f"ksi-courses pdf: {problem}", file=sys.stderr)
        return 2
    _require_pdf_extra()
    from course_content import course_dirs, get_course, load_course, shipped_courses

    from .batch import render_all
    from .options import Branding, PdfOptions
    from .pdf import render_pdf

    try:
        branding = Branding(
            municipality=args.municipality,
            logo=args.logo,
            contact=args.contact,
            **({"primary_colour": args.colour} if args.colour else {}),
        )
    except ValueError as exc:
        print(f"ksi-courses pdf: {exc}", file=sys.stderr)
        return 2
    if args.all:
        courses = [load_course(path) for path in course_dirs(args.slug)] if args.slug else shipped_courses().values()
        written = render_all(courses, args.output, handouts=args.handouts, branding=branding)
        size = sum(path.stat().st_size for path in written)
        print(f"wrote {len(written)} PDFs to {args.output} ({size // 1024} KiB)")
        return 0
    course = load_course(args.slug) if Path(args.slug, "course.yaml").is_file() else get_course(args.slug)
    try:
        options = PdfOptions(edition=args.edition, lesson_id=args.lesson, language=args.lang, branding=branding, sheet=args.sheet)
        data = render_pdf(course, options)
    except (KeyError, ValueError) as exc:
        if not args.sheet:
            raise
        print(f"ksi-courses pdf: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data) // 1024} KiB)")
    return 0


def _argument_problem(args) -> str | None:
    from course_content import course_dirs

    if args.all:
        given = (("--lesson", args.lesson), ("--lang", args.lang), ("--sheet", args.sheet), ("--edition", args.edition != "participant"))
        extra = [flag for flag, value in given if value]
        if extra:
            return f"--all prints every document; leave out {', '.join(extra)}"
        if args.slug and not course_dirs(args.slug):
            return f"{args.slug}: no course.yaml here or in its subfolders; give a folder of courses, or no folder for the shipped ones"
        if args.output.exists() and not args.output.is_dir():
            return f"--all writes a folder, but {args.output} is a file: give a folder with -o"
        return None
    if not args.slug:
        return "name a course (see `ksi-courses list`) or use --all"
    if args.handouts:
        return "--handouts goes with --all; for one lesson use --lesson ID"
    if args.sheet and (args.lesson or args.lang):
        return "--sheet prints one sheet of the course; leave out --lesson and --lang"
    return None

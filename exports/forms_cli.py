"""``ksi-courses forms`` and ``ksi-courses template``: thin commands over :mod:`exports.forms` and
:mod:`exports.filled_templates` (registered by :mod:`exports.cli`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course_content import PLACEHOLDERS

FORMATS = ("pdf", "docx")


def register(commands) -> None:
    forms = commands.add_parser(
        "forms",
        help="print a course's forms as PDF (blank, or fillable with --fillable)",
        description=(
            "Write every form of a course (or one, with --id) into a folder: blank forms to print and "
            "fill in by hand, or with --fillable PDF forms to fill in on screen. Files are named "
            "<id>.pdf and <id>-utfyllbar.pdf."
        ),
    )
    forms.add_argument(
        "slug", metavar="SLUG|PATH", help="a shipped course's slug (see `ksi-courses list`) or a course folder"
    )
    forms.add_argument("--id", metavar="ID", help="only this form")
    forms.add_argument("--fillable", action="store_true", help="fillable PDF forms instead of blank ones")
    forms.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help="output folder (made if missing)"
    )
    forms.set_defaults(handler=cmd_forms)

    template = commands.add_parser(
        "template",
        help="fill a document template (mal) and write it as PDF or DOCX",
        description=(
            "Fill a course's template with values and write it as PDF or as an editable Word file. "
            'Without --values every placeholder gets a sample value ("Eksempel kommune"); with '
            "--values, a placeholder the file leaves out prints as a blank line. The values file is "
            "YAML or JSON: 'municipality.name: Testvik kommune', or nested 'municipality: {name: …}'."
        ),
        epilog="placeholders:\n" + "\n".join(f"  {name:<22} {meaning}" for name, meaning in PLACEHOLDERS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    template.add_argument("slug", metavar="SLUG|PATH", help="a shipped course's slug or a course folder")
    template.add_argument("id", metavar="ID", help="the template's id")
    template.add_argument("--format", choices=FORMATS, help="pdf or docx (default: from the output file's suffix)")
    template.add_argument("--values", type=Path, metavar="FILE", help="YAML or JSON file of placeholder: value")
    template.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="output file")
    template.set_defaults(handler=cmd_template)


def cmd_forms(args) -> int:
    if args.output.exists() and not args.output.is_dir():
        return _usage("forms", f"{args.output} is a file: -o takes a folder to write the forms into")
    from .cli import _require_pdf_extra

    _require_pdf_extra()
    from .forms import form_file_name, get_form, render_form_pdf

    course = _course(args.slug)
    forms = [get_form(course, args.id)] if args.id else [course.forms[form_id] for form_id in sorted(course.forms)]
    if not forms:
        return _usage("forms", f"course '{course.slug}' has no forms")
    args.output.mkdir(parents=True, exist_ok=True)
    size = 0
    for form in forms:
        data = render_form_pdf(course, form, fillable=args.fillable)
        (args.output / form_file_name(form, fillable=args.fillable)).write_bytes(data)
        size += len(data)
    kind = "fillable" if args.fillable else "blank"
    print(f"wrote {len(forms)} {kind} form{'s' if len(forms) != 1 else ''} to {args.output} ({size // 1024} KiB)")
    return 0


def cmd_template(args) -> int:
    fmt = args.format or {".pdf": "pdf", ".docx": "docx"}.get(args.output.suffix.lower())
    if fmt is None:
        return _usage(
            "template", f"cannot tell the format from '{args.output.name}': give --format pdf or --format docx"
        )
    if fmt == "pdf":
        from .cli import _require_pdf_extra

        _require_pdf_extra()
    else:
        _require_docx()
    from .filled_templates import TemplateValuesError, get_template, load_values, render_template

    course = _course(args.slug)
    template = get_template(course, args.id)
    try:
        values = load_values(args.values) if args.values else None
        data = render_template(course, template, fmt, values)
    except TemplateValuesError as exc:
        return _usage("template", str(exc))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    note = "" if args.values else " with sample values (give --values FILE for real ones)"
    print(f"wrote {args.output} ({len(data) // 1024} KiB){note}")
    return 0


def _require_docx() -> None:
    try:
        import docx  # noqa: F401
    except ImportError:
        print("ksi-courses: DOCX output needs the pdf extra: pip install 'ksi-courses[pdf]'", file=sys.stderr)
        raise SystemExit(2) from None


def _course(slug_or_path: str):
    from course_content import get_course, load_course

    return load_course(slug_or_path) if Path(slug_or_path, "course.yaml").is_file() else get_course(slug_or_path)


def _usage(command: str, problem: str) -> int:
    print(f"ksi-courses {command}: {problem}", file=sys.stderr)
    return 2

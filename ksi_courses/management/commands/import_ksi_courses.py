from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from course_content import ContentError, course_dirs, get_course, load_course
from course_content.loader import COURSES_DIR
from ksi_courses.content_import import ImportReport, import_course, render_report
from ksi_courses.import_decisions import CONFLICTS_REMAIN, conflicts_remain, decide
from ksi_courses.import_shortcut import unchanged_report


class Command(BaseCommand):
    help = (
        "Import the shipped courses into the page tree, or upgrade them without overwriting local edits. "
        f"Exits with status {CONFLICTS_REMAIN} while edited pages conflict with the new release."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", action="append", metavar="SLUG", help="only this course (repeatable)")
        parser.add_argument(
            "--path", action="append", help="import the course in this folder instead of a shipped one (repeatable)"
        )
        parser.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
        for option, what in (("keep", "keep your version of"), ("force", "replace with the shipped version")):
            parser.add_argument(
                f"--{option}",
                action="extend",
                nargs="*",
                metavar="ID",
                help=f"{what} the conflicting page with this content id (repeatable); without an ID: every one",
            )

    def handle(self, *args, course=None, path=None, dry_run=False, keep=None, force=None, verbosity=1, **options):
        if path:
            sources = [(Path(folder), None) for folder in ([path] if isinstance(path, str) else path)]
        else:
            slugs = course or [folder.name for folder in course_dirs(COURSES_DIR)]
            sources = [(COURSES_DIR / slug, slug) for slug in slugs]
        # A course whose files, code and pages are as the last import left them is not loaded at
        # all; the others are all loaded (and checked) before anything is written.
        try:
            plan = [
                unchanged_report(folder, slug=slug, dry_run=dry_run) or self.load(folder, slug)
                for folder, slug in sources
            ]
            mode, decisions = decide(plan, keep=keep, force=force)
        except (ContentError, KeyError, ValueError) as exc:
            raise CommandError(str(exc.args[0]) if isinstance(exc, KeyError) else str(exc)) from exc
        reports = []
        for item in plan:
            report = item
            if not isinstance(item, ImportReport):
                report = import_course(item, dry_run=dry_run, on_conflict=mode, decisions=decisions)
            reports.append(report)
            self.stdout.write(render_report(report, verbose=verbosity > 1))
        if remaining := conflicts_remain(reports):
            raise CommandError(remaining, returncode=CONFLICTS_REMAIN)

    @staticmethod
    def load(folder: Path, slug: str | None):
        return get_course(slug) if slug is not None else load_course(folder)

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from course_content import ContentError, course_dirs, get_course, load_course
from course_content.loader import COURSES_DIR
from ksi_courses.content_import import ImportReport, import_course, render_report
from ksi_courses.import_shortcut import unchanged_report


class Command(BaseCommand):
    help = "Import the shipped courses into the page tree, or upgrade them without overwriting local edits."

    def add_arguments(self, parser):
        parser.add_argument("--course", action="append", metavar="SLUG", help="only this course (repeatable)")
        parser.add_argument(
            "--path", action="append", help="import the course in this folder instead of a shipped one (repeatable)"
        )
        parser.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
        conflict = parser.add_mutually_exclusive_group()
        conflict.add_argument("--force", action="store_true", help="replace locally edited pages that changed upstream")
        conflict.add_argument("--keep", action="store_true", help="keep locally edited pages that changed upstream")

    def handle(self, *args, course=None, path=None, dry_run=False, force=False, keep=False, verbosity=1, **options):
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
        except (ContentError, KeyError) as exc:
            raise CommandError(str(exc.args[0]) if isinstance(exc, KeyError) else str(exc)) from exc
        mode = "force" if force else "keep" if keep else "report"
        for item in plan:
            report = item if isinstance(item, ImportReport) else import_course(item, dry_run=dry_run, on_conflict=mode)
            self.stdout.write(render_report(report, verbose=verbosity > 1))

    @staticmethod
    def load(folder: Path, slug: str | None):
        return get_course(slug) if slug is not None else load_course(folder)

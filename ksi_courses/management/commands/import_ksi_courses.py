from django.core.management.base import BaseCommand, CommandError

from course_content import ContentError, get_course, load_course, shipped_courses
from ksi_courses.content_import import import_course, render_report


class Command(BaseCommand):
    help = "Import the shipped courses into the page tree, or upgrade them without overwriting local edits."

    def add_arguments(self, parser):
        parser.add_argument("--course", action="append", metavar="SLUG", help="only this course (repeatable)")
        parser.add_argument("--path", help="import the course in this folder instead of a shipped one")
        parser.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
        conflict = parser.add_mutually_exclusive_group()
        conflict.add_argument("--force", action="store_true", help="replace locally edited pages that changed upstream")
        conflict.add_argument("--keep", action="store_true", help="keep locally edited pages that changed upstream")

    def handle(self, *args, course=None, path=None, dry_run=False, force=False, keep=False, verbosity=1, **options):
        try:
            if path:
                courses = [load_course(path)]
            elif course:
                courses = [get_course(slug) for slug in course]
            else:
                courses = list(shipped_courses().values())
        except (ContentError, KeyError) as exc:
            raise CommandError(str(exc.args[0]) if isinstance(exc, KeyError) else str(exc)) from exc
        mode = "force" if force else "keep" if keep else "report"
        for item in courses:
            report = import_course(item, dry_run=dry_run, on_conflict=mode)
            self.stdout.write(render_report(report, verbose=verbosity > 1))

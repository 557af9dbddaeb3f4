from django.core.management.base import BaseCommand, CommandError

from course_content.writer import write_course
from ksi_courses.content_export import export_course
from ksi_courses.models import CoursePage


class Command(BaseCommand):
    help = "Write a course, as edited in Wagtail, back to content files (course.yaml, lessons/, media/)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the course's content id (its slug when imported)")
        parser.add_argument("directory", help="folder to write; created if needed")

    def handle(self, *args, slug, directory, **options):
        page = CoursePage.objects.filter(ksi_id=slug).first() or CoursePage.objects.filter(slug=slug).first()
        if page is None:
            known = ", ".join(CoursePage.objects.values_list("ksi_id", flat=True)) or "none imported"
            raise CommandError(f"no course page '{slug}' (courses: {known})")
        course, media = export_course(page)
        root = write_course(course, directory, media)
        self.stdout.write(f"wrote {slug}: {len(course.modules)} modules, {len(course.lessons)} lessons to {root}")

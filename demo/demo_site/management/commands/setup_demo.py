"""Demo only: point the site at the course index and (re)create demo users with fresh passwords."""

import secrets

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from wagtail.models import Site

from ksi_courses.access import TEACHER_MATERIAL_PERMISSION
from ksi_courses.content_import import course_index_page

DEMO_USERS = (
    ("admin", "Demo Admin", "superuser"),
    ("laerer", "Lærer Larsen", "teacher"),
    ("deltaker", "Deltaker Dahl", "participant"),
)


class Command(BaseCommand):
    help = "Set up the demo site: site root, teacher group and demo users (passwords printed)."

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        index = course_index_page()
        site = Site.objects.get(is_default_site=True)
        site.root_page, site.site_name, site.hostname, site.port = index, "Demokommune", "127.0.0.1", 8000
        site.save()
        app_label, codename = TEACHER_MATERIAL_PERMISSION.split(".")
        teachers, _ = Group.objects.get_or_create(name="Lærere")
        teachers.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename),
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        )
        User = get_user_model()
        self.stdout.write("Demo users (new passwords on every run):")
        for username, name, role in DEMO_USERS:
            first, last = name.split(" ", 1)
            user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.is_staff = user.is_superuser = role == "superuser"
            user.save()
            if role == "teacher":
                user.groups.add(teachers)
            self.stdout.write(f"  {role:<12} {username:<10} {password}")

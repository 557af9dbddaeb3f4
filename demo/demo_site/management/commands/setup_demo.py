"""Demo only: make the course index the site's home page (a landing page), (re)create demo users
with fresh passwords and seed a course run with the teacher and participants (attendance and some
progress)."""

import secrets

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from demo.demo_site.landing import set_up_landing_page
from demo.demo_site.teaching_demo import seed_course_run
from ksi_courses.teaching.roles import ADMIN_GROUP, PARTICIPANT_GROUP, TEACHER_GROUP

DEMO_USERS = (
    ("admin", "Demo Admin", "superuser"),
    ("kommune", "Kari Kommune", ADMIN_GROUP),
    ("laerer", "Lærer Larsen", TEACHER_GROUP),
    ("deltaker", "Deltaker Dahl", PARTICIPANT_GROUP),
    ("amina", "Amina Hassan", PARTICIPANT_GROUP),
    ("bilal", "Bilal Ahmadi", PARTICIPANT_GROUP),
    ("olena", "Olena Kovalenko", PARTICIPANT_GROUP),
)


class Command(BaseCommand):
    help = "Set up the demo site: site root, demo users (passwords printed) and a seeded course run."

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        set_up_landing_page("Demokommune")
        User = get_user_model()
        users = {}
        self.stdout.write("Demo users (new passwords on every run):")
        for username, name, role in DEMO_USERS:
            first, last = name.split(" ", 1)
            user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.is_staff = user.is_superuser = role == "superuser"
            user.save()
            if role != "superuser":
                user.groups.add(Group.objects.get(name=role))
            users[username] = user
            self.stdout.write(f"  {role:<22} {username:<10} {password}")
        try:
            run = seed_course_run(users["laerer"], [users[name] for name in ("deltaker", "amina", "bilal", "olena")])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Course run “{run.title}”: {run.enrolments.count()} participants, {run.sessions.count()} sessions.")

import json

from django.core.management.base import BaseCommand, CommandError

from ksi_courses.teaching.privacy import erase_user, export_user_data, find_user


class Command(BaseCommand):
    help = "Export everything stored about a participant (JSON), or erase their personal data."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("username")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="erase without asking")

    def handle(self, *args, action, username, interactive=True, **options):
        try:
            user = find_user(username)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        if action == "export":
            self.stdout.write(json.dumps(export_user_data(user), ensure_ascii=False, indent=2))
            return
        if interactive and input(f"Erase the personal data of '{username}'? This cannot be undone. [y/N] ").lower() != "y":
            raise CommandError("nothing erased")
        kept = erase_user(user)
        counts = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in kept.items())
        self.stdout.write(f"Erased '{username}'. Kept anonymously for the statistics: {counts}.")

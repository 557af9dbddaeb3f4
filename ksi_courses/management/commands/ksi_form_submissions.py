from django.core.management.base import BaseCommand, CommandError

from ksi_courses.form_submissions import delete_anonymous_submissions, old_anonymous_submissions


class Command(BaseCommand):
    help = (
        "Delete course form submissions sent without logging in, older than DAYS days. "
        "(Submissions of logged-in users go with the user: see ksi_participant_data erase.)"
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS", dest="days")
        parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")

    def handle(self, *args, days, dry_run=False, **options):
        try:
            submissions = old_anonymous_submissions(days)
        except ValueError as exc:
            raise CommandError(f"--older-than: {exc}") from exc
        if dry_run:
            self.stdout.write(f"Would delete {submissions.count()} anonymous form submissions older than {days} days.")
            return
        count = delete_anonymous_submissions(days)
        self.stdout.write(f"Deleted {count} anonymous form submissions older than {days} days.")

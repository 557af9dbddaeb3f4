import io
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ksi_courses.teaching.municipalities import NirExportError, municipality_by_number, write_nir_csv


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-01-01") from None


class Command(BaseCommand):
    help = "Export one municipality's participants in course runs of a period, for registering in NIR (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--kommune", required=True, help="the four-digit municipality number, e.g. 5037")
        parser.add_argument("--from", dest="start", required=True, help="first day of the period, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day of the period, YYYY-MM-DD")
        parser.add_argument("-o", "--output", help="write to this file (default: standard output)")

    def handle(self, *args, kommune, start, end, output=None, **options):
        try:
            municipality = municipality_by_number(kommune)
            if output:
                # A byte order mark makes spreadsheet programs read the file as UTF-8 (æ, ø, å in names).
                with open(output, "w", encoding="utf-8-sig", newline="") as out:
                    count = write_nir_csv(municipality, _date(start), _date(end), out)
                self.stderr.write(f"{count} rows for {municipality} ({municipality.number}) written to {output}")
            else:
                out = io.StringIO()
                write_nir_csv(municipality, _date(start), _date(end), out)
                self.stdout.write(out.getvalue(), ending="")
        except NirExportError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from exc

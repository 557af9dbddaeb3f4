"""Limits on what anyone can send through a course form page, so no field stores 20 kB of text.

Wagtail's form builder caps single-line fields at 255 characters and nothing else. The course
forms are filled in by participants (often anonymous): every field type gets a cap that a real
answer never reaches, and a number field a range.
"""

from __future__ import annotations

from decimal import Decimal

from wagtail.contrib.forms.forms import FormBuilder

#: Characters in a multi-line answer (a table field holds one row per line).
MULTILINE_MAX_LENGTH = 4000
SINGLELINE_MAX_LENGTH = 255
EMAIL_MAX_LENGTH = 254
URL_MAX_LENGTH = 2000
#: Numbers in a course form are amounts, temperatures, counts: well inside ± one billion.
NUMBER_LIMIT = Decimal(1_000_000_000)


class CappedFormBuilder(FormBuilder):
    """Wagtail's form builder with a length cap on every free-text field and a range on numbers."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLELINE_MAX_LENGTH
        return super().create_singleline_field(field, options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX_LENGTH
        return super().create_email_field(field, options)

    def create_url_field(self, field, options):
        options["max_length"] = URL_MAX_LENGTH
        return super().create_url_field(field, options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLELINE_MAX_LENGTH
        return super().create_hidden_field(field, options)

    def create_number_field(self, field, options):
        options.update(max_digits=20, min_value=-NUMBER_LIMIT, max_value=NUMBER_LIMIT)
        return super().create_number_field(field, options)

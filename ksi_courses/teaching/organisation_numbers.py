"""Norwegian organisation numbers (organisasjonsnummer): nine digits, the last a modulus-11 check digit.

The weights 3, 2, 7, 6, 5, 4, 3, 2 and the rule (remainder 0 gives check digit 0, remainder 1 makes
the number invalid) are those the Brønnøysund Register Centre publishes for organisasjonsnummer.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(first_eight: str) -> int | None:
    """The check digit for eight digits, or None where no valid number can end them."""
    remainder = sum(int(digit) * weight for digit, weight in zip(first_eight, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise(value: str) -> str:
    """The digits of an organisation number as people write it ("923 609 016" → "923609016")."""
    return "".join(value.split())


def validate_organisation_number(value: str) -> None:
    digits = normalise(value)
    if len(digits) != 9 or not digits.isdigit():
        raise ValidationError(_("An organisation number has nine digits, e.g. 923 609 016."), code="length")
    if check_digit(digits[:8]) != int(digits[8]):
        raise ValidationError(
            _("%(number)s is not a valid organisation number: check the digits (the last is a check digit)."),
            code="check_digit",
            params={"number": digits},
        )

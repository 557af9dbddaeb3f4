"""The project's password rules (``AUTH_PASSWORD_VALIDATORS``) in plain words, for the password page.

Django's own help texts are correct but long; participants read Norwegian at level A2, so each
validator Django ships gets one short line here. A validator this module does not know keeps
its own help text.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def plain_rules(validators=None) -> list[str]:
    """One short line per password rule in force (``validators``: default the project's)."""
    if validators is None:
        validators = password_validation.get_default_password_validators()
    return [_plain_rule(validator) for validator in validators]


def _plain_rule(validator) -> str:
    if isinstance(validator, password_validation.MinimumLengthValidator):
        return ngettext(
            "At least %(count)d character: letters, numbers or other signs.",
            "At least %(count)d characters: letters, numbers or other signs.",
            validator.min_length,
        ) % {"count": validator.min_length}
    if isinstance(validator, password_validation.UserAttributeSimilarityValidator):
        return _("Not like your name or your username.")
    if isinstance(validator, password_validation.CommonPasswordValidator):
        return _("Not a password that many people use, like “12345678” or “password”.")
    if isinstance(validator, password_validation.NumericPasswordValidator):
        return _("Not only numbers.")
    return validator.get_help_text()

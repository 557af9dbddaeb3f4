"""Forms of the account pages: logging in, and choosing one's own password."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from . import one_time_passwords


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form; a one-time password that is too old is refused with what to do."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        issued = one_time_passwords.issued_at(user)
        if issued is not None and one_time_passwords.has_expired(issued):
            raise forms.ValidationError(
                _("This one-time password is too old. Ask your teacher for a new one."), code="one_time_password_expired"
            )


class _PlainRulesMixin:
    """The page lists the rules in plain words (:mod:`..password_rules`), so not Django's list too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = ""
        # Plain words (A2) instead of Django's "New password confirmation".
        self.fields["new_password1"].label = _("Your new password")
        self.fields["new_password2"].label = _("Write the new password one more time")


class FirstPasswordForm(_PlainRulesMixin, auth_forms.SetPasswordForm):
    """After a one-time password: the new password twice. The one-time password was just typed
    on the login page, so it is not asked for again."""


class PasswordChangeForm(_PlainRulesMixin, auth_forms.PasswordChangeForm):
    """Changing one's own password later: the old password, then the new one twice."""

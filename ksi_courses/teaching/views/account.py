"""Logging in and out, and replacing a one-time password with one's own.

Until a user has replaced a one-time password, :class:`~..middleware.FirstLoginMiddleware` sends
every other page here; a one-time password older than ``KSI_ONE_TIME_PASSWORD_DAYS`` no longer
logs in. Too many wrong passwords lock the login (django-axes, see :mod:`..login_locks`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .. import one_time_passwords
from ..access import can_teach
from ..account_forms import FirstPasswordForm, LoginForm, PasswordChangeForm
from ..models import TemporaryPassword
from ..password_rules import plain_rules

LOGIN_URL = reverse_lazy("ksi_teaching:login")


def home_url(user) -> str:
    """Where a user starts when no page asked for the login: teachers (and admins) their course
    runs, participants their own courses."""
    return reverse("ksi_teaching:runs" if can_teach(user) else "ksi_teaching:dashboard")


class LoginView(auth_views.LoginView):
    """The participants' and teachers' login. A one-time password leads to choosing one's own."""

    template_name = "ksi_teaching/login.html"
    authentication_form = LoginForm

    def get_default_redirect_url(self):
        return home_url(self.request.user)

    def form_valid(self, form):
        response = super().form_valid(form)
        if TemporaryPassword.objects.filter(user=form.get_user()).exists():
            target = reverse("ksi_teaching:password_change")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': self.get_success_url()})}")
        return response


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("ksi_teaching:login")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "ksi_teaching/password_change.html"
    form_class = PasswordChangeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:  # before Django's check, which uses settings.LOGIN_URL
            return redirect_to_login(request.get_full_path(), LOGIN_URL)
        self.one_time = one_time_passwords.issued_at(request.user) is not None
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return FirstPasswordForm if self.one_time else PasswordChangeForm

    def get_success_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(target, {self.request.get_host()}, self.request.is_secure()):
            return target
        return home_url(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.request.POST.get("next") or self.request.GET.get("next", "")
        context["one_time"] = self.one_time
        context["rules"] = plain_rules()
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        TemporaryPassword.objects.filter(user=self.request.user).delete()
        messages.success(self.request, _("Your new password is saved."))
        return response

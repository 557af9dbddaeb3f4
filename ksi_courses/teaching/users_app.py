"""Wagtail's users app with ksi-courses' user viewset: list it in ``INSTALLED_APPS`` instead of
``"wagtail.users"`` (the app label stays ``wagtailusers``, so nothing else changes).

A separate module, not :mod:`.apps`: Django takes the one AppConfig of an ``apps`` module as the
app's default, and this one is another app's.
"""

from __future__ import annotations

from django.apps import apps
from django.core import checks
from django.utils.module_loading import import_string
from wagtail.users.apps import WagtailUsersAppConfig

USER_VIEWSET = "ksi_courses.teaching.user_admin.ScopedUserViewSet"


class KsiUsersAppConfig(WagtailUsersAppConfig):
    """``wagtail.users`` whose user admin shows a municipality admin only the accounts they manage."""

    user_viewset = USER_VIEWSET


def check_user_viewset(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when Wagtail's user admin is not ksi-courses' (it would list every municipality's accounts)."""
    if not apps.is_installed("wagtail.users"):
        return []
    configured = getattr(apps.get_app_config("wagtailusers"), "user_viewset", "")
    try:
        scoped = issubclass(import_string(configured), import_string(USER_VIEWSET))
    except ImportError:
        scoped = False
    if scoped:
        return []
    return [
        checks.Warning(
            "Wagtail's user admin lists every account to every municipality admin.",
            hint=f'In INSTALLED_APPS, replace "wagtail.users" with "{__name__}.KsiUsersAppConfig".',
            id="ksi_teaching.W001",
        )
    ]

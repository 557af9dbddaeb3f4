"""Who may see what. Teacher material (teacher notes, quiz answers) is never shown to
participants or anonymous visitors."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, reverse

TEACHER_MATERIAL_PERMISSION = "ksi_courses.view_teacher_material"


def can_see_teacher_material(user) -> bool:
    """Teachers and admins (the permission, or superuser) see teacher material."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(TEACHER_MATERIAL_PERMISSION))


def login_url() -> str:
    """The courses' own login page (``ksi_teaching:login``), or ``LOGIN_URL`` where it is not mounted."""
    try:
        return reverse("ksi_teaching:login")
    except NoReverseMatch:
        return resolve_url(settings.LOGIN_URL)


def require_teacher_material(request):
    """``None`` when the user may see teacher material; a redirect to the login page for anonymous
    visitors; ``PermissionDenied`` for everyone else."""
    if can_see_teacher_material(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url())
    raise PermissionDenied

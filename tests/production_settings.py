"""The test project as a site on the internet: ksi-courses' recommended production settings on top
(``tests/wagtail/test_production_settings.py`` runs ``manage.py check --deploy`` with it)."""

from django.core.management.utils import get_random_secret_key

from ksi_courses.recommended_settings import KSI_PRODUCTION_SETTINGS
from tests.settings import *  # noqa: F403

globals().update(KSI_PRODUCTION_SETTINGS)

SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = ["kurs.nordby.kommune.no"]
ADMINS = [("Drift", "drift@nordby.kommune.no")]
SERVER_EMAIL = "kurs@nordby.kommune.no"
# The site's security middleware first; the test project's own (ksi-courses' and django-axes' last) after it.
_SECURITY = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
MIDDLEWARE = [*_SECURITY, *(name for name in MIDDLEWARE if name not in _SECURITY)]  # noqa: F405

"""Settings of the test Wagtail project. The database comes from KSI_TEST_DATABASE_URL
(default: SQLite in memory); the test command runs the suite once on SQLite and once on
PostgreSQL."""

import os
from pathlib import Path

import dj_database_url

from ksi_courses.recommended_settings import (
    KSI_APPS,
    KSI_AUTH_PASSWORD_VALIDATORS,
    KSI_AUTHENTICATION_BACKENDS,
    KSI_AXES_SETTINGS,
    KSI_IMAGE_EXTENSIONS,
    KSI_LANGUAGES,
    KSI_MIDDLEWARE,
    WAGTAIL_CORE_APPS,
)

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
LANGUAGE_CODE = "nb"
LANGUAGES = KSI_LANGUAGES

INSTALLED_APPS = [
    *KSI_APPS,
    *WAGTAIL_CORE_APPS,
    # xblock-sdk's workbench, mounted at /workbench/ for the lesson XBlock's HTTP test.
    "workbench",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    *KSI_MIDDLEWARE,
]
AUTHENTICATION_BACKENDS = KSI_AUTHENTICATION_BACKENDS
AUTH_PASSWORD_VALIDATORS = KSI_AUTH_PASSWORD_VALIDATORS
globals().update(KSI_AXES_SETTINGS)

ROOT_URLCONF = "tests.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ]
        },
    }
]

DATABASES = {"default": dj_database_url.parse(os.environ.get("KSI_TEST_DATABASE_URL", "sqlite://:memory:"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("KSI_TEST_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))

WAGTAIL_SITE_NAME = "ksi-courses test"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILIMAGES_EXTENSIONS = KSI_IMAGE_EXTENSIONS
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# xblock-sdk workbench (tests/xblocks/test_workbench.py). Its runtime loads these services by
# dotted path; the lesson block reads the mini course through "ksi_courses".
WORKBENCH = {
    "reset_state_on_restart": False,
    "services": {"ksi_courses": "tests.xblocks.workbench_services.MiniCourseCatalog"},
}
EXCLUDED_XBLOCKS: set[str] = set()

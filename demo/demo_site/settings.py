"""Demo site settings. SQLite by default; set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/ksi_demo)
to run the same demo on PostgreSQL."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ksi_courses.recommended_settings import (
    KSI_APPS,
    KSI_AUTH_PASSWORD_VALIDATORS,
    KSI_AUTHENTICATION_BACKENDS,
    KSI_AXES_SETTINGS,
    KSI_CONTENT_SECURITY_POLICY,
    KSI_IMAGE_EXTENSIONS,
    KSI_LANGUAGES,
    KSI_MIDDLEWARE,
    WAGTAIL_CORE_APPS,
    sqlite_options,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
# DEBUG shows tracebacks to every visitor: only scripts/demo turns it on (DJANGO_DEBUG=1).
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
# The fallback key is public (it is in this file), so it is only good for the demo with DEBUG on.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or ("demo-only-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. The demo's built-in key is public and works only with DEBUG on "
        "(DJANGO_DEBUG=1, which scripts/demo sets). Anywhere else set DJANGO_SECRET_KEY to a long random "
        "value, for example the output of: python -c \"from django.core.management.utils import "
        "get_random_secret_key; print(get_random_secret_key())\""
    )
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
LANGUAGE_CODE = "nb"
LANGUAGES = KSI_LANGUAGES

INSTALLED_APPS = [
    "demo.demo_site",
    *KSI_APPS,
    *WAGTAIL_CORE_APPS,
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    *KSI_MIDDLEWARE,
]
AUTHENTICATION_BACKENDS = KSI_AUTHENTICATION_BACKENDS
AUTH_PASSWORD_VALIDATORS = KSI_AUTH_PASSWORD_VALIDATORS
globals().update(KSI_AXES_SETTINGS)
ROOT_URLCONF = "demo.demo_site.urls"
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
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A whole class saving at once: IMMEDIATE transactions, a busy timeout and WAL.
    DATABASES["default"]["OPTIONS"] = sqlite_options()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
WAGTAIL_SITE_NAME = "Demokommune – arbeidsrettede kurs"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILIMAGES_EXTENSIONS = KSI_IMAGE_EXTENSIONS
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CONTENT_SECURITY_POLICY = KSI_CONTENT_SECURITY_POLICY

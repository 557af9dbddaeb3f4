"""Demo site settings. SQLite by default; set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/ksi_demo)
to run the same demo on PostgreSQL."""

import os
from pathlib import Path

import dj_database_url

from ksi_courses.recommended_settings import KSI_APPS, KSI_IMAGE_EXTENSIONS, KSI_LANGUAGES, WAGTAIL_CORE_APPS

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-change-me")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
WAGTAIL_SITE_NAME = "Demokommune – arbeidsrettede kurs"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILIMAGES_EXTENSIONS = KSI_IMAGE_EXTENSIONS
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

"""The demo site as a production stack (``scripts/production``): several gunicorn processes,
PostgreSQL, the Redis cache, ``db_worker`` processes for PDF builds, a shared media folder and the
health check at ``/health/``. Meant to run behind a web server that ends TLS, sets
``X-Forwarded-Proto`` and serves ``/static/`` and ``/media/`` from the folders below.

Everything that differs between machines comes from the environment (defaults: this machine):

``DJANGO_SECRET_KEY`` (required), ``DJANGO_ALLOWED_HOSTS`` (comma-separated; 127.0.0.1,localhost),
``DATABASE_URL`` (postgres://postgres@127.0.0.1:5432/ksi_courses), ``REDIS_URL``
(redis://127.0.0.1:6379/0), ``KSI_CACHE_KEY_PREFIX`` (ksi), ``KSI_MEDIA_ROOT`` (demo/var/media: a folder every app server and
worker shares, e.g. an NFS mount), ``KSI_RESTRICTED_ROOT`` (beside it: ksi-restricted),
``KSI_STATIC_ROOT`` (demo/var/static).
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ksi_courses.recommended_settings import (
    KSI_DATABASE_TASKS,
    KSI_PRODUCTION_SETTINGS,
    redis_cache,
)

from .settings import *  # noqa: F403
from .settings import VAR_DIR

if not os.environ.get("DJANGO_SECRET_KEY"):  # the demo's public key is never good enough here
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is not set: the production settings need a long random value of your own")
globals().update(KSI_PRODUCTION_SETTINGS)  # DEBUG off, HTTPS, HSTS, secure cookies, session age, CSP

ALLOWED_HOSTS = [host.strip() for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]
INSTALLED_APPS = [*INSTALLED_APPS, "health_check"]  # noqa: F405
ROOT_URLCONF = "demo.demo_site.production_urls"
# A load balancer asks for the health check over plain HTTP, and follows no redirect.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ksi_courses"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# Several sites may share one Redis: each keeps its keys under its own prefix.
CACHES = redis_cache(
    os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"), key_prefix=os.environ.get("KSI_CACHE_KEY_PREFIX", "ksi")
)
TASKS = KSI_DATABASE_TASKS
MEDIA_ROOT = os.environ.get("KSI_MEDIA_ROOT", str(VAR_DIR / "media"))
STATIC_ROOT = os.environ.get("KSI_STATIC_ROOT", str(VAR_DIR / "static"))
if os.environ.get("KSI_RESTRICTED_ROOT"):
    KSI_RESTRICTED_ROOT = os.environ["KSI_RESTRICTED_ROOT"]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL)  # noqa: F405

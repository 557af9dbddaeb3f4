"""Settings for the classroom benchmark: the demo site (its SQLite options included) plus the baseline page."""

import os

from demo.demo_site.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.baseline"]  # noqa: F405
DEBUG = False
# The benchmark talks plain HTTP to 127.0.0.1: cookies marked Secure would never come back.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = False
# Uploaded and imported images go to the benchmark's own temporary folder, not the demo's.
MEDIA_ROOT = os.environ.get("KSI_BENCH_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405

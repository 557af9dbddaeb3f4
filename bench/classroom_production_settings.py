"""Settings for the classroom benchmark on the production stack (``--stack production``): the demo
site's production settings (PostgreSQL, Redis, db_worker, health check) plus the baseline page."""

from demo.demo_site.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.baseline"]  # noqa: F405
# The benchmark talks plain HTTP to 127.0.0.1, with no proxy ending TLS in front: cookies marked
# Secure would never come back, and every request would be redirected to HTTPS.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = False

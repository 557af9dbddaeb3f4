"""Settings a Wagtail project needs for ksi-courses, to import instead of copying.

    from ksi_courses.recommended_settings import KSI_APPS, KSI_LANGUAGES, KSI_IMAGE_EXTENSIONS, WAGTAIL_CORE_APPS
    INSTALLED_APPS = [*KSI_APPS, *WAGTAIL_CORE_APPS]

``KSI_APPS`` are the apps ksi-courses itself uses, ordered so its templates win; the project adds
Wagtail's and Django's own apps as usual (``WAGTAIL_CORE_APPS`` is the usual list), except that
``"wagtail.users"`` is ``KSI_USERS_APP``: Wagtail's users app with a user admin that shows each
municipality's admin only the accounts they manage.
"""

from csp.constants import NONCE, NONE, SELF  # django-csp 4 (in the "wagtail" extra)

KSI_APPS = [
    "ksi_courses",
    "ksi_courses.teaching",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "django_tasks",
    "django_tasks_db",
    "axes",  # login throttling: see KSI_AXES_SETTINGS below
]

#: Use instead of ``"wagtail.users"`` (same app, label ``wagtailusers``; its user viewset is ksi-courses').
KSI_USERS_APP = "ksi_courses.teaching.users_app.KsiUsersAppConfig"

#: Wagtail's and Django's apps as a new Wagtail project lists them (with ``KSI_USERS_APP``).
WAGTAIL_CORE_APPS = [
    "wagtail.embeds",
    "wagtail.sites",
    KSI_USERS_APP,
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

#: Interface languages with translations shipped (bokmål is the default).
KSI_LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]

#: Course illustrations are SVG; Wagtail accepts SVG images only when told to.
KSI_IMAGE_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]


def sqlite_options(timeout: int = 20) -> dict:
    """``DATABASES[...]["OPTIONS"]`` for SQLite so that a whole class can save at once.

    ``IMMEDIATE`` takes the write lock when a transaction starts, so two writers queue instead of
    failing with “database is locked” when one of them upgrades a read to a write; ``timeout`` is
    how many seconds a writer waits in that queue; WAL lets readers go on while one writer writes
    (``synchronous=NORMAL`` is SQLite's advice for WAL: no corruption, fewer disk syncs).
    For PostgreSQL these options do not apply: use only with the SQLite backend.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": timeout,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


# --- production --------------------------------------------------------------------------------
# The courses' own pages load scripts and stylesheets only from the site itself; the one inline
# <style> (the municipality's colour) carries the request's nonce. Wagtail's admin still has
# inline scripts, so the policy leaves it out; put your admin's URL prefix here if it differs.

#: ``CONTENT_SECURITY_POLICY`` for django-csp 4 (add ``"csp.middleware.CSPMiddleware"`` to
#: ``MIDDLEWARE``). If MEDIA_URL or STATIC_URL is on another host, add that host to ``img-src``
#: (and ``style-src``/``script-src``/``font-src`` for static files).
KSI_CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

#: Settings for a site on the internet, to load with ``globals().update(KSI_PRODUCTION_SETTINGS)``
#: after the project's own; ``manage.py check --deploy`` then has nothing to report once
#: ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``MIDDLEWARE`` are right (see the README, "Running in
#: production"). HTTPS only, and HSTS for a year: test HTTPS first with a short
#: ``SECURE_HSTS_SECONDS`` (browsers remember it).
KSI_PRODUCTION_SETTINGS = {
    "DEBUG": False,
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 365 * 24 * 60 * 60,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    # Classroom computers are shared: a login lasts one school day at most, and ends when the
    # browser is closed.
    "SESSION_COOKIE_AGE": 8 * 60 * 60,
    "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
    "CONTENT_SECURITY_POLICY": KSI_CONTENT_SECURITY_POLICY,
}


# --- several processes: shared cache, background PDF builds ----------------------------------


def redis_cache(url: str, key_prefix: str = "ksi") -> dict:
    """``CACHES`` for several app server processes: Django's own Redis cache (``redis`` package).

    Every process must see the same cache: a PDF that one process has scheduled is marked "being
    built" there, so another process does not schedule it again, and a lesson body rendered once
    serves every process. Django's default local-memory cache is one per process.
    """
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
        }
    }


#: ``TASKS`` for building PDFs in ``manage.py db_worker`` processes instead of in the request.
KSI_DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# --- accounts: first login, password rules, login throttling ------------------------------------

#: Middleware ksi-courses needs, at the end of ``MIDDLEWARE`` (after Django's
#: ``AuthenticationMiddleware`` and ``MessageMiddleware``): a one-time password leads to the
#: password page before anything else; django-axes (last, as it asks) answers a locked login.
KSI_MIDDLEWARE = [
    "ksi_courses.teaching.middleware.FirstLoginMiddleware",
    "axes.middleware.AxesMiddleware",
]

#: ``AUTHENTICATION_BACKENDS``: django-axes refuses a locked login before Django checks the password.
#: ``AxesBackend`` (not ``AxesStandaloneBackend``) because it can also load a logged-in user:
#: Wagtail's page test utilities log in with the first backend in this list.
KSI_AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

#: ``AUTH_PASSWORD_VALIDATORS``: Django's four, explained in plain words on the password page
#: (``ksi_courses.teaching.password_rules``).
KSI_AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

#: django-axes, to load with ``globals().update(KSI_AXES_SETTINGS)``: 5 wrong passwords for one
#: username from one address lock that login for an hour, or until the run's teacher or the
#: municipality admin opens it (the run's participant list). Keyed on username *and* address, so
#: one person guessing cannot lock a whole class that shares the school's address.
KSI_AXES_SETTINGS = {
    "AXES_FAILURE_LIMIT": 5,
    "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"]],
    "AXES_COOLOFF_TIME": 1,  # hours
    "AXES_RESET_ON_SUCCESS": True,
    "AXES_LOCKOUT_CALLABLE": "ksi_courses.teaching.login_locks.lockout_response",
    "AXES_USERNAME_CALLABLE": "ksi_courses.teaching.login_locks.axes_username",
}

#: How many days a one-time password from a teacher can be used before it must be replaced.
KSI_ONE_TIME_PASSWORD_DAYS = 14

"""Settings a Wagtail project needs for ksi-courses, to import instead of copying.

    from ksi_courses.recommended_settings import KSI_APPS, KSI_LANGUAGES, KSI_IMAGE_EXTENSIONS
    INSTALLED_APPS = [*KSI_APPS, "wagtail.users", ..., "django.contrib.staticfiles"]

``KSI_APPS`` are the apps ksi-courses itself uses, ordered so its templates win; the project adds
Wagtail's and Django's own apps as usual (``WAGTAIL_CORE_APPS`` is the usual list).
"""

KSI_APPS = [
    "ksi_courses",
    "ksi_courses.teaching",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "django_tasks",
    "django_tasks_db",
]

#: Wagtail's and Django's apps as a new Wagtail project lists them.
WAGTAIL_CORE_APPS = [
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
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

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KsiCoursesConfig(AppConfig):
    name = "ksi_courses"
    label = "ksi_courses"
    verbose_name = _("Job-oriented courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from . import media_generation, pdf_builds
        from .restricted_files import check_restricted_storage

        checks.register(check_restricted_storage)
        pdf_builds.connect()
        media_generation.connect()

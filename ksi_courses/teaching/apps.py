from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KsiTeachingConfig(AppConfig):
    """Course runs, enrolment, progress, quizzes, attendance and certificates (issue 8)."""

    name = "ksi_courses.teaching"
    label = "ksi_teaching"
    verbose_name = _("Teaching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from ksi_courses.signals import ids_renamed

        from .renames import move_records
        from .users_app import check_user_viewset

        checks.register(check_user_viewset)
        ids_renamed.connect(move_records, dispatch_uid="ksi_teaching.move_records")

"""Admin wiring of the course pages: the form list with course and submission count, and the
translation review screen."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .form_listing import CourseFormPagesListView


@hooks.register("register_admin_urls", order=-1)  # before wagtail.contrib.forms mounts the same paths
def form_list_with_course_and_count():
    return [
        path("forms/", CourseFormPagesListView.as_view(), name="ksi_forms_index"),
        path("forms/results/", CourseFormPagesListView.as_view(results_only=True), name="ksi_forms_index_results"),
    ]


# Translation review (issue 20): the "Oversettelser" screen, its menu item and its permission.


@hooks.register("register_admin_urls")
def translation_review_urls():
    from .translation_review_views import URL_NAME, TranslationReviewView

    return [path("ksi/oversettelser/", TranslationReviewView.as_view(), name=URL_NAME)]


class _ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        from .review_log import REVIEW_PERMISSION

        return request.user.has_perm(REVIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def translation_review_menu_item():
    return _ReviewMenuItem(_("Translations"), reverse("ksi_translation_review"), icon_name="globe", order=950)


@hooks.register("register_permissions")
def translation_review_permission():
    """So the permission can be given to a group in the admin's group editor."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="ksi_courses", codename="review_translations")

"""Admin wiring of the course pages: the form list with course and submission count."""

from django.urls import path
from wagtail import hooks

from .form_listing import CourseFormPagesListView


@hooks.register("register_admin_urls", order=-1)  # before wagtail.contrib.forms mounts the same paths
def form_list_with_course_and_count():
    return [
        path("forms/", CourseFormPagesListView.as_view(), name="ksi_forms_index"),
        path("forms/results/", CourseFormPagesListView.as_view(results_only=True), name="ksi_forms_index_results"),
    ]

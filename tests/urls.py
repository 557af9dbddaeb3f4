from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workbench/", include("workbench.urls")),  # xblock-sdk, for tests/xblocks/test_workbench.py
    path("ksi/", include("ksi_courses.teaching.urls")),
    path("", include(wagtail_urls)),
]

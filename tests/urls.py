from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("workbench/", include("workbench.urls")),  # xblock-sdk, for tests/xblocks/test_workbench.py
    path("", include(wagtail_urls)),
]

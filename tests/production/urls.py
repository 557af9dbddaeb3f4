"""The test project's URLs with the health check at /health/ (as in the demo's production URLs)."""

from django.urls import path

from ksi_courses.health import health_check_view
from tests.urls import urlpatterns as test_urlpatterns

urlpatterns = [path("health/", health_check_view), *test_urlpatterns]

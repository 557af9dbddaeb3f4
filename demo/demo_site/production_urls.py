"""The demo site's URLs with the health check at ``/health/`` (``demo.demo_site.production``)."""

from django.urls import path

from ksi_courses.health import health_check_view

from .urls import urlpatterns as demo_urlpatterns

urlpatterns = [path("health/", health_check_view, name="health_check"), *demo_urlpatterns]

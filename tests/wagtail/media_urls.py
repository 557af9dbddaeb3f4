"""The test project's URLs plus MEDIA_URL served from MEDIA_ROOT, as a real site's web server
serves it (``tests.urls`` serves no media)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from tests.urls import urlpatterns as project_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)  # read per request: tests change MEDIA_ROOT


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *project_urlpatterns]

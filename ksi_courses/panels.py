"""Admin panels of the course pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ContentVersionPanel(Panel):
    """Read-only: the shipped content version this page was last imported from (version + content hash)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Content version"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "ksi_content_version"

    class BoundPanel(Panel.BoundPanel):
        template_name = "ksi_courses/panels/content_version.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            version = getattr(self.instance, "ksi_version", "")
            content_hash = getattr(self.instance, "ksi_content_hash", "")
            context["version"] = f"{version}+{content_hash[:8]}" if version and content_hash else version
            return context

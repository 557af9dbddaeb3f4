"""The municipality's profile (name, logos, colour, contact), as a Wagtail site setting.

In the admin it is *Settings → Municipality profile* (*Innstillinger → Kommuneprofil* in
Norwegian); the README and the docs use the same name. Used by the page templates and passed to
PDFs, so print and web look like the municipality.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string

MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text; the colour is a background behind white text


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio between ``#rrggbb`` and white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


@register_setting(icon="site")
class Branding(BaseSiteSetting):
    municipality_name = models.CharField(_("municipality"), max_length=100, blank=True)
    unit_name = models.CharField(_("unit"), max_length=150, blank=True, help_text=_("E.g. Voksenopplæringen."))
    logo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    print_logo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo for print"),
        help_text=_(
            "A version of the logo that shows on white paper, used in PDFs. Leave empty to use the logo above."
        ),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#00509e",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #00509e."))],
        help_text=_("Used behind white text: it must have a contrast of at least 4.5:1 with white."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    data_protection_officer = models.CharField(
        _("data protection officer"),
        max_length=200,
        blank=True,
        help_text=_(
            "Name, phone and e-mail of the municipality's data protection officer (personvernombud)."
            " Printed in the privacy notice of the registration form."
        ),
    )

    panels = [
        FieldPanel("municipality_name"),
        FieldPanel("unit_name"),
        FieldPanel("logo"),
        FieldPanel("print_logo"),
        # A colour picker; the value is still checked here (format and contrast) when saved.
        FieldPanel("primary_colour", widget=forms.TextInput(attrs={"type": "color"})),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        FieldPanel("data_protection_officer"),
    ]

    class Meta:
        verbose_name = _("municipality profile")

    def clean(self):
        super().clean()
        colour = self.primary_colour or ""
        if len(colour) == 7 and colour.startswith("#"):
            ratio = contrast_with_white(colour)
            if ratio < MIN_CONTRAST:
                raise ValidationError(
                    {
                        "primary_colour": _(
                            "Contrast with white is %(ratio).1f:1; choose a darker colour (at least 4.5:1)."
                        )
                        % {"ratio": ratio}
                    }
                )

    @property
    def logo_for_print(self):
        """The logo PDFs use: the print logo when there is one, else the web logo."""
        return self.print_logo or self.logo

    @property
    def contact_line(self) -> str:
        return " · ".join(part for part in (self.unit_name, self.address, self.phone, self.email) if part)

    def form_values(self) -> dict[str, str]:
        """The values of the forms' placeholders (``course_content.forms.FORM_PLACEHOLDERS``)."""
        return {
            "municipality.name": self.municipality_name,
            "municipality.contact": self.contact_line,
            "municipality.privacy_contact": self.data_protection_officer,
        }

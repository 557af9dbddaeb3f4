import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from ksi_courses.branding import Branding, contrast_with_white
from ksi_courses.content_import import import_course
from ksi_courses.models import LessonPage

pytestmark = pytest.mark.django_db


def test_branding_appears_on_pages(client, mini_course):
    import_course(mini_course)
    branding = Branding.for_site(Site.objects.get(is_default_site=True))
    branding.municipality_name = "Nordby kommune"
    branding.unit_name = "Nordby voksenopplæring"
    branding.phone = "12 34 56 78"
    branding.primary_colour = "#7a1f3d"
    branding.full_clean()
    branding.save()
    html = client.get(LessonPage.objects.get(ksi_id="handvask").url).content.decode()
    assert "Nordby kommune" in html and "Nordby voksenopplæring · 12 34 56 78" in html
    assert "--ksi-primary: #7a1f3d;" in html


def test_low_contrast_colour_is_rejected():
    branding = Branding(site=Site.objects.get(is_default_site=True), primary_colour="#ffdd00")
    with pytest.raises(ValidationError) as error:
        branding.full_clean()
    assert "primary_colour" in error.value.message_dict
    assert "velg en mørkere farge" in error.value.message_dict["primary_colour"][0]  # nb interface


def test_contrast_formula():
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#00509e") > 4.5

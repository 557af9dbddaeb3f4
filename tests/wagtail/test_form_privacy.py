"""The registration form's privacy notice on the web form page and in its PDF, filled from Branding
(the municipality and its data protection officer); the attendance grid as a web form field."""

import io

import pytest
from pypdf import PdfReader
from wagtail.models import Site

from course_content import course_dirs, load_course
from course_content.loader import COURSES_DIR
from ksi_courses.branding import Branding
from ksi_courses.content_import import import_course
from ksi_courses.form_pages import PRIVACY_HEADING, WEB_BLANK, CourseFormField, CourseFormPage, form_payload

pytestmark = pytest.mark.django_db

DPO = "Per Vern, 99 88 77 66, personvern@nordby.kommune.no"


@pytest.fixture
def registration_page(mini_course):
    import_course(mini_course)
    return CourseFormPage.objects.get(ksi_id="pamelding")


def set_branding(**values):
    branding = Branding.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(branding, name, value)
    branding.full_clean()
    branding.save()


def test_the_data_protection_officer_is_a_branding_field():
    set_branding(municipality_name="Nordby kommune", data_protection_officer=DPO)
    branding = Branding.for_site(Site.objects.get(is_default_site=True))
    assert branding.data_protection_officer == DPO
    assert branding.form_values()["municipality.privacy_contact"] == DPO


def test_web_form_page_shows_the_privacy_notice_with_the_municipality_and_its_officer(client, registration_page):
    set_branding(municipality_name="Nordby kommune", phone="12 34 56 78", data_protection_officer=DPO)
    html = " ".join(client.get(registration_page.url).content.decode().split())
    assert PRIVACY_HEADING in html
    assert "opplysningene i skjemaet: Nordby kommune." in html
    assert f"personvernombudet i kommunen: {DPO}." in html
    assert "integreringsloven" in html and "Datatilsynet" in html
    assert "{{" not in html  # no placeholder left


def test_without_branding_the_page_says_what_is_missing(client, registration_page):
    html = " ".join(client.get(registration_page.url).content.decode().split())
    assert f"personvernombudet i kommunen: {WEB_BLANK}." in html


def test_the_printed_registration_form_names_the_officer(client, registration_page):
    set_branding(municipality_name="Nordby kommune", data_protection_officer=DPO)
    response = client.get(f"{registration_page.url}pdf/")
    assert response.status_code == 200
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert f"personvernombudet i kommunen: {DPO}" in text
    assert "opplysningene i skjemaet: Nordby kommune." in text


def test_the_attendance_grid_is_a_multiline_web_field_with_its_columns_and_codes(registration_page):
    page = CourseFormPage.objects.get(ksi_id="oppmoteliste")
    grid = page.form_fields.get(clean_name="oppmote")
    assert grid.field_type == "multiline"
    assert "Én rad per linje: Deltaker; Mandag; Tirsdag; Onsdag; Torsdag; Fredag." in grid.help_text
    assert "Koder: T = til stede, G = gyldig fravær, U = ugyldig fravær." in grid.help_text


@pytest.mark.parametrize("path", course_dirs(COURSES_DIR), ids=lambda path: path.name)
def test_every_web_field_fits_its_database_column(path):
    """PostgreSQL refuses a label or help text longer than the column (SQLite does not check)."""
    limits = {name: CourseFormField._meta.get_field(name).max_length for name in ("label", "help_text")}
    for form in load_course(path).forms.values():
        for field in form_payload(form)["fields"]:
            for name, limit in limits.items():
                assert len(field[name]) <= limit, f"{form.id}.{field['clean_name']}: {name} is {len(field[name])} long"

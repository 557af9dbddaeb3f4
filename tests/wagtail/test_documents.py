"""Forms and templates as downloads: printable and fillable form PDFs, filled templates (PDF, DOCX)."""

import io

import pytest
from django.contrib.auth.models import Permission
from docx import Document
from pypdf import PdfReader
from wagtail.models import Site

from course_content import get_course
from ksi_courses.branding import Branding
from ksi_courses.content_import import import_course
from ksi_courses.form_pages import CourseFormPage
from ksi_courses.models import CoursePage

pytestmark = pytest.mark.django_db
SLUG = "salg-og-service"


@pytest.fixture(scope="module")
def course():
    return get_course(SLUG)


@pytest.fixture
def course_page(course):
    import_course(course)
    branding = Branding.for_site(Site.objects.get(is_default_site=True))
    branding.municipality_name = "Nordby kommune"
    branding.phone = "11 22 33 44"
    branding.save()
    return CoursePage.objects.get(ksi_id=SLUG)


@pytest.fixture
def teacher(django_user_model):
    user = django_user_model.objects.create_user("laerer", password="x")
    user.user_permissions.add(Permission.objects.get(codename="view_teacher_material"))
    return user


def test_form_page_offers_printable_and_fillable_pdfs(client, course_page, course):
    page = CourseFormPage.objects.get(ksi_id="alderskontroll-sjekkliste")
    html = client.get(page.url).content.decode()
    assert 'href="' + page.url + 'pdf/"' in html and 'href="' + page.url + 'pdf/utfyllbar/"' in html
    blank = PdfReader(io.BytesIO(client.get(page.url + "pdf/").content))
    assert not blank.get_fields() and course.forms["alderskontroll-sjekkliste"].title in blank.pages[0].extract_text()
    fillable = PdfReader(io.BytesIO(client.get(page.url + "pdf/utfyllbar/").content))
    assert fillable.get_fields()  # AcroForm fields to fill in


def test_templates_are_for_teachers_and_filled_with_the_municipality(client, course_page, teacher):
    url = course_page.url + "maler/invitasjon-deltakere/docx/"
    assert client.get(url).status_code == 302
    client.force_login(teacher)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Nordby kommune" in text and "{{" not in text
    pdf = client.get(course_page.url + "maler/kursplan/pdf/")
    assert pdf.status_code == 200 and "Salg og service" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert client.get(course_page.url + "maler/finnes-ikke/pdf/").status_code == 404


def test_course_page_lists_templates_only_for_teachers(client, course_page, teacher):
    assert "maler/kursplan/pdf/" not in client.get(course_page.url).content.decode()
    client.force_login(teacher)
    assert "maler/kursplan/pdf/" in client.get(course_page.url).content.decode()

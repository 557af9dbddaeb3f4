"""The municipality's admin: lessons in course order, the form list with course and count, the
municipality profile (colour picker, print logo) and Wagtail's own strings in Norwegian."""

import re

import pytest
from wagtail.models import Page, Site

from ksi_courses.branding import Branding
from ksi_courses.content_import import import_course
from ksi_courses.form_pages import CourseFormPage, CourseFormSubmission
from ksi_courses.models import CoursePage, LessonPage, ModulePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_page(mini_course):
    import_course(mini_course)
    return CoursePage.objects.get()


def listed_titles(html: str) -> list[str]:
    """Titles of the rows of the page explorer, in order (rows are drag-orderable only in menu order)."""
    return re.findall(r'data-w-orderable-item-label="([^"]+)"', html)


def test_lessons_are_listed_in_course_order_not_by_last_change(admin_client, course_page):
    module = ModulePage.objects.get()
    first, second = LessonPage.objects.child_of(module)  # tree order = course order
    first.save_revision().publish()
    second.save_revision().publish()  # changed last: Wagtail's default order would list it first
    html = admin_client.get(f"/admin/pages/{module.pk}/").content.decode()
    assert listed_titles(html) == [first.title, second.title]
    course_html = admin_client.get(f"/admin/pages/{course_page.pk}/").content.decode()
    assert listed_titles(course_html)[0] == module.title  # the course lists its modules in order too


def test_form_list_shows_the_course_and_the_number_of_submissions(admin_client, course_page):
    form = CourseFormPage.objects.child_of(course_page).first()
    for _ in range(3):
        CourseFormSubmission.objects.create(page=form, form_data={"navn": "N"})
    html = admin_client.get("/admin/forms/").content.decode()
    assert "Kurs" in html and "Innsendinger" in html  # column headings (nb)
    rows = {}
    for row in html.split("<tr")[1:]:
        if link := re.search(r'href="/admin/forms/submissions/(\d+)/"', row):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            rows[int(link.group(1))] = [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in cells]
    assert len(rows) == CourseFormPage.objects.count()
    assert rows[form.pk][2:4] == [course_page.title, "3"]  # after the checkbox and the title
    assert all(cells[2:4] == [course_page.title, "0"] for page_id, cells in rows.items() if page_id != form.pk)
    # The results URL the listing refreshes itself from (search, filters) shows the same columns.
    assert "Innsendinger" in admin_client.get("/admin/forms/results/").content.decode()


def profile_url() -> str:
    return f"/admin/settings/ksi_courses/branding/{Site.objects.get(is_default_site=True).pk}/"


def test_municipality_profile_has_one_name_a_colour_picker_and_a_print_logo(admin_client):
    html = admin_client.get(profile_url()).content.decode()
    assert "Kommuneprofil" in html and "Profil<" not in html
    assert re.search(r'<input type="color" name="primary_colour"', html)
    assert 'name="print_logo"' in html and "Logo for utskrift" in html
    menu = admin_client.get("/admin/").content.decode()
    assert "Kommuneprofil" in menu


def test_a_low_contrast_colour_is_refused_in_the_admin_in_norwegian(admin_client):
    data = {"primary_colour": "#ffdd00", "municipality_name": "Nordby kommune"}
    html = admin_client.post(profile_url(), data).content.decode()
    assert "velg en mørkere farge" in html
    assert Branding.for_site(Site.objects.get(is_default_site=True)).primary_colour != "#ffdd00"
    # Wagtail's own strings, which its nb catalogue lacks, come from this package's catalogue.
    assert "Gå til første feil" in html and "Go to the first error" not in html


def test_wagtails_page_editor_and_form_data_are_in_norwegian(admin_client, course_page):
    lesson = LessonPage.objects.first()
    html = admin_client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "Automatisk lagring er <span>satt på pause</span>" in html and "Autosave is" not in html
    assert "Forhåndsvis i ny fane" in html and "Preview in new tab" not in html
    # Settings have no autosave: their editor warns of unsaved edits.
    html = admin_client.get(profile_url()).content.decode()
    assert "Du har <span>endringer som ikke er lagret</span>" in html
    assert "You have <span>unsaved edits</span>" not in html
    form = CourseFormPage.objects.child_of(course_page).first()
    html = admin_client.get(f"/admin/forms/submissions/{form.pk}/").content.decode()
    assert "Skjemadata" in html and "Form data" not in html


def test_pdfs_take_the_print_logo_when_there_is_one(tmp_path):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from ksi_courses.pdfs import print_branding

    site = Site.objects.get(is_default_site=True)
    web = Image.objects.create(title="hvit logo", file=get_test_image_file(filename="web.png", colour="white"))
    branding = Branding.for_site(site)
    branding.logo = web
    branding.save()
    assert print_branding(site.pk).logo == web.file.open("rb").read()
    paper = Image.objects.create(title="logo på hvitt", file=get_test_image_file(filename="paper.png", colour="black"))
    branding.print_logo = paper
    branding.save()
    with paper.file.open("rb") as handle:
        assert print_branding(site.pk).logo == handle.read()
    assert Page.objects.exists()

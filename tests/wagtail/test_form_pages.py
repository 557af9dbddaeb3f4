"""Each course form becomes a Wagtail form page whose submissions are stored and exported as CSV."""

import csv
import io

import pytest

from ksi_courses.content_import import import_course
from ksi_courses.form_pages import CourseFormPage, CourseFormSubmission
from ksi_courses.models import CoursePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(mini_course):
    import_course(mini_course)
    return CoursePage.objects.get()


def test_import_creates_a_form_page_per_form(imported, mini_course):
    pages = {page.ksi_id: page for page in CourseFormPage.objects.child_of(imported)}
    assert set(pages) == set(mini_course.forms)
    checklist = pages["egen-sjekkliste"]
    fields = list(checklist.form_fields.all())
    assert [(f.clean_name, f.field_type, f.required) for f in fields] == [
        ("rom", "singleline", True),
        ("gjort", "multiline", False),
    ]
    assert "Én rad per linje: Oppgave; Utført." in fields[1].help_text


def test_choice_fields_and_signatures(imported, mini_course):
    registration = next(form for form in mini_course.forms.values() if form.kind == "registration")
    page = CourseFormPage.objects.get(ksi_id=registration.id)
    web_fields = {f.clean_name: f for f in page.form_fields.all()}
    for field in registration.fields:
        name = field.id.replace("-", "_")
        if field.type == "signature":
            assert name not in web_fields
            assert "Underskrift gis på papir" in page.intro
        elif field.type in ("single_choice", "multiple_choice"):
            assert web_fields[name].choices.splitlines() == field.choices


def test_second_import_leaves_form_pages_alone(imported, mini_course):
    report = import_course(mini_course)
    assert report.changes == []


def test_submission_is_stored_and_exported_as_csv(client, admin_client, imported):
    page = CourseFormPage.objects.get(ksi_id="egen-sjekkliste")
    response = client.post(page.url, {"rom": "Møterom 2", "gjort": "Tørket støv; ja"})
    assert response.status_code == 200 and "Takk" in response.content.decode()
    submission = CourseFormSubmission.objects.get(page=page)
    assert submission.get_data()["rom"] == "Møterom 2"
    export = admin_client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1:3] == ["Møterom 2", "Tørket støv; ja"]


def test_required_field_error_is_shown(client, imported):
    page = CourseFormPage.objects.get(ksi_id="egen-sjekkliste")
    response = client.post(page.url, {"gjort": "x"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not CourseFormSubmission.objects.exists()


def test_course_page_lists_its_forms(client, imported):
    html = client.get(imported.url).content.decode()
    assert "Sjekkliste for rommet" in html


@pytest.mark.parametrize("form_id", ["kursbevis", "oppmoteliste", "pamelding", "praksisavtale", "praksisevaluering"])
def test_a_teacher_paper_form_cannot_be_sent_on_the_web(client, imported, form_id):
    page = CourseFormPage.objects.get(ksi_id=form_id)
    assert not page.is_web_form
    html = client.get(page.url).content.decode()
    assert 'class="ksi-form"' not in html and "skrives under på papir" in html and f'href="{page.url}pdf/"' in html
    fields = {field.clean_name: "Amina Hassan" for field in page.form_fields.all()}
    response = client.post(page.url, fields)
    assert response.status_code == 405 and "kan ikke sendes på nettet" in response.content.decode()
    assert not CourseFormSubmission.objects.exists()


def test_the_course_page_lists_participant_forms_apart_from_teacher_paper_forms(client, imported):
    html = client.get(imported.url).content.decode()
    own = html[html.index('id="skjema-deltaker"') : html.index('id="skjema-laerer"')]
    paper = html[html.index('id="skjema-laerer"') :]
    paper = paper[: paper.index("</ul>")]
    for form_id in ("egen-sjekkliste", "egenvurdering", "kursevaluering"):
        assert CourseFormPage.objects.get(ksi_id=form_id).url in own
    for form_id in ("kursbevis", "oppmoteliste", "pamelding"):
        assert CourseFormPage.objects.get(ksi_id=form_id).url in paper
    assert CourseFormPage.objects.get(ksi_id="kursbevis").url not in own

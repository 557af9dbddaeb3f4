"""PDFs served from stable URLs under course and lesson pages, built as tasks, cached in storage."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.management import call_command
from pypdf import PdfReader

from ksi_courses import pdfs
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def course_page(mini_course):
    import_course(mini_course)
    return CoursePage.objects.get()


@pytest.fixture
def renders(monkeypatch):
    """Counts real renders (cache misses)."""
    calls = []
    original = pdfs.build

    def counting(name, request):
        calls.append(name)
        return original(name, request)

    monkeypatch.setattr(pdfs, "build", counting)
    monkeypatch.setattr("ksi_courses.tasks.build", counting)
    return calls


def test_course_booklet_is_built_once_and_then_served_from_storage(client, course_page, renders):
    first = client.get(course_page.url + "pdf/")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert "Håndvask" in pdf_text(first)
    second = client.get(course_page.url + "pdf/")
    assert second.status_code == 200 and len(renders) == 1
    (slot,) = default_storage.listdir(pdfs.STORAGE_DIR)[0]  # one folder per document
    assert [name.endswith(".pdf") for name in default_storage.listdir(f"{pdfs.STORAGE_DIR}/{slot}")[1]] == [True]


def test_an_edit_makes_a_new_pdf(client, course_page, renders):
    client.get(course_page.url + "pdf/")
    lesson = LessonPage.objects.get(ksi_id="handvask")
    lesson.title = "Håndvask på vår arbeidsplass"
    lesson.save_revision().publish()
    response = client.get(course_page.url + "pdf/")
    assert len(renders) == 2 and "Håndvask på vår arbeidsplass" in pdf_text(response)


def test_a_whole_course_is_rendered_in_a_child_process_a_lesson_here(client, course_page, monkeypatch):
    """Booklets and teacher editions (hundreds of MB while they render) in a child that gives the
    memory back (exports.render_process); a lesson's handout in the worker itself."""
    in_child = []
    original = pdfs.render_pdf_in_child

    def spy(course, options):
        in_child.append(options.document)
        return original(course, options)

    monkeypatch.setattr(pdfs, "render_pdf_in_child", spy)
    assert "Håndvask" in pdf_text(client.get(course_page.url + "pdf/"))
    lesson = LessonPage.objects.get(ksi_id="handvask")
    assert client.get(lesson.url + "pdf/").status_code == 200
    assert in_child == ["booklet"]


def test_teacher_edition_only_for_teachers(client, course_page, django_user_model):
    url = course_page.url + "pdf/laerer/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    participant = django_user_model.objects.create_user("deltaker", password="x")
    client.force_login(participant)
    assert client.get(url).status_code == 403
    teacher = django_user_model.objects.create_user("laerer", password="x")
    teacher.user_permissions.add(Permission.objects.get(codename="view_teacher_material"))
    client.force_login(teacher)
    response = client.get(url)
    assert response.status_code == 200 and "Ta med såpe." in pdf_text(response)


def test_lesson_handout_and_vocabulary_list(client, course_page):
    lesson = LessonPage.objects.get(ksi_id="handvask")
    handout = client.get(lesson.url + "pdf/", {"sprak": "ar"})
    assert handout.status_code == 200 and "نظافة اليدين" in pdf_text(handout)
    vocabulary = client.get(course_page.url + "pdf/ordliste/uk/")
    assert vocabulary.status_code == 200 and "гігієна рук" in pdf_text(vocabulary)
    assert client.get(course_page.url + "pdf/ordliste/xx/").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_backend_shows_preparing_until_a_worker_builds_it(client, settings, mini_course):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    import_course(mini_course)
    url = CoursePage.objects.get().url + "pdf/"
    waiting = client.get(url)
    assert waiting.status_code == 202
    assert "PDF-en blir laget" in waiting.content.decode()
    assert client.get(url).status_code == 202  # still waiting: no second build is queued
    call_command("db_worker", batch=True, verbosity=0)  # a worker process's loop, run once here
    ready = client.get(url)
    assert ready.status_code == 200 and "Minikurs for testing" in pdf_text(ready)

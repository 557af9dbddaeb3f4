"""Teacher material stays restricted: never under MEDIA_ROOT, never cached, anonymous visitors
are sent to the courses' own login page."""

import importlib
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.management import call_command

from ksi_courses import pdfs
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage
from ksi_courses.restricted_files import (
    RestrictedFileSystemStorage,
    check_restricted_storage,
    restricted_root,
    restricted_storage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.wagtail.media_urls")]

LOGIN = "/ksi/logg-inn/"


@pytest.fixture
def course_page(mini_course):
    import_course(mini_course)
    return CoursePage.objects.get()


@pytest.fixture
def teacher(django_user_model):
    user = django_user_model.objects.create_user("laerer", password="x")
    user.user_permissions.add(Permission.objects.get(codename="view_teacher_material"))
    return user


def stored_pdfs(storage) -> list[str]:
    """The PDFs in ``storage``, by their names below ``pdfs.STORAGE_DIR`` (one folder per document)."""
    try:
        folders = storage.listdir(pdfs.STORAGE_DIR)[0]
    except FileNotFoundError:
        return []
    return [f"{folder}/{name}" for folder in folders for name in storage.listdir(f"{pdfs.STORAGE_DIR}/{folder}")[1]]


def test_the_teacher_edition_is_not_under_media_root_and_its_media_url_is_404(client, settings, course_page, teacher):
    client.force_login(teacher)
    response = client.get(course_page.url + "pdf/laerer/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}
    [name] = stored_pdfs(restricted_storage())
    media_root = Path(settings.MEDIA_ROOT)
    assert not list(media_root.rglob(name)) and not stored_pdfs(default_storage)
    assert media_root not in Path(restricted_storage().path(name)).parents

    client.logout()
    assert client.get(f"{settings.MEDIA_URL}{pdfs.STORAGE_DIR}/{name}").status_code == 404
    # The participant booklet is public: the same MEDIA_URL serves it, so the 404 above is no accident.
    assert client.get(course_page.url + "pdf/")["Cache-Control"] == "public, max-age=300"
    [public] = stored_pdfs(default_storage)
    assert client.get(f"{settings.MEDIA_URL}{pdfs.STORAGE_DIR}/{public}").status_code == 200


def test_the_teacher_gets_it_again_from_the_restricted_storage_without_a_new_build(client, course_page, teacher, monkeypatch):
    client.force_login(teacher)
    assert client.get(course_page.url + "pdf/laerer/").status_code == 200
    monkeypatch.setattr(pdfs, "build", lambda *args: pytest.fail("built twice"))
    monkeypatch.setattr("ksi_courses.tasks.build", lambda *args: pytest.fail("built twice"))
    again = client.get(course_page.url + "pdf/laerer/")
    assert again.status_code == 200 and "no-store" in again["Cache-Control"]


@pytest.mark.parametrize("suffix", ["pdf/laerer/", "maler/invitasjon-deltakere/docx/", "maler/invitasjon-deltakere/pdf/"])
def test_anonymous_visitors_go_to_the_courses_login_page(client, course_page, suffix):
    url = course_page.url + suffix
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(url)}"
    assert client.get(response["Location"]).status_code == 200
    assert not stored_pdfs(restricted_storage()) and not stored_pdfs(default_storage)


@pytest.mark.parametrize("suffix", ["pdf/laerer/", "maler/invitasjon-deltakere/docx/"])
def test_a_participant_is_refused_and_nothing_is_built(client, course_page, django_user_model, suffix):
    client.force_login(django_user_model.objects.create_user("deltaker", password="x"))
    assert client.get(course_page.url + suffix).status_code == 403
    assert not stored_pdfs(restricted_storage())


def test_templates_reach_the_teacher_without_being_cached(client, course_page, teacher):
    client.force_login(teacher)
    response = client.get(course_page.url + "maler/invitasjon-deltakere/docx/")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}


def test_the_restricted_folder_defaults_to_beside_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "site" / "media")
    assert restricted_root() == (tmp_path / "site" / "ksi-restricted").resolve()
    settings.KSI_RESTRICTED_ROOT = str(tmp_path / "private")
    assert restricted_root() == (tmp_path / "private").resolve()


def test_a_restricted_folder_inside_media_or_static_root_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.KSI_RESTRICTED_ROOT = str(tmp_path / "media" / "private")
    with pytest.raises(ImproperlyConfigured, match=r"KSI_RESTRICTED_ROOT .* is inside MEDIA_ROOT"):
        restricted_storage()
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.KSI_RESTRICTED_ROOT = str(tmp_path / "static")
    with pytest.raises(ImproperlyConfigured, match=r"KSI_RESTRICTED_ROOT .* is inside STATIC_ROOT"):
        restricted_storage()
    settings.MEDIA_ROOT = ""
    settings.KSI_RESTRICTED_ROOT = None
    with pytest.raises(ImproperlyConfigured, match="set KSI_RESTRICTED_ROOT"):
        restricted_storage()


def test_the_system_check_reports_a_restricted_folder_inside_media_root(settings, tmp_path):
    assert not [issue for issue in run_checks() if issue.id.startswith("ksi_courses.")]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.KSI_RESTRICTED_ROOT = str(tmp_path / "media" / "private")
    [error] = [issue for issue in run_checks() if issue.id.startswith("ksi_courses.")]
    assert error.id == "ksi_courses.E001" and "inside MEDIA_ROOT" in error.msg


def test_the_system_check_warns_when_other_files_are_in_a_shared_storage(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    assert [issue.id for issue in check_restricted_storage()] == ["ksi_courses.W001"]
    settings.STORAGES = {**settings.STORAGES, "ksi_restricted": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    assert check_restricted_storage() == []


def test_restricted_files_have_no_public_url(settings, tmp_path):
    settings.KSI_RESTRICTED_ROOT = str(tmp_path / "private")
    storage = restricted_storage()
    assert isinstance(storage, RestrictedFileSystemStorage)
    with pytest.raises(ValueError, match="no public URL"):
        storage.url("ksi_courses/pdf/x.pdf")


def test_a_storage_named_ksi_restricted_is_used_when_configured(settings):
    settings.STORAGES = {**settings.STORAGES, "ksi_restricted": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    assert isinstance(restricted_storage(), InMemoryStorage)


def test_the_upgrade_removes_booklets_an_earlier_release_left_under_media_root():
    migration = importlib.import_module("ksi_courses.migrations.0006_remove_public_booklets")
    migration.remove_public_booklets(None, None)  # nothing stored yet: nothing to do
    booklet = default_storage.save(f"{pdfs.STORAGE_DIR}/mini-kurs-booklet-0123abcd.pdf", ContentFile(b"%PDF-1.7"))
    handout = default_storage.save(f"{pdfs.STORAGE_DIR}/mini-kurs-handout-0123abcd.pdf", ContentFile(b"%PDF-1.7"))
    migration.remove_public_booklets(None, None)
    assert not default_storage.exists(booklet) and default_storage.exists(handout)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_builds_the_teacher_edition_into_the_restricted_storage(client, settings, mini_course, teacher):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    import_course(mini_course)
    url = CoursePage.objects.get().url + "pdf/laerer/"
    client.force_login(teacher)
    waiting = client.get(url)
    assert waiting.status_code == 202 and "no-store" in waiting["Cache-Control"]
    call_command("db_worker", batch=True, verbosity=0)
    # The import queued the teacher edition, and the participant booklet and handouts (two lessons)
    # that go to the public storage.
    assert len(stored_pdfs(restricted_storage())) == 1 and len(stored_pdfs(default_storage)) == 3
    ready = client.get(url)
    assert ready.status_code == 200 and "no-store" in ready["Cache-Control"]

"""No visitor waits for a PDF: publishing or importing queues the course's builds, a request
during a build gets the previous PDF, and the build goes from the pages to the print face in
memory (no course folder written)."""

import io
import re
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django_tasks import task_backends
from pypdf import PdfReader

from course_content.loader import load_course
from course_content.writer import write_course
from ksi_courses import pdfs
from ksi_courses.content_export import export_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db

LESSONS = ["handvask", "renholdsutstyr"]


def text_of(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def queue(settings):
    """A task backend that only records what is queued (as a database backend with no worker yet)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    cache.clear()  # the "being built" markers of other tests
    yield task_backends["default"].results
    cache.clear()


def queued(results) -> list[dict]:
    """The PDF builds queued (Wagtail queues its own tasks beside them)."""
    return [result.args[1] for result in builds(results)]


def builds(results) -> list:
    return [result for result in results if result.task.name == "build_pdf"]


def run(results) -> None:
    """What a worker does: run every queued build."""
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    results.clear()


def test_importing_and_publishing_queue_the_course_documents(queue, mini_course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_course(mini_course)
    course_page = CoursePage.objects.get()
    documents = [(args["edition"], args["lesson_id"]) for args in queued(queue)]
    assert sorted(documents, key=str) == sorted(
        [("participant", None), ("teacher", None), *(("participant", lesson) for lesson in LESSONS)], key=str
    )
    assert {args["course_page_id"] for args in queued(queue)} == {course_page.pk}
    names = [result.args[0] for result in builds(queue)]
    assert all(name.startswith(pdfs.STORAGE_DIR + "/mini-kurs-") for name in names), names

    queue.clear()  # an edit published later queues the course again, under new names
    lesson = LessonPage.objects.get(ksi_id="handvask")
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    assert len(queued(queue)) == 2 + len(LESSONS)
    assert not {result.args[0] for result in builds(queue)} & set(names)


def test_publishing_with_the_immediate_backend_builds_nothing_ahead(mini_course, django_capture_on_commit_callbacks):
    # Building on publish would keep the editor waiting; requests build with this backend.
    with django_capture_on_commit_callbacks(execute=True):
        import_course(mini_course)
    assert not default_storage.exists(pdfs.STORAGE_DIR)


def test_a_request_during_a_build_gets_the_previous_pdf(client, queue, mini_course):
    import_course(mini_course)
    course_page = CoursePage.objects.get()
    url = course_page.url + "pdf/"
    assert client.get(url).status_code == 202  # nothing built yet: the only time a visitor waits
    run(queue)
    first = client.get(url)
    assert first.status_code == 200 and first["Cache-Control"] == "public, max-age=300"
    assert "Håndvask på vår arbeidsplass" not in text_of(b"".join(first.streaming_content))

    lesson = LessonPage.objects.get(ksi_id="handvask")
    lesson.title = "Håndvask på vår arbeidsplass"
    lesson.save_revision().publish()
    during = client.get(url)
    assert during.status_code == 200 and during["Cache-Control"] == "no-cache"
    assert "Håndvask på vår arbeidsplass" not in text_of(b"".join(during.streaming_content))
    assert [args["edition"] for args in queued(queue)] == ["participant"]
    assert client.get(url).status_code == 200 and len(queued(queue)) == 1  # not queued twice

    run(queue)
    after = client.get(url)
    assert after["Cache-Control"] == "public, max-age=300"
    assert "Håndvask på vår arbeidsplass" in text_of(b"".join(after.streaming_content))
    folder = pdfs.storage_name(course_page, pdfs.PdfRequest(course_page.pk, course_page.get_site().pk)).rsplit("/", 1)[0]
    assert len(default_storage.listdir(folder)[1]) == 1  # the previous PDF is gone once replaced


def test_the_build_prints_the_pages_in_memory_as_the_files_did(mini_course, monkeypatch):
    import_course(mini_course)
    course_page = CoursePage.objects.get()
    request = pdfs.PdfRequest(course_page.pk, None)
    name = pdfs.storage_name(course_page, request)

    # Before: the pages written to a course folder and loaded back.
    course, media = export_course(course_page)
    with tempfile.TemporaryDirectory() as folder:
        from exports.pdf import render_pdf

        before = text_of(render_pdf(load_course(write_course(course, folder, media)), pdfs.print_options(request), cache=None))

    folders = []
    real = tempfile.TemporaryDirectory

    class Recording(real):
        def cleanup(self):
            folders.append(sorted(str(path.relative_to(self.name)) for path in Path(self.name).rglob("*")))
            super().cleanup()

    def no_course_files(*args, **kwargs):
        raise AssertionError("the web build wrote the course to files")

    monkeypatch.setattr("ksi_courses.pdfs.tempfile.TemporaryDirectory", Recording)
    monkeypatch.setattr("course_content.writer.write_course", no_course_files)
    pdfs.build(name, request)
    after = text_of(default_storage.open(name).read())

    # Only the uploaded images go to a folder (the print face reads images from files).
    assert folders == [["media", *sorted(f"media/{src.rsplit('/', 1)[1]}" for src in media)]]
    version = re.compile(r"(Versjon \d+\.\d+\.\d+)\+[0-9a-f]{8}")  # a digest of the files, now of the model
    assert version.sub(r"\1", after) == version.sub(r"\1", before)
    assert "Håndvask" in after

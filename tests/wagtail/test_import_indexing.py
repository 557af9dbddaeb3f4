"""The import keeps Wagtail's reference index ("usage" of images) and the search index right, and
builds each once per page; saves in other threads are indexed as always."""

import collections
import shutil
import threading

import pytest
from modelsearch.backends.base import BaseSearchBackend
from wagtail.models import Page, ReferenceIndex

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.import_indexing import indexed_once
from ksi_courses.models import ImportedImage, LessonPage
from tests.paths import MINI_COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(monkeypatch):
    """How often each object's references were read (Wagtail's indexing and the import's batch
    both read them through ``_extract_references_from_object``, once per indexing)."""
    counts = collections.Counter()
    original = ReferenceIndex._extract_references_from_object.__func__

    def spy(cls, instance, *args, **kwargs):
        counts[(type(instance).__name__, instance.pk)] += 1
        return original(cls, instance, *args, **kwargs)

    monkeypatch.setattr(ReferenceIndex, "_extract_references_from_object", classmethod(spy))
    return counts


@pytest.fixture
def searched(monkeypatch):
    """Counts of objects given to the search backend per (model name, pk), one at a time (a save)
    or in a batch (the import's, with the immediate task backend)."""
    counts = collections.Counter()
    add, add_bulk = BaseSearchBackend.add, BaseSearchBackend.add_bulk

    def spy_add(self, obj):
        counts[(type(obj).__name__, obj.pk)] += 1
        return add(self, obj)

    def spy_add_bulk(self, model, obj_list):
        obj_list = list(obj_list)
        for obj in obj_list:
            counts[(type(obj).__name__, obj.pk)] += 1
        return add_bulk(self, model, obj_list)

    monkeypatch.setattr(BaseSearchBackend, "add", spy_add)
    monkeypatch.setattr(BaseSearchBackend, "add_bulk", spy_add_bulk)
    return counts


def test_image_usage_is_recorded(mini_course):
    import_course(mini_course)
    image = ImportedImage.objects.get(src="media/hender.svg").image
    users = {reference.object_id for reference in ReferenceIndex.get_references_to(image)}
    assert str(LessonPage.objects.get(ksi_id="handvask").pk) in users


def test_each_page_is_indexed_once(mini_course, indexed):
    import_course(mini_course)
    pages = [key for key in indexed if key[0].endswith("Page")]
    assert len(pages) >= 5
    assert {indexed[key] for key in pages} == {1}


def test_a_failed_import_indexes_nothing(mini_course, indexed, monkeypatch):
    from ksi_courses import content_import

    def fail(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(content_import._CourseSync, "unpublish_removed", fail)
    with pytest.raises(RuntimeError):
        import_course(mini_course)
    assert not indexed
    assert not ReferenceIndex.objects.exists()


def test_imported_lessons_can_be_searched(mini_course):
    import_course(mini_course)
    found = Page.objects.live().search("Håndvask")  # its title
    assert LessonPage.objects.get(ksi_id="handvask").pk in {page.pk for page in found}


def test_each_page_is_search_indexed_once(mini_course, searched):
    import_course(mini_course)
    pages = [key for key in searched if key[0].endswith("Page")]
    assert len(pages) >= 5
    assert {searched[key] for key in pages} == {1}


def test_a_failed_import_search_indexes_nothing(mini_course, searched, monkeypatch):
    from ksi_courses import content_import

    monkeypatch.setattr(content_import._CourseSync, "unpublish_removed", lambda self, page: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        import_course(mini_course)
    assert not searched


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the default site
def test_saves_in_other_threads_are_indexed_at_once(mini_course, searched):
    """While an import defers its own indexing, a page saved by another thread (a web request) is
    indexed right away, and after the block the usual handler is back."""
    import_course(mini_course)
    lesson = LessonPage.objects.get(ksi_id="handvask")
    with indexed_once():
        worker = threading.Thread(target=lesson.save)
        worker.start()
        worker.join()
        assert searched[("LessonPage", lesson.pk)] == 2  # the import's one, and the thread's
        lesson.save()  # this thread: deferred to the end of the block
        assert searched[("LessonPage", lesson.pk)] == 2
    assert searched[("LessonPage", lesson.pk)] == 3
    lesson.save()
    assert searched[("LessonPage", lesson.pk)] == 4


def _reference_rows():
    return sorted(
        ReferenceIndex.objects.values_list(
            "content_type_id", "base_content_type_id", "object_id", "to_content_type_id", "to_object_id", "model_path",
            "content_path", "content_path_hash",
        )
    )


def test_an_upgrade_leaves_the_same_reference_rows_as_wagtails_own_indexing(mini_course, tmp_path):
    """The import indexes in batches; a lesson that loses its image must lose its rows, and the
    rows must be what Wagtail's per-object indexing gives."""
    import_course(mini_course)
    image = ImportedImage.objects.get(src="media/hender.svg").image
    lesson = LessonPage.objects.get(ksi_id="handvask")
    assert str(lesson.pk) in {reference.object_id for reference in ReferenceIndex.get_references_to(image)}
    changed = tmp_path / "mini-course"
    shutil.copytree(MINI_COURSE, changed)
    path = changed / "lessons" / "handvask.yaml"
    text = path.read_text(encoding="utf-8")
    image_block = (
        "  - type: image\n    src: media/hender.svg\n    alt: To hender under en vannkran med såpeskum.\n"
        "    caption: Vask hendene med såpe og vann.\n"
    )
    assert image_block in text
    path.write_text(text.replace(image_block, ""), encoding="utf-8")
    import_course(load_course(changed))
    assert str(lesson.pk) not in {reference.object_id for reference in ReferenceIndex.get_references_to(image)}
    batched = _reference_rows()
    ReferenceIndex.objects.all().delete()
    for page in Page.objects.filter(depth__gt=1).specific():
        ReferenceIndex.create_or_update_for_object(page)
    for each in type(image).objects.all():
        ReferenceIndex.create_or_update_for_object(each)
    assert batched == _reference_rows()

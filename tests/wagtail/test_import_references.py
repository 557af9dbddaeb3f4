"""The import keeps Wagtail's reference index right ("usage" of images) and builds it once per page."""

import collections

import pytest
from wagtail.models import ReferenceIndex

from ksi_courses.content_import import import_course
from ksi_courses.models import ImportedImage, LessonPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(monkeypatch):
    counts = collections.Counter()
    original = ReferenceIndex.create_or_update_for_object.__func__

    def spy(cls, instance, *args, **kwargs):
        counts[(type(instance).__name__, instance.pk)] += 1
        return original(cls, instance, *args, **kwargs)

    monkeypatch.setattr(ReferenceIndex, "create_or_update_for_object", classmethod(spy))
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

"""A first import creates the same pages as Wagtail's own path (add_child, save_revision, publish).

``ksi_courses.import_create.NewPages`` writes revisions, publishing fields, log entries and stamps
in batches. These tests import the mini course once through Wagtail's path (rolled back) and once
the batched way, and compare everything a site keeps of the pages: the tree, every field, the
stream JSON, revisions, log entries, the reference and search indexes and the signals sent.
"""

import collections
import json
import re

import pytest
from django.db import transaction
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry
from wagtail.signals import page_published, published

from ksi_courses import import_create
from ksi_courses.content_import import import_course
from ksi_courses.import_stamps import own_child_relations, page_stamp
from ksi_courses.models import CoursePage

pytestmark = pytest.mark.django_db

#: Values that differ between two imports of the same content: ids, random keys, times, and the
#: stamps and import key, which hash revision ids (their validity is checked on their own).
VOLATILE = {
    "pk",
    "id",
    "page",
    "page_ptr",
    "page_id",
    "translation_key",
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "ksi_page_stamp",
    "ksi_import_state",
}

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalised(value):
    """``value`` without the volatile keys, with image ids as a marker and JSON text parsed."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return normalised(json.loads(value))
        except ValueError:
            return value
    if isinstance(value, dict):
        return {
            key: ("<image>" if key == "image" and isinstance(item, int) else normalised(item))
            for key, item in value.items()
            if key not in VOLATILE
        }
    if isinstance(value, list):
        return [normalised(item) for item in value]
    return value


def snapshot(course_slug: str) -> dict:
    course_page = CoursePage.objects.get(ksi_id=course_slug)
    assert course_page.ksi_import_state.get("key")
    pages = Page.objects.filter(path__startswith=course_page.path).order_by("path").specific()
    tree = []
    for page in pages:
        fields = {
            field.name: field.get_prep_value(field.value_from_object(page))
            for field in page._meta.concrete_fields
            if field.name not in VOLATILE
        }
        stored = type(page).objects.prefetch_related(*own_child_relations(type(page))).get(pk=page.pk)
        revisions = list(Revision.objects.for_instance(page).order_by("pk"))
        logs = PageLogEntry.objects.filter(page=page).order_by("pk")
        tree.append(
            {
                "class": page._meta.label_lower,
                "fields": normalised(json.loads(json.dumps(fields, default=str))),
                "child rows": {
                    name: normalised([row.__dict__ | {"_state": None} for row in getattr(stored, name).all()])
                    for name in own_child_relations(type(page))
                },
                "stamp is current": page.ksi_page_stamp == page_stamp(stored),
                "published revision is the latest": page.live_revision_id == page.latest_revision_id is not None,
                "times": (
                    page.first_published_at == page.last_published_at is not None,
                    page.latest_revision_created_at == revisions[-1].created_at,
                ),
                "revisions": [
                    (
                        revision.content_type.model,
                        revision.base_content_type.model,
                        revision.object_str,
                        revision.user_id,
                        revision.approved_go_live_at,
                        normalised(revision.content),
                    )
                    for revision in revisions
                ],
                "log": [
                    (
                        log.action,
                        log.content_type.model,
                        log.label,
                        log.data,
                        log.content_changed,
                        log.deleted,
                        log.user_id,
                        log.revision_id == (revisions[-1].pk if log.action == "wagtail.publish" else None),
                    )
                    for log in logs
                ],
                "references": sorted(
                    (
                        ref.content_type.model,
                        ref.to_content_type.model,
                        ref.model_path,
                        UUID.sub("<id>", ref.content_path),
                    )
                    for ref in ReferenceIndex.get_references_for_object(page)
                ),
                "search": sorted(
                    (entry.title, entry.body)
                    for entry in IndexEntry.objects.filter(
                        object_id=str(page.pk), content_type__model=page._meta.model_name
                    )
                ),
            }
        )
    return {"pages": tree}


@pytest.fixture
def signals():
    sent = collections.Counter()

    def on_page_published(sender, instance, revision, **kwargs):
        assert revision.pk == instance.live_revision_id
        sent[("page_published", sender.__name__, instance.slug)] += 1

    def on_published(sender, instance, revision, **kwargs):
        sent[("published", sender.__name__, instance.slug)] += 1

    page_published.connect(on_page_published, dispatch_uid="test-import-create-page")
    published.connect(on_published, dispatch_uid="test-import-create")
    yield sent
    page_published.disconnect(dispatch_uid="test-import-create-page")
    published.disconnect(dispatch_uid="test-import-create")


def wagtail_path(monkeypatch):
    """Make the importer create pages as it did before batching: Wagtail's own calls per page."""

    def add(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision(clean=False).publish()
        stored = type(page).objects.prefetch_related(*own_child_relations(type(page))).get(pk=page.pk)
        page.ksi_page_stamp = page_stamp(stored)
        type(page).objects.filter(pk=page.pk).update(ksi_page_stamp=page.ksi_page_stamp)
        return page

    monkeypatch.setattr(import_create.NewPages, "add", add)
    monkeypatch.setattr(import_create.NewPages, "flush", lambda self: None)


def test_first_import_makes_the_pages_wagtail_makes(mini_course, monkeypatch, signals):
    with transaction.atomic():
        with monkeypatch.context() as patch:
            wagtail_path(patch)
            reference_report = import_course(mini_course)
        reference = snapshot(mini_course.slug)
        reference_signals = dict(signals)
        transaction.set_rollback(True)
    assert not CoursePage.objects.exists()
    signals.clear()

    report = import_course(mini_course)
    batched = snapshot(mini_course.slug)

    assert [str(action) for action in report.actions] == [str(action) for action in reference_report.actions]
    assert len(batched["pages"]) == len(reference["pages"]) >= 6
    classes = {page["class"] for page in batched["pages"]}
    assert {"ksi_courses.coursepage", "ksi_courses.lessonpage", "ksi_courses.courseformpage"} <= classes
    for ours, theirs in zip(batched["pages"], reference["pages"], strict=True):
        assert ours == theirs, ours["fields"].get("ksi_id")
    assert all(page["stamp is current"] and page["published revision is the latest"] for page in batched["pages"])
    assert dict(signals) == reference_signals
    # Each signal once per page, the course index page (made first, by Wagtail's path) included.
    assert set(signals.values()) == {1} and len(signals) == 2 * (len(batched["pages"]) + 1)

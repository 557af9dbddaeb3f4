"""Wagtail's reference index and the search index, brought up to date once per object at the end
of an import.

Wagtail indexes an object's references and its search fields after every save. The import saves
each page it updates twice or more (the page, then its revision fields), so it defers that work:
while it runs, every object saved or deleted in this thread is noted instead, and at the end each
is indexed once, through the task Wagtail (or its search package) uses itself, so a task queue,
when configured, does the work. Saves in other threads (a web request while the import runs) are
indexed as always.

When those tasks would run right here anyway (the immediate task backend, the default), the work
is done here in one batch per model instead: the objects of a model are loaded in one query (once
for both indexes: the search index goes first and the reference index reads the same objects), and
the search backend writes its entries and refreshes its ranking data once per model, not once per
object.
"""

from __future__ import annotations

import logging
import threading
from contextlib import ExitStack, contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django_tasks.backends.immediate import ImmediateBackend
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from modelsearch import signal_handlers as search_signals
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import get_indexed_instance, get_indexed_models
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update, remove_reference_index_on_delete
from wagtail.tasks import update_reference_index_task

from .import_references import kept_block_types, reduce_streams

logger = logging.getLogger(__name__)


class _Noted:
    """The objects of ``models`` saved (and not deleted since) in the thread that made this."""

    def __init__(self, models):
        self.models = set(models)
        self.thread = threading.get_ident()
        self.saved: dict[tuple[type, str], None] = {}
        self.deleted: list = []

    def here(self) -> bool:
        return threading.get_ident() == self.thread

    def note_save(self, sender, instance, raw=False, **kwargs):
        if not raw and self.here() and sender in self.models:
            self.saved[(sender, str(instance.pk))] = None

    def note_delete(self, sender, instance, **kwargs):
        if self.here() and sender in self.models:
            self.saved.pop((sender, str(instance.pk)), None)
            self.deleted.append(instance)

    @contextmanager
    def listening(self):
        post_save.connect(self.note_save, weak=False)
        post_delete.connect(self.note_delete, weak=False)
        try:
            yield self
        finally:
            post_save.disconnect(self.note_save)
            post_delete.disconnect(self.note_delete)

    def enqueue(self, task) -> None:
        for model, pk in self.saved:
            task.enqueue(model._meta.app_label, model._meta.model_name, pk)

    def by_model(self) -> dict[type, list[str]]:
        models: dict[type, list[str]] = {}
        for model, pk in self.saved:
            models.setdefault(model, []).append(pk)
        return models


def _runs_here(task) -> bool:
    """Whether enqueuing ``task`` runs it at once in this process (the immediate backend)."""
    return isinstance(task.get_backend(), ImmediateBackend)


#: Objects loaded for the search index, by (model, primary key as text), for the reference index
#: to read too (it runs after the search index, within the same ``indexed_once`` block).
Loaded = dict[tuple[type, str], object]


def _search_index_now(noted: _Noted, loaded: Loaded) -> None:
    """What ``insert_or_update_object_task`` does for each noted object, in one batch per model."""
    for model, pks in noted.by_model().items():
        instances: dict[type, list] = {}
        for obj in model.get_indexed_objects().filter(pk__in=pks):  # (the task's "still indexed?" check)
            loaded[(model, str(obj.pk))] = obj
            instance = get_indexed_instance(obj, check_exists=False)
            if instance is not None:
                instances.setdefault(type(instance), []).append(instance)
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            for instance_class, objects in instances.items():
                try:
                    backend.add_bulk(instance_class, objects)
                except Exception:
                    # As the task does: a search service being down must not undo the import; a
                    # database backend's error (its transaction is broken anyway) is raised.
                    logger.exception("Could not add %d %s to the search backend %r", len(objects), instance_class, name)
                    if not backend.catch_indexing_errors:
                        raise


@contextmanager
def _references_deferred(loaded: Loaded):
    noted = _Noted(ReferenceIndex.tracked_models)
    with noted.listening(), disable_reference_index_auto_update():
        yield
    for instance in noted.deleted:
        remove_reference_index_on_delete(instance)
    if _runs_here(update_reference_index_task):
        _references_now(noted, loaded)
    else:
        noted.enqueue(update_reference_index_task)


def _references_now(noted: _Noted, loaded: Loaded) -> None:
    """What ``update_reference_index_task`` does for each noted object, loading them per model
    (those the search index loaded are taken from ``loaded``)."""
    for model, pks in noted.by_model().items():
        if any(isinstance(field, ParentalKey) for field in model._meta.get_fields()):
            for pk in pks:  # a child row is indexed as part of its parent: as the task does it
                update_reference_index_task.call(model._meta.app_label, model._meta.model_name, pk)
        elif ReferenceIndex.is_indexed(model):
            # Wagtail reads each object's child rows (a form page's fields) for their references.
            children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
            have = [loaded[(model, pk)] for pk in pks if (model, pk) in loaded]
            missing = [pk for pk in pks if (model, pk) not in loaded]
            objects = model.objects.prefetch_related(*children)
            for start in range(0, len(have), _BATCH):
                batch = have[start : start + _BATCH]
                prefetch_related_objects(batch, *children)
                _index_references(model, batch)
            for start in range(0, len(missing), _BATCH):
                _index_references(model, list(objects.filter(pk__in=missing[start : start + _BATCH])))


_BATCH = 500  # objects per query (SQLite allows 32,766 parameters; one per object here)


def _index_references(model, instances: list) -> None:
    """``ReferenceIndex.create_or_update_for_object`` for every one of ``instances`` (all of
    ``model``), giving the same rows in three queries instead of three per object: one reads the
    rows there are, one adds the new, one deletes the gone. It follows Wagtail 7–8's method step by
    step (``tests/wagtail/test_import_create.py`` compares the rows with Wagtail's own import)."""
    if not instances:
        return
    content_types = [
        ContentType.objects.get_for_model(each, for_concrete_model=False)
        for each in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known_content_type_ids = {each.id for each in content_types}
    kept = kept_block_types(model)
    for instance in instances:  # loaded for this only: no need to convert blocks that refer to nothing
        reduce_streams(instance, kept)
    found = {str(instance.pk): set(ReferenceIndex._extract_references_from_object(instance)) for instance in instances}
    existing: dict[str, dict[tuple, tuple[int, int]]] = {}
    rows = ReferenceIndex.objects.filter(base_content_type=base_content_type, object_id__in=list(found))
    for row_id, content_type_id, object_id, *reference in rows.values_list(
        "id", "content_type_id", "object_id", "to_content_type", "to_object_id", "model_path", "content_path"
    ):
        existing.setdefault(object_id, {})[tuple(reference)] = (content_type_id, row_id)
    new, gone = [], []
    for object_id, references in found.items():
        there = existing.get(object_id, {})
        new += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=object_id,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references - there.keys()
        ]
        # A row under another (more specific) content type is kept, as Wagtail keeps it.
        gone += [
            row_id
            for reference, (type_id, row_id) in there.items()
            if reference not in references and type_id in known_content_type_ids
        ]
    ReferenceIndex.objects.bulk_create(new, ignore_conflicts=connection.features.supports_ignore_conflicts)
    ReferenceIndex.objects.filter(id__in=gone).delete()


@contextmanager
def _search_deferred(loaded: Loaded):
    """The search package has no switch of its own: its save handler is swapped, for the block,
    for one that notes this thread's saves and passes every other thread's on. (Deletes still go
    straight to the index; a deleted object is dropped from the noted ones.)"""
    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    noted = _Noted(models)

    def on_save(sender, instance, **kwargs):
        if not noted.here():  # this thread's saves are noted by ``noted.listening()``
            search_signals.post_save_signal_handler(instance, **kwargs)

    # Connect before disconnecting (and the other way round after), so that no other thread's
    # save goes unindexed in between; at worst one is indexed twice.
    for model in models:
        post_save.connect(on_save, sender=model, weak=False, dispatch_uid=("ksi-import-search", model))
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    try:
        with noted.listening():
            yield
    finally:
        for model in models:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
            post_save.disconnect(sender=model, dispatch_uid=("ksi-import-search", model))
    if _runs_here(insert_or_update_object_task):
        _search_index_now(noted, loaded)
    else:
        noted.enqueue(insert_or_update_object_task)


@contextmanager
def indexed_once():
    """Within the block, index references and search fields once per saved object, when the block
    ends without error (on an error the import's transaction rolls back: nothing to index)."""
    loaded: Loaded = {}
    with ExitStack() as stack:
        stack.enter_context(_references_deferred(loaded))  # (entered first, so it ends last)
        stack.enter_context(_search_deferred(loaded))
        yield

"""Wagtail's reference index and the search index, brought up to date once per object at the end
of an import.

Wagtail indexes an object's references and its search fields after every save. The import saves
each new page three times (created, revision saved, revision published), so it defers that work:
while it runs, every object saved or deleted in this thread is noted instead, and at the end each
is indexed once, through the task Wagtail (or its search package) uses itself, so a task queue,
when configured, does the work. Saves in other threads (a web request while the import runs) are
indexed as always.
"""

from __future__ import annotations

import threading
from contextlib import ExitStack, contextmanager

from django.db.models.signals import post_delete, post_save
from modelsearch import signal_handlers as search_signals
from modelsearch.index import get_indexed_models
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update, remove_reference_index_on_delete
from wagtail.tasks import update_reference_index_task


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


@contextmanager
def _references_deferred():
    noted = _Noted(ReferenceIndex.tracked_models)
    with noted.listening(), disable_reference_index_auto_update():
        yield
    for instance in noted.deleted:
        remove_reference_index_on_delete(instance)
    noted.enqueue(update_reference_index_task)


@contextmanager
def _search_deferred():
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
    noted.enqueue(insert_or_update_object_task)


@contextmanager
def indexed_once():
    """Within the block, index references and search fields once per saved object, when the block
    ends without error (on an error the import's transaction rolls back: nothing to index)."""
    with ExitStack() as stack:
        stack.enter_context(_references_deferred())
        stack.enter_context(_search_deferred())
        yield

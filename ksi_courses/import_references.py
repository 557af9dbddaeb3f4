"""Wagtail's reference index, brought up to date once per object at the end of an import.

Wagtail indexes an object's references after every save. The import saves each new page three
times (created, revision saved, revision published), so it defers that work: while it runs,
Wagtail's own switch turns the automatic update off for this thread, every object saved or
deleted in this thread is noted, and at the end each is indexed once, through the task
Wagtail itself uses (so a task queue, when configured, does the work).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update, remove_reference_index_on_delete
from wagtail.tasks import update_reference_index_task


@contextmanager
def references_indexed_once():
    """Within the block, index references once per saved object, when the block ends without error."""
    thread = threading.get_ident()
    saved: dict[tuple[type, str], None] = {}
    deleted: list = []

    def note_save(sender, instance, raw=False, **kwargs):
        if not raw and threading.get_ident() == thread and sender in ReferenceIndex.tracked_models:
            saved[(sender, str(instance.pk))] = None

    def note_delete(sender, instance, **kwargs):
        if threading.get_ident() == thread and sender in ReferenceIndex.tracked_models:
            saved.pop((sender, str(instance.pk)), None)
            deleted.append(instance)

    post_save.connect(note_save, weak=False)
    post_delete.connect(note_delete, weak=False)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(note_save)
        post_delete.disconnect(note_delete)
    for instance in deleted:
        remove_reference_index_on_delete(instance)
    for model, pk in saved:
        update_reference_index_task.enqueue(model._meta.app_label, model._meta.model_name, pk)

"""A number that changes whenever an image or a document of the site changes.

Cached lesson bodies and anonymous pages are keyed by the published revision of their page. An
editor can replace an image's file, or change its title (the alternative text the pages show),
without publishing any page again: the revision stays the same, so the cached HTML would go on
showing the old picture (an address of a rendition that no longer matches) until it expired.
The number here is part of those keys (:mod:`.lesson_cache`, :mod:`.anonymous_pages`); every save
or delete of an image or a document moves it on, so every page is built anew once, in every
process sharing the cache.

The number lives in Django's cache with no expiry. If the cache loses it (eviction, a restart of
a cache that keeps nothing), it starts again from the current time in nanoseconds: never a
number a page was stored under before.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

KEY = "ksi:media-generation"


def media_generation() -> int:
    """The current number (one cache read)."""
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, time.time_ns(), None)
        value = cache.get(KEY)
    return value


def media_changed(**kwargs) -> None:
    """Move the number on (a signal receiver for image and document saves and deletes)."""
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache: any fresh start is a new number
        cache.add(KEY, time.time_ns(), None)


def connect() -> None:
    """Listen to saves and deletes of the site's image and document models (from the app's ``ready``)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    for model in (get_image_model(), get_document_model()):
        post_save.connect(media_changed, sender=model, dispatch_uid=("ksi-media-generation-save", model))
        post_delete.connect(media_changed, sender=model, dispatch_uid=("ksi-media-generation-delete", model))

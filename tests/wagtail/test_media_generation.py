"""The media generation (ksi_courses.media_generation): part of the keys of cached pages, moved on
by every save and delete of an image or a document, and never an earlier number after the cache
loses it."""

from itertools import pairwise

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from ksi_courses.media_generation import KEY, media_changed, media_generation

pytestmark = pytest.mark.django_db
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def test_saves_and_deletes_of_images_and_documents_move_it_on():
    seen = [media_generation()]
    image = get_image_model()(title="Bøtte", file=ContentFile(SVG, name="botte.svg"), width=10, height=10)
    image.save()
    seen.append(media_generation())
    document = get_document_model()(title="Rutine", file=ContentFile(b"%PDF-1.4\n", name="rutine.pdf"))
    document.save()
    seen.append(media_generation())
    image.title = "Bøtte med vann"
    image.save()
    seen.append(media_generation())
    document.delete()
    seen.append(media_generation())
    image.delete()
    seen.append(media_generation())
    assert all(later > earlier for earlier, later in pairwise(seen)), seen


def test_a_lost_number_starts_again_above_every_earlier_one():
    cache.delete(KEY)
    first = media_generation()
    for _ in range(3):
        media_changed()
    moved = media_generation()
    assert moved == first + 3
    cache.delete(KEY)  # evicted, or a cache that keeps nothing was restarted
    media_changed()  # a save while the number is gone
    after_loss = media_generation()
    assert after_loss > moved
    cache.delete(KEY)
    assert media_generation() > after_loss  # a read while it is gone

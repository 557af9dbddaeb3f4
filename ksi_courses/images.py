"""Course image files ↔ Wagtail images, and the record of which is which (:class:`ImportedImage`).

The model lives here rather than in ``models`` so that exporting a course (``content_export``,
called when the pages serve their PDFs) needs nothing from the page models' module.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.db import models
from wagtail.images import get_image_model, get_image_model_string


class ImportedImage(models.Model):
    """Which Wagtail image holds which image file of a course, so re-imports reuse it and
    exports write it back under its original path."""

    image = models.ForeignKey(get_image_model_string(), on_delete=models.CASCADE, related_name="+")
    course_slug = models.CharField(max_length=80)
    src = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)

    class Meta:
        app_label = "ksi_courses"
        constraints = [
            models.UniqueConstraint(fields=["course_slug", "src", "sha256"], name="ksi_unique_imported_image")
        ]

    def __str__(self):
        return f"{self.course_slug}/{self.src}"


def image_importer(course_slug: str, course_root: Path):
    """A function ``src → Wagtail image id`` that reuses images imported before.

    Made for one import (in its transaction): the course's imported images are read in one query
    at the first call, and the collection a new image goes to (the image model's default, the
    root collection) is looked up once, not once per image."""
    known: dict[tuple[str, str], int] | None = None  # (src, sha256) → image id, read at the first call
    collection_id = None

    def image_id_for(src: str) -> int:
        nonlocal known, collection_id
        data = (Path(course_root) / src).read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        image_model = get_image_model()
        if known is None:
            rows = ImportedImage.objects.filter(course_slug=course_slug).values_list("src", "sha256", "image_id")
            known = {(path, digest): image_id for path, digest, image_id in rows}  # one row each (unique)
            collection_id = image_model._meta.get_field("collection").get_default()
        if (src, sha256) in known:
            return known[(src, sha256)]
        image = image_model(title=PurePosixPath(src).stem.replace("-", " "), collection_id=collection_id)
        with (Path(course_root) / src).open("rb") as handle:
            image.file = File(handle, name=PurePosixPath(src).name)
            image._set_image_file_metadata()
            image.save()
        ImportedImage.objects.create(image=image, course_slug=course_slug, src=src, sha256=sha256)
        known[(src, sha256)] = image.pk
        return image.pk

    return image_id_for


def image_src_finder(course_slug: str):
    """A function ``Wagtail image → src`` for exports: the imported path, or media/<file name>."""

    def src_for(image) -> str:
        if image is None:
            raise ValueError("an image block has no image chosen")
        known = ImportedImage.objects.filter(course_slug=course_slug, image_id=image.pk).order_by("-pk").first()
        return known.src if known else f"media/{PurePosixPath(image.file.name).name}"

    return src_for

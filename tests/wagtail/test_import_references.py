"""The import reads references only from the stream blocks that can hold one
(``ksi_courses.import_references``), and finds exactly the references Wagtail's own reading finds."""

import pytest
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, ReferenceIndex

from ksi_courses.content_import import import_course
from ksi_courses.import_references import blocks_that_may_refer, kept_block_types, may_refer, reduce_streams
from ksi_courses.models import LessonPage


class NoteBlock(blocks.StructBlock):
    """A struct of plain fields, subclassed as the ksi blocks are: refers to nothing."""

    text = blocks.TextBlock()
    tags = blocks.ListBlock(blocks.CharBlock())


class LinkedPageBlock(blocks.CharBlock):
    """A custom block that finds a reference in its text: must be kept whatever it is built on."""

    def extract_references(self, value):
        yield Page, value, "", ""


STREAM = blocks.StreamBlock(
    [
        ("text", blocks.TextBlock()),
        ("note", NoteBlock()),
        ("rich", blocks.RichTextBlock()),
        (
            "gallery",
            blocks.ListBlock(blocks.StructBlock([("image", ImageChooserBlock()), ("alt", blocks.CharBlock())])),
        ),
        ("nested", blocks.StreamBlock([("plain", blocks.CharBlock()), ("page", blocks.PageChooserBlock())])),
        ("linked", LinkedPageBlock()),
    ]
)


def test_only_blocks_that_can_hold_a_reference_are_kept():
    assert blocks_that_may_refer(STREAM) == {"rich", "gallery", "nested", "linked"}
    assert not may_refer(blocks.StructBlock([("words", blocks.ListBlock(NoteBlock()))]))


def test_lesson_streams_keep_their_image_blocks():
    kept = kept_block_types(LessonPage)
    assert set(kept) == {"body"}
    assert "image" in kept["body"]
    assert not {"text", "vocabulary", "quiz", "checklist"} & kept["body"]


@pytest.mark.django_db
def test_reduced_streams_give_the_references_wagtail_finds(mini_course):
    import_course(mini_course)
    lessons = LessonPage.objects.exclude(ksi_id="").order_by("path")
    assert len(lessons) >= 2
    kept = kept_block_types(LessonPage)
    found_any = False
    for lesson in lessons:
        full = set(ReferenceIndex._extract_references_from_object(lesson))
        reduced_lesson = LessonPage.objects.get(pk=lesson.pk)
        reduce_streams(reduced_lesson, kept)
        assert len(reduced_lesson.body) < len(lesson.body)  # something was left out...
        assert set(ReferenceIndex._extract_references_from_object(reduced_lesson)) == full  # ...and nothing lost
        found_any = found_any or bool(full)
    assert found_any  # the mini course shows images: the comparison is not between empty sets

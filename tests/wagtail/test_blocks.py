import pytest
from django.template.loader import get_template

from course_content.base import LANGUAGES
from course_content.blocks import BLOCK_TYPES
from ksi_courses.blocks import LessonBodyBlock, SourceBlock, TranslationsBlock


def test_stream_blocks_mirror_the_content_block_types():
    assert tuple(LessonBodyBlock().child_blocks) == BLOCK_TYPES


def test_translation_fields_match_the_languages():
    assert tuple(TranslationsBlock().child_blocks) == tuple(LANGUAGES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*BLOCK_TYPES, "source"])
def test_every_block_has_template_icon_description_and_preview(name, client):
    block = SourceBlock() if name == "source" else LessonBodyBlock().child_blocks[name]
    assert get_template(block.meta.template)
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert str(block.get_description())
    preview = block.get_preview_value()
    assert preview is not None
    html = block.render(preview, context={"show_teacher_material": True, "vocabulary_language": "en"})
    assert html.strip().startswith("<")

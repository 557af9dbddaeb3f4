"""Library pictures on the web: beside the key word (decorative) and as image blocks (with alt
text); the StreamField keeps the library id, so an editor can change it and the export keeps it."""

from __future__ import annotations

import re

import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model

from ksi_courses.blocks import ImageBlock, picture_choices
from ksi_courses.content_export import export_course
from ksi_courses.content_import import import_course
from ksi_courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db

CREDIT = "Twemoji © Twitter, Inc. and other contributors, CC BY 4.0"


def lesson_html(client, ksi_id: str) -> str:
    response = client.get(LessonPage.objects.get(ksi_id=ksi_id).url, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    return response.content.decode()


def test_a_word_with_a_picture_shows_it_beside_the_word_hidden_from_screen_readers(client, mini_course):
    import_course(mini_course)
    html = lesson_html(client, "handvask")
    row = re.search(r'<tr><th scope="row">(.*?)</th>', html, re.DOTALL).group(1)
    assert row.startswith('<span class="ksi-term"><svg ') and row.endswith(">håndhygiene</span></span>")
    svg = row[row.index("<svg") : row.index(">", row.index("<svg")) + 1]
    assert 'class="ksi-picture"' in svg and 'aria-hidden="true"' in svg and 'focusable="false"' in svg
    assert "role=" not in svg
    assert f'<p class="ksi-picture-credit">Bilder: {CREDIT}</p>' in html


def test_an_image_block_with_a_library_picture_has_its_alt_text_and_credit(client, mini_course):
    import_course(mini_course)
    html = lesson_html(client, "renholdsutstyr")
    figure = html[html.index('<figure class="ksi-figure">') : html.index("</figure>")]
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"' in figure
    assert 'role="img" aria-label="En blå bøtte med hank."' in figure and "aria-hidden" not in figure
    assert f"<small>{CREDIT}</small>" in figure


def test_the_stream_keeps_the_library_id_and_an_editors_choice_survives_the_export(mini_course):
    import_course(mini_course)
    page = LessonPage.objects.get(ksi_id="handvask")
    vocabulary = next(block for block in page.body if block.block_type == "vocabulary")
    assert vocabulary.value["entries"][0]["picture"] == "sape"
    # An editor picks another picture for the word.
    raw = page.body.raw_data
    index = next(i for i, block in enumerate(raw) if block["type"] == "vocabulary")
    raw[index]["value"]["entries"][0]["picture"] = "hansker"
    page.body = raw
    page.save_revision().publish()

    exported, media = export_course(CoursePage.objects.get(), shipped=mini_course)
    assert exported.lessons["handvask"].vocabulary[0].picture == "hansker"
    [image] = [block for block in exported.lessons["renholdsutstyr"].blocks if block.type == "image"]
    assert (image.picture, image.src, image.alt) == ("botte", None, "En blå bøtte med hank.")
    assert list(media) == ["media/hender.svg"]  # a library picture is not copied as a course file


def messages(error) -> list[str]:
    return [str(message) for e in error.value.non_block_errors.as_data() for message in e.messages]


def test_an_image_block_takes_an_image_or_a_picture_not_both_and_not_neither(mini_course):
    import_course(mini_course)
    image = get_image_model().objects.get()
    block = ImageBlock()
    good = block.to_python({"image": None, "picture": "botte", "alt": "En bøtte.", "caption": "", "credit": ""})
    assert block.clean(good)["picture"] == "botte"
    empty = block.to_python({"image": None, "picture": "", "alt": "En bøtte.", "caption": "", "credit": ""})
    with pytest.raises(StructBlockValidationError) as neither:
        block.clean(empty)
    assert messages(neither) == ["Velg et opplastet bilde eller et bilde fra bildebiblioteket."]
    both = block.to_python({"image": image.pk, "picture": "botte", "alt": "En bøtte.", "caption": "", "credit": ""})
    with pytest.raises(StructBlockValidationError) as two:
        block.clean(both)
    assert messages(two) == ["Velg et opplastet bilde eller et bilde fra bildebiblioteket, ikke begge."]
    unknown = block.to_python({"image": None, "picture": "finnes-ikke", "alt": "x", "caption": "", "credit": ""})
    with pytest.raises(StructBlockValidationError) as bad_id:
        block.clean(unknown)
    assert "picture" in bad_id.value.block_errors


def test_the_choices_are_the_library_with_what_each_picture_shows():
    choices = dict(picture_choices())
    assert choices["botte"] == "botte – En bøtte med hank."
    assert len(choices) >= 80


def test_a_stored_picture_id_reads_back_as_itself_without_scanning_the_choices(monkeypatch):
    """Reading a stream gives the stored id back as it is; the library's choices are not listed
    for it (with hundreds of pictures, that scan made every import and page view slower)."""
    from ksi_courses import blocks as ksi_blocks

    listed = []
    monkeypatch.setattr(ksi_blocks, "picture_choices", lambda: listed.append(1) or [("botte", "botte – en bøtte")])
    block = ksi_blocks.PictureChoiceBlock()
    assert [block.to_python(value) for value in ("botte", "not-in-library", None)] == ["botte", "not-in-library", None]
    assert listed == []

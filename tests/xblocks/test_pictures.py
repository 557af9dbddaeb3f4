"""Library pictures in the lesson XBlock: inline in the HTML (an LMS cannot serve the package's
files), as data URLs in ``student_view_data()``; decorative beside a word, with alt text in an
image block."""

from __future__ import annotations

import base64
import json
import re

from course_content.pictures import PICTURES_DIR, library

CREDIT = "Twemoji © Twitter, Inc. and other contributors, CC BY 4.0"


def svg_tags(html: str) -> list[str]:
    return re.findall(r"<svg\b[^>]*>", html)


def test_a_word_with_a_picture_shows_it_inline_and_hidden_from_screen_readers(make_block):
    html = make_block(course_slug="mini-kurs", lesson_id="handvask").render("student_view").content
    term = re.search(r"<dt>(.*?)</dt>", html, re.DOTALL).group(1)
    assert term.startswith("<svg ") and term.endswith("</svg>håndhygiene")
    [tag] = svg_tags(term)
    assert 'aria-hidden="true"' in tag and 'focusable="false"' in tag and 'class="ksi-picture"' in tag
    assert "role=" not in tag
    assert f"Pictures: {CREDIT}" in html


def test_an_image_block_with_a_library_picture_is_an_inline_svg_with_its_alt_text(make_block):
    html = make_block(course_slug="mini-kurs", lesson_id="renholdsutstyr").render("student_view").content
    figure = html[html.index('<figure class="ksi-image">') : html.index("</figure>")]
    [tag] = svg_tags(figure)
    assert 'role="img"' in tag and 'aria-label="En blå bøtte med hank."' in tag and "aria-hidden" not in tag
    assert "<img" not in figure and CREDIT in figure


def test_student_view_data_carries_the_pictures_as_data_urls(make_block):
    data = make_block(course_slug="mini-kurs", lesson_id="handvask").student_view_data()
    [vocabulary] = [block for block in data["blocks"] if block["type"] == "vocabulary"]
    entry = vocabulary["entries"][0]
    assert entry["picture"] == "sape" and vocabulary["picture_credit"] == CREDIT
    prefix = "data:image/svg+xml;base64,"
    assert entry["picture_url"].startswith(prefix)
    svg = base64.b64decode(entry["picture_url"][len(prefix) :])
    assert svg == (PICTURES_DIR / library().pictures["sape"].file).read_bytes()
    json.dumps(data)  # still JSON

    image = next(
        block
        for block in make_block(course_slug="mini-kurs", lesson_id="renholdsutstyr").student_view_data()["blocks"]
        if block["type"] == "image"
    )
    assert image["picture"] == "botte" and image["url"].startswith(prefix) and image["alt"] == "En blå bøtte med hank."

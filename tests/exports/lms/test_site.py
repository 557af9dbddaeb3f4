"""The static site of the mini course: pages, files, privacy of teacher notes and answer keys."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from exports.lms.archive import write_output
from exports.lms.site import SiteOptions, build_site
from tests.exports.lms.package_checks import (
    QUIZ_KEY,
    assert_answer_key_only_for_quizzes,
    assert_no_teacher_notes,
    external_requests,
)

LOCAL_REFERENCE = re.compile(r'(?:href|src)="(?!https?:|#|data:|mailto:)([^"]+)"')


@pytest.fixture(scope="module")
def site(mini_course) -> dict[str, bytes]:
    return build_site(mini_course)


def test_a_page_per_lesson_and_module_plus_course_and_word_list(site, mini_course):
    pages = sorted(path for path in site if path.endswith(".html"))
    assert pages == [
        "index.html",
        "moduler/modul-en.html",
        "ordliste.html",
        "timer/handvask.html",
        "timer/renholdsutstyr.html",
    ]
    assert {"assets/ksi.css", "assets/site.css", "assets/site.js", "media/hender.svg"} <= set(site)
    assert not any(path.startswith("pdf/") for path in site)


def test_the_wagtail_stylesheet_is_copied_unchanged(site):
    from importlib.resources import files

    assert site["assets/ksi.css"] == files("ksi_courses").joinpath("static/ksi_courses/ksi.css").read_bytes()
    # The fonts ksi.css names are there, next to it.
    for font in re.findall(r'url\("([^"]+)"\)', site["assets/ksi.css"].decode()):
        assert f"assets/{font}" in site


def test_every_local_link_and_source_exists(site):
    for path, data in site.items():
        if not path.endswith(".html"):
            continue
        folder = path.rpartition("/")[0]
        for reference in LOCAL_REFERENCE.findall(data.decode()):
            target = reference.split("#")[0]
            parts = [*filter(None, folder.split("/")), *target.split("/")]
            resolved: list[str] = []
            for part in parts:
                if part == "..":
                    resolved.pop()
                elif part != ".":
                    resolved.append(part)
            assert "/".join(resolved) in site, f"{path} links to {reference}, which is not in the site"


def test_no_teacher_notes_and_answer_keys_only_for_quizzes(site, mini_course):
    assert_no_teacher_notes(site, mini_course, shortest=10)
    assert_answer_key_only_for_quizzes(site, mini_course)
    lesson = site["timer/handvask.html"].decode()
    key = json.loads(QUIZ_KEY.search(lesson).group(1))
    assert key == {
        "handvask": {
            "quiz": {
                "q1": {"correct": [0], "explanation": "Håndhygiene stopper mest smitte."},
                "q2": {"correct": [0, 1], "explanation": "Vask hendene etter toalettet og før du lager mat."},
                "q3": {"correct": [1], "explanation": "Når hendene er synlig skitne, må du vaske med såpe og vann."},
            }
        }
    }
    assert not QUIZ_KEY.search(site["timer/renholdsutstyr.html"].decode()), "a lesson without a quiz carries no key"


def test_no_request_leaves_the_site(site):
    assert external_requests(site) == []
    # The video link stays a link the participant can follow.
    assert 'href="https://example.org/video/handvask"' in site["timer/handvask.html"].decode()


def test_the_external_url_check_catches_a_loaded_resource():
    bad = {
        "a.html": b'<img src="https://cdn.example.com/x.png" alt=""><a href="https://ok.example.org">ok</a>',
        "b.css": b"@import url(https://fonts.example.com/css);",
    }
    problems = external_requests(bad)
    assert len(problems) == 2 and "cdn.example.com" in problems[0] and "fonts.example.com" in problems[1]


def test_word_list_has_every_term_in_every_language(site):
    page = site["ordliste.html"].decode()
    assert "håndhygiene" in page
    for translation in (
        "hand hygiene",
        "гігієна рук",
        "نظافة اليدين",
        "ጽሬት ኢድ",
        "nadaafadda gacmaha",
        "بهداشت دست",
        "гигиена рук",
    ):
        assert translation in page
    assert '<select id="sprak-ordliste" class="ksi-language" data-ksi-language>' in page


def test_written_as_a_folder_or_a_zip(site, tmp_path):
    write_output(site, tmp_path / "folder")
    assert (tmp_path / "folder" / "index.html").read_bytes() == site["index.html"]
    write_output(site, tmp_path / "site.zip")
    with zipfile.ZipFile(tmp_path / "site.zip") as archive:
        assert sorted(archive.namelist()) == sorted(site)
    first = (tmp_path / "site.zip").read_bytes()
    write_output(site, tmp_path / "site.zip")
    assert (tmp_path / "site.zip").read_bytes() == first, "the zip is reproducible"


def test_folder_output_refuses_an_existing_file(site, tmp_path):
    (tmp_path / "taken").write_text("x")
    with pytest.raises(ValueError, match="is a file"):
        write_output(site, tmp_path / "taken")


def test_with_pdfs_adds_the_booklet_and_word_lists(mini_course):
    files = build_site(mini_course, SiteOptions(with_pdfs=True))
    pdfs = sorted(path for path in files if path.startswith("pdf/"))
    assert len(pdfs) == 8  # booklet + 7 word lists
    assert all(files[path].startswith(b"%PDF") for path in pdfs)
    index = files["index.html"].decode()
    assert all(f'href="{path}"' in index for path in pdfs)

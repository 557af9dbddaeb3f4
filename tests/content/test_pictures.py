"""The picture library: it validates, every picture has its file, alt text and licence, and a
lesson that names a picture gets a file:line error when the id or the image block is wrong."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from course_content import check_course, load_course
from course_content import pictures as pictures_module
from course_content.blocks import ImageBlock
from course_content.cli import main
from course_content.pictures import LIBRARY_FILE_NAME, PICTURES_DIR, library, load_library
from course_content.schema import content_schema
from tests.content.test_broken_content import edit
from tests.paths import MINI_COURSE


@pytest.fixture
def course(tmp_path) -> Path:
    target = tmp_path / "mini-kurs"
    shutil.copytree(MINI_COURSE, target)
    return target


def only_error(folder: Path):
    course, problems = check_course(folder)
    found = [p for p in problems if p.severity == "error"]
    assert course is None and len(found) == 1, "\n".join(map(str, found))
    return found[0]


# --- the shipped library -------------------------------------------------------------------


def test_the_shipped_library_validates_and_every_picture_is_complete():
    shipped = library()
    assert shipped.problems == ()
    assert 250 <= len(shipped.pictures) <= 400
    for picture in shipped.pictures.values():
        path = PICTURES_DIR / picture.file
        assert path.is_file() and path.suffix == ".svg", picture.id
        assert picture.alt.strip() and picture.alt[0].isupper() and picture.alt.endswith("."), picture.id
        assert picture.licence == "CC-BY-4.0" and picture.attribution.strip(), picture.id
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", picture.id)
        if picture.source.startswith("twemoji "):
            assert picture.file == f"twemoji/{picture.source.split()[1]}.svg"
            assert picture.attribution == "Twemoji © Twitter, Inc. and other contributors"
    # Only the pictures the library names are vendored.
    vendored = {path.relative_to(PICTURES_DIR).as_posix() for path in PICTURES_DIR.rglob("*.svg")}
    assert vendored == {picture.file for picture in shipped.pictures.values()}


def test_the_licence_file_gives_source_attribution_and_licence():
    text = (PICTURES_DIR / "LICENSE.md").read_text(encoding="utf-8")
    assert "@twemoji/svg" in text and "15.0.0" in text
    assert "© Twitter, Inc. and other contributors" in text and "CC BY 4.0" in text
    assert "https://creativecommons.org/licenses/by/4.0/" in text
    assert "Changes:** none" in text


def test_a_picture_is_inlined_decorative_or_with_its_alt_text():
    shipped = library()
    decorative = shipped.inline_svg("botte")
    assert decorative.startswith("<svg") and 'aria-hidden="true"' in decorative and 'focusable="false"' in decorative
    assert "role=" not in decorative and 'class="ksi-picture"' in decorative
    named = shipped.inline_svg("botte", alt='Bøtte med "vann" & såpe')
    assert 'role="img"' in named and 'aria-label="Bøtte med &quot;vann&quot; &amp; såpe"' in named
    assert "aria-hidden" not in named
    assert shipped.inline_svg("finnes-ikke") == "" and shipped.data_url("finnes-ikke") == ""
    assert shipped.data_url("botte").startswith("data:image/svg+xml;base64,")
    assert shipped.credits(["botte", "sape", None]) == "Twemoji © Twitter, Inc. and other contributors, CC BY 4.0"


# --- a broken library ----------------------------------------------------------------------


def write_library(root: Path, entries: str) -> Path:
    (root / "twemoji").mkdir(parents=True, exist_ok=True)
    for name in ("1faa3.svg", "1f9fc.svg"):
        shutil.copy(PICTURES_DIR / "twemoji" / name, root / "twemoji" / name)
    (root / LIBRARY_FILE_NAME).write_text("pictures:\n" + entries, encoding="utf-8")
    return root / LIBRARY_FILE_NAME


ENTRY = """  - id: {id}
    file: {file}
    alt: {alt}
    source: twemoji {code}
    licence: CC-BY-4.0
    attribution: Twemoji © Twitter, Inc. and other contributors
"""


def test_library_errors_name_file_line_and_field(tmp_path):
    entries = (
        ENTRY.format(id="botte", file="twemoji/1faa3.svg", alt="En bøtte.", code="1faa3")  # lines 2-7
        + ENTRY.format(id="botte", file="twemoji/1f9fc.svg", alt="Såpe.", code="1f9fc")  # 8-13: duplicate id
        + ENTRY.format(id="mangler", file="twemoji/1f9f9.svg", alt="En kost.", code="1f9f9")  # 14-19: no file
        + ENTRY.format(id="uten-alt", file="twemoji/1f9fc.svg", alt='""', code="1f9fc")  # 20-25: empty alt
        + ENTRY.format(id="uten-lisens", file="twemoji/1f9fc.svg", alt="Såpe.", code="1f9fc").replace(
            "    licence: CC-BY-4.0\n", ""
        )  # 26-30: no licence
    )
    file = write_library(tmp_path, entries)
    loaded = load_library(tmp_path)
    found = sorted((p.line, p.field, p.message) for p in loaded.problems if p.severity == "error")
    assert all(p.path == file for p in loaded.problems if p.severity == "error")
    assert found == [
        (8, "pictures[1].id", "duplicate picture id 'botte'"),
        (15, "pictures[2].file", f"file 'twemoji/1f9f9.svg' not found in {tmp_path}"),
        (22, "pictures[3].alt", "String should have at least 1 character"),
        (26, "pictures[4].licence", "required field is missing"),
    ]
    # The good entry stays usable; the broken ones are left out.
    assert set(loaded.pictures) == {"botte"} and loaded.pictures["botte"].file == "twemoji/1faa3.svg"


def test_library_checks_where_and_what_each_file_is(tmp_path):
    entries = ENTRY.format(id="feil-navn", file="twemoji/1f9fc.svg", alt="Såpe.", code="1faa3") + ENTRY.format(
        id="utenfor", file="../1faa3.svg", alt="Bøtte.", code="1faa3"
    )
    write_library(tmp_path, entries)
    (tmp_path / "twemoji" / "1f9f9.svg").write_text('<svg viewBox="0 0 36 36"/>', encoding="utf-8")
    messages = [str(p) for p in load_library(tmp_path).problems]
    assert any(
        "pictures[0].file: a Twemoji picture keeps the package's file name: expected 'twemoji/1faa3.svg'" in m
        for m in messages
    )
    assert any("pictures[1].file: '../1faa3.svg' must be a path inside the library folder" in m for m in messages)
    assert any(
        m.endswith("1f9f9.svg: warning: not in library.yaml: add an entry for it or remove the file") for m in messages
    )


def test_an_own_drawing_must_be_a_scalable_svg_without_ids_or_styles(tmp_path):
    own = """  - id: tegning
    file: own/tegning.svg
    alt: En tegning.
    source: own
    licence: CC-BY-4.0
    attribution: ksi-courses
"""
    write_library(tmp_path, own)
    (tmp_path / "own").mkdir()
    drawing = tmp_path / "own" / "tegning.svg"
    drawing.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>',
        encoding="utf-8",
    )

    def errors() -> list[str]:
        return [str(p) for p in load_library(tmp_path).problems if p.severity == "error"]

    assert errors() == [] and set(load_library(tmp_path).pictures) == {"tegning"}
    drawing.write_text('<svg viewBox="0 0 10 10"><rect id="a" width="5" height="5"/></svg>', encoding="utf-8")
    assert errors() == [
        f"{tmp_path / LIBRARY_FILE_NAME}:3: pictures[0].file: 'own/tegning.svg' has an id attribute (it would clash when a page shows the picture twice)"
    ]
    drawing.write_text('<svg viewBox="0 0 10 10"><rect style="fill:red" width="5"/></svg>', encoding="utf-8")
    assert "uses style" in errors()[0]
    drawing.write_text('<svg width="10" height="10"><rect width="5"/></svg>', encoding="utf-8")
    assert "not an SVG with a viewBox" in errors()[0]


def test_validate_reports_a_broken_library(monkeypatch, tmp_path, capsys):
    root = tmp_path / "bilder"
    write_library(root, ENTRY.format(id="mangler", file="twemoji/1f9f9.svg", alt="En kost.", code="1f9f9"))
    broken = load_library(root)
    assert main(["validate", str(MINI_COURSE)]) == 0
    capsys.readouterr()
    # Validate a course with no pictures, so no cached course depends on the broken library.
    folder = tmp_path / "uten-bilder"
    shutil.copytree(MINI_COURSE, folder)
    edit(folder / "lessons" / "handvask.yaml", "        picture: sape\n", "")
    edit(
        folder / "lessons" / "renholdsutstyr.yaml",
        "  - type: image\n    picture: botte\n    alt: En blå bøtte med hank.\n",
        "",
    )
    monkeypatch.setattr(pictures_module, "library", lambda: broken)
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{root / LIBRARY_FILE_NAME}:3: pictures[0].file: file 'twemoji/1f9f9.svg' not found" in err
    assert "1 error(s)" in err


# --- lessons that name pictures ------------------------------------------------------------


def test_the_mini_course_uses_a_picture_on_a_word_and_in_an_image_block():
    mini = load_course(MINI_COURSE)
    assert mini.lessons["handvask"].vocabulary[0].picture == "sape"
    [image] = mini.lessons["renholdsutstyr"].blocks_of(ImageBlock)
    assert (image.picture, image.src, image.alt) == ("botte", None, "En blå bøtte med hank.")


def test_unknown_picture_on_a_vocabulary_entry(course):
    line = edit(course / "lessons" / "handvask.yaml", "picture: sape", "picture: saape")
    problem = only_error(course)
    assert problem.path == course / "lessons" / "handvask.yaml" and problem.line == line
    assert problem.field == "blocks[2].entries[0].picture"
    assert problem.message.startswith("unknown picture 'saape': not in the picture library")
    assert "Did you mean 'sape'" in problem.message


def test_unknown_picture_in_an_image_block(course):
    line = edit(course / "lessons" / "renholdsutstyr.yaml", "picture: botte", "picture: bøtte")
    problem = only_error(course)
    assert (problem.line, problem.field) == (line, "blocks[1].picture")
    assert "String should match pattern" in problem.message  # not even an id: æøå are not allowed


def test_image_block_with_both_src_and_picture(course):
    line = edit(
        course / "lessons" / "renholdsutstyr.yaml",
        "    picture: botte\n",
        "    picture: botte\n    src: media/hender.svg\n",
    )
    problem = only_error(course)
    assert problem.path.name == "renholdsutstyr.yaml" and problem.line == line - 1  # the block's first line
    assert problem.field == "blocks[1].image"  # the image block at blocks[1]
    assert (
        problem.message
        == "an image has either 'src' (a file in the course folder) or 'picture' (a library id), not both"
    )


def test_image_block_with_neither_src_nor_picture(course):
    line = edit(course / "lessons" / "renholdsutstyr.yaml", "    picture: botte\n", "")
    problem = only_error(course)
    assert (problem.line, problem.field) == (line - 1, "blocks[1].image")
    assert (
        problem.message
        == "an image needs 'src' (a file in the course folder) or 'picture' (an id from the picture library)"
    )


def test_the_json_schema_has_the_picture_fields():
    defs = content_schema()["$defs"]
    for model in ("VocabularyEntry", "ImageBlock"):
        assert "picture" in defs[model]["properties"], model
        [as_id] = [b for b in defs[model]["properties"]["picture"]["anyOf"] if b.get("type") == "string"]
        assert as_id["enum"] == sorted(library().pictures) and "botte" in as_id["enum"]  # editors complete ids
        assert "picture" not in defs[model].get("required", []), model
    assert "src" not in defs["ImageBlock"].get("required", [])
    assert "alt" in defs["ImageBlock"]["required"]

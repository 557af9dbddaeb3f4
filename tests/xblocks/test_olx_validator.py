"""The OLX archives pass Open edX's own validator (olxcleaner's ``edx-cleaner``) and carry dates and an image."""

from __future__ import annotations

import struct
import tarfile
import zlib
from datetime import UTC, date, datetime, timedelta

import pytest
from olxcleaner import validate

from course_content import get_course
from course_content.cli import main
from course_content.loader import COURSES_DIR, course_dirs
from tests.paths import MINI_COURSE
from tests.xblocks.test_olx import MINI, Archive
from xblocks.course_image import HEIGHT, WIDTH, course_colours
from xblocks.olx import OlxOptions, write_archive

#: The one finding we expect: the validator knows only edx-platform's own blocks.
EXPECTED = "UnexpectedTag"


def cleaner_findings(archive_path, target) -> list[str]:
    """``edx-cleaner -c course.xml``'s findings (all levels) for the unpacked archive, as "LEVEL Name: text"."""
    with tarfile.open(archive_path, "r:gz") as tar:
        tar.extractall(target, filter="data")
    _, errors, _ = validate(str(target / "course" / "course.xml"), steps=8)
    return [f"{error.level} {error.name}: {error.description}" for error in errors.errors]


@pytest.mark.parametrize("slug", [folder.name for folder in course_dirs(COURSES_DIR)])
def test_edx_cleaner_finds_nothing_but_the_custom_block(slug, tmp_path):
    course = get_course(slug)
    write_archive(course, tmp_path / "course.tar.gz", OlxOptions(start=date(2026, 8, 17), end=date(2026, 12, 18)))
    findings = cleaner_findings(tmp_path / "course.tar.gz", tmp_path)
    unexpected = [line for line in findings if f" {EXPECTED}:" not in line]
    assert unexpected == []
    # One UnexpectedTag per lesson (the ksi_lesson element in its vertical), and nothing else.
    assert len(findings) == len(course.ordered_lessons())


def test_a_course_without_dates_is_flagged_by_the_validator(tmp_path):
    """The check above can fail: the validator does report a course run without start, end and image."""
    write_archive(MINI, tmp_path / "c.tar.gz", OlxOptions(start=date(2026, 8, 17)))
    with tarfile.open(tmp_path / "c.tar.gz", "r:gz") as tar:
        tar.extractall(tmp_path, filter="data")
    policy = tmp_path / "course" / "policies" / "v1" / "policy.json"
    policy.write_text('{"course/v1": {"advanced_modules": ["ksi_lesson"]}}')
    _, errors, _ = validate(str(tmp_path / "course" / "course.xml"), steps=8)
    missing = sorted(error.description for error in errors.errors if error.name == "InvalidSetting")
    assert [text.rsplit("'", 2)[-2] for text in missing] == ["course_image", "end", "start"]


def test_dates_default_to_today_and_a_year_on():
    today = datetime.now(UTC).date()
    assert OlxOptions().dates() == (today, today + timedelta(days=365))
    assert OlxOptions(start=date(2026, 1, 5)).dates() == (date(2026, 1, 5), date(2027, 1, 5))
    with pytest.raises(ValueError, match="--end 2026-01-05 must come after --start 2026-01-05"):
        OlxOptions(start=date(2026, 1, 5), end=date(2026, 1, 5)).dates()


def test_cli_sets_the_dates(tmp_path, capsys):
    target = tmp_path / "mini.tar.gz"
    assert main(["olx", str(MINI_COURSE), "-o", str(target), "--start", "2026-08-17", "--end", "2026-12-18"]) == 0
    assert "open 2026-08-17 to 2026-12-18" in capsys.readouterr().out
    policy = Archive(target).json("policies/v1/policy.json")["course/v1"]
    assert (policy["start"], policy["end"]) == ("2026-08-17T00:00:00Z", "2026-12-18T00:00:00Z")


def test_cli_explains_a_date_it_cannot_read(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["olx", str(MINI_COURSE), "-o", str(tmp_path / "x.tar.gz"), "--start", "17.08.2026"])
    assert exit_.value.code == 2
    assert "'17.08.2026' is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "x.tar.gz").exists()


def test_cli_explains_an_end_before_the_start(tmp_path, capsys):
    args = ["olx", str(MINI_COURSE), "-o", str(tmp_path / "x.tar.gz"), "--start", "2026-08-17", "--end", "2026-08-01"]
    assert main(args) == 2
    assert "--end 2026-08-01 must come after --start 2026-08-17" in capsys.readouterr().err
    assert not (tmp_path / "x.tar.gz").exists()


def test_course_image_is_a_png_in_the_course_colours(tmp_path):
    write_archive(MINI, tmp_path / "c.tar.gz", OlxOptions(start=date(2026, 8, 17)))
    png = Archive(tmp_path / "c.tar.gz").files["static/course_image.png"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height, depth, colour_type = struct.unpack(">IIBB", png[16:26])
    assert (width, height, depth, colour_type) == (WIDTH, HEIGHT, 8, 2)
    idat = png.index(b"IDAT")
    length = struct.unpack(">I", png[idat - 4 : idat])[0]
    pixels = zlib.decompress(png[idat + 4 : idat + 4 + length])
    row = WIDTH * 3 + 1
    dark, _, light = course_colours("mini-kurs")
    assert pixels[1:4] == bytes(dark)  # top-left pixel
    assert pixels[int(HEIGHT * 0.7) * row + 1 : int(HEIGHT * 0.7) * row + 4] == bytes(light)  # the band
    assert course_colours("matfag") != course_colours("salg-og-service")

"""The OLX archive, read back with tarfile and ElementTree, has the course's structure."""

from __future__ import annotations

import json
import tarfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from course_content import Course, load_course
from course_content.cli import main
from tests.paths import MINI_COURSE
from xblocks.olx import OlxOptions, write_archive

MINI = load_course(MINI_COURSE)


class Archive:
    """An OLX archive opened for reading: files by path inside the top ``course/`` folder."""

    def __init__(self, path: Path):
        with tarfile.open(path, "r:gz") as tar:
            members = tar.getmembers()
            self.names = [m.name for m in members]
            self.files = {m.name.removeprefix("course/"): tar.extractfile(m).read() for m in members if m.isfile()}

    def xml(self, path: str) -> ET.Element:
        assert path in self.files, f"{path} is referenced but not in the archive"
        return ET.fromstring(self.files[path])

    def json(self, path: str) -> dict:
        return json.loads(self.files[path])

    def structure(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """[(chapter title, [(sequential title, course_slug, lesson_id), ...]), ...] following url_names."""
        pointer = self.xml("course.xml")
        course = self.xml(f"course/{pointer.get('url_name')}.xml")
        chapters = []
        for chapter_ref in course.findall("chapter"):
            chapter = self.xml(f"chapter/{chapter_ref.get('url_name')}.xml")
            lessons = []
            for sequential_ref in chapter.findall("sequential"):
                sequential = self.xml(f"sequential/{sequential_ref.get('url_name')}.xml")
                (vertical_ref,) = sequential.findall("vertical")
                vertical = self.xml(f"vertical/{vertical_ref.get('url_name')}.xml")
                (block,) = vertical.findall("ksi_lesson")
                lessons.append((sequential.get("display_name"), block.get("course_slug"), block.get("lesson_id")))
            chapters.append((chapter.get("display_name"), lessons))
        return chapters


def expected_structure(course: Course) -> list[tuple[str, list[tuple[str, str, str]]]]:
    return [
        (module.title, [(lesson.title, course.slug, lesson.id) for lesson in course.lessons_in(module)])
        for module in course.modules
    ]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    path = tmp_path_factory.mktemp("olx") / "course.tar.gz"
    write_archive(MINI, path, OlxOptions(start=date(2026, 8, 17)))
    return Archive(path)


def test_everything_is_under_one_course_folder(archive):
    assert archive.names[0] == "course" and all(name.startswith("course/") for name in archive.names[1:])
    assert {"course.xml", "course/v1.xml", "policies/v1/policy.json", "policies/v1/grading_policy.json",
            "about/overview.html"} <= set(archive.files)


def test_structure_follows_modules_and_lessons(archive):
    assert archive.structure() == expected_structure(MINI)


def test_course_key_and_url_names_are_stable(archive):
    pointer = archive.xml("course.xml")
    assert dict(pointer.attrib) == {"url_name": "v1", "org": "KSI", "course": "mini-kurs"}
    assert archive.xml("course/v1.xml").attrib == {"display_name": "Minikurs for testing", "language": "nb"}
    assert sorted(p for p in archive.files if p.startswith(("chapter/", "sequential/", "vertical/"))) == [
        "chapter/mini-kurs__modul-en__module.xml",
        "sequential/mini-kurs__handvask.xml",
        "sequential/mini-kurs__renholdsutstyr.xml",
        "vertical/mini-kurs__handvask__unit.xml",
        "vertical/mini-kurs__renholdsutstyr__unit.xml",
    ]
    block = archive.xml("vertical/mini-kurs__handvask__unit.xml").find("ksi_lesson")
    document = json.loads(block.attrib.pop("lesson_document"))  # tests/xblocks/test_lesson_document.py
    assert (document["course"]["slug"], document["lesson"]["id"]) == ("mini-kurs", "handvask")
    assert block.attrib == {
        "url_name": "mini-kurs__handvask__lesson", "display_name": "Håndvask",
        "course_slug": "mini-kurs", "lesson_id": "handvask", "weight": "1.0",
    }


def test_every_url_name_resolves_to_a_file(archive):
    # Containers point at files; the ksi_lesson leaf is inline (see xblocks.olx on pointer tags).
    for path, data in archive.files.items():
        if path.endswith(".xml") and path != "course.xml":
            for child in ET.fromstring(data):
                if child.tag != "ksi_lesson":
                    assert f"{child.tag}/{child.get('url_name')}.xml" in archive.files


def test_only_lessons_with_a_quiz_are_graded(archive):
    graded = archive.xml("sequential/mini-kurs__handvask.xml")
    assert (graded.get("graded"), graded.get("format")) == ("true", "Quiz")
    assert archive.xml("sequential/mini-kurs__renholdsutstyr.xml").get("graded") is None
    policy = archive.json("policies/v1/grading_policy.json")
    assert policy["GRADER"] == [{"type": "Quiz", "short_label": "Quiz", "min_count": 1, "drop_count": 0, "weight": 1.0}]
    assert policy["GRADE_CUTOFFS"] == {"Pass": 0.5}


def test_policy_enables_the_block_and_dates_the_course(archive):
    assert archive.json("policies/v1/policy.json") == {
        "course/v1": {
            "advanced_modules": ["ksi_lesson"],
            "course_image": "course_image.png",
            "end": "2027-08-17T00:00:00Z",
            "short_description": "Et lite kurs som testene bruker.",
            "start": "2026-08-17T00:00:00Z",
        }
    }


def test_about_page_is_the_course_description(archive):
    overview = archive.files["about/overview.html"].decode()
    description = MINI.description
    for text in (description.target_group, description.prerequisites, description.organisation,
                 description.assessment, description.certificate, *description.goals):
        assert text in overview
    assert "1 uke, 2 timer i uka (2 timer i alt)" in overview
    assert archive.files["about/short_description.html"].decode() == MINI.summary


def test_the_lesson_element_builds_a_working_block(archive, runtime):
    element = archive.xml("vertical/mini-kurs__handvask__unit.xml").find("ksi_lesson")
    block = runtime.get_block(runtime.parse_xml_string(ET.tostring(element)))
    assert (block.course_slug, block.lesson_id, block.display_name) == ("mini-kurs", "handvask", "Håndvask")
    assert "Hva er viktigst for å stoppe smitte?" in block.render("student_view").content


def test_archive_is_reproducible(tmp_path):
    write_archive(MINI, tmp_path / "a.tar.gz")
    write_archive(MINI, tmp_path / "b.tar.gz")
    assert (tmp_path / "a.tar.gz").read_bytes() == (tmp_path / "b.tar.gz").read_bytes()


def test_options_change_the_course_key(tmp_path):
    write_archive(MINI, tmp_path / "c.tar.gz", OlxOptions(org="Oslo", run="2025h", pass_mark=0.8))
    archive = Archive(tmp_path / "c.tar.gz")
    assert archive.xml("course.xml").attrib == {"url_name": "2025h", "org": "Oslo", "course": "mini-kurs"}
    assert archive.json("policies/2025h/grading_policy.json")["GRADE_CUTOFFS"] == {"Pass": 0.8}


def test_cli_writes_the_archive(tmp_path, capsys):
    target = tmp_path / "mini.tar.gz"
    assert main(["olx", str(MINI_COURSE), "-o", str(target)]) == 0
    assert "course-v1:KSI+mini-kurs+v1, 1 modules, 2 lessons (1 graded)" in capsys.readouterr().out
    assert Archive(target).structure() == expected_structure(MINI)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-course"], "no course 'no-such-course'"),
        ([str(MINI_COURSE), "--org", "Oslo kommune"], "--org 'Oslo kommune': use only letters"),
        ([str(MINI_COURSE), "--pass-mark", "80"], "pass mark 80.0 must be between 0 and 1"),
    ],
)
def test_cli_explains_bad_input(tmp_path, capsys, args, message):
    assert main(["olx", *args, "-o", str(tmp_path / "x.tar.gz")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.tar.gz").exists()

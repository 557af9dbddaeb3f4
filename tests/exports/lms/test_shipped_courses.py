"""Every shipped course builds as a site (no PDFs): a page per lesson and module, every word in
the word list, no teacher notes, no request leaving the site; and as a SCORM package and a
Common Cartridge whose manifests list every file."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from course_content import shipped_courses
from exports.lms.cartridge import build_cartridge
from exports.lms.scorm import ScormOptions, build_scorm
from exports.lms.site import build_site, course_vocabulary
from tests.exports.lms.package_checks import (
    assert_answer_key_only_for_quizzes,
    assert_no_teacher_notes,
    cartridge_problems,
    external_requests,
)

SLUGS = sorted(shipped_courses())


@pytest.fixture(scope="module", params=SLUGS)
def built(request):
    course = shipped_courses()[request.param]
    return course, build_site(course)


def test_counts(built):
    course, files = built
    lessons = [path for path in files if path.startswith("timer/")]
    modules = [path for path in files if path.startswith("moduler/")]
    assert len(lessons) == len(course.ordered_lessons()) > 10
    assert len(modules) == len(course.modules)
    word_list = files["ordliste.html"].decode()
    entries = course_vocabulary(course)
    assert word_list.count('<th scope="row">') == len(entries) > 50
    quizzes = sum(len(lesson.quizzes) for lesson in course.ordered_lessons())
    assert (
        sum(
            page.decode().count('<form class="ksi-quiz-form"')
            for path, page in files.items()
            if path.startswith("timer/")
        )
        == quizzes
    )


def test_private_and_self_contained(built):
    course, files = built
    assert_no_teacher_notes(files, course)
    assert_answer_key_only_for_quizzes(files, course)
    assert external_requests(files) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_scorm_and_cartridge(slug):
    course = shipped_courses()[slug]
    scorm = build_scorm(course, ScormOptions(version="2004", sco="module"))
    manifest = ET.fromstring(scorm["imsmanifest.xml"])
    listed = {node.get("href") for node in manifest.iter("{http://www.imsglobal.org/xsd/imscp_v1p1}file")}
    assert listed == set(scorm) - {"imsmanifest.xml"}
    assert sum(path.startswith("moduler/") for path in scorm) == len(course.modules)
    cartridge = build_cartridge(course)
    assert cartridge_problems(cartridge) == []
    quizzes = sum(len(lesson.quizzes) for lesson in course.ordered_lessons())
    assert sum(path.endswith("assessment.xml") for path in cartridge) == quizzes

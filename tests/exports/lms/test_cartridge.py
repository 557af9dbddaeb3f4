"""The Common Cartridge of the mini course: manifest and QTI follow the CC 1.3 rules, quizzes keep
their answers in response processing only, lessons carry no scripts and no teacher notes."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

import pytest

from course_content.cli import main
from exports.lms.cartridge import build_cartridge
from tests.exports.lms.package_checks import (
    QTI,
    assert_no_teacher_notes,
    cartridge_problems,
    external_requests,
)
from tests.paths import MINI_COURSE


@pytest.fixture(scope="module")
def cartridge(mini_course):
    return build_cartridge(mini_course)


def test_follows_the_cc_rules(cartridge):
    assert cartridge_problems(cartridge) == []
    assert sorted(path for path in cartridge if path.endswith("assessment.xml")) == [
        "ksi-quiz-handvask-quiz/assessment.xml"
    ]


def test_the_rules_catch_a_broken_cartridge(cartridge):
    broken = dict(cartridge)
    del broken["web_resources/timer/handvask.html"]
    broken["ksi-quiz-handvask-quiz/assessment.xml"] = broken["ksi-quiz-handvask-quiz/assessment.xml"].replace(
        b'rcardinality="Multiple"', b'rcardinality="Single"'
    )
    problems = cartridge_problems(broken)
    assert any("missing files" in p for p in problems)
    assert any("rcardinality Multiple" in p for p in problems)


def test_quiz_items_score_the_right_answers(cartridge, mini_course):
    root = ET.fromstring(cartridge["ksi-quiz-handvask-quiz/assessment.xml"])
    items = {item.get("ident").rsplit("-", 1)[-1]: item for item in root.iter(f"{QTI}item")}
    quiz = mini_course.lessons["handvask"].quizzes[0]
    assert list(items) == [q.id for q in quiz.questions]
    for question in quiz.questions:
        item = items[question.id]
        right = [
            int(v.text.rsplit("-", 1)[-1])
            for v in item.iter(f"{QTI}varequal")
            if v not in {n for x in item.iter(f"{QTI}not") for n in x}
        ]
        assert sorted(right) == sorted(question.correct_choices())
        assert item.find(f"{QTI}itemfeedback").findtext(f".//{QTI}mattext") == question.explanation
    labels = [m.text for m in items["q3"].iter(f"{QTI}mattext")][1:3]
    assert labels == ["Sant", "Usant"]


def test_lessons_have_no_scripts_no_key_no_teacher_notes(cartridge, mini_course):
    assert_no_teacher_notes(cartridge, mini_course, shortest=10)
    assert external_requests(cartridge) == []
    for path, data in cartridge.items():
        if path.endswith(".html"):
            page = data.decode()
            assert "<script" not in page and '"correct"' not in page, path
    assert "Denne quizen er en egen oppgave i kurset" in cartridge["web_resources/timer/handvask.html"].decode()


def test_cli_writes_an_imscc(tmp_path):
    output = tmp_path / "kurs.imscc"
    assert main(["cc", str(MINI_COURSE), "-o", str(output)]) == 0
    with zipfile.ZipFile(output) as archive:
        assert "imsmanifest.xml" in archive.namelist()

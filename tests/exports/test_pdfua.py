"""PDF/UA with an independent checker: ``outloud`` finds no error in any kind of document we print.

One of each kind per shipped course (booklet, teacher edition, a handout in every vocabulary
language, a vocabulary list, every form blank and fillable, every template, the attendance list,
a certificate and a password sheet) is rendered once for this module and checked in one
``outloud`` run. Warnings are allowed only for the rules ``exports/README.md`` explains (causes in
WeasyPrint or in the checker's heuristics); on the mini course their counts are pinned.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf.generic import NullObject

from course_content import load_course
from course_content.base import LANGUAGES
from course_content.loader import COURSES_DIR, course_dirs
from exports.attendance import AttendanceSheet, render_attendance_pdf
from exports.course_run import (
    CertificateData,
    LoginSlip,
    PasswordSheet,
    render_certificate_pdf,
    render_password_sheet_pdf,
)
from exports.filled_templates import render_template_pdf
from exports.forms import form_file_name, render_form_pdf
from exports.pdf import PdfOptions, render_pdf
from tests.exports.pdfread import Pdf, no_render_warnings

OUTLOUD = Path(sys.executable).with_name("outloud")
SHIPPED = course_dirs(COURSES_DIR)
#: A vocabulary list per course, in a different script each time (Arabic, Ethiopic, Cyrillic); the
#: other languages' lists are checked on the mini course (short lists, same templates).
VOCABULARY_LANGUAGE = dict(zip(sorted(path.name for path in SHIPPED), ("ar", "ti", "uk"), strict=False))
MINI_VOCABULARY_LANGUAGES = ("ti", "en", "so", "prs", "ru")

#: A realistic class for the attendance list: a week of sessions, five participants.
WEEK = [date(2026, 8, 17 + day) for day in range(5)]
PARTICIPANTS = ["Amina Hassan", "Yonas Tesfay", "Olena Kovalenko", "Ahmad Rahimi", "Hodan Warsame"]

#: Warnings that stay, by document kind; why each cannot be fixed on our side: exports/README.md.
ALLOWED_WARNINGS = {
    "booklet": {"ORD-001", "PAG-001"},
    "teacher": {"ORD-001", "PAG-001"},
    "handout": {"ORD-001", "PAG-001"},
    "vocabulary": {"PAG-001"},
    "form": {"TBL-012", "TBL-014", "ORD-001", "PAG-001"},
    "form-fillable": {"TBL-012", "TBL-014", "ORD-001", "PAG-001", "TAG-003"},
    "template": {"ORD-001", "TBL-012", "LNK-010", "PAG-001"},
    "certificate": {"ORD-001"},
    "password-sheet": set(),
}
#: Rules whose causes were ours and are fixed: they must not come back as warnings either.
FIXED_RULES = {"HDG-001", "TBL-002", "TBL-010", "LST-002", "LST-003", "LNK-004", "TAG-001", "TAG-002"}


def check(files: dict[str, bytes], folder: Path) -> dict[str, dict]:
    """Write ``files`` into ``folder`` and run outloud over them once: its result per file name."""
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    report = folder / "outloud.json"
    subprocess.run([str(OUTLOUD), "-q", "--json", str(report), *files], cwd=folder, capture_output=True, check=False)
    results = json.loads(report.read_text())["results"]
    assert sorted(result["path"] for result in results) == sorted(files), "outloud did not check every file"
    return {result["path"]: result for result in results}


def warnings_by_rule(result: dict) -> Counter:
    counts: Counter = Counter()
    for finding in result["findings"]:
        if finding["severity"] == "warning":
            counts[finding["rule"]] += finding.get("count") or 1
    return counts


def kind_of(name: str) -> str:
    stem = name.split("/", 1)[1].removesuffix(".pdf")
    for kind in ("booklet", "teacher", "handout", "vocabulary", "template", "certificate", "password-sheet"):
        if stem.startswith(kind):
            return kind
    return "form-fillable" if stem.endswith(("-utfyllbar", "-fillable")) else "form"


def course_documents(course, vocabulary_language: str) -> dict[str, bytes]:
    """One of each kind of document for ``course``, by file name."""
    lesson = course.ordered_lessons()[0].id
    docs = {
        "booklet.pdf": render_pdf(course, PdfOptions(), cache=None),
        "teacher.pdf": render_pdf(course, PdfOptions(edition="teacher"), cache=None),
        f"vocabulary-{vocabulary_language}.pdf": render_pdf(course, PdfOptions(language=vocabulary_language), cache=None),
        "handout.pdf": render_pdf(course, PdfOptions(lesson_id=lesson), cache=None),
        "handout-teacher.pdf": render_pdf(course, PdfOptions(lesson_id=lesson, edition="teacher"), cache=None),
    }
    for language in LANGUAGES:
        docs[f"handout-{language}.pdf"] = render_pdf(course, PdfOptions(lesson_id=lesson, language=language), cache=None)
    for form in course.forms.values():
        for fillable in (False, True):
            docs[f"form-{form_file_name(form, fillable=fillable)}"] = render_form_pdf(course, form, fillable=fillable)
    for template_id in course.templates:
        docs[f"template-{template_id}.pdf"] = render_template_pdf(course, template_id, today=date(2026, 8, 17))
    sheet = AttendanceSheet("Høst 2026", "Storgata 1", "Kari Lærer", WEEK, PARTICIPANTS)
    docs["form-attendance.pdf"] = render_attendance_pdf(course, sheet)
    docs["form-attendance-fillable.pdf"] = render_attendance_pdf(course, sheet, fillable=True)
    docs["certificate.pdf"] = render_certificate_pdf(
        CertificateData(
            name="Amina Hassan", course_title=course.title, start_date=date(2026, 8, 17), end_date=date(2026, 12, 18),
            issued_on=date(2026, 12, 18), verification_url="https://kurs.example.no/ksi/bevis/Q2x9/", code="Q2x9",
            hours=Decimal("150"), place="Voksenopplæringen", modules=tuple(module.title for module in course.modules),
        )
    )
    docs["password-sheet.pdf"] = render_password_sheet_pdf(
        PasswordSheet("Høst 2026", "https://kurs.example.no/logg-inn/", (LoginSlip("Amina Hassan", "amina", "sol-7-eple"),))
    )
    return docs


@pytest.fixture(scope="module")
def shipped_results(tmp_path_factory) -> dict[str, dict]:
    files = {}
    with no_render_warnings():
        for path in SHIPPED:
            course = load_course(path)
            for name, data in course_documents(course, VOCABULARY_LANGUAGE.get(path.name, "ar")).items():
                files[f"{path.name}/{name}"] = data
    return check(files, tmp_path_factory.mktemp("pdfua"))


def test_every_kind_of_document_is_checked(shipped_results):
    kinds = {(name.split("/")[0], kind_of(name)) for name in shipped_results}
    assert kinds == {(path.name, kind) for path in SHIPPED for kind in ALLOWED_WARNINGS}


def test_every_course_has_its_handouts_in_every_language_and_its_fillable_forms_checked(shipped_results):
    for path in SHIPPED:
        assert {f"{path.name}/handout-{language}.pdf" for language in LANGUAGES} <= set(shipped_results)
    fillable = {name.split("/")[0] for name in shipped_results if kind_of(name) == "form-fillable"}
    assert fillable == {path.name for path in SHIPPED}


def test_no_document_has_a_pdfua_error(shipped_results):
    failing = {
        name: [f"{f['rule']}: {f['message']}" for f in result["findings"] if f["severity"] == "error"]
        for name, result in shipped_results.items()
        if result["counts"]["error"] or result["error"]
    }
    assert failing == {}


def test_only_documented_warnings_remain(shipped_results):
    unexplained = {
        name: sorted(set(warnings_by_rule(result)) - ALLOWED_WARNINGS[kind_of(name)])
        for name, result in shipped_results.items()
    }
    assert {name: rules for name, rules in unexplained.items() if rules} == {}
    fixed = {name: sorted(FIXED_RULES & set(warnings_by_rule(result))) for name, result in shipped_results.items()}
    assert {name: rules for name, rules in fixed.items() if rules} == {}


@pytest.fixture(scope="module")
def mini_results(mini_course, participant_pdf, teacher_pdf, tmp_path_factory) -> dict[str, dict]:
    lesson = mini_course.ordered_lessons()[0].id
    with no_render_warnings():
        files = {
            "mini/booklet.pdf": participant_pdf.data,
            "mini/teacher.pdf": teacher_pdf.data,
            "mini/handout-ar.pdf": render_pdf(mini_course, PdfOptions(lesson_id=lesson, language="ar"), cache=None),
            **{
                f"mini/vocabulary-{language}.pdf": render_pdf(mini_course, PdfOptions(language=language), cache=None)
                for language in MINI_VOCABULARY_LANGUAGES
            },
        }
    return check(files, tmp_path_factory.mktemp("pdfua-mini"))


def test_warning_counts_are_pinned_on_the_mini_course(mini_results):
    """Content does not change here, so a count that moves means the tagging did: update README and this pin."""
    counts = {name: dict(warnings_by_rule(result)) for name, result in mini_results.items()}
    assert counts == {
        "mini/booklet.pdf": {"ORD-001": 1},
        "mini/teacher.pdf": {"ORD-001": 2},
        "mini/handout-ar.pdf": {},
        **{f"mini/vocabulary-{language}.pdf": {} for language in MINI_VOCABULARY_LANGUAGES},
    }
    assert all(result["counts"]["error"] == 0 for result in mini_results.values())


def test_a_vocabulary_list_in_every_language_is_checked(shipped_results, mini_results):
    checked = {name.rsplit("-", 1)[1].removesuffix(".pdf") for name in [*shipped_results, *mini_results] if "/vocabulary-" in name}
    assert checked == set(LANGUAGES)


def _languages(pdf: Pdf) -> Counter:
    """(role, /Lang) of every structure element that names its own language."""
    found: Counter = Counter()

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/Lang" in node:
            found[(str(node["/S"]).lstrip("/"), str(node["/Lang"]))] += 1
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(pdf.reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("language", ["ar", "ti", "prs"])
def test_foreign_text_carries_its_language_in_the_structure_tree(mini_course, language):
    lesson = next(lesson for lesson in mini_course.ordered_lessons() if lesson.vocabulary)
    with no_render_warnings():
        pdf = Pdf(render_pdf(mini_course, PdfOptions(lesson_id=lesson.id, language=language), cache=None))
    assert pdf.reader.trailer["/Root"]["/Lang"] == "nb"
    languages = _languages(pdf)
    entries = len(lesson.vocabulary)
    # The column header and one cell per word, each with the text inside it.
    assert languages[("TH", language)] == 1
    assert languages[("TD", language)] == entries
    assert languages[("Span", language)] >= entries + 1
    assert {lang for _, lang in languages} == {language}


def test_norwegian_only_documents_name_no_other_language(participant_pdf):
    assert _languages(participant_pdf) == Counter()


def _elements(pdf: Pdf, role: str) -> list:
    found = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if node.get("/S") == role:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(pdf.reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_header_cells_list_items_and_links_are_complete(teacher_pdf):
    headers = _elements(teacher_pdf, "/TH")
    assert headers and {str(th["/A"]["/Scope"]) for th in headers} == {"/Column"}
    items = _elements(teacher_pdf, "/LI")
    assert items and all("/LBody" in [kid.get_object().get("/S") for kid in item["/K"]] for item in items)
    links = [annot.get_object() for page in teacher_pdf.reader.pages for annot in page.get("/Annots", [])]
    assert links and all(int(link["/F"]) & 4 for link in links if link["/Subtype"] == "/Link")


def test_running_heads_are_artifacts_outside_the_tree(participant_pdf):
    """The page furniture's text is marked /Artifact in the page content, and the tree holds no element for it."""
    content = participant_pdf.reader.pages[2].get_contents().get_data()
    # Course and module on the running head, and the page number.
    assert len(re.findall(rb"/Artifact\s*<<\s*/Type /Pagination\s*>>\s*BDC", content)) == 3
    nums = participant_pdf.reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    claimed = nums[nums.index(2) + 1]
    assert sum(isinstance(entry, NullObject) for entry in claimed) == 3

"""Checks every LMS package must pass: no teacher notes, the answer key only where a quiz needs it,
no request to another host, every file a manifest names present."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from course_content import Course
from course_content.blocks import QuizBlock, TeacherNoteBlock

URL = re.compile(r"https?://[^\s\"'<>)]+")
XML_NAMESPACE = re.compile(r"""xmlns(?::[\w-]+)?=["']https?://[^"']+["']""")
QUIZ_KEY = re.compile(r'<script type="application/json" id="ksi-quiz-key">(.*?)</script>', re.S)


def teacher_note_texts(course: Course, shortest: int = 30) -> list[str]:
    """Sentences of teacher notes (what a package must never contain). Labels such as a
    material ("Et termometer") may appear in participant text too; a whole sentence may not."""
    sentences = []
    for lesson in course.ordered_lessons():
        for note in lesson.blocks_of(TeacherNoteBlock):
            for text in (note.body, note.preparation, note.adaptation):
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text)]
    return [s for s in dict.fromkeys(sentences) if len(s) >= shortest]


def text_files(files: dict[str, bytes]) -> dict[str, str]:
    return {
        path: data.decode("utf-8")
        for path, data in files.items()
        if path.endswith((".html", ".css", ".js", ".xml", ".svg", ".txt"))
    }


def assert_no_teacher_notes(files: dict[str, bytes], course: Course, shortest: int = 30) -> None:
    sentences = teacher_note_texts(course, shortest)
    assert sentences, "the course has no teacher-note sentence to look for"
    for path, text in text_files(files).items():
        for sentence in sentences:
            assert sentence not in text, f"{path} holds teacher-note text {sentence!r}"


def assert_answer_key_only_for_quizzes(files: dict[str, bytes], course: Course) -> None:
    """The correct choices and explanations appear only in a page's quiz-key script, and a page's
    key holds only the quizzes of the lessons on that page."""
    participant_text = json.dumps(
        [
            block.model_dump(mode="json")
            for lesson in course.ordered_lessons()
            for block in lesson.blocks
            if not isinstance(block, QuizBlock | TeacherNoteBlock)
        ],
        ensure_ascii=False,
    )
    # An explanation that repeats the lesson's own text may of course be on the page.
    explanations = [
        q.explanation
        for lesson in course.ordered_lessons()
        for quiz in lesson.quizzes
        for q in quiz.questions
        if q.explanation not in participant_text
    ]
    for path, text in text_files(files).items():
        keys = QUIZ_KEY.findall(text)
        rest = QUIZ_KEY.sub("", text)
        for explanation in explanations:
            assert explanation not in rest, f"{path}: a quiz explanation outside the quiz key: {explanation!r}"
        assert '"correct"' not in rest, f"{path}: correct answers outside the quiz key"
        for key in keys:
            lessons = json.loads(key)
            for lesson_id, quizzes in lessons.items():
                assert f'data-lesson="{lesson_id}"' in text, (
                    f"{path}: quiz key of lesson {lesson_id}, which is not on the page"
                )
                for quiz_id in quizzes:
                    assert f'data-quiz="{quiz_id}"' in text, f"{path}: key of quiz {quiz_id}, which is not on the page"


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value:
                self.found.append((tag, name, value))


def external_requests(files: dict[str, bytes]) -> list[str]:
    """Every http(s) URL a file could load. Allowed: links a person clicks (``<a href>``),
    XML namespace names, and text in plain-text files (the font licence)."""
    problems = []
    for path, text in text_files(files).items():
        if path.endswith(".txt"):
            continue
        if path.endswith(".html"):
            parser = _Attributes()
            parser.feed(text)
            for tag, name, value in parser.found:
                if URL.search(value) and not (tag == "a" and name == "href") and not name.startswith("xmlns"):
                    problems.append(f"{path}: <{tag} {name}={value!r}>")
            # Inline SVG, styles and scripts: nothing but namespace names may hold a URL.
            for block in re.findall(r"<(?:svg|style|script)\b.*?</(?:svg|style|script)>", text, re.S):
                problems += [f"{path}: {url}" for url in URL.findall(XML_NAMESPACE.sub("", block))]
        else:
            problems += [f"{path}: {url}" for url in URL.findall(XML_NAMESPACE.sub("", text))]
    return problems


# Common Cartridge 1.3: the structural rules the profile names (no XSD ships with any package we use).
CC = "{http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1}"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CC_RESOURCE_TYPES = {"webcontent", "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"}
CC_ITEM_PROFILES = {
    "cc.multiple_choice.v0p1": "Single",
    "cc.multiple_response.v0p1": "Multiple",
    "cc.true_false.v0p1": "Single",
}
#: The QTI 1.2 elements the CC 1.3 assessment profile uses for these question types.
QTI_ELEMENTS = {
    "questestinterop",
    "assessment",
    "qtimetadata",
    "qtimetadatafield",
    "fieldlabel",
    "fieldentry",
    "section",
    "item",
    "itemmetadata",
    "presentation",
    "material",
    "mattext",
    "response_lid",
    "render_choice",
    "response_label",
    "resprocessing",
    "outcomes",
    "decvar",
    "respcondition",
    "conditionvar",
    "varequal",
    "and",
    "not",
    "other",
    "setvar",
    "displayfeedback",
    "itemfeedback",
    "flow_mat",
}


def cartridge_problems(files: dict[str, bytes]) -> list[str]:
    """What breaks the CC 1.3 rules in a cartridge (``[]`` when nothing does)."""
    from xml.etree import ElementTree as ET

    problems: list[str] = []
    root = ET.fromstring(files["imsmanifest.xml"])
    if root.tag != f"{CC}manifest":
        return [f"manifest root is {root.tag}"]
    if (root.findtext(f"{CC}metadata/{CC}schema"), root.findtext(f"{CC}metadata/{CC}schemaversion")) != (
        "IMS Common Cartridge",
        "1.3.0",
    ):
        problems.append("metadata must name schema 'IMS Common Cartridge' version 1.3.0")
    organizations = root.findall(f"{CC}organizations/{CC}organization")
    if len(organizations) != 1 or organizations[0].get("structure") != "rootcollection":
        problems.append("one organization with structure='rootcollection'")
    top = organizations[0].findall(f"{CC}item") if organizations else []
    if len(top) != 1 or top[0].get("identifierref"):
        problems.append("the organization holds one root item that names no resource")
    resources = {r.get("identifier"): r for r in root.iter(f"{CC}resource")}
    identifiers = [node.get("identifier") for node in root.iter() if node.get("identifier")]
    if len(identifiers) != len(set(identifiers)):
        problems.append("identifiers repeat")
    for item in root.iter(f"{CC}item"):
        ref = item.get("identifierref")
        if ref and ref not in resources:
            problems.append(f"item {item.get('identifier')} names missing resource {ref}")
        if item is not (top[0] if top else None) and not item.findtext(f"{CC}title"):
            problems.append(f"item {item.get('identifier')} has no title")
    listed: set[str] = set()
    for identifier, resource in resources.items():
        kind = resource.get("type")
        if kind not in CC_RESOURCE_TYPES:
            problems.append(f"resource {identifier}: type {kind} is not one this cartridge should use")
        hrefs = [f.get("href") for f in resource.findall(f"{CC}file")]
        listed |= set(hrefs)
        missing = [href for href in hrefs if href not in files]
        if missing:
            problems.append(f"resource {identifier} lists missing files {missing}")
        if resource.get("href") and resource.get("href") not in hrefs:
            problems.append(f"resource {identifier}: href is not among its files")
        for dependency in resource.findall(f"{CC}dependency"):
            if dependency.get("identifierref") not in resources:
                problems.append(f"resource {identifier} depends on missing {dependency.get('identifierref')}")
        if kind.startswith("imsqti"):
            if resource.get("href") or len(hrefs) != 1:
                problems.append(f"assessment {identifier}: one file and no href")
            elif hrefs[0] in files:
                problems += [f"{hrefs[0]}: {p}" for p in qti_problems(ET.fromstring(files[hrefs[0]]))]
    unlisted = set(files) - listed - {"imsmanifest.xml"}
    if unlisted:
        problems.append(f"files no resource lists: {sorted(unlisted)[:5]}")
    return problems


def _fields(node) -> dict[str, str]:
    return {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") for f in node.iter(f"{QTI}qtimetadatafield")}


def qti_problems(root) -> list[str]:
    problems = []
    if root.tag != f"{QTI}questestinterop":
        return [f"root is {root.tag}"]
    for node in root.iter():
        name = node.tag.removeprefix(QTI)
        if name not in QTI_ELEMENTS:
            problems.append(f"element {name} is not in the CC QTI profile")
    assessments = root.findall(f"{QTI}assessment")
    if len(assessments) != 1 or _fields(assessments[0].find(f"{QTI}qtimetadata")).get("cc_profile") != "cc.exam.v0p1":
        problems.append("one assessment with cc_profile cc.exam.v0p1")
    for item in root.iter(f"{QTI}item"):
        profile = _fields(item.find(f"{QTI}itemmetadata")).get("cc_profile")
        if profile not in CC_ITEM_PROFILES:
            problems.append(f"item {item.get('ident')}: cc_profile {profile}")
            continue
        lids = item.findall(f"{QTI}presentation/{QTI}response_lid")
        if len(lids) != 1 or lids[0].get("rcardinality") != CC_ITEM_PROFILES[profile]:
            problems.append(f"item {item.get('ident')}: one response_lid with rcardinality {CC_ITEM_PROFILES[profile]}")
            continue
        labels = {label.get("ident") for label in lids[0].iter(f"{QTI}response_label")}
        if profile == "cc.true_false.v0p1" and len(labels) != 2:
            problems.append(f"item {item.get('ident')}: true/false needs two choices")
        values = list(item.iter(f"{QTI}varequal"))
        if not values or any(v.get("respident") != lids[0].get("ident") or v.text not in labels for v in values):
            problems.append(f"item {item.get('ident')}: varequal must name the response and one of its labels")
        if not [s for s in item.iter(f"{QTI}setvar") if s.get("varname") == "SCORE" and s.text == "100"]:
            problems.append(f"item {item.get('ident')}: a right answer sets SCORE to 100")
    return problems

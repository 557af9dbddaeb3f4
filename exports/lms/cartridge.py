"""A course as an IMS Common Cartridge 1.3 (``.imscc``): lessons as web content, quizzes as QTI
assessments (:mod:`.qti`), in the course's module order.

Layout::

    imsmanifest.xml
    web_resources/timer/<lesson>.html   a lesson (no scripts: an LMS strips them; the quizzes
                                        are the cartridge's own assessments)
    web_resources/assets/…, media/…     styles, fonts, images: one webcontent resource the
                                        lessons depend on
    <lesson>-<quiz>/assessment.xml      a quiz

The organisation follows the CC 1.3 profile: one ``organization`` with
``structure="rootcollection"`` holding one root item; under it an item per module (a folder
in the LMS) holding an item per lesson and per quiz, each naming its resource. Teacher notes never
enter the cartridge; the answer key only inside the quizzes' response processing.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from course_content import Course

from .qti import assessment_xml
from .site import SiteOptions, build_site, lesson_path

NAMESPACES = {
    "": "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1",
    "lomimscc": "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest",
}
WEB = "web_resources"
WEBCONTENT = "webcontent"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
SHARED = "ksi-shared"


def quiz_ident(lesson_id: str, quiz_id: str) -> str:
    return f"ksi-quiz-{lesson_id}-{quiz_id}"


def quiz_title(lesson_title: str, quiz_title: str) -> str:
    """Quizzes are often called "Test deg selv": the lesson's title tells them apart in the LMS."""
    return f"{lesson_title}: {quiz_title}"


def build_cartridge(course: Course) -> dict[str, bytes]:
    """Every file of the cartridge, by path."""
    site = build_site(course, SiteOptions(interactive=False, navigation=False))
    lesson_pages = {lesson_path(lesson.id) for lesson in course.ordered_lessons()}
    files = {f"{WEB}/{path}": data for path, data in site.items() if path in lesson_pages or not path.endswith(".html")}
    for lesson in course.ordered_lessons():
        for quiz in lesson.quizzes:
            ident = quiz_ident(lesson.id, quiz.id)
            files[f"{ident}/assessment.xml"] = assessment_xml(ident, quiz_title(lesson.title, quiz.title), quiz)
    files["imsmanifest.xml"] = manifest(
        course,
        sorted(
            path for path in files if path.startswith(f"{WEB}/") and path.removeprefix(f"{WEB}/") not in lesson_pages
        ),
    )
    return files


def manifest(course: Course, shared_files: list[str]) -> bytes:
    ET.register_namespace("lomimscc", NAMESPACES["lomimscc"])
    ns, lom = NAMESPACES[""], NAMESPACES["lomimscc"]

    def element(parent, tag: str, text: str | None = None, namespace: str | None = None, **attributes) -> ET.Element:
        node = ET.SubElement(parent, f"{{{namespace}}}{tag}" if namespace else tag, attributes)
        if text is not None:
            node.text = text
        return node

    # The cartridge namespace is the default one, written as an ``xmlns`` attribute (see scorm.py).
    root = ET.Element("manifest", {"xmlns": ns, "identifier": f"ksi-{course.slug}"})
    metadata = element(root, "metadata")
    element(metadata, "schema", "IMS Common Cartridge")
    element(metadata, "schemaversion", "1.3.0")
    general = element(element(metadata, "lom", namespace=lom), "general", namespace=lom)
    element(element(general, "title", namespace=lom), "string", course.title, namespace=lom, language=course.language)
    element(general, "language", course.language, namespace=lom)
    element(
        element(general, "description", namespace=lom),
        "string",
        course.summary,
        namespace=lom,
        language=course.language,
    )

    organization = element(
        element(root, "organizations"), "organization", identifier="ksi-org", structure="rootcollection"
    )
    top = element(organization, "item", identifier="ksi-root")
    resources = element(root, "resources")
    for module in course.modules:
        folder = element(top, "item", identifier=f"ksi-module-{module.id}")
        element(folder, "title", module.title)
        for lesson in course.lessons_in(module):
            page = f"{WEB}/{lesson_path(lesson.id)}"
            item = element(
                folder, "item", identifier=f"ksi-item-lesson-{lesson.id}", identifierref=f"ksi-lesson-{lesson.id}"
            )
            element(item, "title", lesson.title)
            resource = element(resources, "resource", identifier=f"ksi-lesson-{lesson.id}", type=WEBCONTENT, href=page)
            element(resource, "file", href=page)
            element(resource, "dependency", identifierref=SHARED)
            for quiz in lesson.quizzes:
                ident = quiz_ident(lesson.id, quiz.id)
                item = element(folder, "item", identifier=f"ksi-item-{ident.removeprefix('ksi-')}", identifierref=ident)
                element(item, "title", quiz_title(lesson.title, quiz.title))
                resource = element(resources, "resource", identifier=ident, type=ASSESSMENT)
                element(resource, "file", href=f"{ident}/assessment.xml")
    shared = element(resources, "resource", identifier=SHARED, type=WEBCONTENT)
    for path in shared_files:
        element(shared, "file", href=path)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

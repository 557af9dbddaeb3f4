"""A course as a SCORM package (1.2, or 2004 4th edition): the static site's pages, an LMS bridge
(``assets/scorm.js``) and ``imsmanifest.xml``.

One SCO per lesson (launch page ``timer/<lesson>.html``) or per module (``moduler/<module>.html``
with the module's lessons on it). The organisation follows the course: a module is an item
holding its lessons (one SCO per lesson) or is itself the SCO. Every SCO depends on one
``asset`` resource holding the shared files (styles, fonts, images, PDFs). The bridge reports
completion, the quiz score and checklist state (suspend data); the LMS navigates, so the pages
carry no links to each other. Teacher notes never enter the package; the answer key only as the
quizzes need it to check answers in the browser (:mod:`.quiz_key`).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from course_content import Course, Lesson

from .site import SiteOptions, build_site, lesson_path, module_path

SCHEMAS = {
    "1.2": {
        "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "2004": {
        "": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
    },
}
SCHEMA_VERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}
#: The attribute that says a resource is a SCO or an asset (SCORM 2004 spells it with a capital T).
SCORM_TYPE = {"1.2": "scormtype", "2004": "scormType"}
SHARED = "ksi-shared"
BRIDGE = "scorm.js"


@dataclass(frozen=True)
class ScormOptions:
    version: str = "1.2"
    sco: str = "lesson"
    with_pdfs: bool = False

    def __post_init__(self) -> None:
        if self.version not in SCHEMAS:
            raise ValueError(f"SCORM version {self.version!r} is unknown: use 1.2 or 2004")
        if self.sco not in ("lesson", "module"):
            raise ValueError(f"--sco {self.sco!r}: use lesson or module")


@dataclass(frozen=True)
class Sco:
    """One SCO: its identifier, title, launch page and the lessons it holds."""

    key: str
    identifier: str
    title: str
    href: str
    lessons: tuple[Lesson, ...]


def scos(course: Course, options: ScormOptions) -> dict[str, list[Sco]]:
    """The SCOs of each module, by module id, in course order."""
    result: dict[str, list[Sco]] = {}
    for module in course.modules:
        lessons = course.lessons_in(module)
        if options.sco == "module":
            result[module.id] = [
                Sco(
                    f"module:{module.id}",
                    f"ksi-module-{module.id}",
                    module.title,
                    module_path(module.id),
                    tuple(lessons),
                )
            ]
        else:
            result[module.id] = [
                Sco(f"lesson:{lesson.id}", f"ksi-lesson-{lesson.id}", lesson.title, lesson_path(lesson.id), (lesson,))
                for lesson in lessons
            ]
    return result


def build_scorm(course: Course, options: ScormOptions | None = None) -> dict[str, bytes]:
    """Every file of the package, by path."""
    options = options or ScormOptions()
    by_module = scos(course, options)
    every_sco = [sco for module_scos in by_module.values() for sco in module_scos]
    page_data = {
        sco.key: {
            "version": options.version,
            "lessons": [lesson.id for lesson in sco.lessons],
            "questions": sum(len(quiz.questions) for lesson in sco.lessons for quiz in lesson.quizzes),
        }
        for sco in every_sco
    }
    site = build_site(
        course,
        SiteOptions(
            with_pdfs=options.with_pdfs,
            scripts=(BRIDGE,),
            navigation=False,
            module_pages_with_lessons=options.sco == "module",
            page_data=page_data,
        ),
    )
    launch_pages = {sco.href for sco in every_sco}
    files = {path: data for path, data in site.items() if path in launch_pages or not path.endswith(".html")}
    files["imsmanifest.xml"] = manifest(
        course, options, by_module, sorted(path for path in files if path not in launch_pages)
    )
    return files


def manifest(course: Course, options: ScormOptions, by_module: dict[str, list[Sco]], shared_files: list[str]) -> bytes:
    namespaces = SCHEMAS[options.version]
    ET.register_namespace("adlcp", namespaces["adlcp"])
    ns = namespaces[""]
    adlcp = namespaces["adlcp"]
    scorm_type = f"{{{adlcp}}}{SCORM_TYPE[options.version]}"

    def element(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
        node = ET.SubElement(parent, tag, attributes)
        if text is not None:
            node.text = text
        return node

    # The content-packaging namespace is the default one (unprefixed, as LMSs expect): written as
    # an ``xmlns`` attribute, since ElementTree would give it a prefix.
    root = ET.Element("manifest", {"xmlns": ns, "identifier": f"ksi-{course.slug}", "version": course.version})
    metadata = element(root, "metadata")
    element(metadata, "schema", "ADL SCORM")
    element(metadata, "schemaversion", SCHEMA_VERSION[options.version])
    organizations = element(root, "organizations", default=f"ksi-org-{course.slug}")
    organization = element(organizations, "organization", identifier=f"ksi-org-{course.slug}")
    element(organization, "title", course.title)
    resources = element(root, "resources")
    for module in course.modules:
        module_scos = by_module[module.id]
        if options.sco == "module":
            parent = organization
        else:
            parent = element(organization, "item", identifier=f"ksi-item-module-{module.id}")
            element(parent, "title", module.title)
        for sco in module_scos:
            item = element(
                parent,
                "item",
                identifier=f"ksi-item-{sco.identifier.removeprefix('ksi-')}",
                identifierref=sco.identifier,
            )
            element(item, "title", sco.title)
            resource = element(
                resources,
                "resource",
                identifier=sco.identifier,
                type="webcontent",
                href=sco.href,
                **{scorm_type: "sco"},
            )
            element(resource, "file", href=sco.href)
            element(resource, "dependency", identifierref=SHARED)
    shared = element(resources, "resource", identifier=SHARED, type="webcontent", **{scorm_type: "asset"})
    for path in shared_files:
        element(shared, "file", href=path)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

"""SCORM packages of the mini course: the manifest's schema, structure and files."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest

from exports.lms.scorm import ScormOptions, build_scorm
from tests.exports.lms.package_checks import (
    assert_answer_key_only_for_quizzes,
    assert_no_teacher_notes,
    external_requests,
)

NAMESPACES = {
    "1.2": (
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        "scormtype",
        "1.2",
    ),
    "2004": (
        "http://www.imsglobal.org/xsd/imscp_v1p1",
        "http://www.adlnet.org/xsd/adlcp_v1p3",
        "scormType",
        "2004 4th Edition",
    ),
}


@pytest.fixture(
    scope="module", params=[("1.2", "lesson"), ("2004", "lesson"), ("1.2", "module"), ("2004", "module")], ids="-".join
)
def package(request, mini_course):
    version, sco = request.param
    return version, sco, build_scorm(mini_course, ScormOptions(version=version, sco=sco))


def test_manifest_schema_and_structure(package, mini_course):
    version, sco, files = package
    cp, adlcp, type_attribute, schema_version = NAMESPACES[version]
    root = ET.fromstring(files["imsmanifest.xml"])
    assert root.tag == f"{{{cp}}}manifest"
    assert root.findtext(f"{{{cp}}}metadata/{{{cp}}}schema") == "ADL SCORM"
    assert root.findtext(f"{{{cp}}}metadata/{{{cp}}}schemaversion") == schema_version
    organizations = root.find(f"{{{cp}}}organizations")
    organization = organizations.find(f"{{{cp}}}organization")
    assert organizations.get("default") == organization.get("identifier")
    assert organization.findtext(f"{{{cp}}}title") == mini_course.title
    leaves = [item for item in organization.iter(f"{{{cp}}}item") if item.get("identifierref")]
    resources = {r.get("identifier"): r for r in root.iter(f"{{{cp}}}resource")}
    scos = {key: r for key, r in resources.items() if r.get(f"{{{adlcp}}}{type_attribute}") == "sco"}
    assets = {key: r for key, r in resources.items() if r.get(f"{{{adlcp}}}{type_attribute}") == "asset"}
    expected = len(mini_course.ordered_lessons()) if sco == "lesson" else len(mini_course.modules)
    assert len(leaves) == len(scos) == expected and len(assets) == 1
    assert {item.get("identifierref") for item in leaves} == set(scos)
    identifiers = [node.get("identifier") for node in root.iter() if node.get("identifier")]
    assert len(identifiers) == len(set(identifiers)), "identifiers are unique"
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", identifier) for identifier in identifiers), "identifiers are xs:ID"
    for resource in scos.values():
        assert resource.get("href") in files
        assert [d.get("identifierref") for d in resource.iter(f"{{{cp}}}dependency")] == list(assets)


def test_every_file_is_listed_and_every_listed_file_exists(package):
    version, _, files = package
    cp = NAMESPACES[version][0]
    root = ET.fromstring(files["imsmanifest.xml"])
    listed = {node.get("href") for node in root.iter(f"{{{cp}}}file")}
    assert listed == set(files) - {"imsmanifest.xml"}


def test_launch_pages_tell_the_bridge_their_lessons(package, mini_course):
    version, sco, files = package
    launch = "timer/handvask.html" if sco == "lesson" else "moduler/modul-en.html"
    page = files[launch].decode()
    config = json.loads(re.search(r'<script type="application/json" id="ksi-sco">(.*?)</script>', page).group(1))
    lessons = ["handvask"] if sco == "lesson" else ["handvask", "renholdsutstyr"]
    assert config == {"version": version, "lessons": lessons, "questions": 3}
    assert page.index('src="../assets/scorm.js"') < page.index('src="../assets/site.js"'), "the bridge loads first"
    assert "index.html" not in page, "the LMS navigates: no links between pages"


def test_no_teacher_notes_no_answer_keys_no_requests(package, mini_course):
    _, _, files = package
    assert_no_teacher_notes(files, mini_course, shortest=10)
    assert_answer_key_only_for_quizzes(files, mini_course)
    assert external_requests(files) == []


def test_unknown_version_is_refused():
    with pytest.raises(ValueError, match=r"use 1\.2 or 2004"):
        ScormOptions(version="2.0")

"""A quiz as a QTI 1.2 assessment in the IMS Common Cartridge profile (``cc.exam.v0p1``).

Items use the profile's question types: ``cc.multiple_choice.v0p1`` (one answer),
``cc.multiple_response.v0p1`` (all answers that fit) and ``cc.true_false.v0p1``. Each scores 100
when right (the LMS weighs items equally) and shows the question's explanation as general
feedback, so Canvas, Moodle and itslearning import them as editable quizzes.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from course_content.blocks import Question, QuizBlock

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
PROFILES = {
    "single": "cc.multiple_choice.v0p1",
    "multiple": "cc.multiple_response.v0p1",
    "true_false": "cc.true_false.v0p1",
}
TRUE_FALSE = ("Sant", "Usant")  # the Norwegian words every face shows (index 0 = true)
RESPONSE = "response1"
FEEDBACK = "general_fb"


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    metadata = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(metadata, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _material(parent: ET.Element, text: str) -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", texttype="text/plain").text = text


def choice_texts(question: Question) -> list[str]:
    return list(TRUE_FALSE) if question.kind == "true_false" else [choice.text for choice in question.choices]


def _item(section: ET.Element, ident: str, question: Question) -> None:
    item = ET.SubElement(section, "item", ident=ident, title=question.prompt[:80])
    _metadata(ET.SubElement(item, "itemmetadata"), {"cc_profile": PROFILES[question.kind], "cc_weighting": "1"})
    presentation = ET.SubElement(item, "presentation")
    _material(presentation, question.prompt)
    response = ET.SubElement(
        presentation,
        "response_lid",
        ident=RESPONSE,
        rcardinality="Multiple" if question.kind == "multiple" else "Single",
    )
    render = ET.SubElement(response, "render_choice")
    labels = [f"{ident}-{index}" for index in range(len(choice_texts(question)))]
    for label, text in zip(labels, choice_texts(question), strict=True):
        _material(ET.SubElement(render, "response_label", ident=label), text)

    processing = ET.SubElement(item, "resprocessing")
    ET.SubElement(
        ET.SubElement(processing, "outcomes"),
        "decvar",
        varname="SCORE",
        vartype="Decimal",
        minvalue="0",
        maxvalue="100",
    )
    feedback = ET.SubElement(processing, "respcondition", title="feedback", **{"continue": "Yes"})
    ET.SubElement(ET.SubElement(feedback, "conditionvar"), "other")
    ET.SubElement(feedback, "displayfeedback", feedbacktype="Response", linkrefid=FEEDBACK)
    right = ET.SubElement(processing, "respcondition", title="correct", **{"continue": "No"})
    condition = ET.SubElement(right, "conditionvar")
    correct = question.correct_choices()
    if question.kind == "multiple":
        both = ET.SubElement(condition, "and")
        for index, label in enumerate(labels):
            target = both if index in correct else ET.SubElement(both, "not")
            ET.SubElement(target, "varequal", respident=RESPONSE).text = label
    else:
        (index,) = correct
        ET.SubElement(condition, "varequal", respident=RESPONSE).text = labels[index]
    ET.SubElement(right, "setvar", action="Set", varname="SCORE").text = "100"

    general = ET.SubElement(item, "itemfeedback", ident=FEEDBACK)
    _material(ET.SubElement(general, "flow_mat"), question.explanation)


def assessment_xml(ident: str, title: str, quiz: QuizBlock) -> bytes:
    """The QTI file of ``quiz`` (``ident`` names the assessment; its items get ``ident``-<question id>)."""
    root = ET.Element("questestinterop", xmlns=QTI_NAMESPACE)
    assessment = ET.SubElement(root, "assessment", ident=ident, title=title)
    _metadata(
        assessment, {"cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination", "cc_maxattempts": "unlimited"}
    )
    section = ET.SubElement(assessment, "section", ident=f"{ident}-section")
    for question in quiz.questions:
        _item(section, f"{ident}-{question.id}", question)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

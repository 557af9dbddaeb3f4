"""Templates (maler) filled and read back: DOCX with python-docx, PDF with pypdf."""

import io
import json
from datetime import date

import docx
import pytest

from course_content import PLACEHOLDERS
from course_content.templates import BLANK
from exports.filled_templates import (
    TemplateValuesError,
    fill_template,
    load_values,
    render_template,
    render_template_docx,
    render_template_pdf,
    sample_values,
    template_values,
)
from exports.markdown_docx import markdown_to_docx
from exports.options import Branding
from tests.exports.pdfread import Pdf, no_render_warnings

TODAY = date(2026, 3, 2)
VALUES = {
    "municipality": {"name": "Testvik kommune", "unit": "Testvik voksenopplæring"},
    "run.start": date(2026, 8, 17),
    "run.place": "Storgata 1",
    "participant.name": "Amina *Hassan* [x](y) | 1",
}


def read_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_sample_values_cover_every_placeholder_and_read_as_samples(mini_course):
    samples = sample_values(mini_course, TODAY)
    assert set(samples) == set(PLACEHOLDERS)
    assert samples["municipality.name"] == "Eksempel kommune"
    assert samples["course.title"] == "Minikurs for testing"  # the course's own values are real
    assert samples["today"] == TODAY
    assert samples["run.start"] == date(2026, 3, 16)  # a Monday at least two weeks ahead
    assert template_values(mini_course, None, today=TODAY)["course.modules"].startswith("1. ")


def test_values_fill_the_template_and_leave_blanks_for_the_rest(mini_course):
    text = docx_text(read_docx(render_template_docx(mini_course, "melding", VALUES, today=TODAY)))
    assert "Kurset Minikurs for testing starter 17. august 2026 i Storgata 1." in text
    assert "{{" not in text
    assert fill_template(mini_course, "melding", {}, today=TODAY).count(BLANK) == 3


def test_values_are_text_never_markdown(mini_course):
    text = fill_template(mini_course, "melding", VALUES, today=TODAY)
    assert r"Amina \*Hassan\* \[x\](y) \| 1" in text
    pdf = Pdf(render_template_pdf(mini_course, "melding", VALUES, today=TODAY))
    assert "Hei Amina *Hassan* [x](y) | 1!" in pdf


def test_unknown_placeholders_are_named_with_the_allowed_ones(mini_course):
    with pytest.raises(
        TemplateValuesError,
        match=r"unknown placeholders: municipality\.nam, teacher; the placeholders are: municipality\.name, ",
    ):
        template_values(mini_course, {"municipality": {"nam": "X"}, "teacher": "Y"})


def test_pdf_of_a_template_without_a_heading_gets_its_title(mini_course):
    with no_render_warnings():
        pdf = Pdf(
            render_template_pdf(
                mini_course, "melding", VALUES, branding=Branding(municipality="Testvik kommune"), today=TODAY
            )
        )
    assert pdf.flat.startswith("Testvik kommune Melding til deltakere Hei Amina")
    assert ("H1", None) in pdf.structure()
    assert pdf.reader.metadata.title == "Melding til deltakere – Minikurs for testing"
    assert "Side 1 av 1" in pdf


@pytest.fixture(scope="module")
def plan_docx(mini_course):
    branding = Branding(municipality="Testvik kommune", primary_colour="#005a9c")
    return read_docx(render_template_docx(mini_course, "kursplan", VALUES, branding=branding, today=TODAY))


def test_docx_has_the_values_in_place_and_no_placeholders(plan_docx):
    text = docx_text(plan_docx)
    assert "{{" not in text and "}}" not in text
    assert "Kursplan: Minikurs for testing" in text
    assert "Ansvarlig: Testvik voksenopplæring, Testvik kommune" in text
    assert "Periode: 17. august 2026 – __________" in text  # run.end was not given: a blank to fill in
    assert "Kursplanen er laget 2. mars 2026 av" in text


def test_docx_keeps_the_structure_editable(plan_docx, mini_course):
    paragraphs = plan_docx.paragraphs
    styles = [(p.style.name, p.text) for p in paragraphs]
    assert styles[0] == ("Heading 1", "Kursplan: Minikurs for testing")
    assert ("Heading 2", "Om kurset") in styles
    period = next(p for p in paragraphs if p.text.startswith("Periode:"))
    assert period.style.name == "List Bullet"
    assert [(run.text, run.bold) for run in period.runs][:2] == [
        ("Periode:", True),
        (" 17. august 2026 – __________", None),
    ]
    modules = [text for style, text in styles if style == "List Number" and text]
    assert modules == [module.title for module in mini_course.modules]
    week_table = plan_docx.tables[0]
    assert [cell.text for cell in week_table.rows[0].cells] == ["Uke", "Tema", "Timer", "Herav praksis", "Merknad"]
    # Without a plan, one blank row per week the course states (the mini course: one week).
    assert len(week_table.rows) == 1 + mini_course.description.duration.weeks


def test_each_numbered_list_starts_at_one(plan_docx):
    numbered = [p for p in plan_docx.paragraphs if p.style.name == "List Number"]
    lists = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(lists) == 2  # the goals to write (1.–3.) and the modules: two counters, not one


def test_docx_branding_language_and_page_size(plan_docx):
    section = plan_docx.sections[0]
    assert section.header.paragraphs[0].text.strip() == "Testvik kommune"
    assert "NUMPAGES" in section.footer._element.xml
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert plan_docx.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0x00, 0x5A, 0x9C)
    assert plan_docx.core_properties.title == "Kursplan – Minikurs for testing"
    assert plan_docx.core_properties.language == "nb-NO"
    assert 'w:lang w:val="nb-NO"' in plan_docx.styles["Normal"].element.xml


def test_markdown_to_docx_covers_the_markdown_the_templates_use():
    markdown = (
        "# Tittel\n\nTekst med **fet**, *kursiv* og `kode`.\\\nNy linje og [lenke](https://example.org).\n\n"
        "3. tre\n4. fire\n   - under\n\n> Sitat\n\n---\n\n| A | B |\n|---|---|\n| x | |\n"
    )
    document = read_docx(markdown_to_docx(markdown, title="T"))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[:2] == [("Heading 1", "Tittel"), ("Normal", "Tekst med fet, kursiv og kode.\nNy linje og lenke.")]
    runs = {run.text: run for run in document.paragraphs[1].runs}
    assert runs["fet"].bold and runs["kursiv"].italic and runs["kode"].font.name == "Courier New"
    assert document.paragraphs[1].hyperlinks[0].address == "https://example.org"
    assert ("List Number", "tre") in styles and ("List Bullet 2", "under") in styles and ("Quote", "Sitat") in styles
    three = next(p for p in document.paragraphs if p.text == "tre")
    num_id = three._p.pPr.numPr.numId.val
    start = document.part.numbering_part.element.num_having_numId(num_id).xpath(
        "./w:lvlOverride/w:startOverride/@w:val"
    )
    assert start == ["3"]
    assert [cell.text for cell in document.tables[0].rows[1].cells] == ["x", ""]


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_values_file_yaml_or_json(tmp_path, suffix):
    path = tmp_path / f"values.{suffix}"
    if suffix == "yaml":
        path.write_text(
            "municipality:\n  name: Testvik kommune\nrun.start: 2026-08-17\ncourse.weeks: 12\n", encoding="utf-8"
        )
    else:
        path.write_text(
            json.dumps({"municipality.name": "Testvik kommune", "run.start": "17. august 2026"}), encoding="utf-8"
        )
    values = load_values(path)
    assert values["municipality.name"] == "Testvik kommune"
    assert str(values["run.start"]) in ("2026-08-17", "17. august 2026")


def test_values_file_errors_say_where(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no values file at .*nope\.yaml: give a YAML or JSON file"):
        load_values(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("municipality:\n  name: X\n  nam: Y\nlaerer: Z\n", encoding="utf-8")
    with pytest.raises(
        TemplateValuesError,
        match=r"bad\.yaml: unknown placeholders: municipality\.nam \(line 3\), laerer \(line 4\); the placeholders are: ",
    ):
        load_values(bad)
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(TemplateValuesError, match=r"list\.yaml:1: expected placeholder: value pairs"):
        load_values(listing)
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [\n", encoding="utf-8")
    with pytest.raises(TemplateValuesError, match=r"broken\.yaml:2: YAML syntax error"):
        load_values(broken)


def test_unknown_template_and_format_are_clear_errors(mini_course):
    with pytest.raises(
        KeyError, match="course 'mini-kurs' has no template 'nope'; its templates are: brev-arbeidsgiver-praksis, "
    ):
        render_template(mini_course, "nope", "pdf")
    with pytest.raises(ValueError, match="unknown template format 'odt': use one of pdf, docx"):
        render_template(mini_course, "melding", "odt")

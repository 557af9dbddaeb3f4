"""The common forms a municipality can use as they are (issue 15, item 5): read from the content,
and printed blank and fillable (each changed form rendered once per variant for this module)."""

import re

import pytest
from pydantic import ValidationError

from course_content import course_dirs, load_course
from course_content.forms import FormField
from course_content.loader import COMMON_DIR, COURSES_DIR
from exports.filled_templates import fill_template
from exports.forms import render_form_pdf
from exports.options import Branding
from tests.exports.pdfread import Pdf, no_render_warnings
from tests.exports.test_forms import fields_of

CHANGED = (
    "pamelding",
    "oppmoteliste",
    "praksisavtale",
    "taushetserklaering",
    "kursevaluering",
    "praksisevaluering",
    "egenvurdering",
    "temperaturlogg-kjol",
)
BRANDING = Branding(municipality="Testvik kommune", privacy_contact="Per Vern, 99 88 77 66, personvern@testvik.no")
SHIPPED = {path.name: load_course(path) for path in course_dirs(COURSES_DIR)}


@pytest.fixture(scope="module")
def salg():
    return SHIPPED["salg-og-service"]


@pytest.fixture(scope="module")
def blank(salg):
    with no_render_warnings():
        return {form_id: Pdf(render_form_pdf(salg, form_id, branding=BRANDING)) for form_id in CHANGED}


@pytest.fixture(scope="module")
def fillable(salg):
    with no_render_warnings():
        return {
            form_id: Pdf(render_form_pdf(salg, form_id, fillable=True, branding=BRANDING))
            for form_id in ("pamelding", "oppmoteliste", "taushetserklaering")  # the ones with new kinds of fields
        }


def labels(form) -> str:
    return " ".join(field.label for field in form.fields)


# --- påmelding: a privacy notice, not consent as the legal basis --------------------------------


def test_registration_does_not_ask_for_consent_as_its_legal_basis(salg):
    form = salg.forms["pamelding"]
    assert "Jeg er enig i at kommunen" not in labels(form)
    assert not any("samtykke" in section.title.lower() for section in form.sections)


def test_registration_has_a_privacy_notice_with_what_the_law_asks(salg):
    privacy = salg.forms["pamelding"].privacy
    for words in (
        "integreringsloven",
        "til kurset er ferdig og rapportert",
        "arkivplan",
        "innsyn",
        "rettet",
        "slettet",
        "Datatilsynet",
        "{{ municipality.name }}",
        "{{ municipality.privacy_contact }}",
    ):
        assert words in privacy
    assert "§" not in privacy  # no paragraph we have not checked
    assert not re.search(r"\d+ (år|måneder|dager)", privacy)  # no invented storage period


def test_registration_prints_the_municipality_and_its_data_protection_officer(blank, fillable):
    for pdf in (blank["pamelding"], fillable["pamelding"]):
        text = pdf.flat
        assert "Personvern: slik bruker vi opplysningene" in text
        assert "opplysningene i skjemaet: Testvik kommune." in text
        assert "personvernombudet i kommunen: Per Vern, 99 88 77 66, personvern@testvik.no" in text


def test_without_a_data_protection_officer_the_form_leaves_a_line_to_write_on(salg):
    with no_render_warnings():
        text = Pdf(render_form_pdf(salg, "pamelding", branding=Branding(municipality="Testvik kommune"))).flat
    assert re.search(r"personvernombudet i kommunen: _{10,}", text)


# --- oppmøteliste: participants × days, valid and invalid absence --------------------------------


def test_attendance_is_a_grid_of_participants_by_weekday_with_a_legend(salg):
    grid = next(field for field in salg.forms["oppmoteliste"].fields if field.type == "grid")
    assert [column.label for column in grid.columns] == ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag"]
    assert grid.rows == 15 and grid.row_label == "Deltaker"
    assert grid.choices == ["T = til stede", "G = gyldig fravær", "U = ugyldig fravær"]
    assert "introduksjonsstønaden" in salg.forms["oppmoteliste"].intro


def test_blank_attendance_prints_the_grid_and_the_legend(blank):
    text = blank["oppmoteliste"].flat
    assert "T = til stede G = gyldig fravær U = ugyldig fravær" in text
    assert "Deltaker Mandag Tirsdag Onsdag Torsdag Fredag" in text
    assert "/AcroForm" not in blank["oppmoteliste"].reader.trailer["/Root"]


def test_fillable_attendance_has_a_field_per_person_and_day(fillable):
    fields = fields_of(fillable["oppmoteliste"])
    cells = [name for name in fields if name.startswith("oppmote:")]
    assert len(cells) == 15 * (1 + 5)  # a name and five days per row
    assert str(fields["oppmote:15:fredag"]["/TU"]) == "Oppmøte denne uka, rad 15: Fredag (T, G eller U)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"choices": []}, "a grid field needs at least 2 codes for its cells"),
        ({"row_label": ""}, "a grid field needs a row_label"),
        ({"columns": []}, "a grid field needs columns"),
    ],
)
def test_a_grid_without_legend_row_label_or_columns_is_an_error(data, message):
    field = {
        "id": "g", "type": "grid", "label": "G", "row_label": "Deltaker",
        "choices": ["T = til stede", "U = ugyldig fravær"], "columns": [{"id": "mandag", "label": "Mandag"}],
    } | data  # fmt: skip
    with pytest.raises(ValidationError, match=message):
        FormField.model_validate(field)


# --- praksisavtale and taushetserklæring ----------------------------------------------------------


def test_placement_agreement_says_there_is_no_wage_and_the_benefit_continues(salg, blank):
    form = salg.forms["praksisavtale"]
    section = next(section for section in form.sections if section.title == "Lønn og introduksjonsstønad")
    assert "ingen lønn fra arbeidsplassen" in section.intro
    assert "introduksjonsstønad fra kommunen som vanlig" in section.intro
    assert next(field for field in section.fields if field.id == "ingen-lonn").required
    text = blank["praksisavtale"].flat
    assert "Deltakeren får ingen lønn fra arbeidsplassen for praksisen." in text
    assert "Taushetserklæring for praksis" in text  # points to the separate declaration


def test_confidentiality_declaration_is_a_form_of_its_own(salg, blank, fillable):
    form = salg.forms["taushetserklaering"]
    assert form.title == "Taushetserklæring for praksis"
    assert "helseinstitusjon" in form.intro
    text = blank["taushetserklaering"].flat
    assert "Taushetsplikten gjelder også etter at praksisen er slutt." in text
    assert "Deltaker" in text and "For arbeidsplassen" in text  # signature lines
    fields = fields_of(fillable["taushetserklaering"])
    assert {"forklart", "lover"} <= set(fields)
    assert all(int(fields[name]["/Ff"]) & 2 for name in ("forklart", "lover"))  # required


# --- kursevaluering: honest about anonymity ------------------------------------------------------


def test_course_evaluation_is_honest_about_what_is_anonymous(salg, blank):
    intro = salg.forms["kursevaluering"].intro
    assert "Ingen får vite hva du svarte" not in intro
    assert "I en liten gruppe kan læreren likevel kjenne igjen svar" in " ".join(blank["kursevaluering"].flat.split())


# --- praksisevaluering and egenvurdering: per course, from its goals -----------------------------


@pytest.mark.parametrize("form_id", ["praksisevaluering", "egenvurdering"])
def test_each_course_has_its_own_version_that_overrides_the_common_one(form_id):
    common = load_common(form_id)
    for slug, course in SHIPPED.items():
        assert (COURSES_DIR / slug / "forms" / f"{form_id}.yaml").is_file()
        assert labels(course.forms[form_id]) != labels(common), slug
    trade_labels = {slug: set(trade_questions(course.forms[form_id])) for slug, course in SHIPPED.items()}
    assert all(len(found) >= 6 for found in trade_labels.values())
    first, second, third = trade_labels.values()
    assert not (first & second or first & third or second & third)  # no generic list shared by all


def test_trade_questions_come_from_the_course_goals():
    evaluation = {slug: labels(course.forms["praksisevaluering"]) for slug, course in SHIPPED.items()}
    assert "fargekoding" in evaluation["renhold-og-smittevern"]
    assert "alderskontroll" in evaluation["salg-og-service"]
    assert "partinummer og batch" in evaluation["matfag"]
    assessment = {slug: labels(course.forms["egenvurdering"]) for slug, course in SHIPPED.items()}
    assert "Dosere renholdsmiddel" in assessment["renhold-og-smittevern"]
    assert "PLU-koder" in assessment["salg-og-service"]
    assert "mottakskontroll" in assessment["matfag"]


def test_the_participant_fills_in_their_part_alone(salg, blank):
    form = salg.forms["praksisevaluering"]
    part2 = next(section for section in form.sections if section.title.startswith("Del 2"))
    assert "alene, ikke sammen med veilederen" in part2.intro
    assert "underskrift-deltaker" in [field.id for field in part2.fields]  # signed in their own part
    part1 = next(section for section in form.sections if section.title.startswith("Del 1"))
    assert "underskrift-veileder" in [field.id for field in part1.fields]
    assert "fyller ut skjemaet sammen" not in form.intro
    assert "Du fyller ut denne delen alene, ikke sammen med veilederen." in " ".join(
        blank["praksisevaluering"].flat.split()
    )


def test_course_specific_assessment_prints(blank):
    assert "Faget: Salg og service for dagligvarebransjen" in blank["egenvurdering"].flat
    assert "Be om legitimasjon ved salg av alkohol og tobakk" in blank["egenvurdering"].flat


# --- temperature log (salg): one sheet per unit type, limits printed -----------------------------


def test_salg_temperature_log_has_a_sheet_per_unit_with_its_limit(salg, blank):
    form = salg.forms["temperaturlogg-kjol"]
    titles = [section.title for section in form.sections]
    assert "Ark 1 – Kjøl: 4 °C eller kaldere" in titles and "Ark 2 – Frys: −18 °C eller kaldere" in titles
    tables = [field for field in form.fields if field.type == "table"]
    assert [table.label for table in tables] == [
        "Målinger kjøl (grense: 4 °C eller kaldere)",
        "Målinger frys (grense: −18 °C eller kaldere)",
    ]
    for table in tables:  # several readings a day
        assert [column.id for column in table.columns if column.id.startswith("temp-")] == [
            "temp-1",
            "temp-2",
            "temp-3",
        ]
    text = blank["temperaturlogg-kjol"].flat
    assert "Grense: 4 °C eller kaldere." in text and "Grense: −18 °C eller kaldere." in text


# --- invitation to participants: plain language, no empty bullets --------------------------------


def test_invitation_is_plain_and_never_prints_empty_bullets(salg):
    template = salg.templates["invitasjon-deltakere"]
    assert "course.summary" not in template.placeholders()
    filled = fill_template(salg, template, {"run": {"place": "Storgata 1"}})
    assert salg.summary not in filled
    assert not [line for line in filled.splitlines() if line.strip() in ("-", "*")]
    sentences = [s for s in re.split(r"[.!?]\s", re.sub(r"[#*\\_]", "", filled)) if s.strip()]
    words = [len(sentence.split()) for sentence in sentences]
    assert sum(words) / len(words) < 10  # short sentences (A2)


def load_common(form_id):
    from course_content.forms import Form
    from course_content.yaml_source import read_yaml

    return Form.model_validate(read_yaml(COMMON_DIR / "forms" / f"{form_id}.yaml").data)


def trade_questions(form) -> list[str]:
    """The questions (with their choices) a course's form has and the common one has not."""
    common = {(field.label, *field.choices) for field in load_common(form.id).fields}
    return [(field.label, *field.choices) for field in form.fields if (field.label, *field.choices) not in common]

"""Form PDFs read back: fillable fields (names, types, choices, accessible names, flags) and blank sheets."""

import pytest
from pypdf import PdfReader

from course_content.forms import Form
from exports.acroform import REQUIRED_FLAG
from exports.forms import FormValues, TableRow, form_file_name, get_form, render_form_pdf
from exports.options import Branding
from tests.exports.pdfread import Pdf, no_render_warnings

RADIO_FLAGS = (1 << 14) | (1 << 15)  # NoToggleToOff + Radio
MULTILINE_FLAG = 1 << 12


def expected_fields(form: Form) -> dict[str, tuple[str, str]]:
    """What a fillable ``form`` must contain: field name → (PDF field type, accessible name).

    The naming contract: a field is named by its id, a multiple-choice box ``<id>:<n>``, a table
    cell ``<table id>:<row>:<column id>``, a grid's name cell ``<grid id>:<row>:navn`` and its
    cells ``<grid id>:<row>:<column id>``; signatures are lines on paper, not fields.
    """
    hints = {"date": " (dd.mm.åååå)", "number": " (tall)"}
    fields: dict[str, tuple[str, str]] = {}
    for field in form.fields:
        if field.type in ("text", "long_text", "date", "number"):
            fields[field.id] = ("/Tx", field.label + hints.get(field.type, ""))
        elif field.type in ("single_choice", "checkbox"):
            fields[field.id] = ("/Btn", field.label)
        elif field.type == "multiple_choice":
            for n, choice in enumerate(field.choices, start=1):
                fields[f"{field.id}:{n}"] = ("/Btn", f"{field.label}: {choice}")
        elif field.type == "table":
            for row in range(1, field.rows + 1):
                for column in field.columns:
                    if column.type != "signature":
                        kind = "/Btn" if column.type == "checkbox" else "/Tx"
                        name = f"{field.label}, rad {row}: {column.label}{hints.get(column.type, '')}"
                        fields[f"{field.id}:{row}:{column.id}"] = (kind, name)
        elif field.type == "grid":
            codes = [choice.split("=")[0].strip() for choice in field.choices]
            hint = f" ({', '.join(codes[:-1])} eller {codes[-1]})"
            for row in range(1, field.rows + 1):
                fields[f"{field.id}:{row}:navn"] = ("/Tx", f"{field.label}, rad {row}: {field.row_label}")
                for column in field.columns:
                    fields[f"{field.id}:{row}:{column.id}"] = ("/Tx", f"{field.label}, rad {row}: {column.label}{hint}")
    return fields


def expected_outline(form: Form) -> list[str]:
    """The bookmarks of a form's PDF: its privacy notice (when it has one), then its sections."""
    privacy = ["Personvern: slik bruker vi opplysningene"] if form.privacy else []
    return privacy + [section.title for section in form.sections]


def render(course, form_id, **options) -> Pdf:
    with no_render_warnings():
        return Pdf(render_form_pdf(course, form_id, **options))


def fields_of(pdf: Pdf | PdfReader) -> dict:
    """Top-level AcroForm fields by name (pypdf's get_fields also lists kids as "x.x")."""
    reader = pdf.reader if isinstance(pdf, Pdf) else pdf
    acroform = reader.trailer["/Root"]["/AcroForm"]
    return {str(ref.get_object()["/T"]): ref.get_object() for ref in acroform["/Fields"]}


@pytest.fixture(scope="module")
def registration(mini_course):
    return get_form(mini_course, "pamelding")


@pytest.fixture(scope="module")
def fillable_registration(mini_course):
    return render(mini_course, "pamelding", fillable=True, branding=Branding(municipality="Testvik kommune"))


@pytest.fixture(scope="module")
def blank_registration(mini_course):
    return render(mini_course, "pamelding", branding=Branding(municipality="Testvik kommune"))


def test_every_field_of_the_form_is_a_pdf_field_with_its_accessible_name(registration, fillable_registration):
    found = {name: (str(field["/FT"]), str(field["/TU"])) for name, field in fields_of(fillable_registration).items()}
    assert found == expected_fields(registration)
    # pypdf's own reading agrees: no radio button shows up as a field of its own ("x.x").
    assert set(fillable_registration.reader.get_fields()) == set(found)


def test_text_fields_long_text_is_multiline(fillable_registration):
    fields = fields_of(fillable_registration)
    assert int(fields["arbeidserfaring"].get("/Ff", 0)) & MULTILINE_FLAG
    assert not int(fields["navn"].get("/Ff", 0)) & MULTILINE_FLAG
    assert str(fields["dato"]["/TU"]) == "Dato (dd.mm.åååå)"


def test_single_choice_is_a_radio_group_named_after_the_question(registration, fillable_registration):
    group = fields_of(fillable_registration)["norskniva"]
    assert int(group["/Ff"]) & RADIO_FLAGS == RADIO_FLAGS
    assert str(group["/TU"]) == "Hvilket nivå har du i norsk?"
    assert (
        [str(option) for option in group["/Opt"]]
        == next(f for f in registration.fields if f.id == "norskniva").choices
        == ["A1", "A2", "B1", "B2", "Vet ikke"]
    )
    buttons = [kid.get_object() for kid in group["/Kids"]]
    assert [str(button["/TU"]) for button in buttons][:2] == [
        "Hvilket nivå har du i norsk?: A1",
        "Hvilket nivå har du i norsk?: A2",
    ]
    assert all("/T" not in button for button in buttons)  # widgets of the one group field
    # Each button's "on" state is named after its option (the exported value), and it starts off.
    assert [set(button["/AP"]["/N"].keys()) for button in buttons] == [
        {f"/{choice}", "/Off"} for choice in ["A1", "A2", "B1", "B2", "Vet ikke"]
    ]
    assert str(group["/V"]) == "/Off" and all(str(button["/AS"]) == "/Off" for button in buttons)


def test_multiple_choice_and_checkbox_are_check_boxes(fillable_registration):
    fields = fields_of(fillable_registration)
    box = fields["ordliste-sprak:3"]
    assert str(box["/FT"]) == "/Btn" and not int(box.get("/Ff", 0)) & RADIO_FLAGS
    assert str(box["/TU"]) == "Hvilket språk vil du ha i ordlistene?: arabisk"
    assert set(box["/AP"]["/N"].keys()) == {"/on", "/Off"} and str(box["/V"]) == "/Off"
    # The whole label from the model (WeasyPrint alone would take only its first line box).
    assert (
        str(fields["dele-med-praksisplass"]["/TU"])
        == "Læreren kan gi navnet og telefonnummeret mitt til praksisplassen."
    )


def test_required_fields_carry_the_required_flag(registration, fillable_registration):
    fields = fields_of(fillable_registration)
    required = {name for name, field in fields.items() if int(field.get("/Ff", 0)) & REQUIRED_FLAG}
    assert required == {f.id for f in registration.fields if f.required and f.type != "signature"}
    assert "norskniva" in required and "bekreftelse" in required and "e-post" not in required


def test_signature_is_a_line_not_a_field(fillable_registration):
    assert "underskrift" not in fields_of(fillable_registration)
    assert "Underskrift" in fillable_registration


def test_fields_are_tagged_for_assistive_technology(registration, fillable_registration):
    widgets = [annot.get_object() for page in fillable_registration.reader.pages for annot in page.get("/Annots", [])]
    widgets = [w for w in widgets if w["/Subtype"] == "/Widget"]
    radios = [f for f in registration.fields if f.type == "single_choice"]
    # One widget per field, but one per button of a radio group.
    assert len(widgets) == len(expected_fields(registration)) - len(radios) + sum(len(f.choices) for f in radios)
    roles = [role for role, _ in fillable_registration.structure()]
    assert roles.count("Form") == len(widgets)
    assert all("/StructParent" in widget for widget in widgets)
    assert all(str(page["/Tabs"]) == "/S" for page in fillable_registration.reader.pages)
    assert "pdfuaid:part" in fillable_registration.xmp()


def test_form_prints_title_intro_sections_help_and_page_numbers(
    registration, fillable_registration, blank_registration
):
    for pdf in (fillable_registration, blank_registration):
        assert "Påmelding til kurs" in pdf and "Testvik kommune" in pdf
        assert "Du fyller ut dette skjemaet når du vil være med på kurset." in pdf
        assert all(section.title in pdf for section in registration.sections)
        assert "Se på resultatet fra norskprøven." in pdf
        assert "* betyr at feltet må fylles ut." in pdf
        assert f"Side 1 av {pdf.page_count}" in pdf
        assert pdf.reader.metadata.title == "Påmelding til kurs – Minikurs for testing"
        assert [title for title, _ in pdf.outline()] == expected_outline(registration)


def test_blank_form_has_boxes_and_lines_and_no_fields(registration, blank_registration):
    assert "/AcroForm" not in blank_registration.reader.trailer["/Root"]
    assert all(f.label.split("\n")[0][:30] in blank_registration for f in registration.fields)
    assert "☐ engelsk" in blank_registration  # a box per choice of a multiple choice
    assert "○ A1" in blank_registration  # a circle per choice of a single choice
    assert "☐ Jeg bekrefter at opplysningene" in blank_registration
    assert "Dato (dd.mm.åååå)" in blank_registration


@pytest.fixture(scope="module")
def checklist_form(mini_course):
    return get_form(mini_course, "egen-sjekkliste")


def test_table_is_a_grid_of_fields(mini_course, checklist_form):
    pdf = render(mini_course, "egen-sjekkliste", fillable=True)
    fields = fields_of(pdf)
    assert {name: (str(f["/FT"]), str(f["/TU"])) for name, f in fields.items()} == expected_fields(checklist_form)
    table = checklist_form.fields[1]
    cells = [name for name in fields if name.startswith("gjort:")]
    assert len(cells) == table.rows * len(table.columns) == 16
    assert str(fields["gjort:8:ok"]["/TU"]) == "Oppgaver, rad 8: Utført"
    assert str(fields["gjort:8:ok"]["/FT"]) == "/Btn"


def test_blank_table_prints_its_header_and_a_box_per_row(mini_course, checklist_form):
    pdf = render(mini_course, "egen-sjekkliste")
    assert "Oppgave Utført" in pdf
    assert pdf.flat.count("☐") == checklist_form.fields[1].rows


def test_values_print_into_a_blank_form_and_fill_a_fillable_one(mini_course):
    values = FormValues(
        fields={"rom": "Kantina, 2. etasje"},
        tables={"gjort": [TableRow({"oppgave": "Tørke av bord"}), TableRow({"oppgave": "Tømme søppel"})]},
    )
    blank = render(mini_course, "egen-sjekkliste", values=values)
    assert "Kantina, 2. etasje" in blank and "Tørke av bord" in blank and "Tømme søppel" in blank
    assert blank.flat.count("☐") == 2  # a pre-filled table prints exactly its rows
    fillable = fields_of(render(mini_course, "egen-sjekkliste", fillable=True, values=values))
    assert str(fillable["rom"]["/V"]) == "Kantina, 2. etasje"
    assert str(fillable["gjort:2:oppgave"]["/V"]) == "Tømme søppel"
    assert "gjort:3:oppgave" not in fillable


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (FormValues(fields={"nope": "x"}), "form 'egen-sjekkliste' has no field 'nope'; fields that take a value: rom"),
        (FormValues(tables={"rom": []}), "has no table 'rom'; its tables: gjort"),
        (
            FormValues(tables={"gjort": [TableRow({"ok": "x"})]}),
            "table 'gjort', row 1: no text column ok; columns that take a value: oppgave",
        ),
    ],
)
def test_values_the_form_has_no_place_for_are_errors(mini_course, values, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        render_form_pdf(mini_course, "egen-sjekkliste", values=values)


def test_unknown_form_lists_the_forms_there_are(mini_course):
    with pytest.raises(
        KeyError, match="course 'mini-kurs' has no form 'nope'; its forms are: egen-sjekkliste, egenvurdering"
    ):
        render_form_pdf(mini_course, "nope")


def test_file_names():
    assert form_file_name("pamelding") == "pamelding.pdf"
    assert form_file_name("pamelding", fillable=True) == "pamelding-utfyllbar.pdf"


def test_the_course_is_named_once_on_the_first_page_and_in_the_running_header_after(mini_course):
    pdf = render(mini_course, "kursevaluering")
    assert pdf.page_count >= 2
    assert pdf.pages[0].count(mini_course.title) == 1  # in the form's header, not again above it
    assert pdf.pages[1].count(mini_course.title) == 1  # the running header of later pages

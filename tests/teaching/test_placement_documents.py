"""A placement's documents, read back: the filled agreement (fillable PDF and DOCX), the
confidentiality declaration, the letter to the employer and the evaluation with both authors' answers.

Every PDF is read back with pypdf (text and AcroForm values); the filled agreement also goes
through ``outloud`` (PDF/UA), which must find no error.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
import yaml
from docx import Document

from course_content.logbook import Logbook
from ksi_courses.teaching.mentor_links import save_evaluation
from ksi_courses.teaching.models import Municipality
from ksi_courses.teaching.placement_documents import (
    agreement_fields,
    form_markdown,
    hours_text,
    placement_document,
    weekdays_text,
)
from ksi_courses.teaching.placement_models import Placement, Workplace
from tests.exports.pdfread import Pdf, no_render_warnings
from tests.exports.test_form_appearances import box, dark_pixels, page_image, page_of
from tests.exports.test_form_appearances import fields as form_fields
from tests.paths import FIXTURES

pytestmark = pytest.mark.django_db

OUTLOUD = Path(sys.executable).with_name("outloud")


@pytest.fixture
def logbook(monkeypatch) -> Logbook:
    """The mini course's practice logbook, as if the course were shipped with it."""
    book = Logbook.model_validate(yaml.safe_load((FIXTURES / "mini-course-logbook.yaml").read_text(encoding="utf-8")))
    monkeypatch.setattr("ksi_courses.sheets.shipped_logbook", lambda course_page: book)
    return book


def make_placement(run, participant, *, confidentiality: bool = True, **changes) -> Placement:
    municipality, _ = Municipality.objects.get_or_create(name="Testvik kommune", number="5037")
    workplace, _ = Workplace.objects.get_or_create(
        municipality=municipality,
        organisation_number="974760673",
        name="Solsiden sykehjem",
        defaults={"address": "Fjordgata 3, 7600 Testvik", "needs_confidentiality": confidentiality, "contact_name": "Per Leder"},
    )
    values = {
        "enrolment": run.enrolments.get(participant=participant),
        "workplace": workplace,
        "start_date": date(2026, 2, 2),
        "end_date": date(2026, 2, 27),
        "weekdays": [2, 4],
        "hours_per_day": Decimal("7.5"),
        "mentor_name": "Mona Veileder",
        "mentor_phone": "900 11 222",
        "mentor_email": "mona@solsiden.example",
        "tasks": ["1/se-vasken", "1/vask-hendene"],
        **changes,
    }
    return Placement.objects.create(**values)


@pytest.fixture
def placement(run, users, logbook) -> Placement:
    return make_placement(run, users["participant_a"])


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def field_values(pdf: Pdf) -> dict:
    return {name: field.get("/V") for name, field in (pdf.reader.get_fields() or {}).items()}


# --- pure helpers ------------------------------------------------------------------------------


def test_days_and_hours_read_as_norwegian():
    assert weekdays_text([4, 2]) == "tirsdag og torsdag"
    assert weekdays_text([1, 3, 5]) == "mandag, onsdag og fredag"
    assert weekdays_text([]) == ""
    assert hours_text(Decimal("7.5")) == "7,5" and hours_text(Decimal("6.0")) == "6" and hours_text(15) == "15"


def test_agreement_fields_come_from_the_placement(placement):
    fields = agreement_fields(placement)
    assert fields["deltaker"] == "Amina Hassan"
    assert fields["arbeidsgiver"] == "Solsiden sykehjem (org.nr. 974760673)"
    assert fields["arbeidssted"] == "Fjordgata 3, 7600 Testvik"
    assert fields["veileder"] == "Mona Veileder, 900 11 222, mona@solsiden.example"
    assert (fields["fra-dato"], fields["til-dato"]) == ("02.02.2026", "27.02.2026")
    assert fields["arbeidstid"] == "tirsdag og torsdag, 7,5 timer per dag"
    assert fields["timer-per-uke"] == "15"
    # tasks as the logbook words them, not their ids
    assert fields["arbeidsoppgaver"] == "– Hvor er vasken du bruker?\n– Vask hendene før du begynner."
    assert fields["kommune-kontakt"] == "Tone Lærer"
    assert "deltaker-telefon" not in fields  # not known: a blank for the parties
    # no field for a signature or a clause the parties tick themselves
    assert not {"underskrift-kommune", "ingen-lonn", "forsikring-avklart", "sted", "dato"} & set(fields)
    # a task the logbook no longer has is kept by its id; a bare task id is found too
    placement.tasks = ["9/borte", "fortell"]
    assert agreement_fields(placement)["arbeidsoppgaver"] == "– 9/borte\n– Når vasket du hendene i dag?"


# --- the documents, read back ------------------------------------------------------------------


def test_agreement_pdf_is_fillable_with_the_known_fields_filled_and_passes_pdfua(client, run, users, placement, tmp_path):
    client.force_login(users["teacher"])
    with no_render_warnings():
        response = client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/avtale.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    pdf = Pdf(response.content)
    values = field_values(pdf)
    assert values["deltaker"] == "Amina Hassan"
    assert values["arbeidsgiver"] == "Solsiden sykehjem (org.nr. 974760673)"
    assert values["fra-dato"] == "02.02.2026" and values["til-dato"] == "27.02.2026"
    assert values["arbeidstid"] == "tirsdag og torsdag, 7,5 timer per dag"
    assert "Hvor er vasken du bruker?" in values["arbeidsoppgaver"]
    # the parties' own fields stay empty: signatures are lines on paper, check boxes unticked
    assert values["ingen-lonn"] in (None, "/Off") and values["forsikring-avklart"] in (None, "/Off")
    assert not values.get("sted") and not values.get("dato")
    assert not any(name.startswith("underskrift") for name in values)
    # the wage and insurance clauses the form carries are printed
    assert "får ikke lønn fra arbeidsgiveren" in pdf
    assert "Forsikring i praksisperioden" in pdf
    # the values are drawn (an appearance stream), not only stored
    assert "/N" in pdf.reader.get_fields()["deltaker"].indirect_reference.get_object()["/AP"]

    (tmp_path / "avtale.pdf").write_bytes(response.content)
    subprocess.run([str(OUTLOUD), "-q", "--json", "report.json", "avtale.pdf"], cwd=tmp_path, capture_output=True, check=False)
    result = json.loads((tmp_path / "report.json").read_text())["results"][0]
    errors = [finding for finding in result["findings"] if finding["severity"] == "error"]
    assert result["counts"]["error"] == 0, errors


def test_agreement_docx_has_the_same_facts_and_lines_to_sign(client, run, users, placement):
    client.force_login(users["admin"])
    response = client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/avtale.docx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = docx_text(response.content)
    for expected in ("Avtale om praksisplass", "Amina Hassan", "Solsiden sykehjem (org.nr. 974760673)", "02.02.2026",
                     "tirsdag og torsdag, 7,5 timer per dag", "Vask hendene før du begynner.", "Mona Veileder, 900 11 222",
                     "får ikke lønn fra arbeidsgiveren", "☐ Arbeidsgiveren og deltakeren vet at praksisen er uten lønn"):
        assert expected in text, expected
    assert "For kommunen: ____" in text  # a line to sign on
    assert "{{" not in text


def test_confidentiality_declaration_only_where_the_workplace_needs_it_and_no_other_documents(client, run, users, placement):
    client.force_login(users["teacher"])
    response = client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/taushetserklaering.pdf")
    assert response.status_code == 200
    pdf = Pdf(response.content)
    values = field_values(pdf)
    assert values["deltaker"] == "Amina Hassan" and values["arbeidssted"] == "Solsiden sykehjem, Fjordgata 3, 7600 Testvik"
    assert "Du har taushetsplikt" in pdf
    docx = client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/taushetserklaering.docx")
    assert "Amina Hassan" in docx_text(docx.content)

    placement.workplace.needs_confidentiality = False
    placement.workplace.save()
    assert client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/taushetserklaering.pdf").status_code == 404
    assert client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/taushetserklaering.docx").status_code == 404
    # unknown documents and formats
    assert client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/kontrakt.pdf").status_code == 404
    assert client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/avtale.odt").status_code == 404
    with pytest.raises(LookupError):
        placement_document(placement, "avtale", "odt")


def test_letter_to_the_employer_names_the_workplace_and_period(client, run, users, placement):
    client.force_login(users["teacher"])
    pdf = Pdf(client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/brev.pdf").content)
    for expected in ("Til: Solsiden sykehjem", "Att.: Mona Veileder", "Tone Lærer", "Minikurs"):
        assert expected in pdf, expected
    text = docx_text(client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/brev.docx").content)
    assert "Solsiden sykehjem" in text and "Mona Veileder" in text and "2. februar 2026" in text


def test_evaluation_pdf_carries_both_authors_answers(client, run, users, placement):
    save_evaluation(placement, "mentor", {"tidspunkt": "Ved slutten av praksisen", "ag-presis": "Godt", "ag-referanse": True,
                                          "ag-mestrer": "Rydder godt og spør når noe er uklart.", "veileder": "Mona V. Veileder"})
    save_evaluation(placement, "participant", {"d-trivsel": "Bra", "d-laert": "Nye ord om renhold."})
    client.force_login(users["teacher"])
    pdf = Pdf(client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/evaluering.pdf").content)
    values = field_values(pdf)
    assert values["deltaker"] == "Amina Hassan"
    assert values["veileder"] == "Mona V. Veileder"  # the mentor's correction
    assert values["periode"] == "02.02.2026–27.02.2026"
    assert values["ag-mestrer"] == "Rydder godt og spør når noe er uklart."
    assert values["d-laert"] == "Nye ord om renhold."
    assert values["ag-presis"] == "/Godt" and values["d-trivsel"] == "/Bra"
    assert values["tidspunkt"] == "/Ved slutten av praksisen"
    assert values["ag-referanse"] not in (None, "/Off")
    assert values["ag-samarbeid"] in (None, "/Off")  # not answered: nothing ticked
    # the ticked radio button shows its on state (what viewers draw)
    fields = pdf.reader.get_fields()
    kids = [kid.get_object() for kid in fields["ag-presis"].indirect_reference.get_object()["/Kids"]]
    assert sorted(str(kid["/AS"]) for kid in kids) == ["/Godt", "/Off", "/Off", "/Off", "/Off"]
    # poppler (no appearance making of its own) draws the tick in the chosen box only
    document = pikepdf.open(io.BytesIO(pdf.data))
    group = form_fields(document)["ag-presis"]
    chosen, other = (next(kid for kid in group.Kids if str(kid.AS) == state) for state in ("/Godt", "/Off"))
    image, _ = page_image(pdf.data, page_of(document, chosen))
    assert dark_pixels(box(image, chosen)) > 4 and dark_pixels(box(image, other)) == 0
    text = docx_text(client.get(f"/ksi/kurs/{run.pk}/praksis/{placement.pk}/evaluering.docx").content)
    assert "☒ Godt" in text and "☐ Meget godt" in text and "Nye ord om renhold." in text


def test_form_markdown_escapes_answers():
    from course_content.loader import get_course

    form = get_course("renhold-og-smittevern").forms["praksisevaluering"]
    markdown = form_markdown(form, {"ag-mestrer": "# ikke en overskrift *og* [lenke](x)"})
    assert "\\# ikke en overskrift \\*og\\* \\[lenke\\]" in markdown


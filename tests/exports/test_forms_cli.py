"""``ksi-courses forms`` and ``ksi-courses template`` run in-process: files written, errors explained."""

import json

import docx
import pytest

from course_content.cli import main
from tests.exports.pdfread import Pdf
from tests.paths import MINI_COURSE


def test_forms_writes_every_form_blank(tmp_path, capsys, mini_course):
    assert main(["forms", str(MINI_COURSE), "-o", str(tmp_path / "skjema")]) == 0
    written = sorted(path.name for path in (tmp_path / "skjema").iterdir())
    assert written == sorted(f"{form_id}.pdf" for form_id in mini_course.forms)
    pdf = Pdf((tmp_path / "skjema" / "oppmoteliste.pdf").read_bytes())
    assert "Oppmøteliste" in pdf and "/AcroForm" not in pdf.reader.trailer["/Root"]
    assert f"wrote {len(mini_course.forms)} blank forms to {tmp_path / 'skjema'}" in capsys.readouterr().out


def test_forms_one_fillable_form(tmp_path, capsys):
    assert main(["forms", str(MINI_COURSE), "--id", "pamelding", "--fillable", "-o", str(tmp_path)]) == 0
    assert [path.name for path in tmp_path.iterdir()] == ["pamelding-utfyllbar.pdf"]
    fields = Pdf((tmp_path / "pamelding-utfyllbar.pdf").read_bytes()).reader.get_fields()
    assert fields["navn"]["/TU"] == "Navn"
    assert "wrote 1 fillable form to" in capsys.readouterr().out


def test_forms_unknown_id_lists_the_forms(tmp_path, capsys):
    assert main(["forms", str(MINI_COURSE), "--id", "nope", "-o", str(tmp_path / "out")]) == 2
    assert (
        "course 'mini-kurs' has no form 'nope'; its forms are: egen-sjekkliste, egenvurdering, kursbevis"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "out").exists()


def test_forms_output_must_be_a_folder(tmp_path, capsys):
    file = tmp_path / "x.pdf"
    file.write_bytes(b"")
    assert main(["forms", str(MINI_COURSE), "-o", str(file)]) == 2
    assert "is a file: -o takes a folder" in capsys.readouterr().err


def test_template_with_sample_values_as_pdf(tmp_path, capsys):
    out = tmp_path / "kursplan.pdf"
    assert main(["template", str(MINI_COURSE), "kursplan", "-o", str(out)]) == 0  # format from the suffix
    pdf = Pdf(out.read_bytes())
    assert "Kursplan: Minikurs for testing" in pdf and "Eksempel kommune" in pdf
    assert "with sample values" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_template_with_values_file_as_docx(tmp_path, suffix):
    values = tmp_path / f"values.{suffix}"
    if suffix == "yaml":
        values.write_text("municipality:\n  name: Testvik kommune\nparticipant.name: Amina Hassan\n", encoding="utf-8")
    else:
        values.write_text(
            json.dumps({"municipality.name": "Testvik kommune", "participant.name": "Amina Hassan"}), encoding="utf-8"
        )
    out = tmp_path / "brev.out"
    assert (
        main(["template", str(MINI_COURSE), "melding", "--format", "docx", "--values", str(values), "-o", str(out)])
        == 0
    )
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Hei Amina Hassan!" in text and "{{" not in text
    assert "starter __________ i __________." in text  # not in the file: blanks to write on


def test_template_unknown_placeholder_in_values_file(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text("municipality.name: Testvik\nrun.plass: Storgata 1\n", encoding="utf-8")
    assert main(["template", str(MINI_COURSE), "melding", "--values", str(values), "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert (
        f"ksi-courses template: {values}: unknown placeholders: run.plass (line 2); the placeholders are: municipality.name,"
        in err
    )
    assert "run.place" in err
    assert not (tmp_path / "x.pdf").exists()


def test_template_missing_values_file(tmp_path, capsys):
    missing = tmp_path / "nope.yaml"
    assert (
        main(["template", str(MINI_COURSE), "melding", "--values", str(missing), "-o", str(tmp_path / "x.docx")]) == 2
    )
    assert f"no values file at {missing}: give a YAML or JSON file" in capsys.readouterr().err


def test_template_unknown_id_lists_the_templates(tmp_path, capsys):
    assert main(["template", str(MINI_COURSE), "nope", "-o", str(tmp_path / "x.pdf")]) == 2
    assert (
        "has no template 'nope'; its templates are: brev-arbeidsgiver-praksis, invitasjon-deltakere"
        in capsys.readouterr().err
    )


def test_template_format_must_be_known(tmp_path, capsys):
    assert main(["template", str(MINI_COURSE), "melding", "-o", str(tmp_path / "x.odt")]) == 2
    assert "cannot tell the format from 'x.odt': give --format pdf or --format docx" in capsys.readouterr().err


def test_template_help_lists_the_placeholders(capsys):
    with pytest.raises(SystemExit):
        main(["template", "--help"])
    out = capsys.readouterr().out
    assert "municipality.name" in out and "Name of the municipality" in out and "lesson.title" in out

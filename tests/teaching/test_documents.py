"""The printed documents of a run (exports.course_run): read back from the PDF. No database."""

from datetime import date
from decimal import Decimal

import pytest

from exports.course_run import (
    CertificateData,
    LoginSlip,
    PasswordSheet,
    certificate_html,
    norwegian_date,
    render_certificate_pdf,
    render_certificates_pdf,
    render_password_sheet_pdf,
)
from exports.options import Branding
from tests.exports.pdfread import Pdf, no_render_warnings

CERTIFICATE = CertificateData(
    name="Amina Hassan",
    course_title="Renhold og smittevern",
    start_date=date(2026, 1, 6),
    end_date=date(2026, 3, 27),
    issued_on=date(2026, 3, 30),
    verification_url="https://kurs.example.no/ksi/bevis/Q2x9-abc/",
    code="Q2x9-abc",
    hours=Decimal("112.5"),
    place="Voksenopplæringen",
    modules=("Hygiene og smittevern", "Utstyr og kjemikalier"),
)


def test_the_certificate_says_who_what_when_and_how_to_check_it():
    with no_render_warnings():
        pdf = Pdf(render_certificate_pdf(CERTIFICATE, Branding(municipality="Demokommune", contact="Voksenopplæringen · 12 34 56 78")))
    assert pdf.page_count == 1
    for phrase in (
        "KURSBEVIS", "Amina Hassan", "har fullført kurset", "Renhold og smittevern", "6. januar 2026 – 27. mars 2026",
        "Voksenopplæringen", "112,5 timer", "Hygiene og smittevern", "Utstyr og kjemikalier", "Utstedt 30. mars 2026 av Demokommune",
        "Kontroller kursbeviset på https://kurs.example.no/ksi/bevis/Q2x9-abc/", "Kontrollkode: Q2x9-abc",
    ):
        assert phrase in pdf, phrase
    assert pdf.reader.metadata.title == "Kursbevis – Amina Hassan – Renhold og smittevern"
    assert pdf.reader.trailer["/Root"]["/Lang"] == "nb"
    roles = [role for role, _ in pdf.structure()]
    assert "H1" in roles and "H2" in roles


@pytest.mark.parametrize("name", ["محمد عبدالله", "ሰላም ተስፋይ", "Олена Коваленко"])
def test_names_in_every_script_of_the_participants_render(name):
    with no_render_warnings():
        pdf = Pdf(render_certificate_pdf(CertificateData(**{**CERTIFICATE.__dict__, "name": name})))
    assert pdf.page_count == 1


def test_a_certificate_issued_early_says_took_part_not_completed():
    early = CertificateData(**{**CERTIFICATE.__dict__, "lessons_completed": 4, "lessons_total": 20, "course_ended": False})
    html = certificate_html(early)
    assert "har deltatt på kurset" in html and "har fullført" not in html
    assert "4 av 20 fullført" in html and "før kurset var slutt" in html
    done = certificate_html(CertificateData(**{**CERTIFICATE.__dict__, "lessons_completed": 20, "lessons_total": 20}))
    assert "har fullført kurset" in done and "Leksjoner" not in done and "før kurset var slutt" not in done
    all_lessons_but_early = CertificateData(**{**CERTIFICATE.__dict__, "lessons_completed": 20, "lessons_total": 20, "course_ended": False})
    assert "har deltatt på kurset" in certificate_html(all_lessons_but_early)


def test_all_certificates_of_a_run_in_one_tagged_pdf(tmp_path):
    from tests.exports.test_pdfua import check

    early = CertificateData(**{**CERTIFICATE.__dict__, "name": "Bilal Ahmadi", "lessons_completed": 4, "lessons_total": 20, "course_ended": False})
    with no_render_warnings():
        data = render_certificates_pdf([CERTIFICATE, early], Branding(municipality="Demokommune"))
    pdf = Pdf(data)
    assert pdf.page_count == 2
    first, second = (str(page) for page in pdf.pages)
    assert "Amina Hassan" in first and "har fullført kurset" in first and "Bilal Ahmadi" not in first
    assert "Bilal Ahmadi" in second and "har deltatt på kurset" in second and "Kontrollkode: Q2x9-abc" in second
    result = check({"alle.pdf": data}, tmp_path)["alle.pdf"]
    assert result["counts"]["error"] == 0, [f for f in result["findings"] if f["severity"] == "error"]


def test_zero_hours_leave_the_hours_line_out():
    html = certificate_html(CertificateData(**{**CERTIFICATE.__dict__, "hours": Decimal(0), "place": "", "modules": ()}))
    assert "Timer" not in html and "Sted" not in html and "Kurset omfattet" not in html


def test_names_are_escaped():
    html = certificate_html(CertificateData(**{**CERTIFICATE.__dict__, "name": "<b>Ola</b>"}))
    assert "&lt;b&gt;Ola&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [({"name": " "}, "name is empty"), ({"end_date": date(2025, 1, 1)}, "ends \\(2025-01-01\\) before it starts")],
)
def test_certificate_data_is_checked(change, message):
    with pytest.raises(ValueError, match=message):
        CertificateData(**{**CERTIFICATE.__dict__, **change})


def test_norwegian_dates():
    assert [norwegian_date(date(2026, month, 1)) for month in (1, 5, 12)] == ["1. januar 2026", "1. mai 2026", "1. desember 2026"]


def test_the_password_sheet_has_one_uncut_slip_per_participant():
    slips = tuple(LoginSlip(f"Deltaker {i}", f"deltaker{i}", f"abcd-efgh-{i:04d}") for i in range(9))
    with no_render_warnings():
        pdf = Pdf(render_password_sheet_pdf(PasswordSheet("Renhold vår 2026", "https://kurs.example.no/ksi/logg-inn/", slips)))
    assert pdf.page_count > 1
    for slip in slips:  # a slip is never split across pages
        [page] = [page for page in pdf.pages if f"{slip.name}\n" in f"{page}\n"]
        assert slip.username in page and slip.password in page, slip
    assert "Første gang du logger inn, lager du ditt eget passord." in pdf
    assert "https://kurs.example.no/ksi/logg-inn/" in pdf


def test_an_empty_password_sheet_is_an_error():
    with pytest.raises(ValueError, match="no slips"):
        render_password_sheet_pdf(PasswordSheet("Tomt", "https://x/"))

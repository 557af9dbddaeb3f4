"""A teacher downloads the attendance list pre-filled for the run, and templates filled with it."""

import io
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from pypdf import PdfReader

from ksi_courses.teaching.attendance import add_session

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_attendance_list_is_prefilled_with_participants_and_dates(client, run, users):
    add_session(run, date(2026, 1, 5), Decimal(3))
    add_session(run, date(2026, 1, 7), Decimal(3))
    client.force_login(users["teacher"])
    html = client.get(f"/ksi/kurs/{run.pk}/").content.decode()
    assert f"/ksi/kurs/{run.pk}/oppmoteliste.pdf" in html
    response = client.get(f"/ksi/kurs/{run.pk}/oppmoteliste.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("Amina Hassan", "Bilal Ahmadi", "05.01", "07.01", "Læringssenteret", "Tone Lærer"):
        assert expected in text, expected
    fillable = PdfReader(io.BytesIO(client.get(f"/ksi/kurs/{run.pk}/oppmoteliste.pdf?utfyllbar=1").content))
    assert fillable.get_fields()


def test_templates_are_filled_with_the_run(client, run, users):
    client.force_login(users["teacher"])
    response = client.get(f"/ksi/kurs/{run.pk}/maler/invitasjon-deltakere.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Læringssenteret" in text and "Tone Lærer" in text and "{{" not in text
    assert client.get(f"/ksi/kurs/{run.pk}/maler/finnes-ikke.pdf").status_code == 404

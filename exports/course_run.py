"""Printed documents for running a course: the course certificate and the one-time password sheet.

Both take plain data (no Django, no course model) and use the print face's fonts, tagging and
URL policy through their document kinds:

>>> from exports.course_run import CertificateData, render_certificate_pdf
>>> pdf = render_certificate_pdf(CertificateData(name="Amina Hassan", course_title="Renhold og smittevern", ...))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .documents import DocumentKind, register_document_kind, render_document_html, render_document_pdf
from .options import Branding
from .pdf import branding_stylesheet

CERTIFICATE = register_document_kind(DocumentKind("certificate", "exports/certificate.html", ("fonts", "certificate")))
#: Several certificates in one PDF, one page each (a run's "download all").
CERTIFICATES = register_document_kind(DocumentKind("certificates", "exports/certificates.html", ("fonts", "certificate")))
PASSWORD_SHEET = register_document_kind(
    DocumentKind("password_sheet", "exports/password_sheet.html", ("fonts", "password_sheet"))
)

_MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip


@dataclass(frozen=True)
class CertificateData:
    """What a course certificate (kursbevis) says. ``hours`` of 0 leaves the hours line out.

    It says "har fullført kurset" only when :attr:`completed`: every lesson done
    (``lessons_completed`` of ``lessons_total``, when known) and issued when the course was over
    (``course_ended``). Otherwise it says "har deltatt på kurset", with the lessons done and, if
    so, that it was issued before the end.
    """

    name: str
    course_title: str
    start_date: date
    end_date: date
    issued_on: date
    verification_url: str
    code: str
    hours: Decimal = Decimal(0)
    place: str = ""
    modules: tuple[str, ...] = ()
    issuer: str = ""  # e.g. "Voksenopplæringen"; the municipality comes from the branding
    lessons_completed: int | None = None  # None: not known, the certificate does not mention lessons
    lessons_total: int = 0
    course_ended: bool = True
    organised_by: str = ""  # a joint run: "Arrangert av <host> i samarbeid med <home municipality>"

    @property
    def completed(self) -> bool:
        """Whether the certificate may say the course was completed."""
        all_lessons = self.lessons_completed is None or self.lessons_completed >= self.lessons_total
        return all_lessons and self.course_ended

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("CertificateData.name is empty: a certificate needs the participant's name")
        if self.end_date < self.start_date:
            raise ValueError(
                f"CertificateData: the course ends ({self.end_date}) before it starts ({self.start_date}); fix the run's dates"
            )


@dataclass(frozen=True)
class LoginSlip:
    """One participant's login, cut out and handed over."""

    name: str
    username: str
    password: str


@dataclass(frozen=True)
class PasswordSheet:
    """The sheet of one-time passwords a teacher prints after adding participants."""

    run_title: str
    login_url: str
    slips: tuple[LoginSlip, ...] = field(default_factory=tuple)


def norwegian_date(value: date) -> str:
    """``6. januar 2026``."""
    return f"{value.day}. {_MONTHS[value.month - 1]} {value.year}"


def hours_text(value: Decimal) -> str:
    """``120``, ``7,5`` (Norwegian decimal comma)."""
    text = f"{Decimal(value):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def certificate_html(data: CertificateData, branding: Branding | None = None) -> str:
    """The certificate's HTML (what :func:`render_certificate_pdf` lays out)."""
    return render_document_html(CERTIFICATE, _certificate_context(data, branding or Branding()))


def render_certificate_pdf(data: CertificateData, branding: Branding | None = None) -> bytes:
    """The certificate as a tagged PDF (one A4 page)."""
    branding = branding or Branding()
    return render_document_pdf(
        CERTIFICATE,
        _certificate_context(data, branding),
        extra_css=[branding_stylesheet(branding.primary_colour)],
    )


def render_certificates_pdf(certificates: list[CertificateData], branding: Branding | None = None) -> bytes:
    """Several certificates as one tagged PDF, one page each, in the order given."""
    if not certificates:
        raise ValueError("render_certificates_pdf needs at least one certificate")
    branding = branding or Branding()
    context = {
        "title": f"Kursbevis – {certificates[0].course_title}",
        "branding": branding,
        "logo_url": branding.logo_data_url(),
        "certificates": [_certificate_facts(data) for data in certificates],
    }
    return render_document_pdf(CERTIFICATES, context, extra_css=[branding_stylesheet(branding.primary_colour)])


def password_sheet_html(sheet: PasswordSheet, branding: Branding | None = None) -> str:
    return render_document_html(PASSWORD_SHEET, _sheet_context(sheet, branding or Branding()))


def render_password_sheet_pdf(sheet: PasswordSheet, branding: Branding | None = None) -> bytes:
    """The password sheet as a tagged PDF: one slip per participant, made to be cut apart."""
    if not sheet.slips:
        raise ValueError("PasswordSheet has no slips: add at least one participant's login")
    branding = branding or Branding()
    return render_document_pdf(
        PASSWORD_SHEET,
        _sheet_context(sheet, branding),
        extra_css=[branding_stylesheet(branding.primary_colour)],
    )


def _certificate_context(data: CertificateData, branding: Branding) -> dict:
    return {
        "title": f"Kursbevis – {data.name} – {data.course_title}",
        "branding": branding,
        "logo_url": branding.logo_data_url(),
        "certificate": _certificate_facts(data),
    }


def _certificate_facts(data: CertificateData) -> dict:
    return {
        "data": data,
        "period": f"{norwegian_date(data.start_date)} – {norwegian_date(data.end_date)}",
        "issued_on": norwegian_date(data.issued_on),
        "hours": hours_text(data.hours) if data.hours else "",
    }


def _sheet_context(sheet: PasswordSheet, branding: Branding) -> dict:
    return {
        "title": f"Innlogging – {sheet.run_title}",
        "sheet": sheet,
        "branding": branding,
        "logo_url": branding.logo_data_url(),
    }

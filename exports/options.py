"""What to print and how it looks: :class:`PdfOptions` and the municipality's :class:`Branding`."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from course_content.base import LANGUAGES
from course_content.logbook import LOGBOOK_SHEET
from course_content.repetition import REPETITION_PREFIX

Edition = Literal["participant", "teacher"]
_SHEET_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
EDITIONS: tuple[str, ...] = ("participant", "teacher")

_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# Logos are embedded as data: URLs, so the type must be known from the bytes themselves.
_LOGO_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class Branding:
    """The municipality's look on every PDF. The default is neutral (no name, no logo, dark grey).

    ``logo`` is a file path or the file's bytes (PNG, JPEG, GIF or SVG); ``primary_colour`` a CSS
    hex colour such as ``#005a9c``; ``contact`` one line printed in the footer of the cover;
    ``privacy_contact`` the data protection officer (personvernombud), printed in privacy notices.
    """

    municipality: str = ""
    logo: Path | str | bytes | None = None
    primary_colour: str = "#2b2b2b"
    contact: str = ""
    privacy_contact: str = ""

    def __post_init__(self) -> None:
        if not _HEX_COLOUR.match(self.primary_colour):
            raise ValueError(
                f"Branding.primary_colour {self.primary_colour!r} is not a hex colour: use #rgb or #rrggbb, e.g. #005a9c"
            )
        if isinstance(self.logo, str | Path) and not Path(self.logo).is_file():
            raise ValueError(f"Branding.logo: no file at {self.logo}: give the path of a PNG, JPEG, GIF or SVG file, or its bytes")

    def logo_bytes(self) -> bytes | None:
        if self.logo is None:
            return None
        return self.logo if isinstance(self.logo, bytes) else Path(self.logo).read_bytes()

    def logo_data_url(self) -> str | None:
        """The logo as a ``data:`` URL (so rendering fetches nothing from outside)."""
        data = self.logo_bytes()
        if data is None:
            return None
        return f"data:{_logo_mime_type(data, self.logo)};base64,{base64.b64encode(data).decode()}"

    def fingerprint(self) -> str:
        """A digest of everything that changes the printed result (the logo by its bytes)."""
        logo = self.logo_bytes()
        parts = [self.municipality, self.primary_colour.lower(), self.contact, hashlib.sha256(logo).hexdigest() if logo else ""]
        parts.append(self.privacy_contact)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _logo_mime_type(data: bytes, source) -> str:
    for signature, mime in _LOGO_SIGNATURES:
        if data.startswith(signature):
            return mime
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:2048].lower()):
        return "image/svg+xml"
    where = f" ({source})" if isinstance(source, str | Path) else ""
    raise ValueError(f"Branding.logo{where} is not a PNG, JPEG, GIF or SVG image: convert the logo to one of these")


@dataclass(frozen=True)
class PdfOptions:
    """Which document to print for a course.

    The document follows from the options: with ``lesson_id`` a lesson handout (vocabulary
    tables then show ``language`` beside Norwegian when it is given); else with ``language`` the
    vocabulary list for that language; else the booklet of ``edition``. The teacher edition
    adds teacher notes, quiz answers with explanations and the course description.

    ``sheet`` prints a sheet instead: a repetition sheet (``repetisjon-N``), an assessment
    (``modul-<module id>`` or ``kurs``) or the practice logbook (``praksislogg``).
    """

    edition: Edition = "participant"
    lesson_id: str | None = None
    language: str | None = None
    branding: Branding = field(default_factory=Branding)
    sheet: str | None = None

    def __post_init__(self) -> None:
        if self.sheet is not None and not _SHEET_ID.match(self.sheet):
            raise ValueError(f"PdfOptions.sheet {self.sheet!r} is not a sheet id such as repetisjon-1, modul-hygiene, kurs")
        if self.edition not in EDITIONS:
            raise ValueError(f"PdfOptions.edition {self.edition!r} is unknown: use one of {', '.join(EDITIONS)}")
        if self.language is not None and self.language not in LANGUAGES:
            raise ValueError(f"PdfOptions.language {self.language!r} is unknown: use one of {', '.join(LANGUAGES)}")

    @property
    def document(self) -> str:
        """The document kind these options print: ``handout``, ``vocabulary`` or ``booklet``
        (or with ``sheet``: ``repetition``, ``assessment`` or ``logbook``)."""
        if self.sheet:
            if self.sheet == LOGBOOK_SHEET:
                return "logbook"
            return "repetition" if self.sheet.startswith(REPETITION_PREFIX) else "assessment"
        if self.lesson_id:
            return "handout"
        if self.language:
            return "vocabulary"
        return "booklet"

    @property
    def teacher(self) -> bool:
        return self.edition == "teacher"

    def cache_fields(self) -> dict[str, str | None]:
        """The options that change the output of :attr:`document` (others are left out of cache keys)."""
        fields: dict[str, str | None] = {"document": self.document, "branding": self.branding.fingerprint()}
        if self.sheet:
            fields["sheet"] = self.sheet
            if self.document != "logbook":  # the logbook has no answers: one version for all
                fields["edition"] = self.edition
            return fields
        if self.document == "vocabulary":
            fields["language"] = self.language
        else:
            fields["edition"] = self.edition
        if self.document == "handout":
            fields["lesson"] = self.lesson_id
            fields["language"] = self.language
        return fields

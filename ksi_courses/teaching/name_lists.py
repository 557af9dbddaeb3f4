"""Lists of participants' names that a teacher pastes or uploads: reading and checking them.

Whatever a spreadsheet, an old Mac or a phone produces is either read correctly or refused with a
message that names the line: UTF-8 with or without BOM, UTF-16 with BOM (Excel's “Unicode text”),
Windows-1252; line ends ``\\n``, ``\\r\\n`` or a bare ``\\r``. Spreadsheets, PDFs, images and other
binary files, control characters (NUL included) and characters that could not be read are refused:
nothing of them is ever stored as a name.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections import Counter

from django.utils.translation import gettext as _

MAX_NAMES = 200
MAX_NAME_LENGTH = 150
_HEADER_WORDS = {"navn", "name", "fornavn", "first name", "first_name", "etternavn", "last name", "last_name", "fullt navn"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
#: Invisible marks a copied name may carry (byte order mark, zero-width space, soft hyphen,
#: direction marks): dropped. Zero-width (non-)joiners stay: Dari and Persian spelling uses them.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
#: How files that are not text begin: spreadsheets and documents (zip, OLE), PDF, images.
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


class ParticipantError(ValueError):
    """Names a teacher typed or uploaded cannot be used; the message names the line and the fix."""


def decode_upload(data: bytes) -> str:
    """Text of an uploaded name list, or :class:`ParticipantError` if it is not a text file.

    A byte order mark decides the encoding (UTF-8, UTF-16, UTF-32); without one UTF-8 is tried,
    then Windows-1252 as older Excel saves CSV. NUL bytes without a BOM mean a binary file (or
    UTF-16 without BOM, which cannot be told apart reliably).
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ParticipantError(_not_text()) from None
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data:
        raise ParticipantError(_not_text())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # the 5 unused bytes become “�”, refused below


def parse_names(text: str) -> list[tuple[str, str]]:
    """Names from a CSV file or a pasted list: ``(first name, last name)`` per line.

    A line holds either the full name (the last word is the surname) or first and last name in
    two columns separated by ``;``, ``,`` or a tab. A header line (“Fornavn;Etternavn”, “Navn”)
    and empty lines are skipped. All problems are reported at once, with line numbers.
    """
    lines = _LINE_BREAK.split(text)
    sample = "\n".join(lines[:20])
    delimiter = next((d for d in (";", "\t", ",") if d in sample), ";")
    names, problems = [], []
    for number, line in enumerate(lines, start=1):
        try:
            row = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            problems.append(_("Line %(line)d cannot be read. Write the name again without quotation marks.") % {"line": number})
            continue
        cells = [" ".join(cell.translate(_INVISIBLE).split()) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if not names and not problems and {cell.casefold() for cell in cells} <= _HEADER_WORDS:
            continue
        if len(cells) == 1:
            words = cells[0].split()
            first, last = (" ".join(words[:-1]), words[-1]) if len(words) > 1 else (words[0], "")
        else:
            first, last = cells[0], " ".join(cell for cell in cells[1:] if cell)
        first, last = unicodedata.normalize("NFC", first), unicodedata.normalize("NFC", last)
        if not first:
            problems.append(_("Line %(line)d: the first name is empty.") % {"line": number})
        elif len(first) > MAX_NAME_LENGTH or len(last) > MAX_NAME_LENGTH:
            problems.append(_("Line %(line)d: the name is longer than 150 characters.") % {"line": number})
        elif not usable_name(first + last):
            problems.append(
                _("Line %(line)d: the name has a character that cannot be used (a control character, or one that could not be read). Type the name again.")
                % {"line": number}
            )
        else:
            names.append((first, last))
    if problems:
        raise ParticipantError(" ".join(problems))
    if not names:
        raise ParticipantError(_("No names found. Write one participant per line, e.g. “Amina Hassan”."))
    if len(names) > MAX_NAMES:
        raise ParticipantError(
            _("%(count)d names is more than %(max)d: split the list into smaller parts.")
            % {"count": len(names), "max": MAX_NAMES}
        )
    return names


def usable_name(text: str) -> bool:
    """No control, private, unassigned or format characters (zero-width joiners allowed), no “�”."""
    return "\ufffd" not in text and all(
        unicodedata.category(char) not in {"Cc", "Cs", "Co", "Cn", "Cf"} or char in "\u200c\u200d" for char in text
    )


def repeated_names(names: list[tuple[str, str]], already: list[str] = ()) -> list[str]:
    """Full names that occur more than once in ``names`` or are ``already`` in the run (case-blind)."""
    key = _full_name_key
    counts = Counter(key(f"{first} {last}") for first, last in names)
    existing = {key(name) for name in already}
    repeated, seen = [], set()
    for first, last in names:
        full = f"{first} {last}".strip()
        if (counts[key(full)] > 1 or key(full) in existing) and key(full) not in seen:
            seen.add(key(full))
            repeated.append(full)
    return repeated


def _full_name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _not_text() -> str:
    return _(
        "The file is not a list of names in plain text. In Excel, choose “Save as” and “CSV UTF-8”. "
        "Or copy the names and paste them in the box."
    )

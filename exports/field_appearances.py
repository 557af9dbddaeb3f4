"""Appearance streams for every state of every field of a fillable PDF (used by :mod:`exports.acroform`).

WeasyPrint 70 gives a check box or radio button an appearance for its *on* state only and a text
field none at all, relying on ``NeedAppearances``: viewers that do not regenerate appearances
(many phone and browser viewers, print pipelines) then show pre-filled text as empty. Measured with
poppler's ``pdftoppm``. Here every widget gets an ``/Off`` appearance, a radio button's on state is
named after its option label (so the group's exported value is "Kan litt", not ``/1``), and a
text field gets an appearance that draws its value with the font its ``/DA`` names.

``NeedAppearances`` is then left out (a viewer redraws a field when someone types in it anyway;
with it, poppler redraws check boxes from their empty caption and shows them unticked). The field font
(:data:`exports.fonts.FORM_FONT`) covers Latin, Cyrillic, Arabic and Ethiopic, so a viewer can draw
Arabic, Dari or Tigrinya typed into any field.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

import pydyf

#: Field flag bit 13 (PDF 1.7 table 228): a text field of several lines.
MULTILINE_FLAG = 1 << 12
#: Inner margin of a text appearance, in points (as viewers draw it).
PADDING = 2
_DA_FONT = re.compile(rb"/(\S+)\s+([\d.]+)\s+Tf")
#: Bytes a PDF name may hold as they are (PDF 1.7 §7.3.5): printable ASCII except delimiters and #.
_NAME_SAFE = frozenset(range(0x21, 0x7F)) - frozenset(b"#()<>[]{}/%")


def pdf_name(text: str) -> str:
    """``text`` as a PDF name without the slash: UTF-8, other bytes as ``#xx`` ("Kan litt" → ``Kan#20litt``)."""
    return "".join(chr(byte) if byte in _NAME_SAFE else f"#{byte:02X}" for byte in text.encode("utf-8"))


def on_state_names(labels: list[str]) -> list[str]:
    """Escaped on-state names for radio buttons with these labels; never ``Off``, never twice the same."""
    names: list[str] = []
    for label in labels:
        name, number = pdf_name(label) or "Valg", 2
        base = name
        while name in names or name == "Off":
            name, number = f"{base}#20({number})", number + 1
        names.append(name)
    return names


class Appearances:
    """Writes the appearance streams of one PDF's widgets (``pdf`` is WeasyPrint's pydyf document)."""

    def __init__(self, pdf: pydyf.PDF, resolve):
        self.pdf = pdf
        self.resolve = resolve
        self.acroform = pdf.catalog["AcroForm"]

    def rename_radio_states(self, group: pydyf.Dictionary, kids: list[pydyf.Dictionary]) -> None:
        """Name each button's on state after its option label (the group's ``/Opt``)."""
        labels = [_text(option) for option in group.get("Opt", [])]
        if len(labels) != len(kids):
            return
        for kid, name in zip(kids, on_state_names(labels), strict=True):
            normal = kid["AP"]["N"]
            on_states = [key for key in normal if key != "Off"]
            if len(on_states) != 1:
                continue
            old = on_states[0]
            normal[name] = normal.pop(old)
            if str(kid.get("AS")) == f"/{old}":
                kid["AS"] = f"/{name}"
                group["V"] = f"/{name}"

    def add_off_state(self, widget: pydyf.Dictionary) -> None:
        """Give a check box or radio button an (empty) appearance for its off state.

        The box itself is drawn on the page by WeasyPrint, so "off" draws nothing over it.
        """
        normal = widget["AP"]["N"]
        if "Off" not in normal:
            normal["Off"] = self._form_xobject(widget, [])

    def add_text_appearance(self, field: pydyf.Dictionary) -> None:
        """Draw a text field's value (empty when none) with the font and colour of its ``/DA``."""
        da = _bytes(field.get("DA"))
        value = _text(field.get("V"))
        match = _DA_FONT.search(da)
        lines: list[bytes] = []
        if value and match:
            font_key, size = match.group(1).decode(), float(match.group(2))
            glyphs = self._glyph_ids(font_key)
            if glyphs is not None:
                lines = self._text_lines(field, da, value, glyphs, size)
        field["AP"] = pydyf.Dictionary({"N": self._form_xobject(field, lines)})

    def _text_lines(self, field, da: bytes, value: str, glyphs: dict[int, int], size: float) -> list[bytes]:
        _, height = _size(field)
        multiline = int(field.get("Ff", 0)) & MULTILINE_FLAG
        rows = value.splitlines() if multiline else [" ".join(value.split())]
        leading = size * 1.2
        # One line sits in the middle of the box; several start at the top.
        top = height - PADDING - size if multiline else (height - size * 0.72) / 2
        content = [b"/Tx BMC", b"q", b"BT", da, f"{PADDING:g} {top:.2f} Td".encode()]
        for number, row in enumerate(rows):
            if number:
                content.append(f"0 {-leading:.2f} Td".encode())
            codes = "".join(f"{glyphs.get(ord(char), 0):04x}" for char in row)
            content.append(f"<{codes}> Tj".encode())
        content += [b"ET", b"Q", b"EMC"]
        return content

    def _form_xobject(self, widget: pydyf.Dictionary, content: list[bytes]) -> bytes:
        width, height = _size(widget)
        stream = pydyf.Stream(
            content,
            {
                "Type": "/XObject",
                "Subtype": "/Form",
                "BBox": pydyf.Array((0, 0, width, height)),
                "Resources": self.acroform["DR"],
            },
            compress=True,
        )
        self.pdf.add_object(stream)
        return stream.reference

    def _glyph_ids(self, font_key: str) -> dict[int, int] | None:
        """Unicode → glyph id of the font ``font_key`` of the form resources (embedded whole, Identity-H)."""
        try:
            fonts = self.resolve(self.resolve(self.acroform["DR"])["Font"])
            font = self.resolve(fonts[font_key])
            descendant = self.resolve(font["DescendantFonts"][0])
            descriptor = self.resolve(descendant["FontDescriptor"])
            file = self.resolve(descriptor.get("FontFile2") or descriptor["FontFile3"])
        except (KeyError, IndexError, TypeError):
            return None
        return _cmap(b"".join(file.stream))


@lru_cache(maxsize=4)
def _cmap(font_file: bytes) -> dict[int, int]:
    from fontTools.ttLib import TTFont

    ttf = TTFont(io.BytesIO(font_file), lazy=True)
    return {code: ttf.getGlyphID(name) for code, name in ttf.getBestCmap().items()}


def _size(widget: pydyf.Dictionary) -> tuple[float, float]:
    left, top, right, bottom = (float(number) for number in widget["Rect"])
    return abs(right - left), abs(top - bottom)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, pydyf.String):
        string = value.string
        return string.decode("latin-1") if isinstance(string, bytes) else string
    return str(value)


def _bytes(value) -> bytes:
    if isinstance(value, pydyf.String):
        string = value.string
        return string if isinstance(string, bytes) else string.encode("latin-1")
    return b""

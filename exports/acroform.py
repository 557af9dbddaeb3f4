"""Complete the AcroForm that WeasyPrint writes for a fillable PDF (a ``write_pdf`` finisher).

WeasyPrint 70 turns HTML controls into fields (``pdf_forms=True``), with each field's accessible
name (``/TU``) taken from its ``<label for>``. Measured on its output, three things need fixing:

- a radio group's buttons are also listed as top-level fields and keep their own ``/T``, so a
  reader sees the group twice (pypdf reports ``x`` and ``x.x``, "already parsed");
- a radio group is named after the label of its *first button*, not the question — HTML names
  a group with ``<fieldset><legend>``, which has no PDF counterpart;
- ``required`` is dropped, so viewers do not announce or check required fields;
- appearances are missing for off states and text values (:mod:`exports.field_appearances`).

The finisher works on the pydyf objects just before they are written, so the tagged structure
WeasyPrint built (``/Form`` elements, ``/StructParent`` links) stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pydyf

from .field_appearances import Appearances

#: Field flag bit 2 of PDF 1.7 table 221: the field must have a value when submitted or exported.
REQUIRED_FLAG = 1 << 1


@dataclass(frozen=True)
class FieldSpec:
    """What the form model knows about one PDF field (by its ``/T`` name).

    ``accessible_name`` replaces the label-derived ``/TU`` when given (a radio group's question,
    or a checkbox's "question: choice"); ``required`` sets the Required flag.
    """

    name: str
    accessible_name: str | None = None
    required: bool = False


class AcroFormFinisher:
    """Fix radio groups, set accessible names and Required flags from ``specs``."""

    def __init__(self, specs: Iterable[FieldSpec]):
        self.specs = {spec.name: spec for spec in specs}

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        acroform = pdf.catalog.get("AcroForm")
        if acroform is None:
            return
        fields = acroform["Fields"]
        appearances = Appearances(pdf, lambda ref: _resolve(pdf, ref))
        kid_refs: set[bytes] = set()
        for ref in fields:
            field = _resolve(pdf, ref)
            spec = self.specs.get(_text(field.get("T")))
            if spec is not None:
                self._apply(spec, field)
            if "Kids" in field:
                kid_refs.update(field["Kids"])
                self._fix_radio_kids(pdf, field)
                kids = [_resolve(pdf, kid) for kid in field["Kids"]]
                appearances.rename_radio_states(field, kids)
                for kid in kids:
                    appearances.add_off_state(kid)
            elif "AP" in field:
                appearances.add_off_state(field)
            elif str(field.get("FT")) == "/Tx":
                appearances.add_text_appearance(field)
        # Kids are reached through their group; listing them again makes them separate fields.
        fields[:] = [ref for ref in fields if ref not in kid_refs]
        # Every widget now has its appearances; viewers still redraw a field when someone types.
        # Left on, poppler redraws check boxes from their (empty) caption and shows them unticked.
        acroform.pop("NeedAppearances", None)

    @staticmethod
    def _apply(spec: FieldSpec, field: pydyf.Dictionary) -> None:
        if spec.accessible_name:
            field["TU"] = pydyf.String(spec.accessible_name)
        if spec.required:
            field["Ff"] = int(field.get("Ff", 0)) | REQUIRED_FLAG

    @staticmethod
    def _fix_radio_kids(pdf: pydyf.PDF, group: pydyf.Dictionary) -> None:
        question = _text(group.get("TU"))
        options = group.get("Opt", [])
        for index, ref in enumerate(group["Kids"]):
            kid = _resolve(pdf, ref)
            # A button is a widget of the group's one field: its name and type come from the parent.
            kid.pop("T", None)
            kid.pop("FT", None)
            if index < len(options):
                kid["TU"] = pydyf.String(f"{question}: {_text(options[index])}")


def _resolve(pdf: pydyf.PDF, ref) -> pydyf.Dictionary:
    if isinstance(ref, pydyf.Object):
        return ref
    return pdf.objects[int(bytes(ref).split()[0])]


def _text(value) -> str:
    if value is None:
        return ""
    return value.string if isinstance(value, pydyf.String) else str(value)

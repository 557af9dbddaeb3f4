"""Forms (skjema): registration, self-assessment, attendance, placement agreement and more."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from pydantic import Field, model_validator

from .base import ContentModel, Id, NonEmptyStr

FieldType = Literal[
    "text",
    "long_text",
    "date",
    "number",
    "single_choice",
    "multiple_choice",
    "checkbox",
    "signature",
    "table",
    "grid",
]
#: The kinds every course must have (CONTENT.md: the common set of forms).
COMMON_FORM_KINDS = (
    "registration",
    "self_assessment",
    "attendance",
    "placement_agreement",
    "placement_evaluation",
    "course_evaluation",
    "certificate",
)
FormKind = Literal[
    "registration",
    "self_assessment",
    "attendance",
    "placement_agreement",
    "placement_evaluation",
    "course_evaluation",
    "certificate",
    "checklist",
    "log",
    "other",
]
CHOICE_TYPES = ("single_choice", "multiple_choice")
#: Field types whose ``columns`` are printed as a table: a ``grid`` is people (rows) × days or
#: items (columns), each cell holding one of the codes in ``choices``, printed as a legend.
COLUMN_TYPES = ("table", "grid")

#: ``{{ placeholder }}`` in a form's intro and privacy notice, filled from the municipality's
#: branding where the form is shown (PDF and web page); a missing value leaves a line to write on.
FORM_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
FORM_PLACEHOLDERS: dict[str, str] = {
    "municipality.name": "Name of the municipality (kommune)",
    "municipality.contact": "The municipality's contact line (unit, address, phone, e-mail)",
    "municipality.privacy_contact": "Contact of the data protection officer (personvernombud)",
}
FORM_BLANK = r"\_" * 20


class TableColumn(ContentModel):
    id: Id
    label: NonEmptyStr
    type: Literal["text", "date", "number", "checkbox", "signature"] = "text"


class FormField(ContentModel):
    """One field of a form. Choice fields need ``choices``; tables need ``columns``."""

    id: Id
    type: FieldType
    label: NonEmptyStr
    required: bool = False
    help: str = ""
    choices: list[NonEmptyStr] = Field(default_factory=list)
    columns: list[TableColumn] = Field(default_factory=list)
    rows: int = Field(default=8, ge=1, le=60, description="Printed rows of a table or grid")
    row_label: str = Field(default="", description="Grid only: the heading of the first column (e.g. Deltaker)")

    @model_validator(mode="after")
    def _shape(self):
        if self.type in (*CHOICE_TYPES, "grid") and len(self.choices) < 2:
            what = "codes for its cells (its legend)" if self.type == "grid" else "choices"
            raise ValueError(f"a {self.type} field needs at least 2 {what}")
        if self.type not in (*CHOICE_TYPES, "grid") and self.choices:
            raise ValueError(f"a {self.type} field has no choices")
        if self.type in COLUMN_TYPES and not self.columns:
            raise ValueError(f"a {self.type} field needs columns")
        if self.type not in COLUMN_TYPES and self.columns:
            raise ValueError(f"a {self.type} field has no columns")
        if self.type == "grid" and not self.row_label.strip():
            raise ValueError("a grid field needs a row_label: the heading of its first column, e.g. 'Deltaker'")
        if self.type != "grid" and self.row_label:
            raise ValueError(f"a {self.type} field has no row_label (only a grid has)")
        return self


class FormSection(ContentModel):
    title: NonEmptyStr
    intro: str = ""
    fields: list[FormField] = Field(min_length=1)


class Form(ContentModel):
    """A form: title, introduction and sections of fields."""

    id: Id
    title: NonEmptyStr
    kind: FormKind
    intro: str = ""
    privacy: str = Field(
        default="",
        description="Privacy notice (Markdown): who is responsible, legal basis, storage, rights, contact."
        " May use the placeholders of FORM_PLACEHOLDERS.",
    )
    sections: list[FormSection] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_field_ids(self):
        seen: set[str] = set()
        for field in self.fields:
            if field.id in seen:
                raise ValueError(f"duplicate field id '{field.id}'")
            seen.add(field.id)
        return self

    @model_validator(mode="after")
    def _known_placeholders(self):
        for where, text in (("intro", self.intro), ("privacy", self.privacy)):
            for name in placeholders(text):
                if name not in FORM_PLACEHOLDERS:
                    raise ValueError(
                        f"{where}: unknown placeholder '{{{{ {name} }}}}'; a form may use: {', '.join(FORM_PLACEHOLDERS)}"
                    )
        return self

    @property
    def fields(self) -> list[FormField]:
        return [field for section in self.sections for field in section.fields]


def placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``, in order."""
    return [match.group(1) for match in FORM_PLACEHOLDER.finditer(text)]


def fill_form_text(text: str, values: Mapping[str, str], *, blank: str = FORM_BLANK) -> str:
    """``text`` with each placeholder replaced by its value; an empty or missing one by ``blank``
    (by default a line to write on, escaped so that it stays a line in Markdown)."""
    return FORM_PLACEHOLDER.sub(lambda m: (values.get(m.group(1)) or "").strip() or blank, text)

"""Forms (skjema): registration, self-assessment, attendance, placement agreement and more."""

from __future__ import annotations

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
    rows: int = Field(default=8, ge=1, le=60, description="Printed rows of a table")

    @model_validator(mode="after")
    def _shape(self):
        if self.type in CHOICE_TYPES and len(self.choices) < 2:
            raise ValueError(f"a {self.type} field needs at least 2 choices")
        if self.type not in CHOICE_TYPES and self.choices:
            raise ValueError(f"a {self.type} field has no choices")
        if self.type == "table" and not self.columns:
            raise ValueError("a table field needs columns")
        if self.type != "table" and self.columns:
            raise ValueError(f"a {self.type} field has no columns")
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
    sections: list[FormSection] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_field_ids(self):
        seen: set[str] = set()
        for field in self.fields:
            if field.id in seen:
                raise ValueError(f"duplicate field id '{field.id}'")
            seen.add(field.id)
        return self

    @property
    def fields(self) -> list[FormField]:
        return [field for section in self.sections for field in section.fields]

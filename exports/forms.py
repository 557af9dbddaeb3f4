"""Forms (skjema) as PDF: a fillable AcroForm, or a blank sheet to fill in by hand.

Both come from one template (``exports/form.html``) and one view of the form built here:

- **fillable** (``fillable=True``): text, long text, date and number fields become text fields
  (date and number with a hint), single choice a radio group, multiple choice and checkbox
  check boxes, a table a grid of fields, a ``grid`` (people × days) a text field per cell under a
  legend of its codes; a signature stays a line to sign on paper. Every field's accessible name
  (``/TU``) comes from its ``<label for>`` (a table or grid cell's from its column and row), and
  :mod:`exports.acroform` completes what WeasyPrint leaves out;
- **blank**: the same layout with writing lines and ☐/○ boxes, and no AcroForm.

Both are tagged PDF/UA-1: WeasyPrint 70 tags form widgets (``/Form`` elements). Every field
state has its appearance stream (:mod:`exports.field_appearances`), so no viewer has to make them.

Values (:class:`FormValues`) print into a form before it is handed out, e.g. the attendance list
pre-filled with a course run's participants (:mod:`exports.attendance`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from course_content import Course, Form
from course_content.forms import FormField, TableColumn, fill_form_text

from .context import course_root
from .documents import DocumentKind, register_document_kind, render_document_html, render_document_pdf
from .options import Branding

BLANK_FORM = register_document_kind(DocumentKind("form", "exports/form.html", ("fonts", "base", "form")))
FILLABLE_FORM = register_document_kind(
    DocumentKind("form_fillable", "exports/form.html", ("fonts", "base", "form"), pdf_forms=True)
)

DATE_HINT = "dd.mm.åååå"
NUMBER_HINT = "tall"
#: What a field or column of these types asks for, printed beside its label and in its name.
HINTS = {"date": DATE_HINT, "number": NUMBER_HINT}
#: Field types a value can be printed into (choices and signatures are for the person filling in).
PREFILLABLE_TYPES = ("text", "long_text", "date", "number")
#: Choices print side by side up to this many, with this many characters together.
INLINE_CHOICES_MAX = 5
INLINE_CHOICES_CHARS = 48
#: Writing lines a blank long text field gets.
LONG_TEXT_LINES = 4


@dataclass(frozen=True)
class TableRow:
    """One pre-filled row of a table field: column id → text. ``starts_group`` draws a divider above it."""

    values: Mapping[str, str]
    starts_group: bool = False


@dataclass(frozen=True)
class GridBlock:
    """One printed copy of a grid field, e.g. one week of the attendance list.

    ``columns`` replace the field's column headings (e.g. ``mandag 05.01``) and ``rows`` are the
    row labels (e.g. the participants); either left empty keeps the form's own (``rows`` empty
    rows to write names in).
    """

    caption: str = ""
    columns: Sequence[str] = ()
    rows: Sequence[str] = ()


@dataclass(frozen=True)
class FormValues:
    """Text printed into a form: ``fields`` by field id, ``tables`` as rows by table field id,
    ``grids`` as printed blocks by grid field id.

    A pre-filled table prints exactly its rows (instead of ``rows`` empty ones); a pre-filled grid
    prints one table per block.
    """

    fields: Mapping[str, str] = field(default_factory=dict)
    tables: Mapping[str, Sequence[TableRow]] = field(default_factory=dict)
    grids: Mapping[str, Sequence[GridBlock]] = field(default_factory=dict)

    def check(self, form: Form) -> None:
        """Raise ``ValueError`` naming any value ``form`` has no place for."""
        by_id = {f.id: f for f in form.fields}
        for field_id in self.fields:
            target = by_id.get(field_id)
            if target is None or target.type not in PREFILLABLE_TYPES:
                allowed = ", ".join(f.id for f in form.fields if f.type in PREFILLABLE_TYPES)
                what = "has no field" if target is None else f"cannot pre-fill the {target.type} field"
                raise ValueError(f"form '{form.id}' {what} '{field_id}'; fields that take a value: {allowed}")
        for table_id, rows in self.tables.items():
            target = by_id.get(table_id)
            if target is None or target.type != "table":
                tables = ", ".join(f.id for f in form.fields if f.type == "table") or "none"
                raise ValueError(f"form '{form.id}' has no table '{table_id}'; its tables: {tables}")
            columns = {column.id for column in target.columns if column.type in PREFILLABLE_TYPES}
            for number, row in enumerate(rows, start=1):
                unknown = sorted(set(row.values) - columns)
                if unknown:
                    raise ValueError(
                        f"form '{form.id}', table '{table_id}', row {number}: no text column {', '.join(unknown)};"
                        f" columns that take a value: {', '.join(c.id for c in target.columns if c.id in columns)}"
                    )
        for grid_id, blocks in self.grids.items():
            target = by_id.get(grid_id)
            if target is None or target.type != "grid":
                grids = ", ".join(f.id for f in form.fields if f.type == "grid") or "none"
                raise ValueError(f"form '{form.id}' has no grid '{grid_id}'; its grids: {grids}")
            if not blocks:
                raise ValueError(f"form '{form.id}', grid '{grid_id}': give at least one block to print")


# --- the view the template prints -------------------------------------------------------------


@dataclass(frozen=True)
class Control:
    """One control: its PDF field name (``/T``), HTML id, accessible name and printed value."""

    name: str
    html_id: str
    accessible_name: str
    value: str = ""
    type: str = "text"


@dataclass(frozen=True)
class GridView:
    """One printed table of a grid field: caption, column headings, and per row its label and cells.

    A row's label is a :class:`Control` too: printed text when given, else a cell to write the name in.
    """

    caption: str
    headings: list[str]
    rows: list[tuple[Control, list[Control]]]


@dataclass(frozen=True)
class FieldView:
    field: FormField
    controls: list[Control]
    hint: str = ""
    rows: list[tuple[bool, list[Control]]] = field(default_factory=list)  # tables: (starts_group, cells)
    grids: list[GridView] = field(default_factory=list)  # grid fields: one printed table per block

    @property
    def control(self) -> Control:
        return self.controls[0]

    @property
    def inline_choices(self) -> bool:
        """Short choices (a scale such as "Kan godt / Kan litt / Kan ikke ennå") print on one line."""
        choices = self.field.choices
        return 0 < len(choices) <= INLINE_CHOICES_MAX and sum(len(choice) for choice in choices) <= INLINE_CHOICES_CHARS

    @property
    def macro(self) -> str:
        """The macro of ``exports/form/fields.html`` that prints this field."""
        return _MACROS[self.field.type]


_MACROS = {
    "text": "text_like",
    "long_text": "text_like",
    "date": "text_like",
    "number": "text_like",
    "single_choice": "choices",
    "multiple_choice": "choices",
    "checkbox": "checkbox",
    "signature": "signature",
    "table": "table",
    "grid": "grid",
}


def field_view(form_field: FormField, values: FormValues) -> FieldView:
    """How ``form_field`` prints: its controls (one per choice, one per table cell) and hint."""
    kind, fid, label = form_field.type, form_field.id, form_field.label
    if kind == "table":
        given = values.tables.get(fid)
        rows = given if given is not None else [TableRow({}) for _ in range(form_field.rows)]
        return FieldView(
            form_field,
            [],
            rows=[
                (row.starts_group, [_cell(form_field, number, column, row) for column in form_field.columns])
                for number, row in enumerate(rows, start=1)
            ],
        )
    if kind == "grid":
        blocks = values.grids.get(fid) or [GridBlock()]
        return FieldView(
            form_field, [], grids=[_grid(form_field, block, n, len(blocks)) for n, block in enumerate(blocks, 1)]
        )
    if kind == "multiple_choice":
        controls = [
            Control(f"{fid}:{n}", _html_id(f"{fid}:{n}"), f"{label}: {choice}", type="checkbox")
            for n, choice in enumerate(form_field.choices, start=1)
        ]
        return FieldView(form_field, controls)
    if kind == "single_choice":
        controls = [
            Control(fid, _html_id(f"{fid}:{n}"), choice, value=choice, type="radio")
            for n, choice in enumerate(form_field.choices, start=1)
        ]
        return FieldView(form_field, controls)
    hint = HINTS.get(kind, "")
    name = f"{label} ({hint})" if hint else label
    return FieldView(form_field, [Control(fid, _html_id(fid), name, values.fields.get(fid, ""), kind)], hint)


def _cell(table: FormField, row_number: int, column: TableColumn, row: TableRow) -> Control:
    name = f"{table.id}:{row_number}:{column.id}"
    hint = HINTS.get(column.type)
    accessible = f"{table.label}, rad {row_number}: {column.label}" + (f" ({hint})" if hint else "")
    return Control(name, _html_id(name), accessible, str(row.values.get(column.id, "")), column.type)


def grid_codes(form_field: FormField) -> list[str]:
    """The codes of a grid's legend ("T = til stede" → "T"); empty when a choice has no "=" in it."""
    codes = [choice.split("=", 1)[0].strip() for choice in form_field.choices if "=" in choice]
    return codes if len(codes) == len(form_field.choices) else []


def _grid(grid: FormField, block: GridBlock, number: int, blocks: int) -> GridView:
    """Block ``number`` of ``grid``: cells are named ``<id>:<row>:<column>`` (``<id>:<block>:…`` when several)."""
    prefix = grid.id if blocks == 1 else f"{grid.id}:{number}"
    if block.columns:
        columns = [(f"dag{n}", heading) for n, heading in enumerate(block.columns, start=1)]
    else:
        columns = [(column.id, column.label) for column in grid.columns]
    labels = list(block.rows) or ["" for _ in range(grid.rows)]
    codes = grid_codes(grid)
    hint = f" ({', '.join(codes[:-1])} eller {codes[-1]})" if codes else ""
    where = f"{grid.label}{', ' + block.caption if block.caption else ''}"
    rows = []
    for row_number, label in enumerate(labels, start=1):
        who = label or f"rad {row_number}"
        name = f"{prefix}:{row_number}:navn"
        row_label = Control(name, _html_id(name), f"{where}, rad {row_number}: {grid.row_label}", label, "row_label")
        cells = [
            Control(
                f"{prefix}:{row_number}:{cid}",
                _html_id(f"{prefix}:{row_number}:{cid}"),
                f"{where}, {who}: {heading}{hint}",
            )
            for cid, heading in columns
        ]
        rows.append((row_label, cells))
    return GridView(block.caption, [heading for _, heading in columns], rows)


def _html_id(name: str) -> str:
    return "f-" + name.replace(":", "--")


def field_specs(views: Sequence[FieldView]) -> list:
    """The :class:`~exports.acroform.FieldSpec` of every field: accessible name and Required flag.

    WeasyPrint takes ``/TU`` from the label's *first line box*, so a label that wraps would be
    cut short; the names are therefore set from the model (the same text the label prints).
    Table cells are named by their ``title`` (column and row), which WeasyPrint takes whole.
    """
    from .acroform import FieldSpec

    specs = []
    for view in views:
        kind, required = view.field.type, view.field.required
        if kind == "single_choice":
            # The group is named after the question (WeasyPrint would take the first choice's label).
            specs.append(FieldSpec(view.field.id, view.field.label, required))
        elif kind == "multiple_choice":
            specs.extend(FieldSpec(control.name, control.accessible_name) for control in view.controls)
        elif kind in ("text", "long_text", "date", "number", "checkbox"):
            specs.append(FieldSpec(view.control.name, view.control.accessible_name, required))
    return specs


# --- rendering ---------------------------------------------------------------------------------


def get_form(course: Course, form_id: str) -> Form:
    """The form ``form_id`` of ``course``; the ``KeyError`` lists the ids there are."""
    try:
        return course.forms[form_id]
    except KeyError:
        raise KeyError(
            f"course '{course.slug}' has no form '{form_id}'; its forms are: {', '.join(sorted(course.forms))}"
        ) from None


def form_context(
    course: Course,
    form: Form,
    *,
    fillable: bool = False,
    values: FormValues | None = None,
    branding: Branding | None = None,
) -> dict:
    """The template context of ``form`` (``values`` printed in; checked against the form first)."""
    values = values or FormValues()
    values.check(form)
    branding = branding or Branding()
    sections = [(section, [field_view(f, values) for f in section.fields]) for section in form.sections]
    filled = form_placeholder_values(branding)
    return {
        "intro": fill_form_text(form.intro, filled),
        "privacy": fill_form_text(form.privacy, filled),
        "title": f"{form.title} – {course.title}",
        "course": course,
        "form": form,
        "sections": sections,
        "fillable": fillable,
        "has_required": any(f.required for f in form.fields),
        "branding": branding,
        "logo_url": branding.logo_data_url(),
        "long_text_lines": LONG_TEXT_LINES,
        "date_hint": DATE_HINT,
    }


def form_placeholder_values(branding: Branding) -> dict[str, str]:
    """The values of a form's placeholders (``course_content.forms.FORM_PLACEHOLDERS``) from ``branding``."""
    return {
        "municipality.name": branding.municipality,
        "municipality.contact": branding.contact,
        "municipality.privacy_contact": branding.privacy_contact,
    }


def form_html(
    course: Course,
    form: Form | str,
    *,
    fillable: bool = False,
    values: FormValues | None = None,
    branding: Branding | None = None,
) -> str:
    """The HTML :func:`render_form_pdf` lays out (for previews and debugging)."""
    form = get_form(course, form) if isinstance(form, str) else form
    context = form_context(course, form, fillable=fillable, values=values, branding=branding)
    return render_document_html(FILLABLE_FORM if fillable else BLANK_FORM, context)


def render_form_pdf(
    course: Course,
    form: Form | str,
    *,
    fillable: bool = False,
    values: FormValues | None = None,
    branding: Branding | None = None,
) -> bytes:
    """``form`` (a :class:`Form` or the id of one of ``course``'s forms) as a tagged PDF.

    Blank and printable by default; ``fillable=True`` makes an AcroForm. ``values`` print into
    the form (a ``ValueError`` names any value the form has no field for).
    """
    from .acroform import AcroFormFinisher
    from .pdf import branding_stylesheet

    form = get_form(course, form) if isinstance(form, str) else form
    context = form_context(course, form, fillable=fillable, values=values, branding=branding)
    views = [view for _, section_views in context["sections"] for view in section_views]
    root = course_root(course)
    return render_document_pdf(
        FILLABLE_FORM if fillable else BLANK_FORM,
        context,
        extra_css=[branding_stylesheet(context["branding"].primary_colour)],
        base_url=root,
        allowed_dirs=[root] if root is not None else [],
        finisher=AcroFormFinisher(field_specs(views)) if fillable else None,
    )


def form_file_name(form: Form | str, *, fillable: bool = False) -> str:
    """The file name a form's PDF is saved under: ``<id>.pdf``, or ``<id>-utfyllbar.pdf`` when fillable."""
    form_id = form if isinstance(form, str) else form.id
    return f"{form_id}-utfyllbar.pdf" if fillable else f"{form_id}.pdf"

"""Document templates (maler) filled with values, as PDF (through the print engine) and as DOCX.

Values are placeholder → text (see :data:`course_content.PLACEHOLDERS`). The course's own values
(``course.title``, ``course.weeks``, …, ``lesson.title``) and ``today`` are always filled in; with
no values at all every other placeholder gets a sample that is plainly a sample ("Eksempel
kommune"), and with values, a placeholder left out prints as a blank line to write on::

    from exports.filled_templates import render_template_docx

    values = {"municipality": {"name": "Testvik kommune"}, "run.place": "Storgata 1", "run.start": date(2026, 8, 17)}
    data = render_template_docx(course, "kursplan", values)

The Wagtail face passes a course run's and the site's values the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from course_content import PLACEHOLDERS, Course, DocumentTemplate
from course_content.markdown import escape_markdown, markdown_tokens

from .course_run import norwegian_date
from .documents import DocumentKind, register_document_kind, render_document_html, render_document_pdf
from .html import decimal
from .options import Branding
from .plan_tables import course_plan_table, week_plan_table

TEMPLATE_DOCUMENT = register_document_kind(
    DocumentKind("document_template", "exports/document_template.html", ("fonts", "base", "document_template"))
)
#: Placeholders whose value is Markdown (a list), inserted as it is; every other value is text.
MARKDOWN_PLACEHOLDERS = frozenset({"course.modules", "course.plan", "week.plan"})



class TemplateValuesError(ValueError):
    """Values that name placeholders no template knows, or a values file that cannot be read."""


def get_template(course: Course, template_id: str) -> DocumentTemplate:
    """The template ``template_id`` of ``course``; the ``KeyError`` lists the ids there are."""
    try:
        return course.templates[template_id]
    except KeyError:
        raise KeyError(
            f"course '{course.slug}' has no template '{template_id}'; its templates are: {', '.join(sorted(course.templates))}"
        ) from None


# --- values ------------------------------------------------------------------------------------


def course_values(course: Course) -> dict[str, object]:
    """The placeholders the course answers (plain values; ``course.modules`` is a list of titles)."""
    duration = course.description.duration
    return {
        "course.title": course.title,
        "course.summary": course.summary,
        "course.weeks": duration.weeks,
        "course.hours_per_week": duration.hours_per_week,
        "course.total_hours": duration.total_hours,
        "course.modules": [module.title for module in course.modules],
        "course.plan": course_plan_table(course),
    }


def sample_values(course: Course, today: date | None = None) -> dict[str, object]:
    """A plain value for every placeholder: the course's own, and samples that read as samples."""
    today = today or date.today()
    start = today + timedelta(days=14 + (7 - today.weekday()) % 7)  # a Monday two weeks or more ahead
    weeks = course.description.duration.weeks
    placement_start = start + timedelta(weeks=max(weeks - 3, 0))
    lessons = course.ordered_lessons()
    samples = {
        "municipality.name": "Eksempel kommune",
        "municipality.unit": "Eksempel voksenopplæring",
        "municipality.address": "Eksempelveien 1, 0000 Eksempelby",
        "municipality.phone": "12 34 56 78",
        "municipality.email": "post@eksempel.kommune.no",
        "run.title": f"{course.title} – eksempelgruppe",
        "run.start": start,
        "run.end": start + timedelta(weeks=weeks, days=-3),  # the Friday of the last week
        "run.place": "Eksempelveien 1, rom 101",
        "run.schedule": "mandag–torsdag 09.00–14.30",
        "teacher.name": "Kari Eksempel",
        "teacher.phone": "12 34 56 78",
        "teacher.email": "kari.eksempel@eksempel.kommune.no",
        "participant.name": "Ola Eksempel",
        "employer.name": "Eksempelbedriften AS",
        "employer.contact": "Per Eksempel",
        "placement.start": placement_start,
        "placement.end": placement_start + timedelta(weeks=2, days=-3),
        "week.number": start.isocalendar().week,
        "week.course_week": 1,
        "week.plan": week_plan_table(course, 1, start),
        "lesson.title": lessons[0].title if lessons else "Eksempeltime",
    }
    return {**samples, **course_values(course), "today": today}


def template_values(
    course: Course, values: Mapping[str, object] | None = None, *, today: date | None = None
) -> dict[str, str]:
    """The values a template is filled with, as Markdown-ready text.

    ``None`` gives :func:`sample_values`. Otherwise the course's values and ``today`` come first and
    ``values`` (placeholder → text, date or number; nested mappings are joined with dots, so YAML
    may say ``municipality: {name: …}``) override them; a placeholder with no value prints as a
    blank to fill in by hand. Unknown placeholders raise :class:`TemplateValuesError`.
    Text is escaped, so a value never turns into Markdown (only ``course.modules`` is a list).
    """
    if values is None:
        plain = sample_values(course, today)
    else:
        given = flatten_values(values)
        check_placeholders(given)
        plain = {**course_values(course), "today": today or date.today(), **given}
    if "week.plan" not in plain:
        plain["week.plan"] = week_plan_table(course, _course_week(plain.get("week.course_week")), _date(plain.get("run.start")))
    # An empty value (``run.place:`` with nothing after it in YAML) leaves the blank to write on.
    return {key: _as_markdown(key, value) for key, value in plain.items() if value is not None and value != ""}


def _course_week(value: object) -> int:
    try:
        return int(value) if value not in (None, "") else 1
    except (TypeError, ValueError):
        raise TemplateValuesError(f"week.course_week must be a week number (1, 2, …), not {value!r}") from None


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def flatten_values(values: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    """``{"municipality": {"name": "X"}}`` → ``{"municipality.name": "X"}``."""
    flat: dict[str, object] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten_values(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def check_placeholders(values: Mapping[str, object], where: str = "") -> None:
    """Raise :class:`TemplateValuesError` naming every key that is not a placeholder."""
    unknown = sorted(key for key in values if key not in PLACEHOLDERS)
    if unknown:
        raise TemplateValuesError(
            f"{where}{'unknown placeholder' if len(unknown) == 1 else 'unknown placeholders'}: {', '.join(unknown)};"
            f" the placeholders are: {', '.join(PLACEHOLDERS)}"
        )


def load_values(path: str | Path) -> dict[str, object]:
    """Values from a YAML or JSON file (a mapping, possibly nested), checked against the placeholders."""
    from course_content.yaml_source import read_yaml  # the one YAML reader: it knows every key's line

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no values file at {path}: give a YAML or JSON file of placeholder: value pairs")
    document = read_yaml(path)
    if document.problems:
        raise TemplateValuesError("\n".join(str(problem) for problem in document.problems))
    if document.data is None:
        return {}
    if not isinstance(document.data, Mapping):
        raise TemplateValuesError(
            f"{path}:1: expected placeholder: value pairs, e.g. 'municipality.name: Testvik kommune'"
        )
    values = flatten_values(document.data)
    unknown = [key for key in values if key not in PLACEHOLDERS]
    if unknown:
        where = ", ".join(f"{key} (line {_line_of(document, key)})" for key in unknown)
        raise TemplateValuesError(
            f"{path}: unknown placeholders: {where}; the placeholders are: {', '.join(PLACEHOLDERS)}"
        )
    return values


def _line_of(document, key: str) -> int | None:
    """The line of ``key``, written nested (``municipality: {name: …}``) or dotted."""
    for location in (tuple(key.split(".")), (key,)):
        if location in document.lines:
            return document.lines[location]
    return document.line_of(tuple(key.split(".")))


def _as_markdown(key: str, value: object) -> str:
    if isinstance(value, date):
        text = norwegian_date(value)
    elif isinstance(value, bool):
        text = "ja" if value else "nei"
    elif isinstance(value, int | float):
        text = decimal(value) if isinstance(value, float) else str(value)
    elif isinstance(value, list | tuple) and key in MARKDOWN_PLACEHOLDERS:
        return "\n".join(f"{n}. {escape_markdown(str(item))}" for n, item in enumerate(value, start=1))
    elif isinstance(value, list | tuple):
        text = ", ".join(str(item) for item in value)
    else:
        text = str(value)
    return text if key in MARKDOWN_PLACEHOLDERS else escape_markdown(text)


# --- rendering ---------------------------------------------------------------------------------


def fill_template(
    course: Course,
    template: DocumentTemplate | str,
    values: Mapping[str, object] | None = None,
    *,
    today: date | None = None,
) -> str:
    """The template's Markdown with ``values`` (see :func:`template_values`) in place."""
    template = get_template(course, template) if isinstance(template, str) else template
    return template.fill(template_values(course, values, today=today))


def template_context(course: Course, template: DocumentTemplate, markdown: str, branding: Branding) -> dict:
    has_title = any(token.type == "heading_open" and token.tag == "h1" for token in markdown_tokens(markdown))
    return {
        "title": f"{template.title} – {course.title}",
        "course": course,
        "template": template,
        "markdown": markdown,
        "has_title": has_title,
        "branding": branding,
        "logo_url": branding.logo_data_url(),
    }


def template_html(
    course: Course,
    template: DocumentTemplate | str,
    values: Mapping[str, object] | None = None,
    *,
    branding: Branding | None = None,
    today: date | None = None,
) -> str:
    """The HTML :func:`render_template_pdf` lays out (for previews and debugging)."""
    template = get_template(course, template) if isinstance(template, str) else template
    markdown = fill_template(course, template, values, today=today)
    return render_document_html(TEMPLATE_DOCUMENT, template_context(course, template, markdown, branding or Branding()))


def render_template_pdf(
    course: Course,
    template: DocumentTemplate | str,
    values: Mapping[str, object] | None = None,
    *,
    branding: Branding | None = None,
    today: date | None = None,
) -> bytes:
    """The filled template as a tagged PDF with the municipality's letterhead and page numbers."""
    from .pdf import branding_stylesheet

    template = get_template(course, template) if isinstance(template, str) else template
    branding = branding or Branding()
    markdown = fill_template(course, template, values, today=today)
    return render_document_pdf(
        TEMPLATE_DOCUMENT,
        template_context(course, template, markdown, branding),
        extra_css=[branding_stylesheet(branding.primary_colour)],
    )


def render_template_docx(
    course: Course,
    template: DocumentTemplate | str,
    values: Mapping[str, object] | None = None,
    *,
    branding: Branding | None = None,
    today: date | None = None,
) -> bytes:
    """The filled template as an editable Word document (.docx)."""
    from .markdown_docx import markdown_to_docx

    template = get_template(course, template) if isinstance(template, str) else template
    return markdown_to_docx(
        fill_template(course, template, values, today=today),
        title=f"{template.title} – {course.title}",
        description=template.description,
        branding=branding,
    )


def render_template(
    course: Course,
    template: DocumentTemplate | str,
    fmt: str,
    values: Mapping[str, object] | None = None,
    **options,
) -> bytes:
    """The filled template in ``fmt`` (``pdf`` or ``docx``); ``options`` as for the renderers."""
    renderers = {"pdf": render_template_pdf, "docx": render_template_docx}
    if fmt not in renderers:
        raise ValueError(f"unknown template format '{fmt}': use one of {', '.join(renderers)}")
    return renderers[fmt](course, template, values, **options)

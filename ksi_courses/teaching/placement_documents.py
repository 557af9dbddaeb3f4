"""Documents filled from a practice placement: agreement, confidentiality declaration, letter, evaluation.

Each comes as PDF and DOCX through the print face:

- ``avtale`` — the common form ``praksisavtale`` as a fillable PDF with what the placement knows
  printed into its fields (participant, workplace, mentor, period, days and hours, the tasks from
  the course's practice logbook); the wage and insurance clauses are the form's own text, the
  check boxes and signatures stay for the parties;
- ``taushetserklaering`` — the confidentiality declaration, only where the workplace needs one;
- ``brev`` — the template ``brev-arbeidsgiver-praksis`` filled with the workplace and the period;
- ``evaluering`` — the practice evaluation with the answers of the mentor and the participant.

The DOCX of a form is the form written as Markdown (:func:`form_markdown`) and converted by the
one Markdown → Word writer, so it stays editable. Nothing here checks permissions: the views do.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from course_content.forms import fill_form_text
from course_content.markdown import escape_markdown
from ksi_courses.documents import course_for, file_response, municipality_values

from .documents import run_values

AGREEMENT_FORM = "praksisavtale"
CONFIDENTIALITY_FORM = "taushetserklaering"
EVALUATION_FORM = "praksisevaluering"
LETTER_TEMPLATE = "brev-arbeidsgiver-praksis"
#: URL name of each document → what it is filled into (form or template) and its file name.
DOCUMENTS = {
    "avtale": AGREEMENT_FORM,
    "taushetserklaering": CONFIDENTIALITY_FORM,
    "brev": LETTER_TEMPLATE,
    "evaluering": EVALUATION_FORM,
}
FORMATS = ("pdf", "docx")
WEEKDAYS = {1: "mandag", 2: "tirsdag", 3: "onsdag", 4: "torsdag", 5: "fredag", 6: "lørdag", 7: "søndag"}
#: What a blank line to write on looks like in the DOCX of a form.
WRITE_LINE = "\\_" * 30


class DocumentNotAvailable(LookupError):
    """The placement has no such document (e.g. no confidentiality declaration at this workplace)."""


# --- the placement's facts ---------------------------------------------------------------------


def participant_name(placement) -> str:
    user = placement.enrolment.participant
    return user.get_full_name() or user.get_username()


def norwegian_date(day: date) -> str:
    """The date as forms ask for it (``dd.mm.åååå``)."""
    return day.strftime("%d.%m.%Y")


def hours_text(hours: Decimal | float | int) -> str:
    """``7.5`` → ``7,5``; ``6.0`` → ``6``."""
    value = Decimal(str(hours)).normalize()
    text = f"{value:f}"
    return text.replace(".", ",")


def weekdays_text(weekdays) -> str:
    """``[2, 4]`` → ``tirsdag og torsdag`` (unknown numbers are left out)."""
    names = [WEEKDAYS[day] for day in sorted(set(weekdays or [])) if day in WEEKDAYS]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} og {names[-1]}"


def period_text(placement) -> str:
    return f"{norwegian_date(placement.start_date)}–{norwegian_date(placement.end_date)}"


def mentor_text(placement) -> str:
    """The mentor's name, phone and e-mail, the parts there are."""
    return ", ".join(part for part in (placement.mentor_name, placement.mentor_phone, placement.mentor_email) if part)


def task_texts(placement) -> list[str]:
    """The placement's tasks as the logbook words them (``1/se-vasken`` or ``se-vasken``).

    A task the logbook no longer has is kept by its id, so that nothing agreed silently disappears.
    """
    from ksi_courses.sheets import shipped_logbook

    logbook = shipped_logbook(placement.enrolment.run.course)
    by_key: dict[str, str] = {}
    if logbook is not None:
        for _week, task, key in logbook.task_keys():
            by_key[key] = task.text
            by_key.setdefault(task.id, task.text)
    return [by_key.get(str(task), str(task)) for task in placement.tasks or []]


def teacher_contact(run) -> str:
    teacher = run_values(run).get("teacher")
    if not teacher:
        return ""
    return ", ".join(part for part in (teacher.get("name"), teacher.get("email")) if part)


def municipality_unit(site, run) -> str:
    """``Voksenopplæringen, Testvik kommune`` from the site's branding, else the run's host municipality."""
    values = municipality_values(site).get("municipality", {})
    parts = [values.get("unit", ""), values.get("name", "")]
    if not any(parts):
        host = getattr(run, "host_municipality", None)
        parts = [str(host) if host else ""]
    return ", ".join(part for part in parts if part)


def evaluation_facts(placement) -> dict[str, str]:
    """The praksisevaluering's facts about the placement (field id → text): who, where, mentor, period."""
    workplace = placement.workplace
    where = ", ".join(part for part in (workplace.name, workplace.address) if part)
    return {
        "deltaker": participant_name(placement),
        "arbeidsgiver": where,
        "veileder": placement.mentor_name,
        "periode": period_text(placement),
    }


def agreement_fields(placement, site=None) -> dict[str, str]:
    """The praksisavtale's fields the placement answers (field id → text); the rest stay blank."""
    run = placement.enrolment.run
    workplace = placement.workplace
    weekly = Decimal(len(set(placement.weekdays or []))) * Decimal(placement.hours_per_day)
    days = weekdays_text(placement.weekdays)
    hours = f"{hours_text(placement.hours_per_day)} timer per dag"
    tasks = task_texts(placement)
    mentor_phone = ", ".join(part for part in (placement.mentor_name, placement.mentor_phone) if part)
    fields = {
        "kommune-enhet": municipality_unit(site, run),
        "kommune-kontakt": teacher_contact(run),
        "arbeidsgiver": f"{workplace.name} (org.nr. {workplace.organisation_number})",
        "arbeidssted": workplace.address,
        "veileder": mentor_text(placement),
        "deltaker": participant_name(placement),
        "fra-dato": norwegian_date(placement.start_date),
        "til-dato": norwegian_date(placement.end_date),
        "arbeidstid": f"{days}, {hours}" if days else hours,
        "timer-per-uke": hours_text(weekly) if weekly else "",
        "kursdager": run.schedule,
        "arbeidsoppgaver": "\n".join(f"– {task}" for task in tasks),
        "melde-arbeidsplass": mentor_phone or workplace.contact_phone,
        "melde-kommune": teacher_contact(run),
    }
    return {key: value for key, value in fields.items() if value}


def confidentiality_fields(placement) -> dict[str, str]:
    workplace = placement.workplace
    return {
        key: value
        for key, value in {
            "deltaker": participant_name(placement),
            "arbeidssted": ", ".join(part for part in (workplace.name, workplace.address) if part),
            "fra-dato": norwegian_date(placement.start_date),
            "til-dato": norwegian_date(placement.end_date),
        }.items()
        if value
    }


def letter_values(placement) -> dict:
    """Template values of the letter to the employer: the run's, the workplace and the period."""
    run = placement.enrolment.run
    return {
        **run_values(run),
        "employer": {
            "name": placement.workplace.name,
            "contact": placement.mentor_name or placement.workplace.contact_name,
        },
        "placement": {"start": placement.start_date, "end": placement.end_date},
    }


# --- evaluations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationParts:
    """Which fields of the praksisevaluering each author fills in (by field id)."""

    facts: tuple[str, ...]
    mentor: tuple[str, ...]
    participant: tuple[str, ...]


def _section_fields(section) -> tuple[str, ...]:
    return tuple(field.id for field in section.fields if field.type != "signature")


def evaluation_parts(form) -> EvaluationParts:
    """The form's sections: the facts (first), part 1 (the mentor's) and part 2 (the participant's).

    Part 2 is never shown to the mentor: the form says the participant hands it to the teacher.
    """
    mentor = [section for section in form.sections if section.title.startswith("Del 1")]
    participant = [section for section in form.sections if section.title.startswith("Del 2")]
    if not mentor or not participant:
        raise ValueError(
            f"form '{form.id}' needs a section whose title starts with 'Del 1' (the mentor's) and one with 'Del 2'"
            " (the participant's); its sections are: " + ", ".join(section.title for section in form.sections)
        )
    return EvaluationParts(_section_fields(form.sections[0]), _section_fields(mentor[0]), _section_fields(participant[0]))


def evaluation_answers(placement) -> dict[str, object]:
    """Both evaluations merged for the teacher's copy: facts and part 1 from the mentor, part 2 from the participant."""
    form = course_for(placement.enrolment.run.course).forms[EVALUATION_FORM]
    parts = evaluation_parts(form)
    by_author = {evaluation.author: evaluation.answers for evaluation in placement.evaluations.all()}
    mentor, participant = by_author.get("mentor", {}), by_author.get("participant", {})
    answers: dict[str, object] = dict(evaluation_facts(placement))
    for source in (participant, mentor):  # the facts as the mentor corrected them win
        answers.update({key: value for key, value in source.items() if key in parts.facts and value})
    answers.update({key: value for key, value in mentor.items() if key in parts.mentor})
    answers.update({key: value for key, value in participant.items() if key in parts.participant})
    return answers


# --- rendering ---------------------------------------------------------------------------------


def _as_field_text(form_field, value) -> str:
    if form_field.type == "date" and isinstance(value, str):
        try:
            return norwegian_date(date.fromisoformat(value))
        except ValueError:
            return value
    return "" if value is None else str(value)


def form_markdown(form, answers: Mapping[str, object], *, branding=None) -> str:
    """``form`` as Markdown with ``answers`` written in, for the editable DOCX.

    Text fields print their answer or a line to write on, choices print ☒/☐ boxes, a check box
    ☒/☐ before its text, a signature a line to sign on.
    """
    from exports.forms import form_placeholder_values
    from exports.options import Branding

    filled = form_placeholder_values(branding or Branding())
    lines = [f"# {escape_markdown(form.title)}", ""]
    if form.intro.strip():
        lines += [fill_form_text(form.intro, filled).strip(), ""]
    for section in form.sections:
        lines += [f"## {escape_markdown(section.title)}", ""]
        if section.intro.strip():
            lines += [fill_form_text(section.intro, filled).strip(), ""]
        for form_field in section.fields:
            lines += [*_field_markdown(form_field, answers.get(form_field.id)), ""]
    if form.privacy.strip():
        lines += [fill_form_text(form.privacy, filled).strip(), ""]
    return "\n".join(lines)


def _field_markdown(form_field, value) -> list[str]:
    label = escape_markdown(form_field.label)
    kind = form_field.type
    if kind == "checkbox":
        return [f"{'☒' if value is True or value == 'on' else '☐'} {label}"]
    if kind in ("single_choice", "multiple_choice"):
        chosen = set(value) if isinstance(value, list | tuple) else {value}
        boxes = "   ".join(f"{'☒' if choice in chosen else '☐'} {escape_markdown(choice)}" for choice in form_field.choices)
        return [f"**{label}**", "", boxes]
    if kind == "signature":
        return [f"**{label}:** {WRITE_LINE}"]
    if kind in ("table", "grid"):
        columns = [column.label for column in form_field.columns] or [form_field.label]
        header = "| " + " | ".join(escape_markdown(column) for column in columns) + " |"
        rule = "|" + "---|" * len(columns)
        return [f"**{label}**", "", header, rule, *["|" + "  |" * len(columns) for _ in range(min(form_field.rows, 8))]]
    text = _as_field_text(form_field, value)
    if not text.strip():
        return [f"**{label}**", "", WRITE_LINE]
    paragraphs = [escape_markdown(line) for line in text.splitlines() if line.strip()]
    return [f"**{label}**", "", "\\\n".join(paragraphs)]


def _prefillable(form, answers: Mapping[str, object]) -> dict[str, str]:
    from exports.forms import PREFILLABLE_TYPES

    types = {form_field.id: form_field for form_field in form.fields}
    return {
        key: _as_field_text(types[key], value)
        for key, value in answers.items()
        if key in types and types[key].type in PREFILLABLE_TYPES and _as_field_text(types[key], value).strip()
    }


def set_choice_fields(pdf: bytes, form, answers: Mapping[str, object]) -> bytes:
    """Tick the radio buttons and check boxes of a fillable PDF as ``answers`` say.

    Only states the form already has an appearance for are used (the print face draws every
    state, see ``exports.field_appearances``), so every viewer shows the same ticks.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    choices = {
        form_field.id: answers[form_field.id]
        for form_field in form.fields
        if form_field.type in ("single_choice", "checkbox") and answers.get(form_field.id) not in (None, "", False)
    }
    if not choices:
        return pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for reference in writer.root_object["/AcroForm"]["/Fields"]:
        field = reference.get_object()
        name = str(field.get("/T", ""))
        if name not in choices:
            continue
        wanted = choices[name]
        widgets = [kid.get_object() for kid in field.get("/Kids", [])] or [field]
        chosen = None
        for widget in widgets:
            states = [state for state in widget["/AP"]["/N"] if state != "/Off"]
            state = next((s for s in states if wanted is True or s[1:] == str(wanted)), None)
            widget[NameObject("/AS")] = NameObject(state) if state else NameObject("/Off")
            chosen = chosen or state
        if chosen:
            field[NameObject("/V")] = NameObject(chosen)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def form_document(course, form_id: str, answers: Mapping[str, object], fmt: str, *, branding=None) -> bytes:
    """The form ``form_id`` with ``answers``: a fillable PDF (text printed in, choices ticked) or a DOCX."""
    from exports.forms import FormValues, render_form_pdf

    form = course.forms[form_id]
    if fmt == "docx":
        from exports.markdown_docx import markdown_to_docx

        return markdown_to_docx(
            form_markdown(form, answers, branding=branding), title=f"{form.title} – {course.title}", branding=branding
        )
    pdf = render_form_pdf(
        course, form, fillable=True, values=FormValues(fields=_prefillable(form, answers)), branding=branding
    )
    return set_choice_fields(pdf, form, answers)


def placement_document(placement, document: str, fmt: str, *, site=None, branding=None) -> tuple[bytes, str]:
    """``(data, file name)`` of one of :data:`DOCUMENTS` for ``placement``.

    :class:`DocumentNotAvailable` for an unknown document or format, and for the confidentiality
    declaration of a workplace that does not need one.
    """
    if document not in DOCUMENTS or fmt not in FORMATS:
        raise DocumentNotAvailable(f"no document '{document}' as {fmt}")
    if document == "taushetserklaering" and not placement.workplace.needs_confidentiality:
        raise DocumentNotAvailable("this workplace needs no confidentiality declaration")
    run = placement.enrolment.run
    course = course_for(run.course)
    name = f"{DOCUMENTS[document]}-{placement.pk}.{fmt}"
    if document == "brev":
        from exports.filled_templates import render_template

        values = {**municipality_values(site), **letter_values(placement)}
        return render_template(course, LETTER_TEMPLATE, fmt, values, branding=branding), name
    answers = {
        "avtale": lambda: agreement_fields(placement, site),
        "taushetserklaering": lambda: confidentiality_fields(placement),
        "evaluering": lambda: evaluation_answers(placement),
    }[document]()
    return form_document(course, DOCUMENTS[document], answers, fmt, branding=branding), name


def document_response(placement, document: str, fmt: str, *, site=None, branding=None):
    """The document as a download that browsers and proxies do not keep (it names a person)."""
    data, name = placement_document(placement, document, fmt, site=site, branding=branding)
    response = file_response(data, name, fmt)
    response["Cache-Control"] = "private, no-store"
    return response

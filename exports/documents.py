"""Document kinds: which template and stylesheets make each kind of PDF.

A kind is data, so new kinds (forms, certificates) plug in by registering one: they bring a
template and a context, and get the shared fonts, tagging, page furniture, URL policy and engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .html import render_template


@dataclass(frozen=True)
class DocumentKind:
    """How one kind of document renders.

    ``template`` is a path under ``exports/templates/``; ``stylesheets`` are names of files in
    ``exports/css/`` (``fonts`` is the generated ``@font-face`` sheet) applied in order;
    ``pdf_forms`` turns HTML form controls into fillable AcroForm fields.
    """

    name: str
    template: str
    stylesheets: tuple[str, ...] = ("fonts", "base")
    pdf_forms: bool = False


_KINDS: dict[str, DocumentKind] = {}


def register_document_kind(kind: DocumentKind) -> DocumentKind:
    """Make ``kind`` available to :func:`render_document`; registering the same name twice is an error."""
    if kind.name in _KINDS and _KINDS[kind.name] != kind:
        raise ValueError(f"document kind '{kind.name}' is already registered with another template")
    _KINDS[kind.name] = kind
    return kind


def document_kind(name: str) -> DocumentKind:
    """The registered kind called ``name``; the error lists the kinds there are."""
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(f"no document kind '{name}'; registered kinds: {', '.join(sorted(_KINDS))}") from None


def document_kinds() -> tuple[str, ...]:
    return tuple(_KINDS)


def render_document_html(kind: DocumentKind, context: dict) -> str:
    """The HTML of a document of ``kind``."""
    return render_template(kind.template, context)


def render_document_pdf(
    kind: DocumentKind,
    context: dict,
    *,
    extra_css=(),
    base_url: Path | None = None,
    allowed_dirs=(),
    finisher=None,
) -> bytes:
    """Render a document of ``kind`` to PDF (imports WeasyPrint on first use).

    ``finisher(document, pdf)`` is WeasyPrint's hook to amend the PDF objects before writing.
    """
    from . import engine

    return engine.write_pdf(
        render_document_html(kind, context),
        stylesheets=kind.stylesheets,
        extra_css=extra_css,
        base_url=base_url,
        allowed_dirs=allowed_dirs,
        pdf_forms=kind.pdf_forms,
        finisher=finisher,
    )


BOOKLET = register_document_kind(
    DocumentKind("booklet", "exports/booklet.html", ("fonts", "base", "blocks", "booklet"))
)
HANDOUT = register_document_kind(DocumentKind("handout", "exports/handout.html", ("fonts", "base", "blocks")))
VOCABULARY = register_document_kind(
    DocumentKind("vocabulary", "exports/vocabulary.html", ("fonts", "base", "vocabulary"))
)

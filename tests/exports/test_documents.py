"""Document kinds: the mapping other documents (forms, certificates) will render through."""

import pytest

from exports import documents
from exports.documents import DocumentKind, document_kind, register_document_kind, render_document_pdf
from exports.options import Branding
from tests.exports.pdfread import Pdf, no_render_warnings


def test_course_documents_are_registered():
    assert {"booklet", "handout", "vocabulary"} <= set(documents.document_kinds())
    assert document_kind("booklet").template == "exports/booklet.html"


def test_unknown_kind_lists_the_kinds_there_are():
    with pytest.raises(KeyError, match=r"no document kind 'nope'; registered kinds: .*booklet, .*handout, .*vocabulary"):
        document_kind("nope")


def test_a_new_kind_renders_through_the_shared_engine(monkeypatch, mini_course):
    monkeypatch.setattr(documents, "_KINDS", dict(documents._KINDS))
    kind = register_document_kind(DocumentKind("plain", "exports/base.html", ("fonts", "base")))
    assert document_kind("plain") is kind
    with no_render_warnings():
        pdf = Pdf(render_document_pdf(kind, {"title": "Kursbevis", "course": mini_course, "branding": Branding()}))
    assert pdf.reader.metadata.title == "Kursbevis"
    assert "/StructTreeRoot" in pdf.reader.trailer["/Root"]
    with pytest.raises(ValueError, match="already registered"):
        register_document_kind(DocumentKind("plain", "exports/other.html"))

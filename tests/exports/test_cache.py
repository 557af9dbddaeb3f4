"""The output cache: keys change with what changes the PDF, and a hit renders nothing."""

import pytest

from exports import documents
from exports.cache import MemoryPdfCache, PdfCache, pdf_cache_key
from exports.pdf import Branding, PdfOptions, render_pdf

LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def test_cache_hit_returns_identical_bytes_without_rendering(mini_course, monkeypatch):
    cache = MemoryPdfCache()
    options = PdfOptions(lesson_id="renholdsutstyr")
    first = render_pdf(mini_course, options, cache=cache)
    assert cache.get(pdf_cache_key(mini_course, options)) == first

    def must_not_render(*args, **kwargs):
        raise AssertionError("rendered although the cache holds the PDF")

    monkeypatch.setattr(documents, "render_document_pdf", must_not_render)
    monkeypatch.setattr("exports.pdf.render_document_pdf", must_not_render)
    assert render_pdf(mini_course, options, cache=cache) == first
    with pytest.raises(AssertionError, match="rendered although"):
        render_pdf(mini_course, options, cache=None)


def test_cache_is_a_small_interface():
    class DictCache:
        def __init__(self):
            self.data = {}

        def get(self, key):
            return self.data.get(key)

        def set(self, key, data):
            self.data[key] = data

    assert isinstance(DictCache(), PdfCache)
    assert isinstance(MemoryPdfCache(), PdfCache)


def test_keys_differ_by_what_changes_the_pdf(mini_course):
    base = PdfOptions()
    keys = {
        pdf_cache_key(mini_course, base),
        pdf_cache_key(mini_course, PdfOptions(edition="teacher")),
        pdf_cache_key(mini_course, PdfOptions(lesson_id="handvask")),
        pdf_cache_key(mini_course, PdfOptions(lesson_id="handvask", language="ar")),
        pdf_cache_key(mini_course, PdfOptions(language="ar")),
        pdf_cache_key(mini_course, PdfOptions(language="ti")),
        pdf_cache_key(mini_course, PdfOptions(branding=Branding(municipality="Bergen"))),
        pdf_cache_key(mini_course, PdfOptions(branding=Branding(primary_colour="#005a9c"))),
        pdf_cache_key(mini_course, PdfOptions(branding=Branding(logo=LOGO))),
        pdf_cache_key(mini_course.model_copy(update={"content_hash": "0" * 64}), base),
    }
    assert len(keys) == 10


def test_keys_ignore_what_does_not_change_the_pdf(mini_course):
    # The edition does not change a vocabulary list.
    assert pdf_cache_key(mini_course, PdfOptions(language="ar")) == pdf_cache_key(
        mini_course, PdfOptions(language="ar", edition="teacher")
    )
    assert pdf_cache_key(mini_course, PdfOptions()) == pdf_cache_key(mini_course, PdfOptions())


def test_keys_are_safe_as_file_names(mini_course):
    key = pdf_cache_key(mini_course, PdfOptions(lesson_id="handvask", language="prs"))
    assert key.startswith("mini-kurs-handout-")
    assert all(ch.isalnum() or ch == "-" for ch in key)


def test_memory_cache_forgets_least_recently_used_beyond_its_size():
    cache = MemoryPdfCache(max_bytes=10)
    cache.set("a", b"12345")
    cache.set("b", b"12345")
    assert cache.get("a") == b"12345"  # now "b" is the least recently used
    cache.set("c", b"123")
    assert cache.get("b") is None
    assert cache.get("a") == b"12345" and cache.get("c") == b"123"
    cache.set("huge", b"x" * 11)
    assert cache.get("huge") is None

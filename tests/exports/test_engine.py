"""The renderer's policies: local resources only, shared font configuration, branding, fonts."""

import io

import pytest

from course_content.markdown import render_markdown
from exports import engine
from exports.fonts import missing_characters
from exports.options import Branding, PdfOptions
from exports.pdf import render_pdf
from tests.exports.pdfread import Pdf, no_render_warnings


def _png() -> bytes:
    from PIL import Image  # a WeasyPrint dependency

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "#005a9c").save(out, format="PNG")
    return out.getvalue()


def test_network_and_foreign_files_are_refused(tmp_path):
    html = (
        '<html lang="nb"><head><title>t</title></head><body>'
        '<img src="https://example.org/x.png" alt="x"><img src="file:///etc/hostname" alt="y"></body></html>'
    )
    with pytest.raises(AssertionError) as failure, no_render_warnings():
        engine.write_pdf(html)
    assert "refused to load https://example.org/x.png" in str(failure.value)
    assert "refused to load file:///etc/hostname" in str(failure.value)


def test_font_configuration_and_stylesheets_are_shared():
    assert engine.font_config() is engine.font_config()
    assert engine.stylesheet("base") is engine.stylesheet("base")
    with pytest.raises(FileNotFoundError, match="no stylesheet"):
        engine.stylesheet("nope")


def test_branding_appears_on_the_cover(mini_course):
    branding = Branding(municipality="Testvik kommune", logo=_png(), primary_colour="#005a9c", contact="Tlf. 12 34 56 78")
    with no_render_warnings():
        pdf = Pdf(render_pdf(mini_course, PdfOptions(branding=branding), cache=None))
    cover = pdf.pages[0]
    assert "Testvik kommune" in cover and "Tlf. 12 34 56 78" in cover
    assert "/XObject" in pdf.reader.pages[0]["/Resources"]  # the logo
    assert pdf.reader.metadata.author == "Testvik kommune"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"primary_colour": "red"}, "is not a hex colour"),
        ({"logo": "/nonexistent/logo.png"}, "no file at /nonexistent/logo.png"),
    ],
)
def test_bad_branding_says_what_to_do(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Branding(**kwargs)


def test_logo_of_unknown_type_is_refused():
    with pytest.raises(ValueError, match="not a PNG, JPEG, GIF or SVG"):
        Branding(logo=b"%PDF-1.7").logo_data_url()


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown: use one of en, uk, ar"):
        PdfOptions(language="xx")


def test_bundled_fonts_cover_the_course_alphabets():
    assert missing_characters("Håndvask ÆØÅ æøå гігієна نظافة اليدين ጽሬት ኢድ بهداشت دست ☐ ☑ ○ ⚠ – … «»") == set()
    assert missing_characters("→ ≤ 4 °C ≥ ≈ ⇒") == set()
    assert missing_characters("✅ 😀") == {"✅", "😀"}


def test_markdown_headings_sit_below_the_document_outline():
    from exports.html import markdown

    assert "<h1>" in render_markdown("# Tittel")
    assert "<h4>Tittel</h4>" in markdown("# Tittel", 4)
    assert "<h4>Dypt</h4>" in markdown("#### Dypt", 4)  # levels follow the outline, not the number of #
    assert "<h6>Dypest</h6>" in markdown("# A\n## B\n### C\n#### Dypest", 4)


def test_svg_text_is_drawn_with_the_bundled_fonts():
    from exports.images import svg_with_bundled_fonts

    labelled = svg_with_bundled_fonts('<svg><text font-family="sans-serif">Sone</text><text style="font-family: serif">x</text></svg>')
    assert 'font-family="KSI Noto Sans, KSI Noto Sans Arabic' in labelled and labelled.count("KSI Noto Sans,") == 1
    assert "font-family: serif" in labelled  # a deliberate non-generic choice is kept
    bare = svg_with_bundled_fonts('<svg width="1"><text>Sone</text></svg>')
    assert bare.startswith('<svg font-family="KSI Noto Sans, ')


def test_norwegian_text_is_hyphenated():
    words = "renholdsoperatørfaget arbeidsmiljøloven smittevernutstyret"
    html = (
        '<html lang="nb"><head><title>t</title></head><body>'
        f'<p style="width: 32mm">{words}</p><hr><p style="width: 32mm; hyphens: manual">{words}</p></body></html>'
    )
    with no_render_warnings():
        auto, manual = Pdf(engine.write_pdf(html)).text.split("renholdsoperatørfaget", 1)
    # WeasyPrint marks a break with U+2010 HYPHEN, at a syllable boundary of the Norwegian dictionary.
    assert "renholdsopera\u2010\ntørfaget" in auto
    assert "arbeids\u2010\nmiljøloven" in auto
    assert "\u2010" not in manual  # without hyphens: auto, words stay whole


def test_a_large_render_ends_with_a_full_collection_unless_the_process_exits_after_it(monkeypatch):
    """The full garbage collection after a large render frees the layout in a long-running process;
    a render process (exports.render_process) leaves it to its exit."""
    collections = []
    monkeypatch.setattr(engine.gc, "collect", lambda *args: collections.append(args))
    with engine._fewer_gc_passes():
        pass
    assert collections == [()]
    monkeypatch.setattr(engine, "_collect_after_render", True)  # restored after the test
    engine.leave_garbage_to_exit()
    with engine._fewer_gc_passes():
        pass
    assert collections == [()]

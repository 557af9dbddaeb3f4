"""Fillable forms draw in any viewer: filled in with pikepdf, rendered by poppler, checked by pixels.

poppler's ``pdftoppm`` draws a check box or radio button only from its appearance stream, and a
text field's value only with the font its ``/DA`` names: what it shows is what a viewer that does
not make its own appearances shows.
"""

import io
import shutil
import subprocess

import pikepdf
import pytest
from PIL import Image, ImageChops

from course_content import Form
from exports.field_appearances import on_state_names, pdf_name
from exports.fonts import FORM_FONT
from exports.forms import FormValues, get_form, render_form_pdf
from tests.exports.pdfread import no_render_warnings

DPI = 72  # one pixel per point: a widget's /Rect is its pixel box
ARABIC = "أمينة"
TIGRINYA = "ትግርኛ"


def render(course, form, **options) -> bytes:
    with no_render_warnings():
        return render_form_pdf(course, form, fillable=True, **options)


def page_image(data: bytes, page: int = 1) -> tuple[Image.Image, str]:
    """Page ``page`` drawn by poppler, and what poppler complained about."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("poppler's pdftoppm is missing: install the Debian package poppler-utils (scripts/setup does)")
    done = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return Image.open(io.BytesIO(done.stdout)).convert("L"), done.stderr.decode()


def box(image: Image.Image, widget) -> Image.Image:
    left, top, right, bottom = (float(n) for n in widget.Rect)
    height = image.height
    y0, y1 = sorted((height - top, height - bottom))
    x0, x1 = sorted((left, right))
    # The inner part only: the border WeasyPrint draws on the page is the same for every state.
    return image.crop((round(x0) + 2, round(y0) + 2, round(x1) - 2, round(y1) - 2))


def dark_pixels(image: Image.Image) -> int:
    return sum(image.histogram()[:128])


def fields(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Dictionary]:
    return {str(field.T): field for field in pdf.Root.AcroForm.Fields}


def page_of(pdf: pikepdf.Pdf, widget) -> int:
    return 1 + [page.objgen for page in pdf.pages].index(widget.P.objgen)


def saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def registration(mini_course):
    return get_form(mini_course, "pamelding")


@pytest.fixture(scope="module")
def fillable(mini_course, registration):
    """The registration form with its level question asking in Norwegian words with æøå and spaces."""
    data = registration.model_dump()
    for section in data["sections"]:
        for field in section["fields"]:
            if field["id"] == "norskniva":
                field["choices"] = ["Kan godt", "Kan litt", "Kan ikke ennå", "Sjø (ærlig) / 100 %", "Vet ikke"]
    return render(mini_course, Form.model_validate(data))


def test_radio_export_values_are_the_option_labels(fillable):
    pdf = pikepdf.open(io.BytesIO(fillable))
    group = fields(pdf)["norskniva"]
    states = [[str(key) for key in kid.AP.N if key != "/Off"] for kid in group.Kids]
    assert states == [["/Kan godt"], ["/Kan litt"], ["/Kan ikke ennå"], ["/Sjø (ærlig) / 100 %"], ["/Vet ikke"]]
    assert [str(option) for option in group.Opt] == [state[0][1:] for state in states]
    assert pdf_name("Kan ikke ennå") == "Kan#20ikke#20enn#C3#A5"
    assert pdf_name("Sjø (ærlig) / 100 %") == "Sj#C3#B8#20#28#C3#A6rlig#29#20#2F#20100#20#25"


def test_state_names_are_unique_and_never_off():
    assert on_state_names(["Ja", "Ja", "Off", ""]) == ["Ja", "Ja#20(2)", "Off#20(2)", "Valg"]


def test_every_button_has_an_appearance_for_on_and_off(fillable):
    pdf = pikepdf.open(io.BytesIO(fillable))
    for field in fields(pdf).values():
        for widget in field.get("/Kids", [field]):
            if widget.get("/FT", field.get("/FT")) == "/Btn":
                assert "/Off" in widget.AP.N and len(widget.AP.N.keys()) == 2, widget.get("/TU")


@pytest.mark.parametrize(("field_id", "chosen"), [("norskniva", 2), ("ordliste-sprak:3", None)])
def test_a_chosen_radio_button_or_check_box_is_drawn(fillable, field_id, chosen):
    pdf = pikepdf.open(io.BytesIO(fillable))
    field = fields(pdf)[field_id]
    if chosen is None:  # a check box
        widgets, on = [field], next(key for key in field.AP.N if key != "/Off")
        field.V = field.AS = pikepdf.Name(on)
        other = None
    else:
        widgets = list(field.Kids)
        on = next(key for key in widgets[chosen].AP.N if key != "/Off")
        field.V = widgets[chosen].AS = pikepdf.Name(on)
        other = widgets[chosen - 1]
    page = page_of(pdf, widgets[0])
    image, _ = page_image(saved(pdf), page)
    chosen_box = box(image, widgets[chosen or 0])
    assert dark_pixels(chosen_box) > 4, f"{field_id}: poppler drew nothing in the chosen box"
    blank, _ = page_image(fillable, page)
    assert ImageChops.difference(chosen_box, box(blank, widgets[chosen or 0])).getbbox() is not None
    if other is not None:
        assert dark_pixels(box(image, other)) == 0, "an unchosen button is drawn as chosen"


def test_typed_arabic_and_tigrinya_are_drawn_with_the_field_font(fillable):
    pdf = pikepdf.open(io.BytesIO(fillable))
    name = fields(pdf)["navn"]
    assert b"KSI-Noto-Sans-Forms" in bytes(pdf.Root.AcroForm.DR.Font[str(name.DA).split()[-3]].BaseFont)
    before, _ = page_image(fillable, page_of(pdf, name))
    # What a viewer does when someone types: store the value, draw it anew with the /DA font.
    name.V = pikepdf.String(f"{ARABIC} {TIGRINYA}")
    del name["/AP"]
    after, complaints = page_image(saved(pdf), page_of(pdf, name))
    assert "couldn't find a font" not in complaints, complaints
    assert dark_pixels(box(after, name)) > 20 and dark_pixels(box(before, name)) == 0


def test_the_field_font_covers_every_vocabulary_language():
    from fontTools.ttLib import TTFont

    with TTFont(FORM_FONT.path, lazy=True) as font:
        covered = font.getBestCmap()
    assert all(ord(char) in covered for char in f"{ARABIC}{TIGRINYA}ÆØÅæøå Привіт ґє Soomaali دری")


def test_prefilled_text_is_drawn_without_needappearances(mini_course):
    """A viewer that draws only appearance streams still shows pre-printed values."""
    data = render(mini_course, "egen-sjekkliste", values=FormValues(fields={"rom": "Kantina, 2. etasje"}))
    pdf = pikepdf.open(io.BytesIO(data))
    room = fields(pdf)["rom"]
    empty = fields(pdf)["gjort:1:oppgave"]
    assert "/NeedAppearances" not in pdf.Root.AcroForm
    image, _ = page_image(saved(pdf), page_of(pdf, room))
    assert dark_pixels(box(image, room)) > 20
    assert dark_pixels(box(image, empty)) == 0

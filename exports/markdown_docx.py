"""Markdown → an editable Word document (python-docx), from the tokens of the package's one parser.

Headings, paragraphs, bold, italic, code, links, line breaks, bullet and numbered lists (nested,
each numbered list restarting at its own start), block quotes, rules and tables map onto Word's
built-in styles, so the result stays easy to edit: a heading is a real "Heading 2", a list item
a real list paragraph. No HTML step and no converter dependency.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from markdown_it.token import Token

from course_content.markdown import markdown_tokens  # the one Markdown parser (render_markdown uses it too)

from .options import Branding

MONOSPACE = "Courier New"
#: The bundled fonts (exports/fonts) by name: Latin and Cyrillic, and Arabic script as Word's
#: "complex script" font. Word and LibreOffice use them where installed (OFL: free to install).
TEXT_FONT = "Noto Sans"
COMPLEX_SCRIPT_FONT = "Noto Sans Arabic"
HEADING_STYLES = ("Title", *(f"Heading {level}" for level in range(1, 7)))
#: Word has list styles for three levels; deeper lists use the third.
MAX_LIST_LEVEL = 3
#: Room to write by hand in an empty table cell (weekly plans, lists to fill in).
TABLE_ROW_HEIGHT = Cm(0.8)


@dataclass
class _List:
    ordered: bool
    start: int
    num_id: int | None = None  # the Word numbering instance of an ordered list, made on first use


@dataclass
class _Item:
    has_paragraph: bool = False


def markdown_to_docx(
    markdown: str,
    *,
    title: str,
    description: str = "",
    branding: Branding | None = None,
    language: str = "nb-NO",
) -> bytes:
    """``markdown`` as a .docx file: A4, Norwegian proofing language, the municipality in the header
    (name, and logo when it is PNG, JPEG or GIF), page numbers in the footer, headings in the
    branding colour."""
    branding = branding or Branding()
    document = Document()
    _set_up(document, title=title, description=description, branding=branding, language=language)
    DocxWriter(document).write(markdown_tokens(markdown))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class DocxWriter:
    """Appends Markdown block tokens to a python-docx ``Document``."""

    def __init__(self, document):
        self.document = document
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.quote_depth = 0
        self.paragraph = None

    def write(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "table_open":
                end = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
                self._table(tokens[index : end + 1])
                index = end + 1
                continue
            self._block(token)
            index += 1

    def _block(self, token: Token) -> None:
        kind = token.type
        if kind == "heading_open":
            self.paragraph = self.document.add_heading(level=int(token.tag[1]))
        elif kind == "paragraph_open":
            self.paragraph = self._new_paragraph()
        elif kind == "inline" and self.paragraph is not None:
            add_inline(self.paragraph, token.children or [])
        elif kind in ("heading_close", "paragraph_close"):
            self.paragraph = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append(_List(kind == "ordered_list_open", int(token.attrGet("start") or 1)))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.items.append(_Item())
        elif kind == "list_item_close":
            if not self.items[-1].has_paragraph:
                self._new_paragraph()  # an empty item ("1.") is a numbered line to write on
            self.items.pop()
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif kind == "hr":
            _bottom_border(self.document.add_paragraph())
        elif kind in ("fence", "code_block"):
            paragraph = self.document.add_paragraph()
            for number, line in enumerate(token.content.rstrip("\n").split("\n")):
                if number:
                    paragraph.add_run().add_break()
                paragraph.add_run(line).font.name = MONOSPACE

    def _new_paragraph(self):
        if self.items and not self.items[-1].has_paragraph:
            self.items[-1].has_paragraph = True
            return self._list_paragraph()
        if self.lists:
            return self.document.add_paragraph(style=_level_style("List Continue", len(self.lists)))
        if self.quote_depth:
            return self.document.add_paragraph(style="Quote")
        return self.document.add_paragraph()

    def _list_paragraph(self):
        current, level = self.lists[-1], len(self.lists)
        if not current.ordered:
            return self.document.add_paragraph(style=_level_style("List Bullet", level))
        style = _level_style("List Number", level)
        paragraph = self.document.add_paragraph(style=style)
        if current.num_id is None:
            current.num_id = _restarted_numbering(self.document, style, current.start)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = current.num_id
        return paragraph

    def _table(self, tokens: list[Token]) -> None:
        rows: list[tuple[bool, list[list[Token]]]] = []
        in_head = False
        for token in tokens:
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append((in_head, []))
            elif token.type == "inline":
                rows[-1][1].append(token.children or [])
        columns = max(len(cells) for _, cells in rows)
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        for row, (is_head, cells) in zip(table.rows, rows, strict=True):
            if is_head:
                _repeat_as_header(row)
            else:
                row.height, row.height_rule = TABLE_ROW_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST
            for cell, children in zip(row.cells, cells, strict=False):
                add_inline(cell.paragraphs[0], children, bold=is_head)
        self.document.add_paragraph()  # Word joins tables that touch; keep the next block apart


def add_inline(paragraph, children: list[Token], *, bold: bool = False) -> None:
    """Append inline tokens (text, emphasis, code, links, breaks) to ``paragraph`` as runs."""
    strong, emphasis = int(bold), 0
    link = None
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline", "softbreak", "image"):
            text = {"softbreak": " ", "image": child.content}.get(kind, child.content)
            if not text:
                continue
            run = paragraph.add_run(text)
            run.bold = bool(strong) or None
            run.italic = bool(emphasis) or kind == "image" or None
            if kind == "code_inline":
                run.font.name = MONOSPACE
            if link is not None:
                link.append(run._r)
                run.font.underline = True
                run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9C)
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            emphasis += 1
        elif kind == "em_close":
            emphasis -= 1
        elif kind == "link_open":
            link = _hyperlink(paragraph, str(child.attrGet("href") or ""))
        elif kind == "link_close":
            link = None


# --- Word details ------------------------------------------------------------------------------


def _set_up(document, *, title: str, description: str, branding: Branding, language: str) -> None:
    properties = document.core_properties
    properties.title = title
    properties.subject = description
    properties.author = branding.municipality or "ksi-courses"
    properties.language = language
    _use_bundled_fonts(document, language)
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    # Word insists on the schema's order of run properties: w:lang goes before these three.
    normal.element.get_or_add_rPr().insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    colour = RGBColor.from_string(_hex6(branding.primary_colour))
    for level in (1, 2, 3):
        document.styles[f"Heading {level}"].font.color.rgb = colour
    section = document.sections[0]
    # python-docx's default template is US Letter; Norwegian offices print A4.
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin = section.bottom_margin = Mm(20)
    header = section.header.paragraphs[0]
    logo = branding.logo_bytes()
    if logo and not branding.logo_data_url().startswith("data:image/svg"):  # Word cannot take SVG here
        header.add_run().add_picture(io.BytesIO(logo), height=Cm(1.2))
        header.add_run("  ")
    if branding.municipality:
        header.add_run(branding.municipality).bold = True
    footer = section.footer.paragraphs[0]
    footer.add_run("Side ")
    footer._p.append(_field("PAGE"))
    footer.add_run(" av ")
    footer._p.append(_field("NUMPAGES"))


def _use_bundled_fonts(document, language: str) -> None:
    """Name the bundled Noto fonts instead of python-docx's theme (Calibri, Cambria) everywhere,
    make ``language`` the default proofing language, and keep every heading with what follows."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = defaults.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
    for fonts in [defaults.find(qn("w:rFonts")), *styles.iter(qn("w:rFonts"))]:
        if fonts is None:
            continue
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attribute), fonts.get(qn(attribute)) if fonts.get(qn(attribute)) == MONOSPACE else TEXT_FONT)
        fonts.set(qn("w:cs"), COMPLEX_SCRIPT_FONT)
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            # The theme's fonts too, for whatever a user picks from Word's theme font list.
            part._blob = re.sub(rb'(<a:(?:latin|cs) typeface=")[^"]*"', rb'\g<1>' + TEXT_FONT.encode() + b'"', part.blob)
    # List bullets: a "•" of the text font, not Word's Symbol font (which LibreOffice swaps for OpenSymbol).
    for level in document.part.numbering_part.element.iter(qn("w:lvl")):
        number_format = level.find(qn("w:numFmt"))
        if number_format is None or number_format.get(qn("w:val")) != "bullet":
            continue
        level.find(qn("w:lvlText")).set(qn("w:val"), "•")
        for fonts in level.iter(qn("w:rFonts")):
            for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attribute), TEXT_FONT)
    for name in HEADING_STYLES:
        style = document.styles[name]
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True


def _level_style(base: str, level: int) -> str:
    level = min(level, MAX_LIST_LEVEL)
    return base if level == 1 else f"{base} {level}"


def _restarted_numbering(document, style_name: str, start: int) -> int:
    """A new numbering instance of the list style's definition, starting at ``start``.

    Paragraphs of a list style share one counter in Word, so the second numbered list of a
    document would go on from the first; each list gets its own instance instead.
    """
    num_id = document.styles[style_name].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _hyperlink(paragraph, url: str):
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    paragraph._p.append(element)
    return element


def _repeat_as_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _bottom_border(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "999999")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _field(instruction: str):
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"  # shown until Word updates the field
    run.append(text)
    field.append(run)
    return field


def _hex6(colour: str) -> str:
    digits = colour.lstrip("#")
    return "".join(ch * 2 for ch in digits) if len(digits) == 3 else digits

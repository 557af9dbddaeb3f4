"""Complete the tag tree WeasyPrint writes for PDF/UA-1 (a ``write_pdf`` finisher).

Measured with the PDF/UA checker ``outloud`` on WeasyPrint 70's output, and fixed here on the
pydyf objects just before they are written (no second parse of the PDF):

- **foreign-language text**: WeasyPrint writes only the document's ``/Lang``, so screen readers
  read Arabic, Dari or Tigrinya translations as Norwegian. Every text element whose HTML element
  (or an ancestor) has another ``lang`` gets that ``/Lang``, and so does a table cell;
- **header cells** get ``/Scope`` (``Column``, or ``Row`` for ``<th scope="row">``): WeasyPrint
  links data cells to headers with ``/Headers`` but never writes a scope;
- **running headers and footers** (the ``@page`` margin boxes) are marked as pagination
  artifacts: WeasyPrint tags their text as content but leaves it out of the tree;
- **list items** get an ``/LBody`` around everything but their label when WeasyPrint put the
  item's text straight into the ``/LI``, and a nested list moves back into its item's body;
- **links** get the Print flag, so the printed page and the screen agree.

The text-to-language step pairs WeasyPrint's text boxes with the structure elements it made for
them, in the order its tagger (``weasyprint/pdf/tags.py``) visits them; if a page's counts do not
match (a future WeasyPrint that tags differently), that page keeps the document language only.
See ``exports/README.md`` for what the checker still reports and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

#: Annotation flag bit 3 (PDF 1.7 table 165): print the annotation with the page.
PRINT_FLAG = 1 << 2
_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


class TagTreeFinisher:
    """Amend WeasyPrint's PDF/UA tag tree in place (see the module docstring)."""

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        root_ref = pdf.catalog.get("StructTreeRoot")
        if root_ref is None:  # an untagged render: nothing to complete
            return
        objects = _Objects(pdf)
        document_lang = _text(pdf.catalog.get("Lang")).lower()
        _mark_cells(document, document_lang)
        _mark_text_languages(document, pdf, objects, document_lang)
        reachable = _reachable(objects, objects.get(root_ref))
        _margin_text_to_artifacts(pdf, objects, reachable)
        _wrap_list_item_bodies(pdf, objects, reachable)
        _print_links(pdf, objects)


class _Objects:
    """Resolve pydyf references (``b"12 0 R"``) to the objects they name."""

    def __init__(self, pdf: pydyf.PDF):
        self.pdf = pdf

    def get(self, ref):
        if isinstance(ref, pydyf.Object):
            return ref
        return self.pdf.objects[int(bytes(ref).split()[0])]


def _text(value) -> str:
    if value is None:
        return ""
    return value.string if isinstance(value, pydyf.String) else str(value)


def _boxes(document) -> Iterator[tuple[int, boxes.Box]]:
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            yield number, box


def _foreign_lang(box, document_lang: str) -> str | None:
    lang = box.style["lang"] if box.style is not None else None
    if lang and lang.lower() != document_lang:
        return lang
    return None


def _mark_cells(document, document_lang: str) -> None:
    """Scope on header cells and language on cells, through the element WeasyPrint kept on each cell box."""
    for _, box in _boxes(document):
        element = getattr(box, "mark", None)
        if element is None:
            continue
        if box.element_tag == "th":
            scope = _SCOPES.get((box.element.get("scope") or "col").lower(), "/Column")
            element["A"]["Scope"] = scope
        if lang := _foreign_lang(box, document_lang):
            element["Lang"] = pydyf.String(lang)


def _text_boxes(box) -> Iterator[boxes.TextBox]:
    """The text boxes that get a structure element of their own, in WeasyPrint's tagging order.

    Text directly inside a link belongs to the link's element and gets none.
    """
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    is_link = box.element is not None and box.element_tag.split(":")[0] == "a"
    for child in getattr(box, "children", ()):
        for kid in child.children if isinstance(child, boxes.LineBox) else [child]:
            if isinstance(kid, boxes.TextBox):
                if not is_link:
                    yield kid
            else:
                yield from _text_boxes(kid)


def _mark_text_languages(document, pdf: pydyf.PDF, objects: _Objects, document_lang: str) -> None:
    text_elements: dict[bytes, list] = defaultdict(list)
    for obj in pdf.objects:
        if _is_text_element(obj):
            text_elements[bytes(obj["Pg"])].append(obj)
    for number, page in enumerate(document.pages):
        elements = sorted(text_elements.get(bytes(pdf.page_references[number]), ()), key=lambda o: o.number)
        texts = list(_text_boxes(page._page_box))
        if len(texts) != len(elements):
            continue  # WeasyPrint tagged this page in another order: leave it rather than mislabel it
        for box, element in zip(texts, elements, strict=True):
            if lang := _foreign_lang(box, document_lang):
                element["Lang"] = pydyf.String(lang)


def _is_text_element(obj) -> bool:
    """A structure element WeasyPrint made for one text box: a ``/Span`` holding one marked-content id."""
    if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/StructElem" or obj.get("S") != "/Span":
        return False
    kids = obj.get("K")
    return kids is not None and len(kids) == 1 and isinstance(kids[0], int)


def _reachable(objects: _Objects, root) -> set[int]:
    """Numbers of the structure elements in the tree (margin-box elements hang outside it)."""
    seen: set[int] = set()
    stack = list(root.get("K", ()))
    while stack:
        ref = stack.pop()
        if isinstance(ref, int):
            continue
        obj = objects.get(ref)
        if not isinstance(obj, pydyf.Dictionary) or obj.number in seen:
            continue
        seen.add(obj.number)
        if obj.get("Type") == "/StructElem":
            stack.extend(obj.get("K", ()))
    return seen


def _page_mcids(pdf: pydyf.PDF) -> Iterator[tuple[int, pydyf.Array]]:
    """Each page's number and its marked-content-id → structure element array in the ParentTree."""
    root = _Objects(pdf).get(pdf.catalog["StructTreeRoot"])
    nums = _Objects(pdf).get(root["ParentTree"])["Nums"]
    for index in range(0, len(nums), 2):
        if isinstance(nums[index + 1], pydyf.Array):
            yield nums[index], nums[index + 1]


def _margin_text_to_artifacts(pdf: pydyf.PDF, objects: _Objects, reachable: set[int]) -> None:
    """Turn marked content that only an out-of-tree element claims into a pagination artifact."""
    page_refs = pdf.page_references
    for page_number, mcids in _page_mcids(pdf):
        orphans = {
            mcid for mcid, ref in enumerate(mcids) if isinstance(ref, bytes) and objects.get(ref).number not in reachable
        }
        if not orphans:
            continue
        stream = objects.get(objects.get(page_refs[page_number])["Contents"])
        items = stream.stream
        for index, item in enumerate(items):
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in orphans and index:
                items[index - 1] = "/Artifact"
                items[index] = pydyf.Dictionary({"Type": "/Pagination"})
        for mcid in orphans:
            mcids[mcid] = b"null"


def _wrap_list_item_bodies(pdf: pydyf.PDF, objects: _Objects, reachable: set[int]) -> None:
    for obj in list(pdf.objects):
        if not isinstance(obj, pydyf.Dictionary) or obj.get("S") != "/LI" or obj.number not in reachable:
            continue
        kids = list(obj["K"])
        if any(isinstance(kid, int) for kid in kids):
            continue
        roles = [objects.get(kid).get("S") for kid in kids]
        if "/LBody" in roles:
            continue
        body_kids = [kid for kid, role in zip(kids, roles, strict=True) if role != "/Lbl"]
        nested = _nested_list_after(obj, objects)
        if nested is not None:
            body_kids.append(nested)
        if not body_kids:
            continue
        body = pydyf.Dictionary({
            "Type": "/StructElem",
            "S": "/LBody",
            "K": pydyf.Array(body_kids),
            "Pg": obj["Pg"],
            "P": obj.reference,
        })
        pdf.add_object(body)
        for kid in body_kids:
            objects.get(kid)["P"] = body.reference
        obj["K"] = pydyf.Array([kid for kid, role in zip(kids, roles, strict=True) if role == "/Lbl"] + [body.reference])


def _nested_list_after(item, objects: _Objects):
    """Take the list that WeasyPrint hung beside ``item`` (its nested ``<ul>``/``<ol>``) out of the parent list.

    HTML nests a list inside its item; WeasyPrint makes it the next sibling of the ``/LI``. In the
    item's ``/LBody`` it belongs to the item again, and an item whose only content is a nested
    list (Markdown ``- 1. mai`` is one) does not end up with a label and no body.
    """
    parent = objects.get(item["P"])
    siblings = parent.get("K")
    if parent.get("S") != "/L" or not isinstance(siblings, pydyf.Array):
        return None
    refs = [bytes(kid) if not isinstance(kid, int) else None for kid in siblings]
    index = refs.index(item.reference) if item.reference in refs else -1
    if index < 0 or index + 1 >= len(siblings) or refs[index + 1] is None:
        return None
    following = siblings[index + 1]
    if objects.get(following).get("S") != "/L":
        return None
    del siblings[index + 1]
    return following


def _print_links(pdf: pydyf.PDF, objects: _Objects) -> None:
    for page_ref in pdf.page_references:
        for ref in objects.get(page_ref).get("Annots", ()):
            annotation = objects.get(ref)
            if annotation.get("Subtype") == "/Link":
                annotation["F"] = int(annotation.get("F", 0)) | PRINT_FLAG

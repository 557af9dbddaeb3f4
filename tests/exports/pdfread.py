"""Read PDFs back for assertions: text, outline, fonts, structure (pypdf, no rendering)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass
class Pdf:
    """A rendered PDF with the reader and the page texts extracted once."""

    data: bytes

    def __post_init__(self) -> None:
        self.reader = PdfReader(io.BytesIO(self.data))
        self.pages = [page.extract_text() for page in self.reader.pages]
        self.text = "\n".join(self.pages)
        # Line breaks and hyphenation (WeasyPrint breaks with U+2010 HYPHEN) split phrases;
        # compare on single-spaced text without them.
        self.flat = " ".join(self.text.replace("\u2010\n", "").split())

    def __contains__(self, phrase: str) -> bool:
        return " ".join(phrase.split()) in self.flat

    @property
    def page_count(self) -> int:
        return len(self.reader.pages)

    def outline(self) -> list:
        """The bookmarks as nested ``(title, [children])`` pairs."""
        return _outline(self.reader.outline)

    def embedded_fonts(self) -> set[str]:
        """BaseFont names of every font used on any page, without the subset prefix."""
        names: set[str] = set()
        for page in self.reader.pages:
            fonts = page.get("/Resources", {}).get("/Font", {})
            for ref in fonts.values():
                names.add(str(ref.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
        return names

    def structure(self) -> list[tuple[str, str | None]]:
        """Every element of the tag tree as ``(role, alt text)``, depth first."""
        found: list[tuple[str, str | None]] = []

        def walk(node) -> None:
            node = node.get_object()
            if not isinstance(node, dict):
                return
            if "/S" in node:
                found.append((str(node["/S"]).lstrip("/"), str(node["/Alt"]) if "/Alt" in node else None))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                if hasattr(kid, "get_object"):
                    walk(kid)

        walk(self.reader.trailer["/Root"]["/StructTreeRoot"])
        return found

    def xmp(self) -> str:
        return self.reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def _outline(items) -> list:
    result: list = []
    for item in items:
        if isinstance(item, list):
            # pypdf lists a bookmark's children right after it.
            result[-1][1].extend(_outline(item))
        else:
            result.append((item.title, []))
    return result


class WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


@contextmanager
def no_render_warnings() -> Iterator[WarningCollector]:
    """Fail if WeasyPrint (or the print face) logs any warning: missing glyphs, bad CSS, refused URLs."""
    collector = WarningCollector()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("exports")]
    for logger in loggers:
        logger.addHandler(collector)
    try:
        yield collector
    finally:
        for logger in loggers:
            logger.removeHandler(collector)
    assert not collector.messages, "rendering logged warnings:\n" + "\n".join(collector.messages)


def render_checked(course, options) -> Pdf:
    """Render without the cache, failing on any logged warning, and read the result back."""
    from exports.pdf import render_pdf

    with no_render_warnings():
        data = render_pdf(course, options, cache=None)
    return Pdf(data)

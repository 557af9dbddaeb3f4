"""Images as the PDF embeds them: SVG text drawn with the bundled fonts.

SVG text usually asks for the generic ``sans-serif``, which the host's fontconfig resolves to
whatever it has (or nothing, on a bare server). Putting the bundled families in front keeps
labels in diagrams in the same typeface as the text, and legible on any host.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from .fonts import FAMILY_STACK

_GENERIC_SANS = re.compile(r"(?<![\w-])sans-serif(?![\w-])")
_SVG_ROOT = re.compile(r"<svg\b")
# Unquoted: the stack goes into attribute values that are themselves in double quotes.
_STACK = ", ".join(FAMILY_STACK)


def svg_with_bundled_fonts(svg: str) -> str:
    """``svg`` with the bundled families before every generic sans-serif (and as its default)."""
    if "font-family" not in svg:
        return _SVG_ROOT.sub(f'<svg font-family="{_STACK}, sans-serif"', svg, count=1)
    return _GENERIC_SANS.sub(f"{_STACK}, sans-serif", svg)


def image_url(path: Path) -> str:
    """The URL the PDF loads ``path`` from: a ``file:`` URL, or for SVG a rewritten ``data:`` URL."""
    if path.suffix.lower() != ".svg":
        return path.resolve().as_uri()
    svg = svg_with_bundled_fonts(path.read_text(encoding="utf-8"))
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()

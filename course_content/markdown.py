"""The one Markdown renderer of the package (participant text, exercises, callouts, templates).

Raw HTML in content is not passed through: content is data, and municipalities' editors should
not be able to inject markup into pages, PDFs or XBlocks by accident.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_markdown(text: str) -> str:
    """Render Markdown to HTML (safe: raw HTML in the source is escaped)."""
    return _parser().render(text or "")


_MARKUP = re.compile(r"[*_`#>|]|\[([^\]]*)\]\([^)]*\)")


def plain_text(text: str) -> str:
    """Markdown reduced to its words (for word counts, readability and search)."""
    return _MARKUP.sub(lambda m: m.group(1) or " ", text or "")


def markdown_tokens(text: str) -> list:
    """The token stream of the same parser :func:`render_markdown` uses (for other output
    formats, such as DOCX, that must read Markdown exactly as the web and PDF do)."""
    return _parser().parse(text or "")


_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|&])")
_BLOCK_START = re.compile(r"^([#>+-]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """``text`` as literal Markdown: one line, and no emphasis, link, table cell, heading or list."""
    text = _INLINE_MARKUP.sub(r"\\\1", " ".join(str(text).split()))
    start = _BLOCK_START.match(text)
    if start:  # a value at the start of a line would otherwise begin a heading, quote or list
        marker = start.group(1)
        text = f"{marker[:-1]}\\{marker[-1]}{text[len(marker) :]}"
    return text

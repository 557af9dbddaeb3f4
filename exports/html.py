"""The Jinja2 environment of the print templates (``exports/templates/exports/``) and its filters."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from course_content.base import LANGUAGES
from course_content.markdown import render_markdown

_HEADING = re.compile(r"<(/?)h([1-6])\b")
_NB_LETTERS = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # the three characters after "z" in ASCII


@cache
def environment() -> Environment:
    """The one template environment (templates are compiled once per process)."""
    env = Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=select_autoescape(("html", "css")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = markdown
    env.filters["minutes"] = minutes
    env.filters["decimal"] = decimal
    env.globals["LANGUAGES"] = LANGUAGES
    return env


def render_template(name: str, context: dict) -> str:
    """Render ``exports/templates/<name>`` with ``context``."""
    return environment().get_template(name).render(context)


def markdown(text: str, heading_level: int = 4) -> Markup:
    """Markdown as HTML whose headings start at ``heading_level`` and skip no level.

    Headings in a lesson's text sit below the document's own (course, module, lesson, block),
    so the tagged PDF keeps one consistent heading outline. Authors often start a text with
    ``##`` or jump from ``##`` to ``####``; PDF/UA forbids skipped levels (a screen reader's
    outline would have holes), so each heading gets ``heading_level`` plus its depth below the
    headings still open before it, whatever number of ``#`` it was written with.
    """
    return Markup(relevel_headings(render_markdown(text), heading_level))


def relevel_headings(html: str, heading_level: int) -> str:
    """Renumber the ``<h1>``–``<h6>`` of ``html`` to start at ``heading_level`` without gaps (at most h6)."""
    open_levels: list[int] = []  # written levels of the headings the current one sits under
    closing: list[int] = []  # the new level of each heading whose end tag is still to come

    def renumber(match: re.Match) -> str:
        written = int(match.group(2))
        if match.group(1):  # an end tag closes the heading opened last
            return f"</h{closing.pop() if closing else written}"
        while open_levels and open_levels[-1] >= written:
            open_levels.pop()
        level = min(heading_level + len(open_levels), 6)
        open_levels.append(written)
        closing.append(level)
        return f"<h{level}"

    return _HEADING.sub(renumber, html)


def minutes(value: int) -> str:
    """Minutes as Norwegian text: ``45 min`` or ``1 t 30 min``."""
    hours, rest = divmod(int(value), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} t {rest} min" if rest else f"{hours} t"


def decimal(value: float) -> str:
    """A number the Norwegian way: ``2``, ``2,5``."""
    text = f"{float(value):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def nb_sort_key(text: str) -> str:
    """Sort key in Norwegian alphabetical order (æ, ø, å after z)."""
    return text.casefold().translate(_NB_LETTERS)

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
    """Markdown as HTML whose headings start at ``heading_level``.

    Headings in a lesson's text sit below the document's own (course, module, lesson, block),
    so the tagged PDF keeps one consistent heading outline.
    """
    shift = heading_level - 1

    def demote(match: re.Match) -> str:
        return f"<{match.group(1)}h{min(int(match.group(2)) + shift, 6)}"

    return Markup(_HEADING.sub(demote, render_markdown(text)))


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

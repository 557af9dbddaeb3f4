"""The lesson block's HTML templates, rendered from :func:`course_content.participant_view.lesson_data`
(the one place that decides what a participant may see). Pure (no XBlock import)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from course_content.participant_view import Gettext
from course_content.pictures import PictureLibrary, library


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("xblocks", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment


def render_template(name: str, context: dict, gettext: Gettext, pictures: PictureLibrary | None = None) -> str:
    """Render ``xblocks/templates/<name>`` with ``_`` bound to the runtime's translations and
    ``picture_svg`` to ``pictures`` (default: the installed library)."""
    return _environment().get_template(name).render(
        {**context, "_": gettext, "picture_svg": (pictures or library()).inline_svg_markup}
    )

"""Imported by the server that forks the render processes (:mod:`.render_process`): the engine,
the course model and the print templates, loaded and warmed once, for every child to inherit."""

from . import pdf  # noqa: F401  (the course model and every document kind)
from .engine import warm
from .html import environment

warm()
for _name in environment().list_templates(extensions=("html", "css")):
    environment().get_template(_name)

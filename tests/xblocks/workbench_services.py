"""Services the xblock-sdk workbench loads by dotted path (see WORKBENCH in tests/settings.py)."""

from __future__ import annotations

from tests.paths import MINI_COURSE
from xblocks.catalog import CourseCatalog


class MiniCourseCatalog(CourseCatalog):
    """The ``ksi_courses`` service serving the mini course (the workbench builds it without arguments)."""

    def __init__(self):
        mini = CourseCatalog.from_dirs([MINI_COURSE])
        super().__init__(mini.slugs, mini.course)

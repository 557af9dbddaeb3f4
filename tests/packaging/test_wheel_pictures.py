"""The wheel carries the picture library: its list, its licence file and every SVG it names."""

from __future__ import annotations

import pytest

from course_content.pictures import PICTURES_DIR
from tests.packaging.conftest import CHECKOUT

pytestmark = pytest.mark.slow


def test_wheel_contains_the_picture_library(wheel_names):
    files = {p.relative_to(CHECKOUT).as_posix() for p in PICTURES_DIR.rglob("*") if p.is_file()}
    assert {"course_content/pictures/library.yaml", "course_content/pictures/LICENSE.md"} <= files
    assert sum(name.endswith(".svg") for name in files) >= 80
    assert files <= wheel_names, sorted(files - wheel_names)[:10]

import pytest

from course_content import load_course
from tests.paths import MINI_COURSE


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(scope="session")
def mini_course():
    return load_course(MINI_COURSE)

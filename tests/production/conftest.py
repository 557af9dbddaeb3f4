import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """The storage checks write (and delete) a file: in this test's own folder, not the shared one."""
    settings.MEDIA_ROOT = str(tmp_path / "media")

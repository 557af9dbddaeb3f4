"""Settings for the page benchmark: the test project plus the baseline page app."""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.baseline"]  # noqa: F405
DEBUG = False

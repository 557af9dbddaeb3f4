"""Settings for the import benchmark: the demo site (what a municipality runs), with the database
(``DATABASE_URL``) and media folder (``KSI_BENCH_MEDIA_ROOT``) in a temporary folder."""

import os

from demo.demo_site.settings import *  # noqa: F403

MEDIA_ROOT = os.environ["KSI_BENCH_MEDIA_ROOT"]

"""The "PDF being built" marker is shared between processes through the Redis cache: a second
process (another app server) sees the first one's marker and does not schedule the build again.
Runs against the real Redis at 127.0.0.1:6379; a Redis that cannot be reached fails these tests."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from django.core.cache import caches
from django.test import override_settings

from ksi_courses.pdfs import building_key, mark_building
from ksi_courses.recommended_settings import redis_cache
from tests.paths import TESTS_DIR
from tests.production.redis_server import REDIS_URL, delete_keys, new_prefix

REPO = TESTS_DIR.parent

#: Another process with the same settings: marks the PDF named on each line of its input, answers True/False.
OTHER_PROCESS = textwrap.dedent(
    """
    import sys

    import django

    django.setup()
    from django.test import override_settings

    from ksi_courses.recommended_settings import redis_cache

    with override_settings(CACHES=redis_cache(sys.argv[1], key_prefix=sys.argv[2])):
        from ksi_courses.pdfs import mark_building

        print("ready", flush=True)
        for line in sys.stdin:
            print(mark_building(line.strip()), flush=True)
    """
)


@pytest.fixture
def redis_prefix():
    prefix = new_prefix()
    with override_settings(CACHES=redis_cache(REDIS_URL, key_prefix=prefix)):
        yield prefix
    delete_keys(prefix)


@pytest.fixture
def other_process(redis_prefix):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-c", OTHER_PROCESS, REDIS_URL, redis_prefix],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    first = process.stdout.readline().strip()
    if first != "ready":
        process.kill()
        pytest.fail(f"the second process did not start: {first} {process.stderr.read()}")

    def mark(name: str) -> bool:
        process.stdin.write(name + "\n")
        process.stdin.flush()
        answer = process.stdout.readline().strip()
        assert answer in ("True", "False"), answer + process.stderr.read()
        return answer == "True"

    yield mark
    process.stdin.close()
    assert process.wait(timeout=60) == 0, process.stderr.read()


def test_the_settings_reach_the_real_redis(redis_prefix):
    cache = caches["default"]
    assert type(cache).__name__ == "RedisCache"
    cache.set("probe", "verdi", 30)
    assert cache.get("probe") == "verdi"


def test_a_second_process_sees_the_first_ones_marker_and_does_not_build_again(other_process):
    name = "ksi_courses/pdf/test-booklet.pdf"
    assert mark_building(name) is True  # this process schedules the build
    assert other_process(name) is False  # the other app server sees it is being built
    assert mark_building(name) is False
    caches["default"].delete(building_key(name))  # what the build task does when it is done
    assert other_process(name) is True  # now the other process may schedule it again
    assert mark_building(name) is False  # ... and this one sees that


def test_markers_of_other_pdfs_and_other_sites_are_separate(redis_prefix, other_process):
    assert mark_building("ksi_courses/pdf/a.pdf") is True
    assert other_process("ksi_courses/pdf/b.pdf") is True
    # Another site on the same Redis (another key prefix) has its own markers.
    with override_settings(CACHES=redis_cache(REDIS_URL, key_prefix=redis_prefix + "-other-site")):
        try:
            assert mark_building("ksi_courses/pdf/a.pdf") is True
        finally:
            delete_keys(redis_prefix + "-other-site")


def test_the_media_generation_counts_on_in_redis_and_restarts_above_a_lost_number(redis_prefix):
    """The number in the keys of cached pages (ksi_courses.media_generation) is moved on with
    Redis's own INCR (an error if the stored value were not a plain integer)."""
    from ksi_courses.media_generation import KEY, media_changed, media_generation

    first = media_generation()
    media_changed()
    media_changed()
    assert media_generation() == first + 2
    caches["default"].delete(KEY)
    media_changed()
    assert media_generation() > first + 2

"""``scripts/production`` starts the production stack and stops it cleanly: gunicorn with two workers
on a free port, a db_worker, a fresh PostgreSQL database of this test's own and the real Redis; the
health check passes and a lesson page is served. PostgreSQL or Redis being down fails the test.

The fresh database is a copy of a migrated template database, made once per set of migrations
(``migrate`` on an empty PostgreSQL database alone takes longer than this test should); the stack
still runs its own ``migrate``, ``collectstatic`` and course import before it serves.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from importlib.metadata import version

import psycopg
import pytest
import requests

from tests.paths import MINI_COURSE, TESTS_DIR
from tests.production.redis_server import REDIS_URL, delete_keys, new_prefix

pytestmark = pytest.mark.slow

REPO = TESTS_DIR.parent
SERVER = "postgres://postgres@127.0.0.1:5432"
MIGRATIONS = ("ksi_courses/migrations", "ksi_courses/teaching/migrations")


def psql(sql: str) -> list[tuple]:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


def template_name() -> str:
    """Named after the migrations it holds: ksi-courses' own files and the versions of the apps it migrates."""
    digest = hashlib.sha256()
    for folder in MIGRATIONS:
        for path in sorted((REPO / folder).glob("*.py")):
            digest.update(path.name.encode() + path.read_bytes())
    for package in ("Django", "wagtail", "django-tasks-db", "django-axes"):
        digest.update(version(package).encode())
    return f"ksi_prodstack_template_{digest.hexdigest()[:12]}"


def stack_env(database: str, **extra) -> dict:
    return {
        **{name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "KSI_"))},
        "DJANGO_SECRET_KEY": "production-stack-test-" + "x" * 40,
        "DATABASE_URL": f"{SERVER}/{database}",
        "REDIS_URL": REDIS_URL,
        "PYTHONPATH": str(REPO),
        **extra,
    }


@pytest.fixture(scope="module")
def template():
    name = template_name()
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        for (old,) in psql("SELECT datname FROM pg_database WHERE datname LIKE 'ksi_prodstack_template_%'"):
            psql(f'DROP DATABASE "{old}"')
        psql(f'CREATE DATABASE "{name}_building"')
        prefix = new_prefix()
        env = stack_env(f"{name}_building", DJANGO_SETTINGS_MODULE="demo.demo_site.production", KSI_CACHE_KEY_PREFIX=prefix)
        done = subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"], env=env, cwd=REPO, capture_output=True, text=True
        )
        delete_keys(prefix)
        if done.returncode:
            psql(f'DROP DATABASE "{name}_building"')
            pytest.fail(f"migrating the template database failed:\n{done.stderr}")
        psql(f'ALTER DATABASE "{name}_building" RENAME TO "{name}"')  # only a complete template gets the name
    return name


@pytest.fixture
def database(template):
    name = f"ksi_prodstack_test_{os.getpid()}"
    psql(f'DROP DATABASE IF EXISTS "{name}"')
    psql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield name
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def lesson_url(database: str) -> tuple[str, str]:
    """The URL and title of an imported lesson (the site's root page is the first part of its path)."""
    with psycopg.connect(f"{SERVER}/{database}") as connection:
        url_path, title = connection.execute(
            "SELECT url_path, title FROM wagtailcore_page JOIN ksi_courses_lessonpage ON page_ptr_id = id "
            "ORDER BY path LIMIT 1"
        ).fetchone()
    return "/" + url_path.strip("/").split("/", 1)[1] + "/", title


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_production_stack_starts_serves_and_stops(database, tmp_path):
    port, prefix = free_port(), new_prefix()
    env = stack_env(
        database,
        KSI_PORT=str(port),
        KSI_WEB_WORKERS="2",
        KSI_THREADS="2",
        KSI_TASK_WORKERS="1",
        KSI_IMPORT_ARGS=f"--path {MINI_COURSE}",
        KSI_MEDIA_ROOT=str(tmp_path / "media"),
        KSI_STATIC_ROOT=str(tmp_path / "static"),
        KSI_CACHE_KEY_PREFIX=prefix,
    )
    log = tmp_path / "stack.log"
    with log.open("w") as output:
        stack = subprocess.Popen(
            ["bash", str(REPO / "scripts" / "production")], env=env, cwd=REPO, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while "production: ready at" not in log.read_text():
            assert stack.poll() is None, f"scripts/production stopped (exit {stack.returncode}):\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the stack was not ready within ten minutes:\n{log.read_text()}"
            time.sleep(0.5)
        # The processes of the stack: gunicorn's master and its two workers, the db_worker.
        processes = subprocess.run(["pgrep", "-g", str(stack.pid), "-a"], capture_output=True, text=True).stdout
        assert processes.count("gunicorn") == 3 and processes.count("db_worker") == 1, processes

        health = requests.get(f"{base}/health/?format=json", timeout=60)
        assert health.status_code == 200, health.text
        results = {name.split("(")[0]: status for name, status in health.json().items()}
        assert results == dict.fromkeys(("Database", "Cache", "Storage", "RestrictedStorage", "TaskQueue"), "OK")

        url, title = lesson_url(database)
        # Without the proxy's header the site sends plain HTTP to HTTPS; the proxy (here: this test) sets it.
        assert requests.get(base + url, allow_redirects=False, timeout=60).status_code == 301
        lesson = requests.get(base + url, headers={"X-Forwarded-Proto": "https"}, timeout=60)
        assert lesson.status_code == 200 and f"<h1>{title}</h1>" in lesson.text, lesson.text[:500]
        assert "Strict-Transport-Security" in lesson.headers
    finally:
        stack.send_signal(signal.SIGTERM)
        try:
            stack.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(stack.pid, signal.SIGKILL)
            pytest.fail(f"the stack did not stop within 60 s of SIGTERM:\n{log.read_text()}")
        finally:
            delete_keys(prefix)
    assert stack.returncode == 0, log.read_text()
    assert not group_alive(stack.pid), subprocess.run(["pgrep", "-g", str(stack.pid), "-a"], capture_output=True, text=True).stdout
